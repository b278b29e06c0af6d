"""Test setup: no display, no real home folder, English unless a test says so."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from explorer import i18n, paths

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Every test gets its own user-data folder and starts in English."""
    data = tmp_path_factory.mktemp("kroniek-data")
    monkeypatch.setenv("HOME", str(data / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(data / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(data / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(data / "xdg-cache"))
    paths.set_data_dir(data)
    i18n.set_language("en")
    yield
    paths.set_data_dir(None)


@pytest.fixture(scope="session")
def bundled_db() -> Path:
    return paths.bundled_db()
