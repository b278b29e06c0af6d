"""The map pane: a dock beside or below the timeline with the map, play and export.

:class:`MapPane` holds the play control, a line saying which span the map
shows, an export menu and -- made the first time the pane is shown, because
loading the base map takes about a tenth of a second -- the
:class:`~explorer.ui.map.view.MapView`. :class:`MapDock` puts it in a dock
that sits right of the window's panes or below them, can float, and is shown
and hidden from the View menu (Ctrl+M). :func:`install_map_pane` adds the dock
and its menu entries to a main window; what the map shows is the
:class:`~explorer.ui.map.controller.MapController`'s business.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.i18n import _
from explorer.ui.docks import give_first_width
from explorer.ui.map.play import PlayControl
from explorer.ui.plain import plain_label

if TYPE_CHECKING:
    from explorer.ui.map.view import MapView


def _map_view() -> MapView:
    """The map widget; its module (geometry, layout, painter) is imported only now."""
    from explorer.ui.map.view import MapView

    return MapView()


#: Formats the map exports to, as the export menu lists them.
EXPORT_KINDS = ("png", "svg", "pdf")


class MapPane(QWidget):
    """Play control, span line and export menu above the map (made on first use)."""

    #: The map widget was made (the first time the pane was shown).
    view_created = Signal()
    #: The reader chose an export format from the pane's menu ("png", "svg", "pdf").
    export_requested = Signal(str)

    def __init__(
        self, parent: QWidget | None = None, *, make_view: Callable[[], MapView] = _map_view
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mapPane")
        self._make_view = make_view
        self._view: MapView | None = None
        self.play = PlayControl(self)
        self.caption = plain_label(self)
        self.caption.setObjectName("mapCaption")
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.export_menu = QMenu(self)
        self.export_actions: dict[str, QAction] = {}
        for kind in EXPORT_KINDS:
            action = self.export_menu.addAction("")
            action.triggered.connect(lambda _checked=False, k=kind: self.export_requested.emit(k))
            self.export_actions[kind] = action
        self.export_button = QToolButton(self)
        self.export_button.setMenu(self.export_menu)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        row = QHBoxLayout()
        row.setContentsMargins(4, 2, 4, 0)
        row.addWidget(self.play, 1)
        row.addWidget(self.export_button)
        self.caption.setContentsMargins(6, 0, 4, 0)
        self._body = QVBoxLayout(self)
        self._body.setContentsMargins(0, 0, 0, 0)
        self._body.setSpacing(2)
        self._body.addLayout(row)
        self._body.addWidget(self.caption)
        self._body.addStretch(1)
        self.retranslate()

    def has_view(self) -> bool:
        return self._view is not None

    def map_view(self) -> MapView:
        """The map, made (and its base map loaded) on the first call."""
        if self._view is None:
            self._view = self._make_view()
            self._view.setParent(self)
            self._body.takeAt(2)  # the stretch that held the place
            self._body.addWidget(self._view, 1)
            self.setFocusProxy(self._view)
            self.view_created.emit()
        return self._view

    def retranslate(self) -> None:
        self.setAccessibleName(_("Map pane"))
        self.caption.setAccessibleName(_("Span shown on the map"))
        self.export_button.setText(_("Export"))
        self.export_button.setToolTip(_("Export the map with its legend, scale and credits"))
        self.export_button.setAccessibleName(_("Export the map"))
        self.export_menu.setTitle(_("Export &map"))
        self.export_actions["png"].setText(_("As &PNG image…"))
        self.export_actions["svg"].setText(_("As &SVG drawing…"))
        self.export_actions["pdf"].setText(_("As P&DF document…"))
        self.play.retranslate()
        if self._view is not None:
            self._view.retranslate()


class MapDock(QDockWidget):
    """The map pane in a dock: right of the window's panes or below them, or floating."""

    def __init__(self, parent: QWidget | None = None, *, pane: MapPane | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapDock")
        self.pane = pane or MapPane(self)
        self.setWidget(self.pane)
        self.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea
            | Qt.DockWidgetArea.BottomDockWidgetArea
            | Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.act_show = self.toggleViewAction()
        self.act_show.setShortcut(QKeySequence("Ctrl+M"))
        # Opened from the keyboard, the keyboard goes to the map (after the dock showed).
        self.act_show.triggered.connect(lambda shown: shown and self.pane.setFocus())
        self.act_below = QAction(self)
        self.act_below.setCheckable(True)
        self.act_below.toggled.connect(self._place)
        self.dockLocationChanged.connect(self._moved)
        self.visibilityChanged.connect(self._first_shown)
        self._sized = False
        self.retranslate()

    def _first_shown(self, visible: bool) -> None:
        """The first time it opens beside the panes, take about a third of the window."""
        if visible and not self._sized:
            self._sized = True
            give_first_width(self, 0.34)

    def _place(self, below: bool) -> None:
        window = self.parentWidget()
        area = (
            Qt.DockWidgetArea.BottomDockWidgetArea
            if below
            else Qt.DockWidgetArea.RightDockWidgetArea
        )
        if isinstance(window, QMainWindow) and window.dockWidgetArea(self) != area:
            window.addDockWidget(area, self)

    def _moved(self, area: Qt.DockWidgetArea) -> None:
        """Dragged elsewhere: the menu's check follows."""
        self.act_below.blockSignals(True)
        self.act_below.setChecked(area == Qt.DockWidgetArea.BottomDockWidgetArea)
        self.act_below.blockSignals(False)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Map"))
        self.act_show.setText(_("&Map"))
        self.act_show.setToolTip(_("Show or hide the map (Ctrl+M)"))
        self.act_below.setText(_("Map &below the timeline"))
        self.pane.retranslate()


def install_map_pane(
    window: QMainWindow, view_menu: QMenu, file_menu: QMenu, before: QAction | None = None
) -> MapDock:
    """Add a hidden map dock to *window*, its toggles to *view_menu* and its export
    menu to *file_menu* (before the entry *before*, else at the end)."""
    dock = MapDock(window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    view_menu.addSeparator()
    view_menu.addActions([dock.act_show, dock.act_below])
    if before is not None:
        file_menu.insertMenu(before, dock.pane.export_menu)
    else:
        file_menu.addMenu(dock.pane.export_menu)
    window.addAction(dock.act_show)
    return dock
