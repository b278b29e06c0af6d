"""What the window's side docks (map, reading pane) share: their first width.

A dock opened for the first time beside the window's panes takes a share of
the window, but leaves the other panes 1000 pixels where the window has them
(the list and the detail view's buttons need them, in Dutch most) and never so
much that the window must grow.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

#: What the panes left of a side dock keep where the window is wide enough.
PANES_KEEP = 1000


def give_first_width(dock: QDockWidget, share: float) -> None:
    """Size *dock* for its first showing beside the panes (docked below: left alone)."""
    window = dock.parentWidget()
    if not isinstance(window, QMainWindow):
        return
    if window.dockWidgetArea(dock) != Qt.DockWidgetArea.RightDockWidgetArea:
        return
    central = window.centralWidget()
    room = window.width() - (central.minimumSizeHint().width() if central else 0) - 8
    wanted = min(int(window.width() * share), window.width() - PANES_KEEP, room)
    width = max(dock.minimumSizeHint().width(), wanted)
    window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
