"""What the window answers when a person clicks: filters and chips, the legend,
the "+N" badges, fit all, the list's empty state and the library's feedback."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QToolButton, QToolTip
from pytestqt.qtbot import QtBot
from shared_window import reset, search, window_kroniek  # noqa: F401

from explorer import i18n
from explorer.app import Kroniek
from explorer.ui.help import HelpDialog

FAMINE = "e913f310503b"  # 1932, the earliest event
#: A menu that pops up offscreen cannot raise itself or grab the keyboard; harmless.
POPUP = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


@pytest.fixture
def k(qtbot: QtBot, window_kroniek: Kroniek) -> Kroniek:  # noqa: F811
    reset(qtbot, window_kroniek)
    window_kroniek.window.activateWindow()
    return window_kroniek


def click_legend(qtbot: QtBot, k: Kroniek, key: str) -> None:
    legend = k.window.legend
    i = [e.key for e in legend.entries()].index(key)
    assert i < legend.shown(), "the entry is on the legend's line"
    with qtbot.waitSignal(k.session.search_finished, timeout=10000):
        qtbot.mouseClick(
            legend, Qt.MouseButton.LeftButton, pos=legend.entry_rect(i).center().toPoint()
        )


def chips(k: Kroniek) -> list[QToolButton]:
    return [c for c in k.window.facets.chips.findChildren(QToolButton) if c.isVisible()]


def test_a_legend_entry_filters_and_the_chips_x_removes_it_without_moving_the_tree(
    qtbot: QtBot, k: Kroniek, capfd: pytest.CaptureFixture[str]
) -> None:
    w = k.window
    tree_top = w.facets.tree.mapTo(w, QPoint(0, 0))
    click_legend(qtbot, k, "military")
    assert k.session.query.facets.get("category") == frozenset({"military"})
    assert 0 < k.model.rowCount() < k.presenter.total
    assert w.facets.tree.mapTo(w, QPoint(0, 0)) == tree_top  # the chip did not push it
    [chip] = chips(k)
    with qtbot.waitSignal(k.session.search_finished, timeout=10000):
        qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert not k.session.query.facets
    assert k.model.rowCount() == k.presenter.total
    assert "_pythonToCppCopy" not in capfd.readouterr().err
    click_legend(qtbot, k, "naval")
    click_legend(qtbot, k, "naval")  # a second click undoes it
    assert not k.session.query.facets


@POPUP
def test_categories_that_do_not_fit_are_in_the_legends_menu(qtbot: QtBot, k: Kroniek) -> None:
    w = k.window
    w.panes.set_visible("detail", True)
    w.resize(1024, 600)
    legend = w.legend
    qtbot.waitUntil(lambda: legend.shown() < len(legend.entries()))
    hidden = len(legend.entries()) - legend.shown()
    qtbot.mouseClick(
        legend, Qt.MouseButton.LeftButton, pos=legend.entry_rect(legend.shown()).center().toPoint()
    )
    qtbot.waitUntil(legend.more_menu.isVisible)
    assert len(legend.more_menu.actions()) == hidden
    last = legend.entries()[-1].key
    with qtbot.waitSignal(k.session.search_finished, timeout=10000):
        qtbot.keyClick(legend.more_menu, Qt.Key.Key_Up)  # wraps to the last entry
        qtbot.keyClick(legend.more_menu, Qt.Key.Key_Return)
    assert k.session.query.facets.get("category") == frozenset({last})
    w.resize(1400, 900)


@POPUP
def test_a_plus_n_badge_lists_its_events_to_pick_from(
    qtbot: QtBot, k: Kroniek, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = k.window
    monkeypatch.setattr(k.controller, "ask_text", lambda *_a: ("24 February 2022", True))
    qtbot.keyClick(w, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    layout = w.timeline.current_layout()
    assert layout.mode == "items" and layout.clusters
    badge = layout.clusters[0]
    before = w.timeline.view()
    centre = QPointF(badge.x + badge.w / 2, badge.y + badge.h / 2).toPoint()
    qtbot.mouseClick(w.timeline, Qt.MouseButton.LeftButton, pos=centre)
    menu = w.timeline.overflow_menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    assert len(menu.actions()) == badge.count
    assert w.timeline.view() == before  # no zooming out
    with qtbot.waitSignal(k.session.selection_changed, timeout=5000) as picked:
        qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Return)
    assert picked.args[0] in {k.data.id_at(int(i)) for i in badge.indices}


def test_fit_all_shows_the_1932_event_and_the_overview_its_window(qtbot: QtBot, k: Kroniek) -> None:
    w = k.window
    qtbot.keyClick(w.timeline, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    t0, t1 = w.timeline.view()
    assert t0 <= date(1932, 1, 1).toordinal() and t1 >= date(2023, 1, 1).toordinal()
    k.session.select(FAMINE)
    qtbot.keyClick(w.timeline, Qt.Key.Key_Z)  # zoom to the selected event
    t0, t1 = w.timeline.view()
    assert t1 < date(1989, 1, 1).toordinal()
    lo, hi = w.overview.domain()
    assert lo <= t0 and t1 <= hi  # the overview shows where the view is
    assert w.overview.rect().contains(w.overview._window_rect().center().toPoint())


def test_the_band_of_year_dated_events_says_what_it_is(
    qtbot: QtBot, k: Kroniek, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = k.window
    monkeypatch.setattr(k.controller, "ask_text", lambda *_a: ("2022", True))
    qtbot.keyClick(w, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    layout = w.timeline.current_layout()
    assert any(t.precision == 2 for t in layout.tapes)
    labels = w.timeline.painter().tape_labels(layout)
    [(box, _text)] = [(b, t) for b, t in labels if t == "Dated to the year:"]
    image = w.timeline.grab().toImage()
    base = w.timeline.palette().base().color()
    inked = [
        image.pixelColor(x, int(box.center().y()))
        for x in range(int(box.left()) + 4, int(box.right()) - 4)
    ]
    assert any(c != base for c in inked)  # the words are drawn there


def test_a_columns_tooltip_names_the_category_under_the_pointer(qtbot: QtBot, k: Kroniek) -> None:
    w = k.window
    qtbot.keyClick(w.timeline, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    layout = w.timeline.current_layout()
    column = max(layout.clusters, key=lambda c: c.count)
    cat, _n = column.categories[0]
    where = QPointF(column.x + column.w / 2, column.y + column.h - 1).toPoint()
    # the pointer rests there: Qt sends the timeline a tooltip event
    hover = QHelpEvent(QEvent.Type.ToolTip, where, w.timeline.mapToGlobal(where))
    QApplication.sendEvent(w.timeline, hover)
    qtbot.waitUntil(QToolTip.isVisible)
    assert k.data.categories[cat].label("en") in QToolTip.text()
    QToolTip.hideText()


def test_an_empty_result_says_so_in_the_list_and_a_new_search_starts_at_the_top(
    qtbot: QtBot, k: Kroniek
) -> None:
    w = k.window
    search(qtbot, k, "zzzyyyxxx")
    assert k.model.rowCount() == 0
    assert w.results.empty_state.isVisible()
    assert "zzzyyyxxx" in w.results.empty_state.text()
    search(qtbot, k, "")
    assert not w.results.empty_state.isVisible()
    w.results.setFocus()
    qtbot.keyClick(w.results, Qt.Key.Key_End)
    assert w.results.verticalScrollBar().value() > 0
    search(qtbot, k, "Kharkiv")
    assert w.results.verticalScrollBar().value() == 0


def test_bookmark_note_and_collection_buttons_say_what_they_do_now(
    qtbot: QtBot, k: Kroniek, monkeypatch: pytest.MonkeyPatch
) -> None:
    w, a = k.window, k.window.annotations
    search(qtbot, k, "Przewodow")
    k.session.select(k.model.event_id(0))
    qtbot.waitUntil(a.isEnabled)
    assert "Bookmark" in a.star.text() and "Remove" not in a.star.text()
    qtbot.mouseClick(a.star, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Remove bookmark" in a.star.text())
    assert w.act_bookmark.text() == "Remove &bookmark"
    qtbot.mouseClick(a.star, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Remove" not in a.star.text())
    assert a.add_note_button.text() == "Add note"
    qtbot.mouseClick(a.add_note_button, Qt.MouseButton.LeftButton)
    editor = a.editors[-1]
    with qtbot.waitSignal(editor.created, timeout=5000):
        qtbot.keyClicks(editor.edit, "Drone over Polen")
    qtbot.waitUntil(lambda: a.add_note_button.text() == "Edit note")
    assert w.act_add_note.text() == "Edit &note"
    monkeypatch.setattr(k.librarian, "ask_text", lambda *_a: ("Grensincidenten", True))
    new = a.collect_menu.actions()[-1]
    new.trigger()
    assert w.statusBar().currentMessage() == "Added to “Grensincidenten”"
    [member] = [x for x in a.collect_menu.actions() if x.text() == "Grensincidenten"]
    assert member.isCheckable() and member.isChecked()
    member.trigger()
    assert w.statusBar().currentMessage() == "Removed from “Grensincidenten”"
    [member] = [x for x in a.collect_menu.actions() if x.text() == "Grensincidenten"]
    assert not member.isChecked()


def test_the_new_collection_dialog_is_wide_enough_for_its_title(qtbot: QtBot, k: Kroniek) -> None:
    w = k.window
    w.left_tabs.setCurrentWidget(w.library_panel)
    seen: list[tuple[str, int, int]] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QInputDialog):
            title = dialog.windowTitle()
            seen.append((title, dialog.width(), dialog.fontMetrics().horizontalAdvance(title)))
        if isinstance(dialog, QDialog):
            dialog.reject()  # never leave a modal dialog open: the test would hang

    QTimer.singleShot(0, answer)
    qtbot.mouseClick(w.library_panel.buttons["new_collection"], Qt.MouseButton.LeftButton)
    [(title, width, needed)] = seen
    assert title == "New collection" and width >= needed + 150
    w.left_tabs.setCurrentWidget(w.facets)


def test_a_copied_citation_is_one_line_beside_the_counter(qtbot: QtBot, k: Kroniek) -> None:
    w = k.window
    k.session.select(k.model.event_id(5))
    qtbot.keyClick(
        w, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    message = w.statusBar().currentMessage()
    assert message.startswith("Citation copied") and "\n" not in message
    room = w.statusBar().width() - w.status_counts.width()
    assert w.statusBar().fontMetrics().horizontalAdvance(message) < room
    # The snapshot's date, not today's; the sentence whole, not a headline cut with "…]".
    text = QApplication.clipboard().text()
    quote = text.split("\n")[0]
    assert "Retrieved" not in text and "(2023)" in text
    assert "…" not in quote and "]" not in quote


def test_library_dates_and_the_go_to_date_example_follow_the_language(
    qtbot: QtBot, k: Kroniek, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = k.window
    asked: list[str] = []
    monkeypatch.setattr(
        k.controller, "ask_text", lambda _t, label, _x: (asked.append(label), ("", False))[1]
    )
    qtbot.keyClick(w, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert "February" in asked[-1]
    k.session.select(FAMINE)
    qtbot.waitUntil(w.annotations.isEnabled)
    qtbot.mouseClick(w.annotations.star, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.library_panel.bookmarks.count() == 1)
    with qtbot.waitSignal(k.session.search_finished, timeout=10000):
        w.act_dutch.trigger()
    try:
        assert "1932" in w.library_panel.bookmarks.item(0).text()
        assert w.library_panel.bookmarks.item(0).text() != "1932 — "  # still the title
        qtbot.keyClick(w, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
        assert "februari" in asked[-1]
        entry = w.library_panel.bookmarks
        # A month-dated entry in Dutch: pick an event dated to a day for a month name.
        k.session.select(k.model.event_id(5))
        qtbot.waitUntil(lambda: k.session.selected == k.model.event_id(5))
        qtbot.mouseClick(w.annotations.star, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: entry.count() == 2)
        texts = " ".join(entry.item(i).text() for i in range(entry.count()))
        assert any(
            m in texts
            for m in (
                "jan",
                "feb",
                "mrt",
                "apr",
                "mei",
                "jun",
                "jul",
                "aug",
                "sep",
                "okt",
                "nov",
                "dec",
            )
        )
    finally:
        with qtbot.waitSignal(k.session.search_finished, timeout=10000):
            w.act_english.trigger()
    for event_id in (FAMINE, k.model.event_id(5)):
        k.librarian.toggle_bookmark(event_id)


def test_a_tag_taken_off_its_last_event_is_gone(qtbot: QtBot, k: Kroniek) -> None:
    w, a = k.window, k.window.annotations
    k.session.select(k.model.event_id(7))
    qtbot.waitUntil(a.isEnabled)
    qtbot.keyClicks(a.tag_field, "eenmalig")
    qtbot.keyClick(a.tag_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.library_panel.tags.count() == 1)
    chip = next(c for c in a.tag_chip_row.findChildren(QToolButton) if "eenmalig" in c.text())
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.library_panel.tags.count() == 0)
    assert k.librarian.library.tags.all() == []


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_about_is_compact_and_credits_the_map(qtbot: QtBot, lang: str) -> None:
    i18n.set_language(lang)
    dialog = HelpDialog("about")
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.browser.toPlainText()
    assert "Natural Earth" in text and "CC BY-SA" in text and "GPL" in text
    assert dialog.height() < 560
    assert not dialog.browser.verticalScrollBar().isVisible()  # all of it, no empty space
    assert dialog.browser.height() <= dialog.browser.document().size().height() + 40


def test_match_colour_is_drawn_for_search_matches(qtbot: QtBot, k: Kroniek) -> None:
    from explorer.ui.timeline.colors import MATCH

    w = k.window
    search(qtbot, k, "Kharkiv")
    qtbot.keyClick(w.timeline, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    image = w.timeline.grab().toImage()
    wanted = QColor(MATCH)
    found = any(
        image.pixelColor(x, y) == wanted
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )
    assert found
