"""The window on the screen it opens on: sized to fit, and kept on it when restored.

On the first start the window takes the screen's available area (without
panels and docks): a small screen (a 1366×768 laptop, a 1024×600 netbook) gets
it all, a large one a comfortable 1600×1000 in its middle. A geometry saved on
a large screen and restored on a small one is shrunk and moved onto the
screen, so no title bar, status bar or pane ends up off-screen.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: A screen smaller than this in either direction gets the whole available area.
SMALL_SCREEN = QSize(1440, 900)
#: The window's size on a large screen.
COMFORTABLE = QSize(1600, 1000)
#: Room a window manager's title bar and frame take (until the frame is known).
FRAME_ALLOWANCE = QSize(2, 32)


def available(window: QWidget) -> QRect:
    """The available area of the screen *window* is on (or the primary screen)."""
    screen = window.screen() if window.isVisible() else None
    if screen is None:
        screen = QGuiApplication.screenAt(window.frameGeometry().center())
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)


def first_geometry(area: QRect) -> tuple[QRect, bool]:
    """Where the window goes on first start in *area*, and whether to maximise it."""
    small = area.width() < SMALL_SCREEN.width() or area.height() < SMALL_SCREEN.height()
    if small:
        size = area.size() - FRAME_ALLOWANCE
    else:
        size = COMFORTABLE.boundedTo(area.size() - FRAME_ALLOWANCE)
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(area.center())
    return rect, small


def clamped(frame: QRect, area: QRect) -> QRect:
    """*frame* (a window's outer rectangle) shrunk and moved to lie inside *area*."""
    size = frame.size().boundedTo(area.size())
    x = min(max(frame.x(), area.x()), area.right() + 1 - size.width())
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - size.height())
    return QRect(QPoint(x, y), size)


def place(window: QWidget, restored: bool) -> None:
    """Size *window* for its screen: first start, or a restored geometry kept on screen."""
    area = available(window)
    if not restored:
        rect, maximise = first_geometry(area)
        window.setGeometry(rect)
        if maximise:
            window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
        return
    frame = window.frameGeometry()
    inside = clamped(frame, area)
    if inside != frame:
        # The frame's decoration stays as it was; the client area shrinks with it.
        extra = frame.size() - window.geometry().size()
        window.resize((inside.size() - extra).expandedTo(QSize(100, 100)))
        window.move(inside.topLeft())
