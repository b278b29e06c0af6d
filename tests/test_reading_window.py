"""The reading pane in the window, driven as a reader drives it: keys, clicks, scrolling.

Issue 18's "done when": a click on a marked sentence selects the event in the
list and on the timeline; selecting in the list scrolls the text to the
sentence; scrolling the text moves the "reading here" band on the timeline;
a search is highlighted in the text; a note made from a selection stands in
the margin and in the library.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot
from reading_helpers import index_of, on_screen, point_in

from explorer import i18n
from explorer.app import Kroniek
from explorer.core.article.text import ArticleText
from explorer.ui.reading.pane import ReadingPane
from explorer.ui.reading.view import HIGHLIGHT
from tests.conftest import open_window


@pytest.fixture
def kroniek(qtbot: QtBot) -> Iterator[Kroniek]:
    k = open_window(qtbot)
    yield k
    k.close()


def open_reading(qtbot: QtBot, k: Kroniek) -> ReadingPane:
    """Ctrl+R, as a reader opens the pane."""
    k.window.activateWindow()
    with qtbot.waitSignal(k.reading.dock.visibilityChanged):
        qtbot.keyClick(k.window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert k.reading.is_open() and k.reading.pane.article() is not None
    return k.reading.pane


def article_of(pane: ReadingPane) -> ArticleText:
    article = pane.article()
    assert article is not None
    return article


def event_at(article: ArticleText, index: int) -> str:
    mark = article.pieces[index].event
    assert mark is not None, f"piece {index} is no event sentence"
    return mark.id


def listed_selection(k: Kroniek) -> str:
    rows = k.window.results.selectionModel().selectedRows()
    return k.model.event_id(rows[0].row()) if rows else ""


def test_ctrl_r_opens_the_pane_and_only_then_reads_the_article(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    assert not kroniek.reading.dock.isVisible()
    assert not kroniek.reading.dock.has_pane()  # a cold start pays for neither the pane
    assert not kroniek.reading.is_loaded()  # nor the article
    pane = open_reading(qtbot, kroniek)
    assert pane.view.hasFocus()  # Ctrl+R takes the keyboard to the text
    assert kroniek.reading.dock.act_show.text() == "&Reading pane"
    assert kroniek.window.timeline.reading_span() is not None  # reading here, from the start
    with qtbot.waitSignal(kroniek.reading.dock.visibilityChanged):
        qtbot.keyClick(kroniek.window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert not kroniek.reading.dock.isVisible()
    assert kroniek.window.timeline.reading_span() is None  # no band for a closed pane
    assert kroniek.window.overview.reading_span() is None


def test_clicking_a_marked_sentence_selects_the_event_in_the_list_and_on_the_timeline(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    pane = open_reading(qtbot, kroniek)
    article = article_of(pane)
    index = index_of(article, "Rusland begon in 2021")
    event_id = event_at(article, index)
    pane.view.scroll_to_piece(index)
    before = pane.view.verticalScrollBar().value()
    with qtbot.waitSignal(kroniek.session.selection_changed) as selected:
        qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton,
                         pos=point_in(pane, index))  # fmt: skip
    assert selected.args == [event_id]
    assert kroniek.window.timeline.selected_id() == event_id
    assert listed_selection(kroniek) == event_id
    # The text stays where the reader clicked it; it does not jump.
    assert pane.view.verticalScrollBar().value() == before
    # Selecting nothing (Escape in the list's search, a cleared search) unmarks it.
    with qtbot.waitSignal(kroniek.session.selection_changed):
        kroniek.session.select("")
    assert pane.view.current is None
    assert pane.view.verticalScrollBar().value() == before


def test_selecting_an_event_in_the_list_scrolls_the_text_to_its_sentence(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    pane = open_reading(qtbot, kroniek)
    article = article_of(pane)
    late = [i for i, p in enumerate(article.pieces) if p.event is not None][-40]
    event_id = event_at(article, late)
    assert not on_screen(pane, late)
    results = kroniek.window.results
    row = kroniek.model.row_of(event_id)
    assert row >= 0
    index = kroniek.model.index(row, 1)
    results.scrollTo(index)
    with qtbot.waitSignal(kroniek.session.selection_changed):
        qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton,
                         pos=results.visualRect(index).center())  # fmt: skip
    assert kroniek.session.selected == event_id
    assert pane.view.current == event_id
    # (the jump lands again once Qt has finished laying out the text it reflowed)
    qtbot.waitUntil(lambda: on_screen(pane, late))
    # ... and from the keyboard: the next row's sentence comes into view too.
    following = kroniek.model.event_id(row + 1)
    piece = article.of_event(following)
    with qtbot.waitSignal(kroniek.session.selection_changed):
        qtbot.keyClick(results, Qt.Key.Key_Down)
    assert pane.view.current == following
    if piece is not None:
        qtbot.waitUntil(lambda: on_screen(pane, article.index(piece.seq)))


def test_scrolling_the_text_moves_the_reading_band_on_the_timeline_and_overview(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    pane = open_reading(qtbot, kroniek)
    article = article_of(pane)
    start = index_of(article, "Na de val van de Berlijnse muur")
    kroniek.session.select(event_at(article, start))
    timeline, overview = kroniek.window.timeline, kroniek.window.overview
    qtbot.waitUntil(lambda: timeline.reading_span() is not None)
    before = timeline.reading_span()
    assert before is not None
    pane.view.setFocus()
    for _page in range(15):
        with qtbot.waitSignal(pane.view.verticalScrollBar().valueChanged):
            qtbot.keyClick(pane.view, Qt.Key.Key_PageDown)
        now = timeline.reading_span()
        if now is not None and now[0] > before[0]:
            break
    now = timeline.reading_span()
    assert now is not None and now[0] > before[0], "paging down reads later dates"
    assert overview.reading_span() == now
    first, last = pane.reading_span() or (0, 0)
    assert now == (float(first), float(last + 1))  # the days on screen, end exclusive


def test_a_search_is_highlighted_in_the_text_and_its_misses_are_faded(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    pane = open_reading(qtbot, kroniek)
    with qtbot.waitSignal(kroniek.session.search_finished, timeout=10000):
        qtbot.keyClicks(kroniek.window.search_field, "Kharkiv")
    found = {kroniek.model.event_id(r) for r in range(kroniek.model.rowCount())}
    assert found
    hit = next(i for i in found if article_of(pane).of_event(i) is not None)
    with qtbot.waitSignal(kroniek.session.selection_changed):
        kroniek.session.select(hit)
    marked = [
        s.cursor.selectedText()
        for s in pane.view.extraSelections()
        if s.format.background().color() == HIGHLIGHT
    ]
    assert "Charkov" in marked  # the English name finds the Dutch text
    assert pane.view.matched and pane.view.matched <= found
    assert pane.view.dimmed and not pane.view.dimmed & found
    with qtbot.waitSignal(kroniek.session.search_finished, timeout=10000):
        kroniek.window.search_field.clear()
    assert not pane.view.matched and not pane.view.dimmed
    assert not any(s.format.background().color() == HIGHLIGHT
                   for s in pane.view.extraSelections())  # fmt: skip


def test_a_note_on_selected_text_stands_in_the_margin_and_in_the_library(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    pane = open_reading(qtbot, kroniek)
    article = article_of(pane)
    index = index_of(article, "Rusland begon in 2021")
    event_id = event_at(article, index)
    pane.view.scroll_to_piece(index)
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane.view.positions.starts[index])
    cursor.setPosition(pane.view.positions.starts[index] + 20, QTextCursor.MoveMode.KeepAnchor)
    pane.view.setTextCursor(cursor)
    quote = cursor.selectedText()
    lib = kroniek.librarian
    with qtbot.waitSignal(lib.changed, timeout=5000):
        qtbot.mouseClick(pane.note_button, Qt.MouseButton.LeftButton)
    assert kroniek.session.selected == event_id
    assert [n.body.strip() for n in lib.library.notes.all(event_id)] == [f"“{quote}”"]
    assert quote in pane.margin_note(event_id)
    assert kroniek.window.library_panel.notes.count() == 1
    # Typing on in the editor keeps the margin up to date.
    editor = kroniek.window.annotations.editors[-1]
    assert editor.edit.hasFocus()
    with qtbot.waitSignal(lib.changed, timeout=5000):
        qtbot.keyClicks(editor.edit, "bron nagaan")
    assert pane.margin_note(event_id).endswith("bron nagaan")
    # A bookmark shows as a star beside the note.
    with qtbot.waitSignal(lib.changed):
        kroniek.window.act_bookmark.trigger()
    assert pane.margin_note(event_id).startswith("★")


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the tooltip, offscreen
def test_glosses_in_the_detail_view_for_the_english_interface(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    (event_id,) = kroniek.store.conn.execute(
        "SELECT id FROM events WHERE text LIKE '% troepen %' ORDER BY id LIMIT 1"
    ).fetchone()
    kroniek.session.select(event_id)
    detail = kroniek.window.detail
    assert not kroniek.reading.is_loaded()  # glosses need no open pane
    browser = detail.browser
    found = browser.document().find("troepen")
    assert not found.isNull()
    browser.setTextCursor(found)
    assert not detail.gloss.isHidden()
    assert detail.gloss.text().startswith("troepen")
    assert "troop" in detail.gloss.text()
    # Hovering the word shows the same gloss as a tooltip.
    inside = QTextCursor(found)
    inside.setPosition(found.selectionStart() + 2)
    where = browser.cursorRect(inside).center()
    hover = QHelpEvent(QEvent.Type.ToolTip, where, browser.viewport().mapToGlobal(where))
    QApplication.sendEvent(browser.viewport(), hover)
    qtbot.waitUntil(QToolTip.isVisible)
    assert "troop" in QToolTip.text()
    QToolTip.hideText()
    with qtbot.waitSignal(kroniek.session.search_finished, timeout=10000):
        kroniek.window.act_dutch.trigger()
    assert i18n.language() == "nl"
    browser.setTextCursor(browser.document().find("troepen"))
    assert detail.gloss.isHidden()  # a Dutch reader needs no gloss
    assert kroniek.reading.dock.windowTitle() == "Artikel"
    assert kroniek.reading.pane.language() == "nl"


def test_the_screenshot_flag_read_opens_the_pane_at_the_selected_event(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``kroniek --screenshot FILE --read --select ID``: the pane open, its sentence in view."""
    import explorer.ui.run as run_module
    from explorer.cli import main
    from explorer.ui.mainwindow import MainWindow
    from explorer.ui.reading.dock import ReadingDock
    from explorer.ui.search.results_model import ResultsModel
    from explorer.ui.search.session import SearchSession

    event_id = "e3d8b46489f1"  # the rocket attack on Kharkiv's Freedom Square, 1 March 2022
    seen: dict[str, object] = {}
    real = run_module.screenshot

    def spy(
        window: MainWindow, session: SearchSession, model: ResultsModel, args: argparse.Namespace
    ) -> int:
        code = real(window, session, model, args)
        dock = window.panes.get("reading").widget
        assert isinstance(dock, ReadingDock)
        article = article_of(dock.pane)
        piece = article.of_event(event_id)
        assert piece is not None
        seen.update(
            open=dock.isVisible(),
            current=dock.pane.view.current,
            shown=on_screen(dock.pane, article.index(piece.seq)),
            band=window.timeline.reading_span(),
            map=window.panes.get("map").widget.isVisible(),
        )
        return code

    monkeypatch.setattr(run_module, "screenshot", spy)
    out = tmp_path / "reading.png"
    assert main(["--lang", "en", "--screenshot", str(out), "--read", "--select", event_id]) == 0
    assert out.is_file() and out.stat().st_size > 0
    assert seen["open"] and seen["current"] == event_id and seen["shown"]
    assert seen["band"] is not None
    assert not seen["map"]  # only the pane asked for


