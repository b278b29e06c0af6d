"""One window shared by the tests of a module (opening one costs about a second).

The window is built in a data folder of its own, so the per-test folders of
``conftest._isolated_home`` do not matter to it; each test leaves the window
as it found it (:func:`reset`): no search, no filters, no selection, every pane
shown but the map, the fit-all view, English.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from explorer import i18n, paths
from explorer.app import Kroniek, build
from explorer.ui.run import wait_for_search


@pytest.fixture(scope="module")
def window_kroniek(
    qapp: QApplication, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Kroniek]:
    paths.set_data_dir(tmp_path_factory.mktemp("shared-window"))
    i18n.set_language("en")
    k = build(paths.bundled_db(), "en")
    k.window.resize(1400, 900)
    k.window.share_space()
    k.window.show()
    k.window.activateWindow()
    wait_for_search(k.session)
    paths.set_data_dir(None)
    yield k
    k.close()
    k.window.deleteLater()


def search(qtbot: QtBot, k: Kroniek, text: str) -> None:
    """Type *text* into the search field (replacing what is there) and wait."""
    field = k.window.search_field
    field.setFocus()
    with qtbot.waitSignal(k.session.search_finished, timeout=10000):
        field.selectAll()
        if text:
            qtbot.keyClicks(field, text)
        else:
            qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: k.session.query.text == text and not k.session.busy())


def reset(qtbot: QtBot, k: Kroniek) -> None:
    """Back to the start: everything found, nothing selected, the panes but the docks
    (map, reading pane), which open on request."""
    w = k.window
    for pane in w.panes:
        w.panes.set_visible(pane.key, pane.key not in ("map", "reading"))
    k.session.select("")
    if k.session.query.text or k.session.query.facets or k.session.query.date_from:
        with qtbot.waitSignal(k.session.search_finished, timeout=10000):
            w.act_clear.trigger()
    qtbot.waitUntil(lambda: not k.session.busy())
