"""The reading pane in a dock: right of the window's panes, below them, or floating.

:class:`ReadingDock` makes its :class:`~explorer.ui.reading.pane.ReadingPane`
the first time it is shown (the pane's modules are imported only then), and
the :class:`~explorer.ui.reading.controller.ReadingController` reads the
article into it, so a cold start pays for neither. It is shown and hidden
from the View menu (Ctrl+R). :func:`install_reading_pane` adds it to a main
window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

from explorer import i18n
from explorer.i18n import _
from explorer.ui.docks import give_first_width

if TYPE_CHECKING:
    from explorer.ui.reading.pane import ReadingPane

#: Share of the window the dock takes the first time it opens beside the panes.
SHARE = 0.34


class ReadingDock(QDockWidget):
    """The article beside the timeline (the pane made when the dock is first shown)."""

    #: The pane was made (the first time the dock was shown).
    pane_created = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readingDock")
        self._pane: ReadingPane | None = None
        self.setWidget(QWidget(self))  # holds the place until the pane is made
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

    def has_pane(self) -> bool:
        return self._pane is not None

    @property
    def pane(self) -> ReadingPane:
        """The reading pane, made (empty: the controller fills it) on first use."""
        if self._pane is None:
            from explorer.ui.reading.pane import ReadingPane

            self._pane = ReadingPane(lang=i18n.language(), parent=self)
            placeholder = self.widget()
            self.setWidget(self._pane)
            if placeholder is not None:
                placeholder.deleteLater()
            self.setFocusProxy(self._pane.view)
            self.pane_created.emit()
        return self._pane

    def _first_shown(self, visible: bool) -> None:
        """The first time it opens beside the panes, take a good third of the window
        (a readable measure), leaving the list and the timeline their room."""
        if visible and not self._sized:
            self._sized = True
            give_first_width(self, SHARE)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Article"))
        self.act_show.setText(_("&Reading pane"))
        self.act_show.setToolTip(_("Show or hide the article with its events marked (Ctrl+R)"))
        if self._pane is not None:
            self._pane.retranslate()


def install_reading_pane(window: QMainWindow, view_menu: QMenu) -> ReadingDock:
    """Add a hidden reading dock to *window* and its toggle to *view_menu*."""
    dock = ReadingDock(window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    view_menu.addAction(dock.act_show)
    window.addAction(dock.act_show)
    return dock
