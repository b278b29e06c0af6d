"""The Linux desktop entry, AppStream metadata, icons and the per-user install scripts."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from explorer import __version__

REPO = Path(__file__).resolve().parent.parent
LINUX = REPO / "packaging" / "linux"
DESKTOP = LINUX / "kroniek.desktop"
APP_ID = "io.github.kroniek.Kroniek"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICONS = REPO / "resources" / "icons"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: apt-get install {_PACKAGES[name]})")
    return path


_PACKAGES = {"desktop-file-validate": "desktop-file-utils", "appstreamcli": "appstream"}


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_validates() -> None:
    result = subprocess.run(
        [_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr


def test_desktop_entry_is_dutch_and_english() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "kroniek"
    assert entry["Icon"] == "kroniek"
    assert {"Education", "History"} <= set(entry["Categories"].strip(";").split(";"))
    for key in ("Name", "GenericName", "Comment", "Keywords"):
        for lang in ("nl", "en"):
            assert entry[f"{key}[{lang}]"].strip(), f"{key}[{lang}]"
    assert entry["GenericName[nl]"] != entry["GenericName[en]"]
    assert "Oekraïne" in entry["Comment[nl]"]


def test_metainfo_validates() -> None:
    result = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_content() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    assert root.findtext("launchable") == DESKTOP.name
    for tag in ("summary", "description/p"):
        langs = {element.get(XML_LANG) for element in root.findall(tag)}
        assert {None, "nl"} <= langs, tag
    releases = [r.get("version") for r in root.findall("releases/release")]
    assert __version__ in releases
    assert root.find("content_rating") is not None
    images = root.findall("screenshots/screenshot/image")
    assert len(images) >= 3
    for image in images:
        name = (image.text or "").rsplit("/", 1)[-1]
        shot = REPO / "docs" / "screenshots" / name
        assert shot.is_file(), f"{name} is not in docs/screenshots"
        size = (int(image.get("width", 0)), int(image.get("height", 0)))
        assert png_size(shot.read_bytes()) == size == (1600, 1000)


def test_icons_exist_at_every_size() -> None:
    svg = ET.parse(ICONS / "kroniek.svg").getroot()
    assert svg.get("viewBox") == "0 0 64 64"
    for size in ICON_SIZES:
        png = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "kroniek.png"
        assert png_size(png.read_bytes()) == (size, size), png
    assert (ICONS / "kroniek.ico").read_bytes()[:4] == b"\0\0\1\0"
    assert (ICONS / "kroniek.icns").read_bytes()[:4] == b"icns"


def _script_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "share"), KRONIEK_INSTALL_SKIP_APP="1")
    return env


def test_install_and_uninstall_for_one_user(tmp_path: Path) -> None:
    home = tmp_path / "home"
    data = home / "share"
    (data / "applications").mkdir(parents=True)
    other = data / "applications" / "other.desktop"
    other.write_text("[Desktop Entry]\n", encoding="utf-8")
    env = _script_env(home)
    result = subprocess.run(
        ["sh", str(LINUX / "install.sh")], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    expected = [
        data / "applications" / "kroniek.desktop",
        data / "metainfo" / f"{APP_ID}.metainfo.xml",
        data / "icons" / "hicolor" / "scalable" / "apps" / "kroniek.svg",
        *(data / "icons" / "hicolor" / f"{s}x{s}" / "apps" / "kroniek.png" for s in ICON_SIZES),
    ]
    for path in expected:
        assert path.is_file(), path
    assert (data / "applications" / "kroniek.desktop").read_bytes() == DESKTOP.read_bytes()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(
            ["desktop-file-validate", str(data / "applications" / "kroniek.desktop")],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stdout

    result = subprocess.run(
        ["sh", str(LINUX / "uninstall.sh")], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for path in expected:
        assert not path.exists(), path
    assert not (data / "kroniek").exists()
    assert not (data / "icons").exists()  # emptied folders go too
    assert other.is_file()  # other applications are left alone
    # A second uninstall says so and changes nothing.
    again = subprocess.run(
        ["sh", str(LINUX / "uninstall.sh")], env=env, capture_output=True, text=True, timeout=120
    )
    assert again.returncode == 1 and "not installed" in again.stderr
