"""Paints a computed :class:`~explorer.core.timeline.layout.TimelineLayout` with QPainter.

Kept apart from the widget so the same code draws on screen, into PNG, SVG
and PDF files and on paper. Nothing here decides *where* things go -- that is
the layout's job -- only how they look:

* category colours from the database, nudged until they stand out from the
  palette's background (3:1, so dark mode works);
* single days as dots, spans as bars whose fill fades where the date is
  uncertain (a month without qualifier fades at both ends, "begin maart" is
  strong in its first third, "rond 2014" fades out from the middle);
* titles in the palette's text colour, on a tint light enough to keep 4.5:1
  contrast, elided to the width the layout allotted, so they never overlap;
* search misses dimmed, matches in :data:`~.colors.MATCH` (no category's colour),
  the selected event highlighted at every zoom level.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QLinearGradient,
    QPainter,
    QPalette,
    QPen,
)

from explorer.core.timeline.data import DAY, Q_APPROX, Q_END, Q_MID, Q_START
from explorer.core.timeline.layout import TimelineLayout
from explorer.core.timeline.shapes import Cluster, Item
from explorer.i18n import locale_of, translator
from explorer.ui.timeline.colors import (
    MATCH,
    adapted,
    blend,
    blit,
    contrast_ratio,
    decimal,
    max_tint,
    paint_reading_here,
    premultiplied,
)

#: Fill opacity along a span (position 0..1, opacity relative to the strongest
#: tint), by qualifier. The uncertain part of a period is drawn faint.
_STOPS: dict[int, tuple[tuple[float, float], ...]] = {
    0: ((0.0, 0.25), (0.15, 0.75), (0.85, 0.75), (1.0, 0.25)),
    Q_START: ((0.0, 1.0), (0.33, 1.0), (0.55, 0.2), (1.0, 0.1)),
    Q_MID: ((0.0, 0.1), (0.3, 1.0), (0.7, 1.0), (1.0, 0.1)),
    Q_END: ((0.0, 0.1), (0.45, 0.2), (0.67, 1.0), (1.0, 1.0)),
    Q_APPROX: ((0.0, 0.0), (0.35, 0.6), (0.65, 0.6), (1.0, 0.0)),
}
_DAY_SPAN_STOPS = ((0.0, 0.9), (1.0, 0.9))
_DIMMED = 0.22


@dataclass
class PaintState:
    """What the view adds to the layout: selection, brushing, focus."""

    selected: int = -1
    brush: tuple[float, float] | None = None  # pixel x range being brushed
    focused: bool = False
    message: str = ""  # shown centred when there is nothing to draw
    reading: tuple[float, float] | None = None  # days read in the reading pane [t0, t1)


class TimelinePainter:
    """Draws a layout with a palette and font; one per widget (or export)."""

    def __init__(self, palette: QPalette, font: QFont) -> None:
        self.palette = palette
        self.font = font
        self.fm = QFontMetricsF(font)
        self.base = palette.color(QPalette.ColorRole.Base)
        self.text = palette.color(QPalette.ColorRole.Text)
        self.dim_text = palette.color(QPalette.ColorRole.PlaceholderText)
        if contrast_ratio(self.dim_text, self.base) < 2.0:
            self.dim_text = blend(self.text, self.base, 0.55)
        self.grid = blend(self.text, self.base, 0.12)
        self.axis_line = blend(self.text, self.base, 0.45)
        self.highlight = palette.color(QPalette.ColorRole.Highlight)
        self.highlight_text = palette.color(QPalette.ColorRole.HighlightedText)
        # Search matches in a colour of their own, never a category's (colors.MATCH).
        self.match = QColor(adapted(MATCH, self.base.name()))
        # A neutral that reads as "count", distinct from every category colour.
        self.neutral = blend(self.text, self.base, 0.55)

    # -- colours ---------------------------------------------------------------

    def category_color(self, layout: TimelineLayout, category: int) -> QColor:
        cats = layout.data.categories
        raw = cats[category].color if 0 <= category < len(cats) else "#808080"
        return QColor(adapted(raw, self.base.name()))

    def tint(self, color: QColor) -> float:
        return max_tint(color.name(), self.base.name(), self.text.name())

    # -- the whole picture ---------------------------------------------------

    def paint(self, p: QPainter, layout: TimelineLayout, state: PaintState) -> None:
        p.save()
        p.setFont(self.font)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        w, h = layout.width, layout.height
        p.fillRect(QRectF(0, 0, w, h), self.base)
        self._grid(p, layout)
        if layout.mode == "items":
            self._items(p, layout, state)
        elif layout.mode == "clusters":
            self._columns(p, layout)
        elif layout.mode == "density":
            self._histogram(p, layout)
        self._overflow(p, layout)
        self._tapes(p, layout)
        if layout.mode != "items" and state.selected >= 0:
            self._selection_marker(p, layout, state.selected)
        self._strip(p, layout)
        self._axis(p, layout)
        if state.reading is not None:
            self._reading(p, layout, state.reading)
        self._legend(p, layout)
        if state.brush is not None:
            self._brush(p, layout, state.brush)
        if state.message:
            p.setPen(self.dim_text)
            r = layout.regions
            p.drawText(
                QRectF(0, r.events_top, w, r.events_bottom - r.events_top),
                Qt.AlignmentFlag.AlignCenter,
                state.message,
            )
        if state.focused:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            p.setPen(QPen(self.highlight, 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(0, 0, w - 1, h - 1))
        p.restore()

    # -- background and axis ---------------------------------------------------

    def _grid(self, p: QPainter, layout: TimelineLayout) -> None:
        r = layout.regions
        strong = QPen(blend(self.text, self.base, 0.22), 1)
        weak = QPen(self.grid, 1)
        for t in layout.axis.ticks:
            p.setPen(strong if t.strong else weak)
            x = round(t.x) + 0.5
            p.drawLine(QPointF(x, r.events_top), QPointF(x, r.strip_bottom))

    def _axis(self, p: QPainter, layout: TimelineLayout) -> None:
        r, lh = layout.regions, self.fm.height()
        p.setPen(QPen(self.axis_line, 1))
        y = round(r.axis_top) + 0.5
        p.drawLine(QPointF(0, y), QPointF(layout.width, y))
        p.setPen(self.text)
        ascent = self.fm.ascent()
        for t in layout.axis.ticks:
            x = round(t.x) + 0.5
            p.setPen(QPen(self.axis_line, 1))
            p.drawLine(QPointF(x, y), QPointF(x, y + (7 if t.strong else 4)))
            if t.x < 0:
                continue  # its label would be cut off at the left edge
            p.setPen(self.text)
            p.drawText(QPointF(t.x + 3, y + 3 + ascent), t.label)
        bold = QFont(self.font)
        bold.setBold(True)
        p.setFont(bold)
        for c in layout.axis.context:
            label = QFontMetricsF(bold).elidedText(
                c.label, Qt.TextElideMode.ElideRight, c.x_end - c.x
            )
            p.drawText(QPointF(c.x, y + 5 + lh + ascent), label)
        p.setFont(self.font)

    def _legend(self, p: QPainter, layout: TimelineLayout) -> None:
        """Every category's swatch and name, wrapped as the layout placed them."""
        lh = self.fm.height()
        for entry in layout.legend:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self.category_color(layout, entry.category))
            p.drawRoundedRect(QRectF(entry.x, entry.y + (lh - 10) / 2, 10, 10), 2, 2)
            p.setPen(self.text)
            p.drawText(QPointF(entry.x + 15, entry.y + self.fm.ascent()), entry.label)

    # -- items -----------------------------------------------------------------

    def _items(self, p: QPainter, layout: TimelineLayout, state: PaintState) -> None:
        dimmed = not layout.data.all_match
        for item in layout.items:
            faded = dimmed and not item.matched
            color = self.category_color(layout, item.category)
            if item.is_point:
                self._dot(p, item, color, faded, item.index == state.selected)
            else:
                self._bar(p, item, color, faded, item.index == state.selected)
            self._label(p, item, faded, item.index == state.selected)
            marks = int(layout.data.marks[item.index]) if len(layout.data.marks) else 0
            if marks:
                self._mark(p, item, marks)

    def _mark(self, p: QPainter, item: Item, marks: int) -> None:
        """A small star (bookmarked) or dot (notes, tags) above the event's marker."""
        x = item.x + min(item.w, 10) / 2
        y = item.y - 1
        p.setPen(QPen(self.base, 1))
        if marks & 1:
            p.setBrush(QColor("#e6a800"))
            star = []
            for k in range(10):
                radius = 4.5 if k % 2 == 0 else 2.0
                angle = math.pi / 2 + k * math.pi / 5
                star.append(QPointF(x + radius * math.cos(angle), y - radius * math.sin(angle)))
            p.drawPolygon(star)
        else:
            p.setBrush(self.highlight)
            p.drawEllipse(QPointF(x, y - 2), 2.5, 2.5)

    def _dot(self, p: QPainter, item: Item, color: QColor, faded: bool, selected: bool) -> None:
        c = QColor(color)
        if faded:
            c.setAlphaF(_DIMMED)
        d = min(item.w, item.h)
        centre = QPointF(item.x + item.w / 2, item.y + item.h / 2)
        if selected:
            p.setPen(QPen(self.highlight, 2.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawEllipse(centre, d / 2 + 3, d / 2 + 3)
        p.setPen(QPen(self.base, 1))
        p.setBrush(c)
        p.drawEllipse(centre, d / 2, d / 2)

    def _bar(self, p: QPainter, item: Item, color: QColor, faded: bool, selected: bool) -> None:
        rect = QRectF(item.x, item.y, max(item.w, 2.0), item.h)
        strongest = self.tint(color) * (_DIMMED if faded else 1.0)
        stops = _DAY_SPAN_STOPS if item.precision == DAY else _STOPS.get(item.qualifier, _STOPS[0])
        grad = QLinearGradient(item.x_start, 0, max(item.x_end, item.x_start + 1), 0)
        line = QLinearGradient(item.x_start, 0, max(item.x_end, item.x_start + 1), 0)
        for pos, rel in stops:
            c = QColor(color)
            c.setAlphaF(strongest * rel)
            grad.setColorAt(pos, c)
            c2 = QColor(color)
            c2.setAlphaF(min(1.0, 0.25 + rel * 0.75) * (_DIMMED if faded else 1.0))
            line.setColorAt(pos, c2)
        p.setPen(Qt.PenStyle.NoPen)
        p.fillRect(rect, QBrush(grad))
        p.fillRect(QRectF(rect.x(), rect.bottom() - 3, rect.width(), 3), QBrush(line))
        if selected:
            p.setPen(QPen(self.highlight, 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(rect.adjusted(-1, -1, 1, 1))

    def _label(self, p: QPainter, item: Item, faded: bool, selected: bool) -> None:
        if item.label_w < self.fm.horizontalAdvance("…") + 2 or not item.title:
            return
        text = self.fm.elidedText(item.title, Qt.TextElideMode.ElideRight, item.label_w)
        y = item.y + (item.h - self.fm.height()) / 2 - 1
        if selected:
            tw = self.fm.horizontalAdvance(text)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self.highlight)
            p.drawRoundedRect(QRectF(item.label_x - 3, y, tw + 6, self.fm.height() + 2), 3, 3)
            p.setPen(self.highlight_text)
        else:
            p.setPen(self.dim_text if faded else self.text)
        p.drawText(QPointF(item.label_x, y + 1 + self.fm.ascent()), text)

    def _overflow(self, p: QPainter, layout: TimelineLayout) -> None:
        """The "+N" badges of events that found no lane."""
        if layout.mode != "items":
            return
        button = self.palette.color(QPalette.ColorRole.Button)
        button_text = self.palette.color(QPalette.ColorRole.ButtonText)
        if contrast_ratio(button_text, button) < 4.5:
            button, button_text = self.grid, self.text
        for c in layout.clusters:
            rect = QRectF(c.x, c.y, c.w, c.h)
            p.setPen(QPen(self.axis_line, 1))
            p.setBrush(button)
            p.drawRoundedRect(rect, c.h / 2, c.h / 2)
            p.setPen(button_text)
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"+{c.count}")

    # -- clusters and density --------------------------------------------------

    def _columns(self, p: QPainter, layout: TimelineLayout) -> None:
        """Each cluster as a column stacked by category, its count on top."""
        dimmed = not layout.data.all_match
        locale = locale_of(layout.lang)
        for c in layout.clusters:
            self._column(p, layout, c, dimmed)
            if dimmed and not c.matched:
                continue  # a row of zeros over faded columns is only noise
            label = decimal(c.matched if dimmed else c.count, locale)
            tw = self.fm.horizontalAdvance(label)
            if tw <= c.w + 4:
                p.setPen(self.text)
                p.drawText(
                    QPointF(c.x + (c.w - tw) / 2, c.y - 3 - self.fm.descent()),
                    label,
                )

    def _column(self, p: QPainter, layout: TimelineLayout, c: Cluster, dimmed: bool) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        y = c.y + c.h
        for cat, n in c.categories:
            seg = c.h * n / c.count
            color = self.category_color(layout, cat)
            if dimmed:
                color.setAlphaF(_DIMMED)
            p.fillRect(QRectF(c.x, y - seg, c.w, seg), color)
            y -= seg
        if dimmed and c.matched:
            # The matching share, drawn over the faded stack from the bottom.
            mh = c.h * c.matched / c.count
            p.fillRect(QRectF(c.x + c.w * 0.25, c.y + c.h - mh, c.w * 0.5, mh), self.match)

    def _tapes(self, p: QPainter, layout: TimelineLayout) -> None:
        """Month- and year-dated events as faded bands over their period.

        Narrow bands (months seen from decades away) become one heat-map row
        drawn as an image; wide ones get a gradient and their count.
        """
        if not layout.tapes:
            return
        dimmed = not layout.data.all_match
        peak = max(t.matched if dimmed else t.count for t in layout.tapes) or 1
        base_fill = QColor(self.match if dimmed else self.neutral)
        tint = max_tint(base_fill.name(), self.base.name(), self.text.name())
        rows: dict[float, tuple[float, npt.NDArray[np.float64]]] = {}
        width = math.ceil(layout.width)
        min_label = self.fm.horizontalAdvance("00") + 8
        labels = self.tape_labels(layout)
        for t in layout.tapes:
            n = t.matched if dimmed else t.count
            strength = (0.15 + 0.85 * math.sqrt(n / peak)) * tint if n else 0.0
            if t.w < min_label:
                if t.y not in rows:
                    rows[t.y] = (t.h, np.zeros(width))
                rows[t.y][1][max(0, int(t.x)) : min(width, math.ceil(t.x + t.w))] = strength
                continue
            rect = QRectF(t.x, t.y, t.w, t.h)
            grad = QLinearGradient(rect.left(), 0, rect.right(), 0)
            for pos, rel in _STOPS[0]:
                c = QColor(base_fill)
                c.setAlphaF(strength * rel)
                grad.setColorAt(pos, c)
            p.fillRect(rect, QBrush(grad))
            if not n:
                continue  # an empty band needs no "0"
            label = decimal(n, locale_of(layout.lang))
            tw = self.fm.horizontalAdvance(label)
            covered = any(box.intersects(QRectF(t.x, t.y, t.w, t.h)) for box, _text in labels)
            if tw + 8 <= t.w and not covered:
                p.setPen(self.text)
                p.drawText(
                    QPointF(t.x + (t.w - tw) / 2, t.y + (t.h + self.fm.ascent()) / 2 - 1), label
                )
        for y, (h, alphas) in rows.items():
            a = np.round(alphas * 255).astype(np.uint32)
            rgb = [base_fill.red(), base_fill.green(), base_fill.blue()]
            px = (a << 24) | ((rgb[0] * a // 255) << 16) | ((rgb[1] * a // 255) << 8)
            px |= rgb[2] * a // 255
            blit(p, px[None, :].astype(np.uint32), QRectF(0, y, width, h))
        for box, text in labels:
            p.setPen(QPen(self.grid, 1))
            p.setBrush(self.base)
            p.drawRoundedRect(box, 3, 3)
            p.setPen(self.dim_text)
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def tape_labels(self, layout: TimelineLayout) -> list[tuple[QRectF, str]]:
        """What each band of month- or year-dated events is, at its left end."""
        tr = translator(layout.lang)
        names = {1: tr.gettext("Dated to the month:"), 2: tr.gettext("Dated to the year:")}
        rows = {t.y: (t.h, t.precision) for t in layout.tapes}
        labels = []
        for y, (h, precision) in sorted(rows.items()):
            text = names.get(precision, "")
            box = QRectF(2, y, self.fm.horizontalAdvance(text) + 10, max(h, self.fm.height()))
            labels.append((box, text))
        return labels

    def _columns_per_pixel(self, layout: TimelineLayout) -> tuple[npt.NDArray[np.int64], ...]:
        d = layout.density
        width = math.ceil(layout.width)
        centres = np.arange(width) + 0.5
        k = np.clip(np.searchsorted(d.x_edges, centres, side="right") - 1, 0, len(d.counts) - 1)
        inside = (centres >= d.x_edges[0]) & (centres < d.x_edges[-1])
        return np.where(inside, d.counts[k], 0), np.where(inside, d.matched[k], 0)

    def _histogram(self, p: QPainter, layout: TimelineLayout) -> None:
        """One bar per pixel column; height on a square-root scale."""
        r = layout.regions
        counts, matched = self._columns_per_pixel(layout)
        peak = float(counts.max()) if len(counts) else 0.0
        if peak <= 0:
            return
        h = int(r.events_bottom - layout.columns_top)
        if h <= 2:
            return
        heights = np.round(np.sqrt(counts / peak) * h).astype(np.int64)
        mheights = np.round(np.sqrt(matched / peak) * h).astype(np.int64)
        rows = np.arange(h)[:, None]
        all_c = self.neutral if layout.data.all_match else blend(self.neutral, self.base, 0.35)
        img = np.zeros((h, len(counts)), dtype=np.uint32)
        img[rows >= h - heights[None, :]] = premultiplied(all_c, 0.85)
        if not layout.data.all_match:
            img[rows >= h - mheights[None, :]] = premultiplied(self.match, 1.0)
        blit(p, img, QRectF(0, r.events_bottom - h, len(counts), h))

    def _strip(self, p: QPainter, layout: TimelineLayout) -> None:
        """A thin heat strip of how many events start in each column."""
        r = layout.regions
        counts, matched = self._columns_per_pixel(layout)
        peak = float(counts.max()) if len(counts) else 0.0
        if peak <= 0:
            return
        base = self.neutral if layout.data.all_match else self.match
        values = (matched if not layout.data.all_match else counts) / peak
        alphas = np.where(counts > 0, 0.15 + 0.85 * np.sqrt(values), 0.0)
        a = np.round(alphas * 255).astype(np.uint32)
        rgb = [int(v) for v in (base.red(), base.green(), base.blue())]
        px = (
            (a << 24)
            | ((rgb[0] * a // 255) << 16)
            | ((rgb[1] * a // 255) << 8)
            | (rgb[2] * a // 255)
        )
        blit(
            p,
            px[None, :].astype(np.uint32),
            QRectF(0, r.strip_top + 2, len(px), r.strip_bottom - r.strip_top - 3),
        )

    @staticmethod
    def _blit(p: QPainter, pixels: npt.NDArray[np.uint32], target: QRectF) -> None:
        arr = np.ascontiguousarray(pixels)
        rows, cols = arr.shape
        img = QImage(arr.data, cols, rows, cols * 4, QImage.Format.Format_ARGB32_Premultiplied)
        p.drawImage(target, img, QRectF(0, 0, cols, rows))

    # -- selection and brushing ------------------------------------------------

    def _selection_marker(self, p: QPainter, layout: TimelineLayout, index: int) -> None:
        """At cluster and density zoom, a line and a callout for the selection."""
        data, r = layout.data, layout.regions
        x0 = layout.x_of(float(data.day_min[index]))
        x1 = layout.x_of(float(data.day_max[index]) + 1)
        if x1 < 0 or x0 > layout.width:
            return
        x = (max(x0, 0.0) + min(x1, layout.width)) / 2
        p.setPen(QPen(self.highlight, 2))
        p.drawLine(QPointF(x, r.events_top), QPointF(x, r.strip_bottom))
        text = self.fm.elidedText(data.title(index), Qt.TextElideMode.ElideRight, 360)
        tw = self.fm.horizontalAdvance(text)
        bx = min(max(0.0, x - tw / 2 - 4), layout.width - tw - 8)
        box = QRectF(bx, r.events_top, tw + 8, self.fm.height() + 4)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.highlight)
        p.drawRoundedRect(box, 3, 3)
        p.setPen(self.highlight_text)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _reading(self, p: QPainter, layout: TimelineLayout, span: tuple[float, float]) -> None:
        """ "Reading here": a band along the axis under the days the reading pane shows."""
        r, (x0, x1) = layout.regions, (layout.x_of(span[0]), layout.x_of(span[1]))
        if x1 >= 0 and x0 <= layout.width:
            paint_reading_here(p, x0, x1, r.strip_bottom, 5, wash_top=r.events_top)

    def _brush(self, p: QPainter, layout: TimelineLayout, brush: tuple[float, float]) -> None:
        r = layout.regions
        x0, x1 = sorted(brush)
        fill = QColor(self.highlight)
        fill.setAlphaF(0.18)
        rect = QRectF(x0, r.events_top, max(1.0, x1 - x0), r.strip_bottom - r.events_top)
        p.fillRect(rect, fill)
        p.setPen(QPen(self.highlight, 1))
        p.drawLine(QPointF(x0, rect.top()), QPointF(x0, rect.bottom()))
        p.drawLine(QPointF(x1, rect.top()), QPointF(x1, rect.bottom()))
