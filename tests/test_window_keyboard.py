"""The window from the keyboard: panes with F6, Tab forwards through every
control with a visible ring, the list as one stop, Escape and Enter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from shared_window import reset, search, window_kroniek  # noqa: F401

from explorer import i18n
from explorer.app import Kroniek
from explorer.ui.help import HelpDialog


@pytest.fixture
def k(qtbot: QtBot, window_kroniek: Kroniek) -> Kroniek:  # noqa: F811
    reset(qtbot, window_kroniek)
    window_kroniek.window.activateWindow()
    return window_kroniek


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def pane_of(k: Kroniek) -> str:
    pane = k.window.panes.current()
    return pane.key if pane else ""


def test_f6_and_shift_f6_cycle_through_the_visible_panes(qtbot: QtBot, k: Kroniek) -> None:
    w = k.window
    w.search_field.setFocus()
    seen = [pane_of(k)]
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        seen.append(pane_of(k))
    assert seen == ["search", "side", "timeline", "results", "detail", "search"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert pane_of(k) == "detail"
    # A hidden pane is skipped.
    qtbot.keyClick(w, Qt.Key.Key_F9)
    assert w.left_tabs.isHidden()
    w.search_field.setFocus()
    qtbot.keyClick(w.search_field, Qt.Key.Key_F6)
    assert pane_of(k) == "timeline"


def test_tab_reaches_every_control_forwards_and_the_list_is_one_stop(
    qtbot: QtBot, k: Kroniek
) -> None:
    w = k.window
    k.session.select(k.model.event_id(3))  # so the detail pane's controls are enabled
    qtbot.waitUntil(lambda: w.annotations.isEnabled())
    w.search_field.setFocus()
    order: list[QWidget] = []
    for _ in range(60):
        widget = focused()
        assert widget is not None
        if order and widget is order[0]:
            break
        order.append(widget)
        ring = w.focus_ring
        # The focused control has a ring around it.
        assert ring.isVisible() and ring.target is widget
        top_left = widget.mapTo(w, widget.rect().topLeft())
        assert ring.geometry().contains(top_left)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    expected = [
        w.search_field, w.sort_box, w.left_tabs.tabBar(), w.facets.tree, w.legend, w.timeline,
        w.overview, w.results, w.detail.browser, w.annotations.star, w.annotations.collect,
        w.annotations.cite, w.annotations.add_note_button, w.annotations.tag_field,
    ]  # fmt: skip
    names = [f"{type(c).__name__}:{c.objectName() or c.accessibleName()}" for c in order]
    positions = [order.index(c) for c in expected]  # each reached, going forwards
    assert positions == sorted(positions), names
    assert order.count(w.results) == 1, "\n".join(names)  # Tab leaves the list at once
    assert order[0] is w.search_field  # and comes round to the start


def test_arrows_move_inside_the_list_and_tab_leaves_without_changing_the_event(
    qtbot: QtBot, k: Kroniek
) -> None:
    w = k.window
    w.results.setFocus()
    with qtbot.waitSignal(k.session.selection_changed, timeout=5000):
        qtbot.keyClick(w.results, Qt.Key.Key_Down)
    with qtbot.waitSignal(k.session.selection_changed, timeout=5000):
        qtbot.keyClick(w.results, Qt.Key.Key_Down)
    chosen = k.session.selected
    assert chosen
    qtbot.keyClick(w.results, Qt.Key.Key_Tab)
    assert k.session.selected == chosen
    assert focused() is not w.results


def test_escape_empties_the_search_field(qtbot: QtBot, k: Kroniek) -> None:
    search(qtbot, k, "Kharkiv")
    w = k.window
    with qtbot.waitSignal(k.session.search_finished, timeout=10000):
        qtbot.keyClick(w.search_field, Qt.Key.Key_Escape)
    assert w.search_field.text() == ""
    assert k.model.rowCount() == k.presenter.total


def test_enter_on_a_timeline_event_opens_it(qtbot: QtBot, k: Kroniek) -> None:
    w = k.window
    event_id = k.model.event_id(10)
    k.session.select(event_id)
    w.timeline.setFocus()
    with qtbot.waitSignal(w.timeline.event_activated, timeout=5000) as blocker:
        qtbot.keyClick(w.timeline, Qt.Key.Key_Return)
    assert blocker.args == [event_id]
    t0, t1 = w.timeline.view()
    assert t1 - t0 < 400  # zoomed to it


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_keyboard_page_lists_panes_tab_order_and_the_new_keys(qtbot: QtBot, lang: str) -> None:
    i18n.set_language(lang)
    dialog = HelpDialog("shortcuts")
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    for key in ("F6", "Shift+F6", "Tab", "F8", "F9", "Enter", "Ctrl+0"):
        assert key in text
    words = {"en": ("pane", "ring"), "nl": ("deelvenster", "rand")}[lang]
    assert all(word in text for word in words)
