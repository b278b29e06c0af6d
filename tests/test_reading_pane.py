"""The reading pane as a reader uses it: click, scroll, jump, find, select, note, hover."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot
from reading_helpers import index_of, on_screen, point_in

from explorer import i18n
from explorer.core.article.glossary import Glossary
from explorer.core.article.text import ArticleText
from explorer.core.events.query import build_match, parse_text
from explorer.core.events.search import load_aliases
from explorer.core.events.store import EventStore
from explorer.ui.reading.describe import tooltip_html
from explorer.ui.reading.pane import ReadingPane
from explorer.ui.reading.view import HIGHLIGHT

HOSTILE = "<img src='/etc/passwd'><b>bold</b> & <a href='x'>link</a>"


@pytest.fixture
def pane(qtbot: QtBot, bundled_store: EventStore, article: ArticleText) -> ReadingPane:
    widget = ReadingPane(article, Glossary(bundled_store.conn), "en")
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_clicking_a_marked_sentence_selects_its_event(
    qtbot: QtBot, pane: ReadingPane, article: ArticleText
) -> None:
    first = article.pieces[0]
    assert first.event is not None, "the article opens with the invasion itself"
    with qtbot.waitSignal(pane.event_clicked) as clicked:
        qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=point_in(pane, 0))
    assert clicked.args == [first.event.id]
    # A sentence that is no event selects nothing.
    plain = next(i for i, p in enumerate(article.pieces[:20]) if p.event is None and not p.skipped)
    with qtbot.assertNotEmitted(pane.event_clicked):
        qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton,
                         pos=point_in(pane, plain))  # fmt: skip


def test_enter_in_a_marked_sentence_selects_its_event(
    qtbot: QtBot, pane: ReadingPane, article: ArticleText
) -> None:
    pane.view.setFocus()
    cursor = pane.view.textCursor()
    cursor.setPosition(pane.view.positions.starts[0] + 5)
    pane.view.setTextCursor(cursor)
    with qtbot.waitSignal(pane.event_clicked) as chosen:
        qtbot.keyClick(pane.view, Qt.Key.Key_Return)
    assert article.pieces[0].event is not None
    assert chosen.args == [article.pieces[0].event.id]


def test_show_event_scrolls_its_sentence_into_view(pane: ReadingPane, article: ArticleText) -> None:
    late = [i for i, p in enumerate(article.pieces) if p.event is not None][-1]
    assert not on_screen(pane, late)
    event = article.pieces[late].event
    assert event is not None
    assert pane.show_event(event.id)
    assert on_screen(pane, late)
    assert pane.view.current == event.id
    assert pane.show_event("e-no-such-event") is False


def test_scrolling_down_moves_reading_here_later(
    qtbot: QtBot, pane: ReadingPane, article: ArticleText
) -> None:
    start = index_of(article, "Na de val van de Berlijnse muur")
    event = article.pieces[start].event
    assert event is not None
    pane.show_event(event.id)
    qtbot.waitUntil(lambda: pane.reading_span() is not None)
    before = pane.reading_span()
    assert before is not None
    pane.view.setFocus()
    later = None
    for _page in range(12):
        with qtbot.waitSignal(pane.view.verticalScrollBar().valueChanged):
            qtbot.keyClick(pane.view, Qt.Key.Key_PageDown)
        span = pane.reading_span()
        if span is not None and span[0] > before[0]:
            later = span
            break
    assert later is not None, "paging down through the background reaches later dates"
    assert later[1] >= before[1]


def test_the_contents_jump_to_a_section(
    qtbot: QtBot, pane: ReadingPane, article: ArticleText
) -> None:
    heading = index_of(article, "Aanloop naar de invasie")
    row = next(r for r in range(pane.toc.count()) if pane.toc.itemData(r) == heading)
    pane.toc.setFocus()
    pane.toc.setCurrentIndex(row - 1)
    qtbot.keyClick(pane.toc, Qt.Key.Key_Down)  # the combo box reports "activated"
    qtbot.waitUntil(lambda: on_screen(pane, heading))


def test_search_terms_are_highlighted_in_the_text(
    pane: ReadingPane, bundled_store: EventStore, article: ArticleText
) -> None:
    patterns = build_match(parse_text("Kharkiv"), load_aliases(bundled_store.conn)).patterns
    pane.set_highlight_terms(patterns)
    marked = [
        s.cursor.selectedText()
        for s in pane.view.extraSelections()
        if s.format.background().color() == HIGHLIGHT
    ]
    assert "Charkov" in marked
    hit = next(p for p in article.pieces if p.event and "Charkov" in p.text)
    assert hit.event is not None
    pane.set_matches([hit.event.id])
    pane.show_event(hit.event.id)
    pane.view.badges.repaint()
    assert any(item.matched for _rect, item in pane.view.badges.drawn)
    pane.set_highlight_terms([])
    assert not any(s.format.background().color() == HIGHLIGHT
                   for s in pane.view.extraSelections())  # fmt: skip


def test_filters_dim_the_events_they_leave_out(pane: ReadingPane, article: ArticleText) -> None:
    ids = [p.event.id for p in article.pieces[:10] if p.event is not None]
    pane.set_dimmed(ids)
    pane.view.badges.repaint()
    dimmed = [item.key for _rect, item in pane.view.badges.drawn if item.dimmed]
    assert dimmed and set(dimmed) <= set(ids)
    assert len(pane.view.extraSelections()) >= len(ids)


def select(pane: ReadingPane, index: int, start: int, end: int) -> str:
    cursor = QTextCursor(pane.view.document())
    base = pane.view.positions.starts[index]
    cursor.setPosition(base + start)
    cursor.setPosition(base + end, QTextCursor.MoveMode.KeepAnchor)
    pane.view.setTextCursor(cursor)
    return cursor.selectedText()


def test_add_note_on_a_selection_asks_for_a_note_on_its_event(
    qtbot: QtBot, pane: ReadingPane, article: ArticleText
) -> None:
    assert not pane.note_button.isEnabled()
    index = index_of(article, "Rusland begon in 2021")
    event = article.pieces[index].event
    assert event is not None
    text = select(pane, index, 0, 20)
    assert pane.note_button.isEnabled()
    with qtbot.waitSignal(pane.note_requested) as asked:
        qtbot.mouseClick(pane.note_button, Qt.MouseButton.LeftButton)
    assert asked.args == [event.id, text]
    # Text in a sentence that is no event belongs to the nearest event of its paragraph.
    plain = index_of(article, "De invasie veroorzaakte")
    select(pane, plain, 0, 10)
    with qtbot.waitSignal(pane.note_requested) as nearest:
        qtbot.mouseClick(pane.note_button, Qt.MouseButton.LeftButton)
    assert article.pieces[0].event is not None
    assert nearest.args[0] == article.pieces[0].event.id


def test_ctrl_f_finds_and_steps_round_the_matches(
    qtbot: QtBot, pane: ReadingPane, article: ArticleText
) -> None:
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.find_bar.isVisible() and pane.find_bar.field.hasFocus()
    qtbot.keyClicks(pane.find_bar.field, "zaporizja")
    total = len(pane.view.found)
    assert total >= 5
    assert pane.find_bar.count.text() == f"1 of {total}"
    first = pane.view.found[0]
    assert on_screen(pane, first.index)
    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_Return)
    assert pane.find_bar.count.text() == f"2 of {total}"
    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert pane.find_bar.count.text() == f"{total} of {total}"
    assert on_screen(pane, pane.view.found[-1].index)
    found = pane.view.found[pane.view.found_at]
    assert article.pieces[found.index].text[found.start : found.end].lower() == "zaporizja"
    qtbot.keyClick(pane.find_bar.field, Qt.Key.Key_Escape)
    assert not pane.find_bar.isVisible() and pane.view.found == []


def test_a_note_in_the_margin_shows_exactly_what_was_typed(
    qtbot: QtBot, pane: ReadingPane, article: ArticleText
) -> None:
    event = article.pieces[0].event
    assert event is not None
    pane.set_margin_notes({event.id: (True, HOSTILE)})
    assert pane.margin_note(event.id) == "★ ✎ " + HOSTILE
    pane.view.note_margin.repaint()
    item = next(item for _rect, item in pane.view.note_margin.drawn if item.key == event.id)
    assert pane._margin_tip(item) == HOSTILE
    shown = QTextDocument()
    shown.setHtml(tooltip_html(HOSTILE))
    assert shown.toPlainText() == HOSTILE
    pane.set_margin_notes({event.id: (False, 3)})
    assert pane.margin_note(event.id) == "✎ 3"
    pane.set_margin_notes({event.id: (False, "x" * 1_000_000)})  # no hang painting it
    pane.view.note_margin.repaint()
    assert len(pane.margin_note(event.id)) < 300
    pane.set_margin_notes({})
    assert pane.margin_note(event.id) == ""


# The offscreen platform cannot raise the tooltip window; harmless and not ours.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_hover_tells_the_date_its_precision_and_the_gloss(
    qtbot: QtBot, pane: ReadingPane, article: ArticleText
) -> None:
    index = index_of(article, "Nadat Poetin op 21 februari")
    pane.view.scroll_to_piece(index)
    piece = article.pieces[index]
    point = point_in(pane, index, piece.text.index("separatistische") + 2)
    help_event = QHelpEvent(QEvent.Type.ToolTip, point, pane.view.viewport().mapToGlobal(point))
    QApplication.sendEvent(pane.view.viewport(), help_event)
    qtbot.waitUntil(QToolTip.isVisible)
    text = QToolTip.text()
    assert "separatist" in text and "21 February 2022" in text
    assert "Precise to the day" in text and "year taken from the context" in text
    QToolTip.hideText()


def test_selecting_a_word_shows_its_gloss_in_english_only(
    qtbot: QtBot, pane: ReadingPane, article: ArticleText
) -> None:
    index = index_of(article, "De invasie veroorzaakte")
    text = article.pieces[index].text
    start = text.index("vluchtelingencrisis")
    select(pane, index, start, start + len("vluchtelingencrisis"))
    assert pane.gloss.isVisible()
    assert "refugee" in pane.gloss.text() and "crisis" in pane.gloss.text()
    i18n.set_language("nl")
    pane.set_language("nl")
    assert not pane.gloss.isVisible()
    assert "Verenigde" not in pane._hover(article.pieces[index], start)


def test_the_pane_speaks_dutch_and_english(
    qtbot: QtBot, pane: ReadingPane, article: ArticleText
) -> None:
    assert pane.note_button.text() == "Add note"
    assert "CC BY-SA 4.0" in pane.provenance.text() and "December 2023" in pane.provenance.text()
    assert pane.provenance.textFormat() == Qt.TextFormat.PlainText
    event = article.pieces[0].event
    assert event is not None
    english = pane._badge_text(article.pieces[0])
    i18n.set_language("nl")
    pane.set_language("nl")
    assert pane.note_button.text() == "Notitie toevoegen"
    assert "december 2023" in pane.provenance.text()
    assert pane._badge_text(article.pieces[0]) != english
    assert pane.toc.itemText(0) == "Inleiding"


def test_article_text_holding_markup_is_shown_as_written(qtbot: QtBot) -> None:
    """A database is a file anyone can edit: its text is never taken for HTML."""
    from explorer.core.article.text import EventMark, Piece, Provenance

    mark = EventMark("e1", "2022-02-24", "", "day", "", False, 738210, 738210, "military",
                     "#b91c1c", HOSTILE)  # fmt: skip
    pieces = [
        Piece(1, "heading", 1, None, 2, "<h1>" + HOSTILE, 0, 10),
        Piece(2, "sentence", 1, 1, 2, HOSTILE + " op 24 februari 2022.", 11, 60, mark,
              date_span=(len(HOSTILE) + 4, len(HOSTILE) + 20)),
        Piece(3, "sentence", 1, 1, 2, "<script>alert(1)</script>", 61, 80, skipped="background",
              date_span=(0, 8)),
    ]  # fmt: skip
    source = Provenance(HOSTILE, "<a href='x'>url</a>", "CC BY-SA 4.0", "", "2023-12", "", "")
    widget = ReadingPane(ArticleText(pieces, source), None, "en")
    qtbot.addWidget(widget)
    widget.resize(800, 500)
    widget.show()
    shown = widget.view.toPlainText()
    assert "<h1>" + HOSTILE in shown and "<script>alert(1)</script>" in shown
    assert HOSTILE in widget.provenance.text() and "<a href='x'>url</a>" in widget.provenance.text()
    assert widget.toc.itemText(1) == "<h1>" + HOSTILE
    with qtbot.waitSignal(widget.event_clicked) as clicked:
        qtbot.mouseClick(widget.view.viewport(), Qt.MouseButton.LeftButton,
                         pos=point_in(widget, 1))  # fmt: skip
    assert clicked.args == ["e1"]


def test_ctrl_f_in_the_text_finds_in_the_article_not_in_the_window_s_search(
    qtbot: QtBot, bundled_store: EventStore, article: ArticleText
) -> None:
    """Wired into a window whose own Ctrl+F focuses the search field, the text wins."""
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    searched: list[bool] = []
    search = QAction(window)
    search.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
    search.triggered.connect(lambda: searched.append(True))
    window.addAction(search)
    pane = ReadingPane(article, Glossary(bundled_store.conn), "en")
    window.setCentralWidget(pane)
    window.resize(1000, 700)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    pane.toc.setFocus()
    qtbot.keyClick(pane.toc, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert searched == [True], "outside the text, Ctrl+F is the window's"
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.find_bar.isVisible() and searched == [True]
    qtbot.keyClicks(pane.find_bar.field, "Bachmoet")
    pane.view.setFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_F3)
    assert pane.find_bar.count.text().startswith("2 of ")


def test_a_narrow_pane_wraps_its_text_and_names_the_source_readably(
    qtbot: QtBot, pane: ReadingPane
) -> None:
    # A dock beside the timeline is a few hundred pixels wide; at the pane's
    # narrowest the column is narrower than 'Wereldgezondheidsorganisatie':
    # long words wrap, nothing scrolls sideways, and the article's address is
    # written as a reader types it, on a line of its own.
    narrowest = pane.minimumSizeHint().width()
    pane.resize(narrowest, 700)
    qtbot.waitUntil(lambda: pane.width() == max(narrowest, pane.minimumWidth()))
    assert pane.view.horizontalScrollBar().maximum() == 0
    assert not pane.view.horizontalScrollBar().isVisible()
    lines = pane.provenance.text().splitlines()
    assert lines[2] == "https://nl.wikipedia.org/wiki/Russische_invasie_van_Oekraïne"
    assert "%" not in pane.provenance.text()