def test_f6_reaches_the_open_reading_pane_and_the_next_start_reopens_it(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    from explorer import paths
    from explorer.app import build

    w = kroniek.window
    pane = open_reading(qtbot, kroniek)
    w.search_field.setFocus()
    seen = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        current = w.panes.current()
        seen.append(current.key if current else "")
    assert seen == ["side", "timeline", "results", "detail", "reading", "search"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert pane.view.hasFocus()  # F6 lands in the text, where Ctrl+F finds
    kroniek.close()  # the window saves its panes
    again = build(paths.bundled_db(), "en")
    qtbot.addWidget(again.window)
    again.window.restore_state()
    try:
        dock = again.reading.dock
        assert dock.isVisibleTo(again.window) and dock.act_show.isChecked()
        again.window.show()
        qtbot.waitUntil(again.reading.is_loaded)  # open again, with its article
        again.window.activateWindow()
        qtbot.waitUntil(again.window.isActiveWindow)
        qtbot.keyClick(again.window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        assert not dock.isVisible()
    finally:
        again.close()
    third = build(paths.bundled_db(), "en")
    qtbot.addWidget(third.window)
    third.window.restore_state()
    assert not third.reading.dock.isVisibleTo(third.window)  # closed last time: closed now
    assert not third.reading.is_loaded()
    third.close()


def test_settings_written_before_the_reading_pane_existed_keep_it_closed(qtbot: QtBot) -> None:
    from explorer import paths
    from explorer.app import build
    from explorer.ui import settings as keys
    from explorer.ui.settings import Settings

    older = Settings()  # what Kroniek wrote before the reading pane: only the map hidden
    older.set(keys.HIDDEN_PANES, "map")
    older.sync()
    kroniek = build(paths.bundled_db(), "en")
    qtbot.addWidget(kroniek.window)
    kroniek.window.restore_state()
    try:
        panes = kroniek.window.panes
        assert not kroniek.reading.dock.isVisibleTo(kroniek.window)  # as on a first start
        assert not kroniek.reading.is_loaded()
        assert not panes.get("map").widget.isVisibleTo(kroniek.window)  # as saved
        assert panes.get("side").widget.isVisibleTo(kroniek.window)  # as saved: not hidden
        kroniek.window.save_state()
        assert Settings().get(keys.SHOWN_PANES) == "side,detail"
    finally:
        kroniek.close()
