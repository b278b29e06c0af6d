"""The reading pane in a dock: right of the window's panes, below them, or floating.

:class:`ReadingDock` holds a :class:`~explorer.ui.reading.pane.ReadingPane`
that starts empty: the article is read and laid out the first time the dock
is shown (the :class:`~explorer.ui.reading.controller.ReadingController`
does that), so a cold start does not pay for it. It is shown and hidden from
the View menu (Ctrl+R). :func:`install_reading_pane` adds it to a main window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

from explorer import i18n
from explorer.i18n import _
from explorer.ui.reading.pane import ReadingPane

#: Share of the window the dock takes the first time it opens beside the panes.
SHARE = 0.34


class ReadingDock(QDockWidget):
    """The article beside the timeline (made empty; filled when first shown)."""

    def __init__(self, parent: QWidget | None = None, *, pane: ReadingPane | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingDock")
        self.pane = pane or ReadingPane(lang=i18n.language(), parent=self)
        self.setWidget(self.pane)
        self.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea
            | Qt.DockWidgetArea.BottomDockWidgetArea
            | Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.act_show = self.toggleViewAction()
        self.act_show.setShortcut(QKeySequence("Ctrl+R"))
        # Opened from the keyboard, the keyboard goes to the text (Ctrl+F finds in it).
        self.act_show.triggered.connect(lambda shown: shown and self.pane.view.setFocus())
        self.visibilityChanged.connect(self._first_shown)
        self._sized = False
        self.retranslate()

    def _first_shown(self, visible: bool) -> None:
        """The first time it opens beside the panes, take a good third of the window
        (a readable measure), leaving the list and the timeline their minimum."""
        window = self.parentWidget()
        if not visible or self._sized or not isinstance(window, QMainWindow):
            return
        self._sized = True
        if window.dockWidgetArea(self) == Qt.DockWidgetArea.RightDockWidgetArea:
            central = window.centralWidget()
            room = window.width() - (central.minimumSizeHint().width() if central else 0) - 8
            # As the map: leave the other panes 1000 pixels where the window has them
            # (the list and the detail view's buttons need them, in Dutch most).
            wanted = min(int(window.width() * SHARE), window.width() - 1000, room)
            width = max(self.minimumSizeHint().width(), wanted)
            window.resizeDocks([self], [width], Qt.Orientation.Horizontal)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Article"))
        self.act_show.setText(_("&Reading pane"))
        self.act_show.setToolTip(_("Show or hide the article with its events marked (Ctrl+R)"))
        self.pane.retranslate()


def install_reading_pane(window: QMainWindow, view_menu: QMenu) -> ReadingDock:
    """Add a hidden reading dock to *window* and its toggle to *view_menu*."""
    dock = ReadingDock(window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    view_menu.addAction(dock.act_show)
    window.addAction(dock.act_show)
    return dock
