"""The wheel, installed into a clean virtual environment outside the repository, is the app.

How the environment is made: the wheel is built with ``python -m build --wheel``
from a copy of the source tree in a temporary folder (so stale ``build/`` output
or other people's work in the checkout cannot leak in), and a fresh
``python -m venv`` outside the repository installs it with ``pip install
WHEEL`` -- dependencies included, resolved from the configured package index
exactly as a user's install would be. No ``--no-deps``, no ``.pth`` into the
development environment: the wheel's declared dependencies are part of what is
tested. With pip's cache warm (CI has just installed the same packages in
``.ci/run``) building and installing take about 15 s; with a cold cache pip
downloads about 150 MB (PySide6-Essentials, NumPy) first.

Every command then runs from a working directory outside the repository, with
its own HOME, and must find the database, catalogues and icons inside the
installed package.
"""

from __future__ import annotations

import gettext
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer import __version__

# Building the wheel (an isolated build environment) and installing it (its
# dependencies) fetch packages from the index, and take tens of seconds.
pytestmark = [pytest.mark.network, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)
TIMEOUT = 900  # seconds for pip on a cold cache; each kroniek command takes ~1 s

# Never copied into the build: version control, environments, caches, build output.
_SKIP_ANYWHERE = {
    ".git",
    ".venv",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
}
_SKIP_PATHS = {
    "build",
    "dist",
    "bench/data",
    "packaging/pyinstaller/build",
    "packaging/pyinstaller/dist",
}


def _ignore(folder: str, names: list[str]) -> set[str]:
    rel = Path(folder).relative_to(REPO)
    skipped = set()
    for name in names:
        path = (rel / name).as_posix()
        if (
            name in _SKIP_ANYWHERE
            or path in _SKIP_PATHS
            or name.endswith(".egg-info")
            or name.startswith(".kroniek-build-")
        ):
            skipped.add(name)
    return skipped


