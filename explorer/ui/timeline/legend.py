"""The category legend above the timeline: every category, each one a filter.

One line of entries (a swatch in the timeline's colour and the category's
name); the entries that do not fit are behind a "+N ▾" button at the end, whose
menu lists them. Clicking an entry, or Space on it, toggles that category's
filter, as its box in the facet tree does; selected categories are drawn
pressed. It is one tab stop: the arrow keys move between entries, Home and
End jump, and a ring shows the current entry while the legend has the focus.

Signals: ``category_toggled(str)`` -- a category key.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QHelpEvent,
    QIcon,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QMenu, QToolTip, QWidget

from explorer.core.timeline.data import TimelineData
from explorer.i18n import _, language
from explorer.ui.plain import menu_text, tooltip
from explorer.ui.timeline.colors import adapted, blend

SWATCH = 10.0
PAD = 6.0
GAP = 4.0


@dataclass(frozen=True)
class Entry:
    key: str
    label: str
    color: str


class CategoryLegend(QWidget):
    """The categories in their colours; each entry toggles its filter."""

    category_toggled = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self._entries: list[Entry] = []
        self._selected: frozenset[str] = frozenset()
        self._current = 0
        self._rects: list[QRectF] = []  # of the entries shown, in order
        self._more = QRectF()
        self.more_menu = QMenu(self)
        self._data: TimelineData | None = None
        self.retranslate()

    # -- contents ----------------------------------------------------------------
    def set_data(self, data: TimelineData) -> None:
        """The categories that have events, in the taxonomy's order."""
        self._data = data
        self.retranslate()

    def retranslate(self) -> None:
        lang = language()
        data = self._data
        cats = data.categories if data is not None else []
        present = data.present_categories() if data is not None else []
        self._entries = [Entry(cats[k].key, cats[k].label(lang), cats[k].color) for k in present]
        self.setAccessibleName(_("Categories"))
        self._describe()
        self._relayout()

    def set_selected(self, keys: frozenset[str]) -> None:
        """The categories the search is filtered by (drawn pressed)."""
        if keys != self._selected:
            self._selected = keys
            self._describe()
            self.update()

    def entries(self) -> list[Entry]:
        return list(self._entries)

    def shown(self) -> int:
        """How many entries fit on the line; the rest are in :attr:`more_menu`."""
        return len(self._rects)

    def entry_rect(self, i: int) -> QRectF:
        return QRectF(self._rects[i]) if i < len(self._rects) else QRectF(self._more)

    def _describe(self) -> None:
        chosen = [e.label for e in self._entries if e.key in self._selected]
        text = _("Click a category to show only its events; click again to undo.")
        if chosen:
            text += " " + _("Filtered by: {names}").format(names=", ".join(chosen))
        self.setAccessibleDescription(text)

    # -- geometry ----------------------------------------------------------------
    def _width_of(self, fm: QFontMetricsF, entry: Entry) -> float:
        return PAD + SWATCH + 5 + fm.horizontalAdvance(entry.label) + PAD

    def _more_text(self, hidden: int) -> str:
        return f"+{hidden} ▾"

    def _relayout(self) -> None:
        fm = QFontMetricsF(self.font())
        h = fm.height() + 6
        widths = [self._width_of(fm, e) for e in self._entries]
        room = self.width() - 2.0
        shown = len(widths)
        if sum(widths) + GAP * len(widths) > room:
            more_w = fm.horizontalAdvance(self._more_text(len(widths))) + 2 * PAD + GAP
            shown, used = 0, 0.0
            while shown < len(widths) and used + widths[shown] + GAP + more_w <= room:
                used += widths[shown] + GAP
                shown += 1
        self._rects, x = [], 1.0
        for w in widths[:shown]:
            self._rects.append(QRectF(x, 2, w, h))
            x += w + GAP
        self._more = QRectF()
        if shown < len(widths):
            text = self._more_text(len(widths) - shown)
            self._more = QRectF(x, 2, fm.horizontalAdvance(text) + 2 * PAD, h)
        self._current = min(self._current, self._stops() - 1) if self._stops() else 0
        self.update()

    def _stops(self) -> int:
        return len(self._rects) + (0 if self._more.isNull() else 1)

    def sizeHint(self) -> QSize:
        return QSize(600, int(QFontMetricsF(self.font()).height()) + 10)

    def minimumSizeHint(self) -> QSize:
        return QSize(80, self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    # -- painting ----------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        pal = self.palette()
        base = pal.color(QPalette.ColorRole.Base)
        text = pal.color(QPalette.ColorRole.WindowText)
        highlight = pal.color(QPalette.ColorRole.Highlight)
        fm = QFontMetricsF(self.font())
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            for i, rect in enumerate(self._rects):
                entry = self._entries[i]
                if entry.key in self._selected:
                    p.setPen(QPen(blend(text, base, 0.6), 1))
                    p.setBrush(blend(highlight, base, 0.25))
                    p.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(adapted(entry.color, base.name())))
                y = rect.top() + (rect.height() - SWATCH) / 2
                p.drawRoundedRect(QRectF(rect.left() + PAD, y, SWATCH, SWATCH), 2, 2)
                p.setPen(text)
                baseline = rect.top() + (rect.height() + fm.ascent() - fm.descent()) / 2
                p.drawText(QPointF(rect.left() + PAD + SWATCH + 5, baseline), entry.label)
            if not self._more.isNull():
                p.setPen(QPen(blend(text, base, 0.45), 1))
                p.setBrush(pal.color(QPalette.ColorRole.Button))
                p.drawRoundedRect(self._more.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
                p.setPen(pal.color(QPalette.ColorRole.ButtonText))
                p.drawText(
                    self._more,
                    Qt.AlignmentFlag.AlignCenter,
                    self._more_text(len(self._entries) - len(self._rects)),
                )
            if self.hasFocus() and self._stops():
                p.setPen(QPen(highlight, 2))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRoundedRect(self.entry_rect(self._current).adjusted(1, 1, -1, -1), 4, 4)
        finally:
            p.end()

    # -- input -------------------------------------------------------------------
    def _stop_at(self, pos: QPointF) -> int | None:
        for i, rect in enumerate(self._rects):
            if rect.contains(pos):
                return i
        if not self._more.isNull() and self._more.contains(pos):
            return len(self._rects)
        return None

    def _activate(self, stop: int) -> None:
        if stop < len(self._rects):
            self.category_toggled.emit(self._entries[stop].key)
        elif not self._more.isNull():
            self._open_more()

    def _open_more(self) -> None:
        """The categories that did not fit, as a menu; picking one toggles its filter."""
        self.more_menu.clear()
        base = self.palette().color(QPalette.ColorRole.Base).name()
        for entry in self._entries[len(self._rects) :]:
            swatch = QPixmap(12, 12)
            swatch.fill(QColor(adapted(entry.color, base)))
            action = self.more_menu.addAction(QIcon(swatch), menu_text(entry.label))
            action.setCheckable(True)
            action.setChecked(entry.key in self._selected)
            action.triggered.connect(lambda _c=False, k=entry.key: self.category_toggled.emit(k))
        where = self.mapToGlobal(QPoint(int(self._more.left()), int(self._more.bottom())))
        self.more_menu.popup(where)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        stop = self._stop_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and stop is not None:
            self._current = stop
            self._activate(stop)
            self.update()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, K, stops = event.key(), Qt.Key, self._stops()
        if not stops:
            super().keyPressEvent(event)
            return
        if key in (K.Key_Left, K.Key_Right):
            step = 1 if key == K.Key_Right else -1
            self._current = max(0, min(stops - 1, self._current + step))
        elif key in (K.Key_Home, K.Key_End):
            self._current = 0 if key == K.Key_Home else stops - 1
        elif key in (K.Key_Space, K.Key_Return, K.Key_Enter):
            self._activate(self._current)
        else:
            super().keyPressEvent(event)
            return
        self.update()
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            stop = self._stop_at(QPointF(event.pos()))
            if stop is None:
                QToolTip.hideText()
            elif stop < len(self._rects):
                entry = self._entries[stop]
                on = entry.key in self._selected
                text = (
                    _("{category}: click to remove this filter")
                    if on
                    else _("{category}: click to show only these events")
                ).format(category=entry.label)
                QToolTip.showText(event.globalPos(), tooltip(text), self)
            else:
                QToolTip.showText(event.globalPos(), tooltip(_("More categories")), self)
            return True
        return super().event(event)
