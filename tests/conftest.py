"""Test setup: no display, no real home folder, English unless a test says so."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from explorer import i18n, paths
from explorer.core.article.text import ArticleText, load_article
from explorer.core.events.store import Event, EventStore

if TYPE_CHECKING:
    from explorer.app import Kroniek

# Property tests replay: in CI every run draws the same examples (derandomize)
# and a failure prints the blob that reproduces it (@reproduce_failure), since
# CI keeps no .hypothesis/ database. Locally they explore new examples each run.
# No deadline: a loaded two-core machine must not turn a slow example red.
settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None)
settings.register_profile("dev", print_blob=True, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def shared(*parts: str) -> Path:
    """A path in ``../shared`` (the evaluation samples beside the repository).

    CI always runs with ``../shared`` present, so there its absence fails the
    test with a message saying so; on a developer's machine without it the
    test is skipped.
    """
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = f"{path} is missing: the evaluation samples must lie in ../shared"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


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


@pytest.fixture
def store(bundled_db: Path) -> Iterator[EventStore]:
    """The bundled event database, opened as the app opens it."""
    opened = EventStore(bundled_db)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def bundled_store(bundled_db: Path) -> Iterator[EventStore]:
    """The bundled event database, one per test module (for tests that only read it)."""
    opened = EventStore(bundled_db)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def article(bundled_store: EventStore) -> ArticleText:
    """The bundled database's article, as the reading pane loads it."""
    loaded = load_article(bundled_store.conn)
    assert loaded is not None
    return loaded


def first_events(store: EventStore, n: int) -> list[Event]:
    """The first *n* events of the article, in reading order."""
    ids = [r[0] for r in store.conn.execute("SELECT id FROM events ORDER BY seq LIMIT ?", (n,))]
    found = store.events(ids)
    return [found[i] for i in ids]


def open_window(qtbot: Any, lang: str | None = "en", **kwargs: Any) -> Kroniek:
    """Build Kroniek's window on the bundled database, show it, wait for the first search."""
    from explorer.app import build

    k = build(paths.bundled_db(), lang, **kwargs)
    qtbot.addWidget(k.window)
    k.window.resize(1400, 900)
    with qtbot.waitExposed(k.window):
        k.window.show()
    if k.session.busy():  # build() waits for the first search, but not forever
        with qtbot.waitSignal(k.session.search_finished, timeout=10000):
            pass
    return k
