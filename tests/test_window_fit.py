"""The window on small and large screens, and the session on the next start:
items 2, 4, 14 and 15 of issue 15, through clicks and keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QCheckBox, QPushButton
from pytestqt.qtbot import QtBot

from explorer.app import Kroniek
from explorer.ui import screen_fit
from explorer.ui.mainwindow import MainWindow
from tests.conftest import open_window


def restart(qtbot: QtBot, k: Kroniek) -> Kroniek:
    """Close *k* the way a person quits (the session is saved) and start again."""
    k.close()
    again = open_window(qtbot)
    again.window.restore_state()
    return again


def test_the_first_start_fits_the_screen_and_a_big_saved_window_is_brought_back_onto_it(
    qtbot: QtBot,
) -> None:
    k = open_window(qtbot)
    w = k.window
    assert isinstance(w, MainWindow)
    w.restore_state()  # the first start: no geometry saved
    area = screen_fit.available(w)
    assert area.contains(w.frameGeometry()) or w.isMaximized()
    assert w.width() <= area.width() and w.height() <= area.height()
    w.showNormal()
    w.setGeometry(QRect(-400, -300, 3000, 2000))  # as saved on a big screen
    k = restart(qtbot, k)
    w = k.window
    frame = w.frameGeometry()
    assert area.contains(frame), (frame, area)
    k.close()


def test_the_library_buttons_keep_their_whole_text_at_the_default_width(qtbot: QtBot) -> None:
    k = open_window(qtbot)
    w = k.window
    w.resize(1366, 768)
    w.share_space()
    bar = w.left_tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    panel = w.library_panel
    assert w.left_tabs.currentWidget() is panel
    for page in range(panel.toolbox.count()):
        panel.toolbox.setCurrentIndex(page)
        qtbot.waitUntil(lambda p=page: panel.toolbox.currentIndex() == p)
        shown = [b for b in panel.findChildren(QPushButton) if b.isVisible()]
        assert shown
        for button in shown:
            needed = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
            assert button.width() >= needed + 8, button.text()  # not "Rem…"
            assert button.height() >= button.sizeHint().height() - 1, button.text()
            assert panel.rect().contains(QRect(button.mapTo(panel, QPoint(0, 0)), button.size()))
        for view in panel.findChildren(QAbstractScrollArea):
            assert not view.horizontalScrollBar().isVisible()
    k.close()


def test_at_1024_by_600_the_detail_pane_has_room_and_f9_f8_hide_and_show_panes(
    qtbot: QtBot,
) -> None:
    k = open_window(qtbot)
    w = k.window
    w.resize(1024, 600)
    w.share_space()
    k.session.select(k.model.event_id(40))
    qtbot.waitUntil(w.annotations.isEnabled)
    browser = w.detail.browser
    line = browser.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: browser.viewport().height() >= 10 * line)  # was about 4 lines
    for key, pane in ((Qt.Key.Key_F9, w.left_tabs), (Qt.Key.Key_F8, w.detail_pane)):
        qtbot.keyClick(w, key)
        assert pane.isHidden()
        assert not w.panes.get("side" if pane is w.left_tabs else "detail").action.isChecked()
        qtbot.keyClick(w, key)
        assert pane.isVisible()
    qtbot.keyClick(w, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: w.timeline.width() > 900)  # the room goes to the timeline
    k = restart(qtbot, k)
    assert k.window.left_tabs.isHidden()  # hidden panes stay hidden
    k.close()


def test_the_next_start_reopens_the_search_selection_and_view_unless_told_not_to(
    qtbot: QtBot,
) -> None:
    k = open_window(qtbot)
    w = k.window
    w.search_field.setFocus()
    with qtbot.waitSignal(k.session.search_finished, timeout=10000):
        qtbot.keyClicks(w.search_field, "Kharkiv")
    qtbot.waitUntil(lambda: k.session.query.text == "Kharkiv" and not k.session.busy())
    rect = w.results.visualRect(k.model.index(2, 1))
    with qtbot.waitSignal(k.session.selection_changed, timeout=5000):
        qtbot.mouseClick(w.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    chosen = k.session.selected
    w.timeline.setFocus()
    qtbot.keyClick(w.timeline, Qt.Key.Key_Z)  # zoom to it
    view = w.timeline.view()
    k = restart(qtbot, k)
    qtbot.waitUntil(lambda: k.session.selected == chosen, timeout=10000)
    w = k.window
    assert w.search_field.text() == "Kharkiv"
    assert k.session.query.text == "Kharkiv"
    assert abs(w.timeline.view()[0] - view[0]) < 1 and abs(w.timeline.view()[1] - view[1]) < 1
    w.act_restore_session.setChecked(False)  # File › Reopen the last session at start
    k = restart(qtbot, k)
    assert k.window.search_field.text() == "" and not k.session.selected
    assert not k.window.act_restore_session.isChecked()
    k.window.act_restore_session.setChecked(True)
    k.close()


@pytest.mark.parametrize("size", [(1024, 600), (1366, 768), (1920, 1080)])
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_pane_and_button_fits_at_common_screen_sizes(
    qtbot: QtBot, size: tuple[int, int], lang: str
) -> None:
    k = open_window(qtbot, lang)
    w = k.window
    w.resize(*size)
    w.share_space()
    k.session.select(k.model.event_id(40))
    qtbot.waitUntil(w.annotations.isEnabled)
    qtbot.waitUntil(lambda: w.width() == size[0])
    inside = w.rect()
    for pane in w.panes:
        if pane.key in ("map", "reading"):  # docks opened on request
            continue
        box = QRect(pane.widget.mapTo(w, QPoint(0, 0)), pane.widget.size())
        assert pane.widget.isVisible() and inside.contains(box), (pane.key, box)
        assert box.width() > 100 and box.height() >= 28, (pane.key, box)
    assert inside.contains(QRect(w.statusBar().mapTo(w, QPoint(0, 0)), w.statusBar().size()))
    for button in w.findChildren(QAbstractButton):
        if not button.isVisible() or not button.text() or isinstance(button, QCheckBox):
            continue
        needed = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
        assert button.width() >= needed, (button.text(), button.width(), needed)
        box = QRect(button.mapTo(w, QPoint(0, 0)), button.size())
        assert inside.contains(box), (button.text(), box)
    k.close()
