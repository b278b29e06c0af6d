"""The timeline widget: the main view of Kroniek.

:class:`TimelineView` owns the visible span ``[t0, t1)`` (continuous days,
proleptic Gregorian ordinals), turns input -- wheel, pinch, drag, keys --
into changes of that span or of the selection, and paints what
:class:`~explorer.core.timeline.layout.TimelineLayout` computes, through
:class:`~explorer.ui.timeline.painter.TimelinePainter`. The layout is cached
per span, size, search and language, so repaints that change nothing cost
only the drawing.

Signals (connected in the composition root):

* ``selection_changed(str)`` -- an event id, or ``""`` when cleared;
* ``view_changed(float, float)`` -- the new visible span, in days;
* ``range_brushed(object, object)`` -- two ``datetime.date`` (inclusive)
  after a shift-drag or right-drag across the timeline;
* ``context_menu_requested(str, QPoint)`` -- event id (or ``""``) and the
  global position for a menu;
* ``event_activated(str)`` -- Enter on the selected event;
* ``history_changed()`` -- back/forward availability may have changed.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

from babel.numbers import format_decimal
from PySide6.QtCore import (
    QElapsedTimer,
    QEvent,
    QMarginsF,
    QPoint,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPageLayout,
    QPageSize,
    QPainter,
    QPaintEvent,
    QPdfWriter,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGestureEvent, QPinchGesture, QToolTip, QWidget

from explorer.core.timeline.data import TimelineData
from explorer.core.timeline.layout import Hit, TimelineLayout
from explorer.core.timeline.timescale import format_day, format_event_span
from explorer.i18n import _, babel_locale, language, ngettext
from explorer.ui.plain import tooltip
from explorer.ui.timeline.painter import PaintState, TimelinePainter

#: The story starts with the fall of the Berlin Wall era; nothing earlier.
DOMAIN_START = date(1989, 1, 1).toordinal()
#: Narrowest view: two days across the widget.
MIN_SPAN = 2.0
#: Widest view: about forty years.
MAX_SPAN = 40 * 365.25
#: One wheel notch zooms by this factor.
WHEEL_ZOOM = 1.25
#: Wheel events closer together than this belong to one gesture (one history entry).
GESTURE_PAUSE_MS = 700
_HISTORY_LIMIT = 100


class QtTextMetrics:
    """Real font metrics for the layout, with title widths memoised."""

    def __init__(self, font: QFont) -> None:
        self._fm = QFontMetricsF(font)
        self.char_width = self._fm.averageCharWidth()
        self.line_height = self._fm.height()
        self._cache: dict[str, float] = {}

    def text_width(self, text: str) -> float:
        w = self._cache.get(text)
        if w is None:
            if len(self._cache) > 20000:
                self._cache.clear()
            w = self._cache[text] = self._fm.horizontalAdvance(text)
        return w


class TimelineView(QWidget):
    """Zoomable, pannable timeline of events from 1989 to today."""

    selection_changed = Signal(str)
    view_changed = Signal(float, float)
    range_brushed = Signal(object, object)
    context_menu_requested = Signal(str, QPoint)
    event_activated = Signal(str)
    history_changed = Signal()

    def __init__(self, data: TimelineData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(320, 200)
        # Right-button drags brush a range, so the menu is requested by hand.
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.grabGesture(Qt.GestureType.PinchGesture)
        self._data = data if data is not None else TimelineData.empty()
        self._t0 = float(DOMAIN_START)
        self._t1 = float(domain_end(self._data))
        self._selected = -1
        self._back: list[tuple[float, float]] = []
        self._forward: list[tuple[float, float]] = []
        self._layout: TimelineLayout | None = None
        self._layout_key: tuple[object, ...] = ()
        self._metrics: QtTextMetrics | None = None
        self._metrics_font = ""
        self._press: QPointF | None = None
        self._press_button = Qt.MouseButton.NoButton
        self._press_view = (self._t0, self._t1)
        self._dragging = False
        self._brush: tuple[float, float] | None = None
        self._wheel_clock = QElapsedTimer()
        self.fit_all(record=False)
        self.retranslate()

    # -- data and state ---------------------------------------------------------

    @property
    def data(self) -> TimelineData:
        return self._data

    def set_data(self, data: TimelineData) -> None:
        """Show *data* (e.g. another database) and fit it into view."""
        self._data = data
        self._selected = -1
        self._back.clear()
        self._forward.clear()
        self._layout = None
        self.fit_all(record=False)
        self.history_changed.emit()
        self.selection_changed.emit("")

    @Slot()
    def refresh(self) -> None:
        """Repaint after the data's ``match`` array changed (search dimming)."""
        self._layout = None
        self.update()

    def view(self) -> tuple[float, float]:
        """The visible span ``(t0, t1)`` in days."""
        return self._t0, self._t1

    def selected_id(self) -> str:
        return self._data.id_at(self._selected) if self._selected >= 0 else ""

    def current_layout(self) -> TimelineLayout:
        """The layout for the current view and size (computed when stale)."""
        return self._layout_for(self.width(), self.height())

    def _text_metrics(self) -> QtTextMetrics:
        key = self.font().key()
        if self._metrics is None or key != self._metrics_font:
            self._metrics = QtTextMetrics(self.font())
            self._metrics_font = key
        return self._metrics

    def _layout_for(self, width: int, height: int) -> TimelineLayout:
        metrics = self._text_metrics()
        key = (
            self._t0,
            self._t1,
            width,
            height,
            id(self._data),
            self._data.revision,
            self._metrics_font,
            language(),
        )
        if self._layout is None or key != self._layout_key:
            self._layout = TimelineLayout(self._data, self._t0, self._t1, width, height, metrics)
            self._layout_key = key
        return self._layout

    # -- the visible span ----------------------------------------------------------

    def domain(self) -> tuple[float, float]:
        """How far one may pan: 1 January 1989 (or the first event) to today."""
        return domain_of(self._data)

    def _clamped(self, t0: float, t1: float) -> tuple[float, float]:
        span = min(max(t1 - t0, MIN_SPAN), MAX_SPAN)
        lo, hi = self.domain()
        pad = 0.02 * span
        if hi - lo + 2 * pad <= span:
            mid = (lo + hi) / 2
            return mid - span / 2, mid + span / 2
        t0 = min(max(t0, lo - pad), hi + pad - span)
        return t0, t0 + span

    @Slot(float, float)
    def set_view(self, t0: float, t1: float) -> None:
        """Show the span ``[t0, t1)`` (clamped to the zoom and pan limits)."""
        self._apply_view(t0, t1, record=False)

    def _apply_view(self, t0: float, t1: float, *, record: bool) -> None:
        if not (math.isfinite(t0) and math.isfinite(t1)):
            return
        t0, t1 = self._clamped(t0, t1)
        if abs(t0 - self._t0) < 1e-9 and abs(t1 - self._t1) < 1e-9:
            return
        if record:
            self._record()
        self._t0, self._t1 = t0, t1
        self._update_description()
        self.update()
        self.view_changed.emit(t0, t1)

    def zoom(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom in (*factor* > 1) or out, keeping the day under *anchor_x* in place."""
        w = max(1, self.width())
        ax = w / 2 if anchor_x is None else min(max(anchor_x, 0.0), float(w))
        span = self._t1 - self._t0
        new_span = min(max(span / factor, MIN_SPAN), MAX_SPAN)
        if abs(new_span - span) < 1e-9:
            return  # at a zoom limit: stop, do not drift
        anchor = self._t0 + ax / w * span
        t0 = anchor - ax / w * new_span
        self._apply_view(t0, t0 + new_span, record=False)

    def pan_pixels(self, dx: float) -> None:
        """Move the view by *dx* pixels (positive: later in time)."""
        per_px = (self._t1 - self._t0) / max(1, self.width())
        self._apply_view(self._t0 + dx * per_px, self._t1 + dx * per_px, record=False)

    @Slot()
    def fit_all(self, record: bool = True) -> None:
        """Show every event (or the whole 1989-today range when there are none)."""
        first, last = self._data.first_day, self._data.last_day
        if first is None or last is None:
            lo, hi = self.domain()
        else:
            # Background events from long before (a famine in 1932) stay
            # reachable by panning but do not squash the war into a corner.
            lo = float(max(first, DOMAIN_START) if last >= DOMAIN_START else first)
            hi = float(last) + 1
        margin = max((hi - lo) * 0.03, 1.0)
        self._apply_view(lo - margin, hi + margin, record=record)

    @Slot(object)
    def go_to_date(self, day: date) -> None:
        """Centre *day*; from further out than a year, zoom to the month around it."""
        span = self._t1 - self._t0
        if span > 366:
            span = 31.0
        centre = day.toordinal() + 0.5
        self._apply_view(centre - span / 2, centre + span / 2, record=True)

    @Slot()
    def zoom_to_selection(self) -> None:
        """Zoom so the selected event fills about a third of the width."""
        if self._selected >= 0:
            self._zoom_to_event(self._selected)

    def _zoom_to_event(self, index: int) -> None:
        a = float(self._data.day_min[index])
        b = float(self._data.day_max[index]) + 1
        span = max(7.0, 3 * (b - a))
        mid = (a + b) / 2
        self._apply_view(mid - span / 2, mid + span / 2, record=True)

    def _zoom_to_range(self, a: float, b: float) -> None:
        pad = max((b - a) * 0.1, 0.5)
        self._apply_view(a - pad, b + pad, record=True)

    # -- history -----------------------------------------------------------------

    def _record(self) -> None:
        self._back.append((self._t0, self._t1))
        del self._back[:-_HISTORY_LIMIT]
        self._forward.clear()
        self.history_changed.emit()

    def can_go_back(self) -> bool:
        return bool(self._back)

    def can_go_forward(self) -> bool:
        return bool(self._forward)

    @Slot()
    def go_back(self) -> None:
        """Return to the view before the last jump, zoom or pan gesture."""
        if self._back:
            self._forward.append((self._t0, self._t1))
            self._apply_view(*self._back.pop(), record=False)
            self.history_changed.emit()

    @Slot()
    def go_forward(self) -> None:
        """Redo a view that :meth:`go_back` left."""
        if self._forward:
            self._back.append((self._t0, self._t1))
            self._apply_view(*self._forward.pop(), record=False)
            self.history_changed.emit()

    # -- selection -----------------------------------------------------------------

    @Slot(str)
    def select_event(self, event_id: str) -> None:
        """Select *event_id* (``""`` clears) and scroll it into view if needed."""
        index = self._data.index_of(event_id) if event_id else None
        self._select(-1 if index is None else index, reveal=True)

    def _select(self, index: int, *, reveal: bool) -> None:
        if reveal and index >= 0:
            self._reveal(index)
        if index == self._selected:
            return
        self._selected = index
        self._update_description()
        self.update()
        self.selection_changed.emit(self.selected_id())

    def _reveal(self, index: int) -> None:
        a = float(self._data.day_min[index])
        b = float(self._data.day_max[index]) + 1
        span = self._t1 - self._t0
        margin = span * 0.05
        if a >= self._t0 + margin and b <= self._t1 - margin:
            return
        if b - a > span * 0.9:
            self._zoom_to_range(a, b)
            return
        if a < self._t0 + margin or a > self._t1 - margin:
            # Put the start a third into the view, so what follows is visible.
            t0 = a - span / 3
            self._apply_view(t0, t0 + span, record=True)

    @Slot()
    def select_next(self) -> None:
        """Select the next event in time (the first in view if none is selected)."""
        if self._selected < 0:
            index = self._data.first_at_or_after(self._t0)
        else:
            index = self._data.next_index(self._selected)
        if index is not None:
            self._select(index, reveal=True)

    @Slot()
    def select_previous(self) -> None:
        """Select the previous event in time (the last in view if none is selected)."""
        if self._selected < 0:
            after = self._data.first_at_or_after(self._t1)
            start = after if after is not None else len(self._data)
            index = self._data.previous_index(start)
        else:
            index = self._data.previous_index(self._selected)
        if index is not None:
            self._select(index, reveal=True)

    # -- language and accessibility ------------------------------------------------

    def retranslate(self) -> None:
        """Re-read every visible text (axis labels follow on the next paint)."""
        self.setAccessibleName(_("Timeline"))
        self.setToolTip("")
        self._layout = None
        self._update_description()
        self.update()

    def _update_description(self) -> None:
        lay_n = self._data.window(self._t0, self._t1)
        n = lay_n[1] - lay_n[0]
        text = ngettext(
            "From {start} to {end}, {count} event", "From {start} to {end}, {count} events", n
        ).format(start=format_day(self._t0), end=format_day(self._t1 - 1e-6), count=n)
        if self._selected >= 0:
            text += ". " + _("Selected: {title}").format(title=self._data.title(self._selected))
        self.setAccessibleDescription(text)

    # -- painting ------------------------------------------------------------------

    def _painter(self) -> TimelinePainter:
        return TimelinePainter(self.palette(), self.font())

    def _state(self, *, screen: bool) -> PaintState:
        message = _("No events to show") if len(self._data) == 0 else ""
        return PaintState(
            selected=self._selected,
            brush=self._brush if screen else None,
            focused=screen and self.hasFocus(),
            message=message,
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            self._painter().paint(p, self.current_layout(), self._state(screen=True))
        finally:
            p.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout = None

    # -- export --------------------------------------------------------------------

    def render_image(self, size: QSize | None = None) -> QImage:
        """The current view drawn into an image (at the widget's size by default)."""
        size = size or self.size()
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        p = QPainter(image)
        try:
            self._paint_export(p, size.width(), size.height())
        finally:
            p.end()
        return image

    def render_to_image(self, path: str | Path, size: QSize | None = None) -> bool:
        """Save the current view as PNG (or any format Qt knows by extension)."""
        return self.render_image(size).save(str(path))

    def export_svg(self, path: str | Path, size: QSize | None = None) -> None:
        """Save the current view as scalable vector graphics."""
        size = size or self.size()
        gen = QSvgGenerator()
        gen.setFileName(str(path))
        gen.setSize(size)
        gen.setViewBox(QRectF(0, 0, size.width(), size.height()))
        gen.setTitle(_("Kroniek timeline"))
        gen.setDescription(self.accessibleDescription())
        p = QPainter(gen)
        try:
            self._paint_export(p, size.width(), size.height())
        finally:
            p.end()

    def export_pdf(self, path: str | Path) -> None:
        """Save the current view on one landscape A4 page, with a heading."""
        writer = QPdfWriter(str(path))
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Landscape,
                QMarginsF(12, 12, 12, 12),
            )
        )
        writer.setTitle(_("Kroniek timeline"))
        writer.setCreator("Kroniek")
        p = QPainter(writer)
        try:
            self._paint_page(p, QRectF(writer.pageLayout().paintRectPixels(writer.resolution())))
        finally:
            p.end()

    def print_view(self, printer: QPrinter) -> None:
        """Print the current view on one page of *printer*, with a heading."""
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        p = QPainter(printer)
        try:
            rect = printer.pageLayout().paintRectPixels(printer.resolution())
            self._paint_page(p, QRectF(0, 0, rect.width(), rect.height()))
        finally:
            p.end()

    def _paint_page(self, p: QPainter, page: QRectF) -> None:
        """Scale the on-screen view to the page, under a title with the span."""
        w = max(self.width(), 800)
        h = max(self.height(), 300)
        heading = _("Kroniek timeline: {start} – {end}").format(
            start=format_day(self._t0), end=format_day(self._t1 - 1e-6)
        )
        scale = page.width() / w
        p.save()
        p.translate(0, 0)
        p.scale(scale, scale)
        p.setFont(self.font())
        head_h = QFontMetricsF(self.font()).height() * 1.8
        p.setPen(self.palette().color(self.palette().ColorRole.WindowText))
        p.drawText(QPointF(0, QFontMetricsF(self.font()).ascent()), heading)
        avail = page.height() / scale - head_h
        p.translate(0, head_h)
        self._paint_export(p, w, int(min(h, avail)))
        p.restore()

    def _paint_export(self, p: QPainter, width: int, height: int) -> None:
        layout = TimelineLayout(self._data, self._t0, self._t1, width, height, self._text_metrics())
        self._painter().paint(p, layout, self._state(screen=False))

    # -- input: wheel, pinch, gestures -----------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        pixel = event.pixelDelta()
        if not self._wheel_clock.isValid() or self._wheel_clock.elapsed() > GESTURE_PAUSE_MS:
            self._record()
        self._wheel_clock.start()
        if abs(delta.x()) > abs(delta.y()) or abs(pixel.x()) > abs(pixel.y()):
            # Horizontal scrolling (trackpads, tilt wheels) pans.
            dx = pixel.x() if not pixel.isNull() else delta.x() / 120 * 40
            self.pan_pixels(-dx)
        elif delta.y():
            self.zoom(WHEEL_ZOOM ** (delta.y() / 120), event.position().x())
        event.accept()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                if pinch.state() == Qt.GestureState.GestureStarted:
                    self._record()
                centre = self.mapFromGlobal(pinch.centerPoint().toPoint())
                self.zoom(pinch.scaleFactor(), float(centre.x()))
                event.accept()
                return True
        if (
            kind == QEvent.Type.NativeGesture
            and isinstance(event, QNativeGestureEvent)
            and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture
        ):
            self.zoom(1.0 + event.value(), event.position().x())
            return True
        if kind == QEvent.Type.ToolTip:
            self._show_tooltip(event)
            return True
        return super().event(event)

    def _show_tooltip(self, event: QEvent) -> None:
        pos = getattr(event, "pos", lambda: QPoint())()
        global_pos = getattr(event, "globalPos", lambda: QPoint())()
        text = self.tooltip_at(QPointF(pos))
        if text:
            QToolTip.showText(global_pos, tooltip(text), self)
        else:
            QToolTip.hideText()
            event.ignore()

    def tooltip_at(self, pos: QPointF) -> str:
        """The hover text at *pos*: the date and title of an event, or a count."""
        hit = self.current_layout().item_at(pos.x(), pos.y())
        if hit is None:
            return ""
        if hit.kind == "event":
            d = self._data
            i = hit.index
            date_text = format_event_span(
                int(d.day_min[i]), int(d.day_max[i]), int(d.precision[i]), int(d.qualifier[i])
            )
            cat = d.categories[int(d.category[i])].label(language()) if d.categories else ""
            lines = [date_text, d.title(i)]
            if cat:
                lines.append(cat)
            return "\n".join(lines)
        counted = ngettext("{count} event", "{count} events", hit.count).format(
            count=format_decimal(hit.count, locale=babel_locale())
        )
        if hit.kind == "period":
            period = format_event_span(math.floor(hit.day0), math.ceil(hit.day1) - 1, hit.precision)
            note = _("dated to the month") if hit.precision == 1 else _("dated to the year")
            return f"{counted}\n{period} ({note})"
        start, end = format_day(hit.day0), format_day(hit.day1 - 1e-6)
        span = start if start == end else f"{start} – {end}"
        return f"{counted}\n{span}"

    # -- input: mouse --------------------------------------------------------------

    def _hit(self, pos: QPointF) -> Hit | None:
        return self.current_layout().item_at(pos.x(), pos.y())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._press = event.position()
        self._press_button = event.button()
        self._press_view = (self._t0, self._t1)
        self._dragging = False
        brushing = event.button() == Qt.MouseButton.RightButton or (
            event.button() == Qt.MouseButton.LeftButton
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        self._brush = (event.position().x(), event.position().x()) if brushing else None
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            hit = self._hit(event.position())
            cursor = Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor
            self.setCursor(cursor)
            return
        dx = event.position().x() - self._press.x()
        if not self._dragging and abs(dx) < 4 and abs(event.position().y() - self._press.y()) < 4:
            return
        self._dragging = True
        if self._brush is not None:
            self._brush = (self._brush[0], event.position().x())
            self.update()
            return
        if self._back[-1:] != [self._press_view]:
            self._back.append(self._press_view)
            self._forward.clear()
            self.history_changed.emit()
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        per_px = (self._press_view[1] - self._press_view[0]) / max(1, self.width())
        t0 = self._press_view[0] - dx * per_px
        self._apply_view(t0, t0 + self._press_view[1] - self._press_view[0], record=False)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        pos = event.position()
        button, dragged, brush = self._press_button, self._dragging, self._brush
        self._press, self._brush, self._dragging = None, None, False
        self.setCursor(Qt.CursorShape.ArrowCursor)
        if brush is not None and dragged:
            self.update()
            self._emit_brush(*brush)
            return
        if button == Qt.MouseButton.RightButton:
            hit = self._hit(pos)
            if hit is not None and hit.kind == "event":
                self._select(hit.index, reveal=False)
            event_id = self._data.id_at(hit.index) if hit and hit.kind == "event" else ""
            self.context_menu_requested.emit(event_id, self.mapToGlobal(pos.toPoint()))
            return
        if button == Qt.MouseButton.LeftButton and not dragged:
            self._click(pos)

    def _click(self, pos: QPointF) -> None:
        hit = self._hit(pos)
        if hit is None:
            self._select(-1, reveal=False)
        elif hit.kind == "event":
            self._select(hit.index, reveal=False)
        elif hit.kind in ("cluster", "period"):
            self._zoom_to_range(hit.day0, hit.day1)

    def _emit_brush(self, x0: float, x1: float) -> None:
        layout = self.current_layout()
        a, b = sorted((layout.day_of(x0), layout.day_of(x1)))
        first = date.fromordinal(math.floor(a))
        last = date.fromordinal(max(math.floor(a), math.ceil(b) - 1))
        self.range_brushed.emit(first, last)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self._hit(event.position())
        if hit is not None and hit.kind == "event":
            self._select(hit.index, reveal=False)
            self._zoom_to_event(hit.index)
        elif hit is not None:
            self._zoom_to_range(hit.day0, hit.day1)
        else:
            self._record()
            self.zoom(2.0, event.position().x())
        self._press = None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        # Only reached from the keyboard (menu key); mouse menus come on release.
        self._keyboard_menu()

    def _keyboard_menu(self) -> None:
        item = self.current_layout().item_for(self._selected) if self._selected >= 0 else None
        if item is not None:
            local = QPoint(int(item.x + item.w / 2), int(item.y + item.h))
        else:
            local = QPoint(self.width() // 2, self.height() // 2)
        self.context_menu_requested.emit(self.selected_id(), self.mapToGlobal(local))

    # -- input: keyboard -----------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if mods & Qt.KeyboardModifier.AltModifier:
            super().keyPressEvent(event)  # Alt+arrows: history, bound by the window
            return
        K = Qt.Key
        span = self._t1 - self._t0
        if key in (K.Key_Plus, K.Key_Equal):
            self._record()
            self.zoom(1.5, self._keyboard_anchor())
        elif key in (K.Key_Minus, K.Key_Underscore):
            self._record()
            self.zoom(1 / 1.5, self._keyboard_anchor())
        elif key in (K.Key_Left, K.Key_Right) and ctrl:
            (self.select_previous if key == K.Key_Left else self.select_next)()
        elif key == K.Key_BracketLeft:
            self.select_previous()
        elif key == K.Key_BracketRight:
            self.select_next()
        elif key in (K.Key_Left, K.Key_Right):
            step = span * (0.5 if shift else 0.1) * (-1 if key == K.Key_Left else 1)
            self._apply_view(self._t0 + step, self._t1 + step, record=False)
        elif key in (K.Key_PageUp, K.Key_PageDown):
            step = span * 0.9 * (-1 if key == K.Key_PageUp else 1)
            self._apply_view(self._t0 + step, self._t1 + step, record=True)
        elif key == K.Key_Home:
            lo = self._data.first_day if self._data.first_day is not None else self.domain()[0]
            self._apply_view(lo - span * 0.03, lo + span * 0.97, record=True)
        elif key == K.Key_End:
            hi = self._data.last_day if self._data.last_day is not None else self.domain()[1]
            self._apply_view(hi + 1 - span * 0.97, hi + 1 + span * 0.03, record=True)
        elif key == K.Key_F:
            self.fit_all()
        elif key == K.Key_Z:
            self.zoom_to_selection()
        elif key == K.Key_Escape and (self._selected >= 0 or self._brush is not None):
            self._brush = None
            self._press = None
            self._select(-1, reveal=False)
        elif key in (K.Key_Return, K.Key_Enter) and self._selected >= 0:
            self.event_activated.emit(self.selected_id())
        elif key == K.Key_Menu or (key == K.Key_F10 and shift):
            self._keyboard_menu()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _keyboard_anchor(self) -> float | None:
        """Keyboard zoom keeps the selected event in place if it is in view."""
        if self._selected < 0:
            return None
        x = self.current_layout().x_of(float(self._data.day_min[self._selected]) + 0.5)
        return x if 0 <= x <= self.width() else None

    def sizeHint(self) -> QSize:
        return QSize(900, 360)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)


def domain_of(data: TimelineData) -> tuple[float, float]:
    """The span one may pan over: 1989 (or the first event) to tomorrow (or the last)."""
    first = data.first_day
    lo = DOMAIN_START if first is None else min(DOMAIN_START, first)
    return float(lo), float(domain_end(data))


def domain_end(data: TimelineData) -> int:
    """The day after the last one the timeline may show: tomorrow, or past the last event."""
    today = date.today().toordinal() + 1
    last = data.last_day
    return max(today, last + 1) if last is not None else today
