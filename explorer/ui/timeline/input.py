"""The timeline's input: wheel, pinch, drag, clicks and keys turned into view changes.

:class:`TimelineInput` belongs to one :class:`~.view.TimelineView` and only
calls its public methods and its viewport, so what a key does and what a
menu action does are the same code. It keeps what a gesture needs between
events: where a drag started, the range being brushed, the clock that groups
wheel notches into one step of history.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Protocol

from PySide6.QtCore import QElapsedTimer, QEvent, QPoint, QPointF, Qt, SignalInstance
from PySide6.QtGui import QCursor, QKeyEvent, QMouseEvent, QNativeGestureEvent, QWheelEvent
from PySide6.QtWidgets import QGestureEvent, QPinchGesture

from explorer.core.timeline.data import TimelineData
from explorer.core.timeline.layout import TimelineLayout
from explorer.core.timeline.shapes import Hit
from explorer.core.timeline.viewport import Viewport

#: One wheel notch zooms by this factor.
WHEEL_ZOOM = 1.25
#: Wheel events closer together than this belong to one gesture (one history entry).
GESTURE_PAUSE_MS = 700
#: A press moves this many pixels before it counts as a drag.
DRAG_START = 4


class Timeline(Protocol):
    """What the input needs of its timeline widget (:class:`~.view.TimelineView`)."""

    range_brushed: SignalInstance
    context_menu_requested: SignalInstance
    event_activated: SignalInstance

    @property
    def data(self) -> TimelineData: ...
    def viewport(self) -> Viewport: ...
    def view(self) -> tuple[float, float]: ...
    def show_viewport(self, viewport: Viewport) -> None: ...
    def zoom(self, factor: float, anchor_x: float | None = None) -> None: ...
    def pan_pixels(self, dx: float) -> None: ...
    def fit_all(self, record: bool = True) -> None: ...
    def zoom_to_event(self, index: int) -> None: ...
    def zoom_to_selection(self) -> None: ...
    def current_layout(self) -> TimelineLayout: ...
    def selected_index(self) -> int: ...
    def selected_id(self) -> str: ...
    def select_index(self, index: int, *, reveal: bool) -> None: ...
    def select_next(self) -> None: ...
    def select_previous(self) -> None: ...
    def show_overflow(self, members: tuple[int, ...], where: QPoint) -> object: ...
    # QWidget's own
    def width(self) -> int: ...
    def height(self) -> int: ...
    def update(self) -> None: ...
    def setFocus(self, reason: Qt.FocusReason) -> None: ...
    def setCursor(self, cursor: QCursor | Qt.CursorShape) -> None: ...
    def mapToGlobal(self, pos: QPoint) -> QPoint: ...
    def mapFromGlobal(self, pos: QPoint) -> QPoint: ...


class TimelineInput:
    """Mouse, wheel, gesture and keyboard handling of one timeline view."""

    def __init__(self, view: Timeline) -> None:
        self.view = view
        self._press: QPointF | None = None
        self._press_button = Qt.MouseButton.NoButton
        self._press_view = (0.0, 0.0)
        self._dragging = False
        #: The pixel range being brushed (shift-drag or right-drag), drawn by the painter.
        self.brush: tuple[float, float] | None = None
        self._wheel_clock = QElapsedTimer()

    def _record(self) -> None:
        self.view.show_viewport(self.view.viewport().recorded())

    def _hit(self, pos: QPointF) -> Hit | None:
        return self.view.current_layout().item_at(pos.x(), pos.y())

    # -- wheel and gestures ------------------------------------------------------

    def wheel(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        pixel = event.pixelDelta()
        if not self._wheel_clock.isValid() or self._wheel_clock.elapsed() > GESTURE_PAUSE_MS:
            self._record()
        self._wheel_clock.start()
        if abs(delta.x()) > abs(delta.y()) or abs(pixel.x()) > abs(pixel.y()):
            # Horizontal scrolling (trackpads, tilt wheels) pans.
            dx = pixel.x() if not pixel.isNull() else delta.x() / 120 * 40
            self.view.pan_pixels(-dx)
        elif delta.y():
            self.view.zoom(WHEEL_ZOOM ** (delta.y() / 120), event.position().x())
        event.accept()

    def gesture(self, event: QEvent) -> bool:
        """Pinch and native zoom gestures; True when *event* was one."""
        kind = event.type()
        if kind == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                if pinch.state() == Qt.GestureState.GestureStarted:
                    self._record()
                centre = self.view.mapFromGlobal(pinch.centerPoint().toPoint())
                self.view.zoom(pinch.scaleFactor(), float(centre.x()))
                event.accept()
                return True
        if (
            kind == QEvent.Type.NativeGesture
            and isinstance(event, QNativeGestureEvent)
            and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture
        ):
            self.view.zoom(1.0 + event.value(), event.position().x())
            return True
        return False

    # -- mouse -------------------------------------------------------------------

    def press(self, event: QMouseEvent) -> None:
        self.view.setFocus(Qt.FocusReason.MouseFocusReason)
        self._press = event.position()
        self._press_button = event.button()
        self._press_view = self.view.view()
        self._dragging = False
        brushing = event.button() == Qt.MouseButton.RightButton or (
            event.button() == Qt.MouseButton.LeftButton
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        self.brush = (event.position().x(), event.position().x()) if brushing else None
        event.accept()

    def move(self, event: QMouseEvent) -> None:
        view = self.view
        if self._press is None:
            hit = self._hit(event.position())
            view.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
            return
        dx = event.position().x() - self._press.x()
        dy = event.position().y() - self._press.y()
        if not self._dragging and abs(dx) < DRAG_START and abs(dy) < DRAG_START:
            return
        self._dragging = True
        if self.brush is not None:
            self.brush = (self.brush[0], event.position().x())
            view.update()
            return
        view.setCursor(Qt.CursorShape.ClosedHandCursor)
        start = view.viewport().recorded(self._press_view)
        t0, t1 = self._press_view
        per_px = (t1 - t0) / max(1, view.width())
        view.show_viewport(start.moved(t0 - dx * per_px, t1 - dx * per_px))

    def release(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        view = self.view
        pos = event.position()
        button, dragged, brush = self._press_button, self._dragging, self.brush
        self._press, self.brush, self._dragging = None, None, False
        view.setCursor(Qt.CursorShape.ArrowCursor)
        if brush is not None and dragged:
            view.update()
            self._emit_brush(*brush)
            return
        if button == Qt.MouseButton.RightButton:
            hit = self._hit(pos)
            is_event = hit is not None and hit.kind == "event"
            if hit is not None and is_event:
                view.select_index(hit.index, reveal=False)
            event_id = view.data.id_at(hit.index) if hit is not None and is_event else ""
            view.context_menu_requested.emit(event_id, view.mapToGlobal(pos.toPoint()))
            return
        if button == Qt.MouseButton.LeftButton and not dragged:
            self._click(pos)

    def _click(self, pos: QPointF) -> None:
        hit = self._hit(pos)
        if hit is None:
            self.view.select_index(-1, reveal=False)
        elif hit.kind == "event":
            self.view.select_index(hit.index, reveal=False)
        elif hit.kind == "overflow":
            # A "+N" badge: the events without a lane, to pick from.
            self.view.show_overflow(hit.members, self.view.mapToGlobal(pos.toPoint()))
        elif hit.kind in ("cluster", "period"):
            self.view.show_viewport(self.view.viewport().around(hit.day0, hit.day1))

    def _emit_brush(self, x0: float, x1: float) -> None:
        layout = self.view.current_layout()
        a, b = sorted((layout.day_of(x0), layout.day_of(x1)))
        first = date.fromordinal(math.floor(a))
        last = date.fromordinal(max(math.floor(a), math.ceil(b) - 1))
        self.view.range_brushed.emit(first, last)

    def double_click(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        view = self.view
        hit = self._hit(event.position())
        if hit is not None and hit.kind == "event":
            view.select_index(hit.index, reveal=False)
            view.zoom_to_event(hit.index)
        elif hit is not None:
            view.show_viewport(view.viewport().around(hit.day0, hit.day1))
        else:
            self._record()
            view.zoom(2.0, event.position().x())
        self._press = None

    def keyboard_menu(self) -> None:
        view = self.view
        selected = view.selected_index()
        item = view.current_layout().item_for(selected) if selected >= 0 else None
        if item is not None:
            local = QPoint(int(item.x + item.w / 2), int(item.y + item.h))
        else:
            local = QPoint(view.width() // 2, view.height() // 2)
        view.context_menu_requested.emit(view.selected_id(), view.mapToGlobal(local))

    # -- keyboard ------------------------------------------------------------------

    def key(self, event: QKeyEvent) -> bool:
        """Handle a key press; False when the key is not the timeline's."""
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if mods & Qt.KeyboardModifier.AltModifier:
            return False  # Alt+arrows: history, bound by the window
        view, vp, K = self.view, self.view.viewport(), Qt.Key
        if key in (K.Key_Plus, K.Key_Equal, K.Key_Minus, K.Key_Underscore):
            self._record()
            factor = 1.5 if key in (K.Key_Plus, K.Key_Equal) else 1 / 1.5
            view.zoom(factor, self._keyboard_anchor())
        elif key in (K.Key_Left, K.Key_Right) and ctrl:
            (view.select_previous if key == K.Key_Left else view.select_next)()
        elif key in (K.Key_BracketLeft, K.Key_BracketRight) and not ctrl:
            (view.select_previous if key == K.Key_BracketLeft else view.select_next)()
        elif key in (K.Key_Left, K.Key_Right):
            step = vp.span * (0.5 if shift else 0.1) * (-1 if key == K.Key_Left else 1)
            view.show_viewport(vp.panned(step))
        elif key in (K.Key_PageUp, K.Key_PageDown):
            view.show_viewport(
                vp.panned(vp.span * 0.9 * (-1 if key == K.Key_PageUp else 1), record=True)
            )
        elif key == K.Key_Home:
            first = view.data.first_day
            lo = first if first is not None else vp.lo
            view.show_viewport(vp.moved(lo - vp.span * 0.03, lo + vp.span * 0.97, record=True))
        elif key == K.Key_End:
            last = view.data.last_day
            hi = last if last is not None else vp.hi
            view.show_viewport(
                vp.moved(hi + 1 - vp.span * 0.97, hi + 1 + vp.span * 0.03, record=True)
            )
        elif key == K.Key_F:
            view.fit_all()
        elif key == K.Key_Z:
            view.zoom_to_selection()
        elif key == K.Key_Escape and (view.selected_index() >= 0 or self.brush is not None):
            self.brush = None
            self._press = None
            view.select_index(-1, reveal=False)
        elif key in (K.Key_Return, K.Key_Enter) and view.selected_index() >= 0:
            view.event_activated.emit(view.selected_id())
        elif key == K.Key_Menu or (key == K.Key_F10 and shift):
            self.keyboard_menu()
        else:
            return False
        return True

    def _keyboard_anchor(self) -> float | None:
        """Keyboard zoom keeps the selected event in place if it is in view."""
        view = self.view
        if view.selected_index() < 0:
            return None
        x = view.current_layout().x_of(float(view.data.day_min[view.selected_index()]) + 0.5)
        return x if 0 <= x <= view.width() else None
