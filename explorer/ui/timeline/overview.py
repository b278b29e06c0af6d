"""The overview band under the timeline: the whole story and where you are in it.

Like SIMILE's lower band, :class:`OverviewBand` shows 1989 to today (and as far
back as the visible window, when that lies earlier): a
histogram of how many events start in each pixel column (binned with numpy
binary searches, so it costs the same at a million events), year labels, and
the timeline's visible window as a rectangle. Drag the rectangle to pan, drag
its edges to zoom, click elsewhere to centre the window there; arrow keys
move it too. A dragged window is clamped by the same
:class:`~explorer.core.timeline.viewport.Viewport` rule as the timeline's own
moves. Changes are reported with ``window_changed(t0, t1)``; the timeline's
``view_changed`` is connected to :meth:`set_window`, which does not emit, so
the two never loop.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QWidget

from explorer import i18n
from explorer.core.timeline.data import TimelineData, first_at_or_after
from explorer.core.timeline.describe import overview_description
from explorer.core.timeline.timescale import compute_axis
from explorer.core.timeline.viewport import MIN_SPAN, Viewport, overview_range
from explorer.i18n import _
from explorer.ui.timeline.colors import (
    MATCH,
    adapted,
    blend,
    blit,
    paint_reading_here,
    premultiplied,
)

#: Pixels either side of the window's edge that grab the edge (resize).
EDGE_GRAB = 5


class OverviewBand(QWidget):
    """Histogram of the whole range with a draggable, resizable view window."""

    window_changed = Signal(float, float)

    def __init__(self, data: TimelineData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumHeight(48)
        self._data = data if data is not None else TimelineData.empty()
        self._viewport = Viewport.of(self._data)
        self._window = overview_range(self._data)
        self._reading: tuple[float, float] | None = None
        self._lang = i18n.language()
        self._drag: str | None = None  # "move", "left" or "right"
        self._drag_x = 0.0
        self._drag_window = self._window
        self._hist: (
            tuple[tuple[object, ...], npt.NDArray[np.int64], npt.NDArray[np.int64]] | None
        ) = None
        self.retranslate()

    # -- data and window -----------------------------------------------------------

    def set_data(self, data: TimelineData) -> None:
        self._data = data
        self._viewport = Viewport.of(data)
        self._hist = None
        self.update()

    @Slot()
    def refresh(self) -> None:
        """Redraw after the data's search matches changed."""
        self._hist = None
        self.update()

    def domain(self) -> tuple[float, float]:
        """The drawn range: 1989 to today, stretched to the visible window when
        that lies before (an event of 1932 selected), so the window always shows."""
        lo, hi = overview_range(self._data)
        return min(lo, self._window[0]), max(hi, self._window[1])

    def visible_window(self) -> tuple[float, float]:
        """The highlighted span ``(t0, t1)`` in days."""
        return self._window

    @Slot(float, float)
    def set_window(self, t0: float, t1: float) -> None:
        """Show the timeline's visible span (does not emit :attr:`window_changed`)."""
        self._window = (t0, t1)
        self._update_description()
        self.update()

    def set_reading_span(self, span: tuple[float, float] | None) -> None:
        """Mark the days ``[t0, t1)`` being read in the reading pane (None: no mark)."""
        if span != self._reading:
            self._reading = span
            self.update()

    def reading_span(self) -> tuple[float, float] | None:
        return self._reading

    def _change(self, t0: float, t1: float) -> None:
        t0, t1 = self._viewport.clamp(t0, t1)
        if (t0, t1) != self._window:
            self.set_window(t0, t1)
            self.window_changed.emit(t0, t1)

    # -- coordinates -----------------------------------------------------------------

    def _x(self, day: float) -> float:
        lo, hi = self.domain()
        return (day - lo) / (hi - lo) * self.width()

    def _day(self, x: float) -> float:
        lo, hi = self.domain()
        return lo + x / max(1, self.width()) * (hi - lo)

    def _window_rect(self) -> QRectF:
        x0, x1 = self._x(self._window[0]), self._x(self._window[1])
        if x1 - x0 < 4:  # a two-day window is still something to grab
            mid = (x0 + x1) / 2
            x0, x1 = mid - 2, mid + 2
        return QRectF(x0, 1, x1 - x0, self.height() - 2)

    # -- painting --------------------------------------------------------------------

    def _histogram(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        key = (id(self._data), self._data.revision, self.width(), self.domain())
        if self._hist is None or self._hist[0] != key:
            lo, hi = self.domain()
            edges = np.ceil(lo + np.arange(self.width() + 1) * (hi - lo) / max(1, self.width()))
            idx = first_at_or_after(self._data.day_min, edges)
            counts = np.diff(idx).astype(np.int64)
            matched = counts if self._data.all_match else np.diff(self._data.match_cumsum()[idx])
            self._hist = (key, counts, matched)
        return self._hist[1], self._hist[2]

    def paintEvent(self, event: QPaintEvent) -> None:
        pal = self.palette()
        base = pal.color(QPalette.ColorRole.Base)
        text = pal.color(QPalette.ColorRole.Text)
        highlight = pal.color(QPalette.ColorRole.Highlight)
        fm = QFontMetricsF(self.font())
        label_h = fm.height() + 2
        w, h = self.width(), self.height()
        p = QPainter(self)
        try:
            p.fillRect(self.rect(), blend(text, base, 0.04))
            counts, matched = self._histogram()
            bar_h = max(4.0, h - label_h - 4)
            peak = float(counts.max()) if len(counts) else 0.0
            if peak > 0:
                self._bars(p, counts, peak, bar_h, blend(text, base, 0.45))
                if not self._data.all_match:
                    self._bars(p, matched, peak, bar_h, QColor(adapted(MATCH, base.name())))
            lo, hi = self.domain()
            axis = compute_axis(lo, hi, w, fm.horizontalAdvance, lang=self._lang)
            p.setPen(QPen(blend(text, base, 0.3), 1))
            for t in axis.ticks:
                x = round(t.x) + 0.5
                p.drawLine(QPointF(x, h - label_h - 2), QPointF(x, h - label_h + 2))
            p.setPen(text)
            for t in axis.ticks:
                if t.x >= 0:
                    p.drawText(QPointF(t.x + 3, h - 3 - fm.descent()), t.label)
            if self._reading is not None:  # as on the timeline: the days being read
                x0, x1 = self._x(self._reading[0]), self._x(self._reading[1])
                paint_reading_here(p, x0, x1, h - label_h - 2, 4)
            # The visible window: a tinted frame the user can grab.
            rect = self._window_rect()
            fill = QColor(highlight)
            fill.setAlphaF(0.18)
            p.fillRect(rect, fill)
            p.setPen(QPen(highlight, 2))
            p.drawRect(rect)
            if self.hasFocus():
                p.setPen(QPen(highlight, 1, Qt.PenStyle.DotLine))
                p.drawRect(QRectF(0.5, 0.5, w - 1, h - 1))
        finally:
            p.end()

    def _bars(
        self, p: QPainter, counts: npt.NDArray[np.int64], peak: float, bar_h: float, color: QColor
    ) -> None:
        # Square root: the sparse years before 2014 stay visible next to 2022.
        rows = int(bar_h)
        heights = np.ceil(np.sqrt(counts / peak) * rows).astype(np.int64)
        pixels = np.zeros((rows, len(counts)), dtype=np.uint32)
        pixels[np.arange(rows)[:, None] >= rows - heights[None, :]] = premultiplied(color, 1.0)
        blit(p, pixels, QRectF(0, 2, len(counts), rows))

    # -- interaction -----------------------------------------------------------------

    def _grab_at(self, x: float) -> str | None:
        rect = self._window_rect()
        if abs(x - rect.left()) <= EDGE_GRAB:
            return "left"
        if abs(x - rect.right()) <= EDGE_GRAB:
            return "right"
        if rect.left() < x < rect.right():
            return "move"
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        x = event.position().x()
        grab = self._grab_at(x)
        if grab is None:
            # Click outside the window: centre it there, then keep dragging it.
            span = self._window[1] - self._window[0]
            day = self._day(x)
            self._change(day - span / 2, day + span / 2)
            grab = "move"
        self._drag, self._drag_x, self._drag_window = grab, x, self._window
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        x = event.position().x()
        if self._drag is None:
            grab = self._grab_at(x)
            shape = {
                "left": Qt.CursorShape.SizeHorCursor,
                "right": Qt.CursorShape.SizeHorCursor,
                "move": Qt.CursorShape.OpenHandCursor,
            }.get(grab or "", Qt.CursorShape.PointingHandCursor)
            self.setCursor(shape)
            return
        dd = self._day(x) - self._day(self._drag_x)
        t0, t1 = self._drag_window
        if self._drag == "move":
            self._change(t0 + dd, t1 + dd)
        elif self._drag == "left":
            self._change(min(t0 + dd, t1 - MIN_SPAN), t1)
        else:
            self._change(t0, max(t1 + dd, t0 + MIN_SPAN))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        t0, t1 = self._window
        step = (t1 - t0) * 0.25
        if event.key() == Qt.Key.Key_Left:
            self._change(t0 - step, t1 - step)
        elif event.key() == Qt.Key.Key_Right:
            self._change(t0 + step, t1 + step)
        else:
            super().keyPressEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(900, 64)

    # -- language and accessibility --------------------------------------------------

    def retranslate(self) -> None:
        self._lang = i18n.language()
        self.setAccessibleName(_("Overview of the whole timeline"))
        self._update_description()
        self.update()

    def _update_description(self) -> None:
        today = date.today().toordinal()
        text = overview_description(self._window, self.domain(), today, self._lang)
        self.setAccessibleDescription(text)
