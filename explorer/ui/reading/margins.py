"""The reading view's margins: date badges on the left, the reader's notes on the right.

Painted, not laid out: a badge sits beside the first line of its sentence, so
it never covers text and never enters a selection or a find. Badges that
would overlap are pushed down (a paragraph of short dated sentences). Every
text is drawn with ``QPainter.drawText``, which never interprets markup, so a
note reads exactly as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QToolTip, QWidget

from explorer.ui.reading.describe import tooltip_html
from explorer.ui.timeline.colors import adapted

BADGE_GAP = 6
NOTE_GAP = 8


@dataclass(frozen=True)
class MarginItem:
    """One thing drawn in a margin, beside the line at *y* (viewport coordinates)."""

    kind: str  # "event" or "skipped" (badges), "note" (the reader's notes)
    index: int  # the piece beside which it stands
    key: str  # the event id, or "" for a skipped sentence
    y: float
    text: str
    color: str  # the category colour; "" for a skipped sentence's hollow badge
    dimmed: bool = False
    current: bool = False
    matched: bool = False


class Margin(QWidget):
    """A strip beside the text that paints the items its owner gives it."""

    def __init__(
        self,
        parent: QWidget,
        side: str,
        items: Callable[[], list[MarginItem]],
        clicked: Callable[[MarginItem], None],
        tip: Callable[[MarginItem], str],
    ) -> None:
        super().__init__(parent)
        self.side = side  # "left": badges; "right": notes
        self._items = items
        self._clicked = clicked
        self._tip = tip
        # The page colour all the way across, so the column reads as one sheet.
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.82))
        self.setFont(font)
        self.drawn: list[tuple[QRectF, MarginItem]] = []

    def sizeHint(self) -> QSize:
        return QSize(self.preferred_width(), 0)

    def preferred_width(self) -> int:
        metrics = QFontMetricsF(self.font())
        sample = "00 mmm 0000–00 mmm 0000" if self.side == "left" else "★ ✎ 00 xxxxxxxxxxxx"
        return int(metrics.horizontalAdvance(sample) * (0.62 if self.side == "left" else 0.7)) + 16

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetricsF(self.font())
        height = metrics.height() + 2
        floor = -1e9
        self.drawn = []
        for item in self._items():
            top = max(item.y, floor)
            if top > self.height():
                break
            rect = self._rect(item, metrics, top, height)
            floor = rect.bottom() + 2
            if rect.bottom() < 0:
                continue
            self.drawn.append((rect, item))
            if self.side == "left":
                self._badge(painter, rect, item)
            else:
                self._note(painter, rect, item, metrics)
        painter.end()

    def _rect(self, item: MarginItem, metrics: QFontMetricsF, top: float, height: float) -> QRectF:
        room = self.width() - BADGE_GAP - 2
        if self.side == "left":
            width = min(room, metrics.horizontalAdvance(item.text) + 10)
            return QRectF(self.width() - BADGE_GAP - width, top, width, height)
        return QRectF(NOTE_GAP, top, self.width() - NOTE_GAP - 4, height)

    def _badge(self, painter: QPainter, rect: QRectF, item: MarginItem) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        painter.setOpacity(0.45 if item.dimmed else 1.0)
        if item.color:
            fill = QColor(adapted(item.color, base.name()))
            painter.setPen(QPen(text, 1.6) if item.current else Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 4, 4)
            # White or black, whichever reads on the fill.
            ink = QColor("#ffffff") if fill.lightnessF() < 0.6 else QColor("#000000")
        else:
            painter.setPen(
                QPen(palette.color(QPalette.ColorRole.PlaceholderText), 1, Qt.PenStyle.DashLine)
            )
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
            ink = palette.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(ink)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, item.text)
        if item.matched:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#f5b400"))
            painter.drawEllipse(QRectF(rect.left() - 8, rect.center().y() - 3, 6, 6))
        painter.setOpacity(1.0)

    def _note(
        self, painter: QPainter, rect: QRectF, item: MarginItem, metrics: QFontMetricsF
    ) -> None:
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        line = metrics.elidedText(item.text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        item = self.item_at(event.position().x(), event.position().y())
        if item is not None and event.button() == Qt.MouseButton.LeftButton:
            self._clicked(item)
            return
        super().mousePressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined]
            item = self.item_at(pos.x(), pos.y())
            text = self._tip(item) if item is not None else ""
            if text:
                QToolTip.showText(self.mapToGlobal(pos), tooltip_html(text), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def item_at(self, x: float, y: float) -> MarginItem | None:
        """The item painted at (*x*, *y*), for clicks and tooltips."""
        for rect, item in self.drawn:
            if rect.adjusted(-2, -1, 2, 1).contains(x, y):
                return item
        return None