def _run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, **kwargs)  # type: ignore[call-overload]
    assert result.returncode == 0, (
        f"{' '.join(map(str, cmd))} exited {result.returncode}\n"
        f"--- stdout\n{result.stdout[-3000:]}\n--- stderr\n{result.stderr[-3000:]}"
    )
    return result  # type: ignore[no-any-return]


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source") / "kroniek"
    shutil.copytree(REPO, source, ignore=_ignore, symlinks=True)
    out = tmp_path_factory.mktemp("wheel")
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(source)], env=env)
    (built,) = out.glob("kroniek-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("install") / "venv"
    assert REPO not in target.parents
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    _run([sys.executable, "-m", "venv", str(target)], env=env)
    _run([str(target / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)], env=env)
    return target


def _package_dir(venv: Path) -> Path:
    (site,) = (venv / "lib").glob("python3.*/site-packages")
    return site / "explorer"


def _user_env(home: Path) -> dict[str, str]:
    """The environment of a user whose home folder is *home*, far from the repository."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
        and not (k.startswith("XDG_") and k.endswith("_HOME"))
    }
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8")
    return env


@pytest.fixture
def user(tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """A working directory outside the repository and the environment to run in."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    assert REPO not in cwd.parents
    yield cwd, _user_env(home)


def _wheel_files(wheel: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_wheel_contains_the_data_and_nothing_else(wheel: Path) -> None:
    files = _wheel_files(wheel)
    names = list(files)
    assert "explorer/dbdata/kroniek.db" in names
    assert "explorer/dbdata/nlwiki-russische-invasie-van-oekraine.txt" in names
    for lang in ("nl", "en"):
        mo = f"explorer/resources/translations/{lang}/LC_MESSAGES/kroniek.mo"
        assert mo in names
        catalogue = gettext.GNUTranslations(io.BytesIO(files[mo]))
        assert catalogue.info().get("language", lang).startswith(lang)
    assert "explorer/resources/icons/kroniek.svg" in names
    for size in ICON_SIZES:
        png = f"explorer/resources/icons/hicolor/{size}x{size}/apps/kroniek.png"
        assert png in names, f"{png} missing: see the package-data globs in pyproject.toml"
        assert png_size(files[png]) == (size, size)
    assert any(n.endswith("/LICENSE") and ".dist-info/" in n for n in names)
    unwanted = [
        n
        for n in names
        if n.split("/")[0] in ("tests", "bench", "docs", "packaging", "db", "resources")
        or "__pycache__" in n
        or n.endswith((".pyc", ".pyo"))
        or any(
            part.startswith((".pytest", ".mypy", ".ruff", ".hypothesis")) for part in n.split("/")
        )
        or ".egg-info/" in n
    ]
    assert unwanted == []


def test_installed_info_reports_the_packaged_database(
    venv: Path, user: tuple[Path, dict[str, str]]
) -> None:
    cwd, env = user
    out = _run([str(venv / "bin" / "kroniek"), "info", "--json"], cwd=cwd, env=env).stdout
    info = json.loads(out)
    db = Path(info["db_path"]).resolve()
    assert db == (_package_dir(venv) / "dbdata" / "kroniek.db").resolve()
    assert REPO not in db.parents
    assert info["events"] > 500
    assert info["source"]["licence"] == "CC BY-SA 4.0"
    # Translations and icons come from the package too, not from a checkout.
    code = "from explorer import paths; print(paths.translations_dir(), paths.resources_dir())"
    python = str(venv / "bin" / "python")
    where = _run([python, "-c", code], cwd=cwd, env=env).stdout.split()
    for folder in map(Path, where):
        assert _package_dir(venv) in folder.resolve().parents


def test_installed_version(venv: Path, user: tuple[Path, dict[str, str]]) -> None:
    cwd, env = user
    out = _run([str(venv / "bin" / "kroniek"), "--version"], cwd=cwd, env=env).stdout
    assert out.strip() == f"kroniek {__version__}"


def test_installed_screenshot(venv: Path, user: tuple[Path, dict[str, str]]) -> None:
    cwd, env = user
    _run(
        [str(venv / "bin" / "kroniek"), "--screenshot", "out.png", "--lang", "nl",
         "--size", "1200x800"],
        cwd=cwd, env=env,
    )  # fmt: skip
    data = (cwd / "out.png").read_bytes()
    assert len(data) > 50_000
    assert png_size(data) == (1200, 800)


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of everything below *folder* (a new file in a
    folder changes the folder's time)."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted([folder, *folder.rglob("*")])
    }


# Where Kroniek may write below HOME (platformdirs on Linux), and the font cache
# that the system's fontconfig, not Kroniek, may create on first use.
_ALLOWED = (".local/share/Kroniek", ".config/Kroniek", ".cache/Kroniek", ".local/state/Kroniek",
            ".cache/fontconfig")  # fmt: skip


def test_runs_from_a_read_only_install_and_writes_only_user_folders(
    venv: Path, user: tuple[Path, dict[str, str]]
) -> None:
    cwd, env = user
    home = Path(env["HOME"])
    package = _package_dir(venv)
    before = _snapshot(venv)
    subprocess.run(["chmod", "-R", "a-w", str(package)], check=True)
    try:
        kroniek = str(venv / "bin" / "kroniek")
        info = json.loads(_run([kroniek, "info", "--json"], cwd=cwd, env=env).stdout)
        assert info["events"] > 500
        _run([kroniek, "search", "Marioepol", "--json"], cwd=cwd, env=env)
        _run([kroniek, "--screenshot", "shot.png", "--query", "Marioepol"], cwd=cwd, env=env)
        assert (cwd / "shot.png").stat().st_size > 50_000
        # Root ignores the write bits, so compare instead: nothing in the
        # environment (package, metadata, byte code) may have changed.
        after = _snapshot(venv)
        changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        assert changed == set(), f"written inside the installation: {sorted(changed)}"
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(package)], check=True)
    assert sorted(p.name for p in cwd.iterdir()) == ["shot.png"]
    written = [p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file()]
    outside = [p for p in written if not any(p == a or p.startswith(a + "/") for a in _ALLOWED)]
    assert outside == [], f"written outside Kroniek's user folders: {outside}"
    assert (home / ".config" / "Kroniek").is_dir()  # the settings went to the user's folder


def test_linux_install_script_installs_a_working_app(wheel: Path, tmp_path: Path) -> None:
    """packaging/linux/install.sh with the wheel: a venv, a link, a menu entry that starts it."""
    home = tmp_path / "home"
    env = _user_env(home)
    env["PYTHON"] = sys.executable
    script = REPO / "packaging" / "linux"
    _run(["sh", str(script / "install.sh"), str(wheel)], cwd=tmp_path, env=env)
    data = home / ".local" / "share"
    entry = (data / "applications" / "kroniek.desktop").read_text(encoding="utf-8")
    (exec_line,) = [line for line in entry.splitlines() if line.startswith("Exec=")]
    program = Path(exec_line.removeprefix("Exec="))
    assert program == data / "kroniek" / "venv" / "bin" / "kroniek"
    assert (
        _run([str(program), "--version"], cwd=tmp_path, env=env)
        .stdout.strip()
        .endswith(__version__)
    )
    assert (home / ".local" / "bin" / "kroniek").resolve() == program.resolve()
    _run(["sh", str(script / "uninstall.sh")], cwd=tmp_path, env=env)
    assert not (data / "kroniek").exists()
    assert not (home / ".local" / "bin" / "kroniek").exists()
    assert not (data / "applications" / "kroniek.desktop").exists()
