"""A visible focus ring around whatever control has the keyboard focus.

Styles differ in how (and whether) they mark the focused control: Fusion draws
nothing on a tool button, a faint line on a push button. Kroniek draws one ring
of its own, in the palette's highlight colour, around the focused control of
its window, so keyboard users always see where they are. The ring is a
child of the window that lets the mouse through and follows the control when
it moves or resizes; controls that draw their own focus inside (the timeline,
the overview, the legend) get it as well, which does no harm.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QWidget

WIDTH = 2


class FocusRing(QWidget):
    """Draws a ring around the focused widget inside *window*."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._window = window
        self.target: QWidget | None = None
        self._watched: list[QWidget] = []
        self.hide()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        for watched in self._watched:
            with contextlib.suppress(RuntimeError):  # deleted since (a note editor closed)
                watched.removeEventFilter(self)
        inside = new is not None and new is not self and self._window.isAncestorOf(new)
        self.target = new if inside else None
        # The target moves when it does, and when a pane around it scrolls or a
        # splitter is dragged: watch it and every widget up to the window.
        self._watched = []
        widget = self.target
        while widget is not None and widget is not self._window:
            widget.installEventFilter(self)
            self._watched.append(widget)
            widget = widget.parentWidget()
        self.follow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (
            QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide,
        ):  # fmt: skip
            self.follow()
        return False

    def follow(self) -> None:
        """Put the ring around the target (or hide it when there is none)."""
        target = self.target
        if target is None or not target.isVisible():
            self.hide()
            return
        top_left = target.mapTo(self._window, target.rect().topLeft())
        rect = QRect(top_left, target.size()).adjusted(-WIDTH, -WIDTH, WIDTH, WIDTH)
        self.setGeometry(rect.intersected(self._window.rect()))
        self.raise_()
        self.show()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), WIDTH)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(self.rect().adjusted(1, 1, -1, -1), 3, 3)
        finally:
            p.end()
