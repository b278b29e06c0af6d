"""The timeline widget: the main view of Kroniek.

:class:`TimelineView` keeps a :class:`~explorer.core.timeline.viewport.Viewport`
(the visible span and its history) and a selected event, and paints what
:class:`~explorer.core.timeline.layout.TimelineLayout` computes through
:class:`~explorer.ui.timeline.painter.TimelinePainter`. The maths lives in
core: zoom, pan and history in the viewport, "next event" in
:mod:`~explorer.core.timeline.navigation`, tooltips and the screen reader's
description in :mod:`~explorer.core.timeline.describe`. Input (wheel, pinch,
drag, keys) is turned into those calls by :class:`~.input.TimelineInput`;
exports live in :mod:`~.export`. The layout is cached per span, size, search
and language, so repaints that change nothing cost only the drawing.

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

from datetime import date

from PySide6.QtCore import QEvent, QPoint, QPointF, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QToolTip, QWidget

from explorer import i18n
from explorer.core.timeline import describe, navigation
from explorer.core.timeline.data import TimelineData
from explorer.core.timeline.layout import TimelineLayout
from explorer.core.timeline.shapes import LayoutParams
from explorer.core.timeline.viewport import Viewport, domain_of
from explorer.i18n import _
from explorer.ui.plain import clipped, menu_text, tooltip
from explorer.ui.timeline.input import TimelineInput
from explorer.ui.timeline.painter import PaintState, TimelinePainter

#: The screen's layout: the legend is the CategoryLegend widget above the view.
SCREEN_PARAMS = LayoutParams(legend=False)
#: Events a "+N" badge's menu lists; more are reached by zooming in.
OVERFLOW_MENU_MAX = 40


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
        self.input = TimelineInput(self)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(320, 200)
        # Right-button drags brush a range, so the menu is requested by hand.
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.grabGesture(Qt.GestureType.PinchGesture)
        self._data = data if data is not None else TimelineData.empty()
        self._viewport = Viewport.of(self._data)
        self._selected = -1
        self._reading: tuple[float, float] | None = None
        self._lang = i18n.language()
        self._layout: TimelineLayout | None = None
        self._layout_key: tuple[object, ...] = ()
        self._metrics: QtTextMetrics | None = None
        self._metrics_font = ""
        self.overflow_menu: QMenu | None = None
        self.fit_all(record=False)
        self.retranslate()

    # -- data and state ---------------------------------------------------------

    @property
    def data(self) -> TimelineData:
        return self._data

    @property
    def lang(self) -> str:
        """The language of the axis, tooltips and descriptions (set by :meth:`retranslate`)."""
        return self._lang

    def set_data(self, data: TimelineData) -> None:
        """Show *data* (e.g. another database) and fit it into view."""
        self._data = data
        self._selected = -1
        self._viewport = self._viewport.within(*domain_of(data))
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
        return self._viewport.view

    def set_reading_span(self, span: tuple[float, float] | None) -> None:
        """Mark the days ``[t0, t1)`` being read in the reading pane (None: no mark)."""
        if span != self._reading:
            self._reading = span
            self.update()

    def reading_span(self) -> tuple[float, float] | None:
        return self._reading

    def viewport(self) -> Viewport:
        return self._viewport

    def selected_index(self) -> int:
        return self._selected

    def selected_id(self) -> str:
        return self._data.id_at(self._selected) if self._selected >= 0 else ""

    def current_layout(self) -> TimelineLayout:
        """The layout for the current view and size (computed when stale)."""
        return self.layout_for(self.width(), self.height())

    def text_metrics(self) -> QtTextMetrics:
        key = self.font().key()
        if self._metrics is None or key != self._metrics_font:
            self._metrics = QtTextMetrics(self.font())
            self._metrics_font = key
        return self._metrics

    def layout_for(self, width: int, height: int) -> TimelineLayout:
        metrics = self.text_metrics()
        t0, t1 = self._viewport.view
        key = (t0, t1, width, height, id(self._data), self._data.revision,
               self._metrics_font, self._lang)  # fmt: skip
        if self._layout is None or key != self._layout_key:
            # On screen the legend is a widget of its own (legend.py); exports draw it.
            self._layout = TimelineLayout(
                self._data, t0, t1, width, height, metrics, SCREEN_PARAMS, lang=self._lang
            )
            self._layout_key = key
        return self._layout

    # -- the visible span ----------------------------------------------------------

    def show_viewport(self, viewport: Viewport) -> None:
        """Make *viewport* current: repaint and tell listeners what changed."""
        old = self._viewport
        if viewport == old:
            return
        self._viewport = viewport
        if (old.back, old.forward) != (viewport.back, viewport.forward):
            self.history_changed.emit()
        if old.view != viewport.view:
            self._update_description()
            self.update()
            self.view_changed.emit(*viewport.view)

    @Slot(float, float)
    def set_view(self, t0: float, t1: float) -> None:
        """Show the span ``[t0, t1)`` (clamped to the zoom and pan limits)."""
        self.show_viewport(self._viewport.moved(t0, t1))

    def zoom(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom in (*factor* > 1) or out, keeping the day under *anchor_x* in place."""
        w = max(1, self.width())
        anchor = 0.5 if anchor_x is None else anchor_x / w
        self.show_viewport(self._viewport.zoomed(factor, anchor))

    def pan_pixels(self, dx: float) -> None:
        """Move the view by *dx* pixels (positive: later in time)."""
        self.show_viewport(self._viewport.panned(dx * self._viewport.span / max(1, self.width())))

    @Slot()
    def fit_all(self, record: bool = True) -> None:
        """Show every event (or the whole 1989-today range when there are none)."""
        first, last = self._data.first_day, self._data.last_day
        if first is None or last is None:
            lo, hi = domain_of(self._data)
        else:
            # Every event, also the background from long before (a famine in
            # 1932); the first view (controller.default_view) shows the war years.
            lo, hi = float(first), float(last) + 1
        margin = max((hi - lo) * 0.03, 1.0)
        self.show_viewport(self._viewport.moved(lo - margin, hi + margin, record=record))

    @Slot(object)
    def go_to_date(self, day: date) -> None:
        """Centre *day*; from further out than a year, zoom to the month around it."""
        span = self._viewport.span
        self.show_viewport(
            self._viewport.centred(day.toordinal() + 0.5, 31.0 if span > 366 else span)
        )

    @Slot()
    def zoom_to_selection(self) -> None:
        """Zoom so the selected event fills about a third of the width."""
        if self._selected >= 0:
            self.zoom_to_event(self._selected)

    def zoom_to_event(self, index: int) -> None:
        a = float(self._data.day_min[index])
        b = float(self._data.day_max[index]) + 1
        self.show_viewport(self._viewport.centred((a + b) / 2, max(7.0, 3 * (b - a))))

    def can_go_back(self) -> bool:
        return self._viewport.can_go_back

    def can_go_forward(self) -> bool:
        return self._viewport.can_go_forward

    @Slot()
    def go_back(self) -> None:
        """Return to the view before the last jump, zoom or pan gesture."""
        self.show_viewport(self._viewport.went_back())

    @Slot()
    def go_forward(self) -> None:
        """Redo a view that :meth:`go_back` left."""
        self.show_viewport(self._viewport.went_forward())

    # -- selection -----------------------------------------------------------------

    @Slot(str)
    def select_event(self, event_id: str) -> None:
        """Select *event_id* (``""`` clears) and scroll it into view if needed."""
        index = self._data.index_of(event_id) if event_id else None
        self.select_index(-1 if index is None else index, reveal=True)

    def select_index(self, index: int, *, reveal: bool) -> None:
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
        vp = self._viewport
        margin = vp.span * 0.05
        if a >= vp.t0 + margin and b <= vp.t1 - margin:
            return
        if b - a > vp.span * 0.9:
            self.show_viewport(vp.around(a, b))
        elif a < vp.t0 + margin or a > vp.t1 - margin:
            # Put the start a third into the view, so what follows is visible.
            self.show_viewport(vp.moved(a - vp.span / 3, a + 2 * vp.span / 3, record=True))

    @Slot()
    def select_next(self) -> None:
        """Select the next matching event in time (the first in view if none is selected)."""
        self._step(True)

    @Slot()
    def select_previous(self) -> None:
        """Select the previous matching event in time (the last in view if none is selected)."""
        self._step(False)

    def show_overflow(self, members: tuple[int, ...], where: QPoint) -> QMenu:
        """The events of a "+N" badge as a menu; picking one selects it."""
        menu = QMenu(self)
        menu.setAccessibleName(_("Events without room on the timeline"))
        for i in members[:OVERFLOW_MENU_MAX]:
            when = describe.event_date(self._data, i, self._lang)
            text = menu_text(clipped(f"{when} — {self._data.title(i)}", 120))
            menu.addAction(text).triggered.connect(
                lambda _c=False, index=i: self.select_index(index, reveal=True)
            )
        if len(members) > OVERFLOW_MENU_MAX:
            menu.addSeparator()
            first = float(self._data.day_min[list(members)].min())
            last = float(self._data.day_max[list(members)].max()) + 1
            menu.addAction(_("Zoom in to see all {n}").format(n=len(members))).triggered.connect(
                lambda: self.show_viewport(self._viewport.around(first, last))
            )
        menu.popup(where)
        self.overflow_menu = menu
        return menu

    def _step(self, forward: bool) -> None:
        index = navigation.step(self._data, self._selected, forward, self._viewport.view)
        if index is not None:
            self.select_index(index, reveal=True)

    # -- language and accessibility ------------------------------------------------

    def retranslate(self) -> None:
        """Re-read every visible text (axis labels follow on the next paint)."""
        self._lang = i18n.language()
        self.setAccessibleName(_("Timeline"))
        self.setToolTip("")
        self._layout = None
        self._update_description()
        self.update()

    def _update_description(self) -> None:
        t0, t1 = self._viewport.view
        self.setAccessibleDescription(
            describe.view_description(self._data, t0, t1, self._selected, self._lang)
        )

    def tooltip_at(self, pos: QPointF) -> str:
        """The hover text at *pos*: the date and title of an event, or a count."""
        return describe.tooltip(
            self._data, self.current_layout().item_at(pos.x(), pos.y()), self._lang
        )

    # -- painting ------------------------------------------------------------------

    def painter(self) -> TimelinePainter:
        return TimelinePainter(self.palette(), self.font())

    def paint_state(self, *, screen: bool) -> PaintState:
        return PaintState(
            selected=self._selected,
            brush=self.input.brush if screen else None,
            focused=screen and self.hasFocus(),
            message=_("No events to show") if len(self._data) == 0 else "",
            reading=self._reading if screen else None,
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            self.painter().paint(p, self.current_layout(), self.paint_state(screen=True))
        finally:
            p.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout = None

    # -- input: handed to TimelineInput ---------------------------------------------

    def event(self, event: QEvent) -> bool:
        if self.input.gesture(event):
            return True
        if event.type() == QEvent.Type.ToolTip:
            pos = getattr(event, "pos", lambda: QPoint())()
            text = self.tooltip_at(QPointF(pos))
            if text:
                where = getattr(event, "globalPos", lambda: QPoint())()
                QToolTip.showText(where, tooltip(text), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.input.wheel(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.input.press(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.input.move(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.input.release(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.input.double_click(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        # Only reached from the keyboard (menu key); mouse menus come on release.
        self.input.keyboard_menu()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.input.key(event):
            event.accept()
        else:
            super().keyPressEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(900, 360)
