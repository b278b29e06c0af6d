"""The search session as a reader drives it: one plan and one text search per keystroke,
keys that agree, a bookmark that does not search again, Enter that opens an event.

The event database's statements are counted with SQLite's trace callback on
the search thread's connection; the library's on the library's connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import open_window
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from explorer.app import Kroniek
from explorer.core.events import query as query_module
from explorer.ui.search import worker

Statements = list[str]


@pytest.fixture
def traced(monkeypatch: pytest.MonkeyPatch) -> Statements:
    """Every statement the search thread runs, from here on."""
    statements: Statements = []
    real = worker.connect_readonly

    def connect(path: Path) -> sqlite3.Connection:
        conn = real(path)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(worker, "connect_readonly", connect)
    return statements


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The search texts parsed (planned), anywhere, from here on."""
    texts: list[str] = []
    real = query_module.parse_text

    def parse(text: str, **kwargs: Any) -> query_module.ParsedQuery:
        texts.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(query_module, "parse_text", parse)
    return texts


@pytest.fixture
def kroniek(qtbot: QtBot, traced: Statements, parses: list[str]) -> Iterator[Kroniek]:
    k = open_window(qtbot)
    qtbot.waitUntil(lambda: not k.session.busy())
    yield k
    k.close()


def type_key(qtbot: QtBot, k: Kroniek, key: str) -> None:
    with qtbot.waitSignal(k.session.search_finished, timeout=10000):
        qtbot.keyClick(k.window.search_field, key)
    qtbot.waitUntil(lambda: not k.session.busy())


def top_level(statements: Statements) -> list[str]:
    """Statements the code ran (SQLite reports its own nested ones, e.g. FTS5's, as "-- ...")."""
    return [s for s in statements if not s.startswith("--")]


def fts(statements: Statements) -> list[str]:
    return [s for s in top_level(statements) if "MATCH" in s.upper()]


def test_the_window_submits_its_first_search_once(kroniek: Kroniek) -> None:
    assert kroniek.searches.generation == 1


@pytest.mark.parametrize("sort", ["date", "relevance"])
def test_each_keystroke_plans_once_and_runs_one_text_search(
    qtbot: QtBot, kroniek: Kroniek, traced: Statements, parses: list[str], sort: str
) -> None:
    box = kroniek.window.sort_box
    if box.currentData() != sort:
        with qtbot.waitSignal(kroniek.session.search_finished, timeout=10000):
            box.setCurrentIndex(box.findData(sort))
    for typed in "Kharkiv":
        traced.clear()
        parses.clear()
        type_key(qtbot, kroniek, typed)
        assert len(parses) == 1, parses
        # One letter searches nothing; from two letters on, one FTS5 query serves
        # the list and the facet counts together.
        assert len(fts(traced)) == (0 if typed == "K" else 1), fts(traced)
    assert 5 <= kroniek.model.rowCount() < kroniek.presenter.total


def test_with_a_filter_the_list_still_runs_one_text_search(
    qtbot: QtBot, kroniek: Kroniek, traced: Statements
) -> None:
    with qtbot.waitSignal(kroniek.session.search_finished, timeout=10000):
        kroniek.session.toggle_facet("place", "country:UA")
    for typed in "Kh":
        traced.clear()
        type_key(qtbot, kroniek, typed)
    searches = fts(traced)
    # The list's statement, and the counts' one (they need the matches without the filter).
    counting = [s for s in searches if s.startswith("SELECT rowid FROM events_fts")]
    assert len(searches) - len(counting) == 1 and len(counting) <= 1, searches


def test_a_keystroke_reads_the_library_once(qtbot: QtBot, kroniek: Kroniek) -> None:
    library_statements: Statements = []
    kroniek.librarian.library.conn.set_trace_callback(library_statements.append)
    type_key(qtbot, kroniek, "K")
    assert library_statements == []  # one letter: nothing to search for in notes either
    type_key(qtbot, kroniek, "h")
    assert len(top_level(library_statements)) == 1, library_statements


def test_a_bookmark_updates_marks_and_counts_without_searching_again(
    qtbot: QtBot, kroniek: Kroniek, traced: Statements
) -> None:
    window, session = kroniek.window, kroniek.session
    for typed in "Kharkiv":
        type_key(qtbot, kroniek, typed)
    listed = [kroniek.model.event_id(r) for r in range(kroniek.model.rowCount())]
    session.select(listed[0])
    traced.clear()
    with qtbot.waitSignal(session.search_finished, timeout=10000):
        qtbot.mouseClick(window.annotations.star, Qt.MouseButton.LeftButton)
    assert fts(traced) == []
    assert [kroniek.model.event_id(r) for r in range(kroniek.model.rowCount())] == listed
    assert str(kroniek.model.data(kroniek.model.index(0, 1))).startswith("★")
    item = window.facets.find_item("mine", "bookmarked")
    assert item is not None and item.text(1) == "1"


def step_with(qtbot: QtBot, k: Kroniek, start: str, press: Callable[[], None]) -> str:
    k.session.select(start)
    press()
    qtbot.waitUntil(lambda: k.session.selected != start)
    return k.session.selected


def test_the_next_event_keys_agree_after_a_search(qtbot: QtBot, kroniek: Kroniek) -> None:
    window = kroniek.window
    window.activateWindow()
    for typed in "Kharkiv":
        type_key(qtbot, kroniek, typed)
    matches = {kroniek.model.event_id(r) for r in range(kroniek.model.rowCount())}
    # A match early in time, so there is a next one to step to.
    start = min(matches, key=lambda i: kroniek.data.index_of(i) or 0)
    window.timeline.setFocus()
    bracket = step_with(
        qtbot, kroniek, start, lambda: qtbot.keyClick(window.timeline, Qt.Key.Key_BracketRight)
    )
    control = step_with(
        qtbot, kroniek, start,
        lambda: qtbot.keyClick(window.timeline, Qt.Key.Key_BracketRight,
                               Qt.KeyboardModifier.ControlModifier),
    )  # fmt: skip
    button = step_with(
        qtbot, kroniek, start,
        lambda: qtbot.mouseClick(window.detail.next_button, Qt.MouseButton.LeftButton),
    )  # fmt: skip
    assert bracket == control == button
    assert bracket in matches  # the next *match*, not the next event of the article
    index = kroniek.data.index_of(bracket)
    assert index is not None and index > (kroniek.data.index_of(start) or 0)


def test_enter_on_a_timeline_event_opens_it(qtbot: QtBot, kroniek: Kroniek) -> None:
    window, session = kroniek.window, kroniek.session
    for typed in "Przewodow":
        type_key(qtbot, kroniek, typed)
    event_id = kroniek.model.event_id(0)
    session.select(event_id)
    window.timeline.fit_all()
    wide = window.timeline.view()
    window.timeline.setFocus()
    qtbot.keyClick(window.timeline, Qt.Key.Key_Return)
    t0, t1 = window.timeline.view()
    index = kroniek.data.index_of(event_id)
    assert index is not None
    assert t1 - t0 < (wide[1] - wide[0]) / 10  # zoomed in on it...
    assert t0 <= kroniek.data.day_min[index] <= t1  # ...with the event in view
    assert "Przew" in window.detail.plain_text()
