"""The map's furniture: legend, scale bar, attribution and a message line.

Each piece first says where it goes (:meth:`Furniture.boxes`), so labels can
keep clear of it, then paints itself there. The legend explains exactly what
is on the map: the oblast shades with their count ranges (only while oblasts
are shaded), sample marker sizes, the occupation hatch and the highlight ring.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from babel.numbers import format_decimal as babel_format_decimal
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from explorer.core.geo.basemap import SOURCE, ProjectedBaseMap
from explorer.core.geo.geometry import BBox
from explorer.core.geo.layout import MapLayout
from explorer.core.geo.scales import marker_radius, one_two_five, scale_bar
from explorer.core.geo.viewport import Viewport
from explorer.i18n import _
from explorer.ui.map.colours import MapColours

OCCUPIED_HATCH = Qt.BrushStyle.BDiagPattern
MARGIN = 8.0
#: Below this size the map has no room for a legend; hover gives the numbers.
LEGEND_MIN_SIZE = (300, 240)


def cosmetic_pen(colour: QColor, width: float) -> QPen:
    pen = QPen(colour, width)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def scaled_font(font: QFont, factor: float) -> QFont:
    """*font* at *factor* of its size, whether it is sized in points or in pixels."""
    out = QFont(font)
    if font.pixelSize() > 0:  # exports size fonts in pixels (see MapView.export_font)
        out.setPixelSize(max(8, round(font.pixelSize() * factor)))
    elif font.pointSizeF() > 0:
        out.setPointSizeF(max(6.0, font.pointSizeF() * factor))
    return out


def small_font(font: QFont) -> QFont:
    return scaled_font(font, 0.85)


@dataclass(frozen=True)
class Row:
    kind: str  # title, swatch, circle, hatch, highlight
    text: str
    value: int = 0


@dataclass(frozen=True)
class LegendGeometry:
    rect: QRectF
    rows: tuple[Row, ...]
    heights: tuple[float, ...]
    symbol_width: float


def marker_samples(max_count: int) -> list[int]:
    """Two or three round counts for the legend's circles, largest first."""
    below = [n for n in one_two_five(max_count) if 1 < n < max_count]
    picks = [max_count]
    if below:
        picks.append(below[(2 * len(below)) // 3])
    if max_count > 1:
        picks.append(1)
    return picks


class Furniture:
    """Legend, scale bar and attribution for one base map, in the interface language."""

    def __init__(self, basemap: ProjectedBaseMap) -> None:
        self.basemap = basemap
        self._geometries: dict[tuple[object, ...], LegendGeometry] = {}
        occupied = [s.shape for s in basemap.shapes if s.shape.occupied_by]
        self._occupied_since = occupied[0].occupied_since if occupied else ""

    # -- where things go --------------------------------------------------------------

    def boxes(
        self, layout: MapLayout, font: QFont, lang: str, *, legend: bool = True
    ) -> list[BBox]:
        """The boxes labels must keep clear of."""
        out = []
        rects = [self._scale_rect(layout.viewport, font, lang)[0], self._attribution_rect(
            layout.viewport, font)]  # fmt: skip
        if legend:
            geometry = self.legend_geometry(layout, font, lang)
            if geometry is not None:
                rects.append(geometry.rect)
        for r in rects:
            if r.isValid():
                out.append(BBox(r.left(), r.top(), r.right(), r.bottom()))
        return out

    @staticmethod
    def _radius(count: int, layout: MapLayout) -> float:
        return marker_radius(count, layout.max_count, r_max=layout.max_radius)

    def legend_rows(self, layout: MapLayout, lang: str, *, compact: bool = False) -> list[Row]:
        loc = _locale(lang)
        rows: list[Row] = []
        if layout.choropleth and len(layout.classes):
            rows.append(Row("title", _("Events at places per oblast")))
            for k, (lo, hi) in enumerate(layout.classes.ranges()):
                lo_text = format_decimal(lo, locale=loc)
                hi_text = format_decimal(hi, locale=loc)
                rows.append(Row("swatch", lo_text if lo == hi else f"{lo_text}–{hi_text}", k))
        if layout.markers and not compact:
            rows.append(Row("title", _("Events per place")))
            rows += [
                Row("circle", format_decimal(n, locale=loc), n)
                for n in marker_samples(layout.max_count)
            ]
        if self._occupied_since:
            text = _("Occupied by Russia since {year}").format(year=self._occupied_since)
            rows.append(Row("hatch", text))
        if layout.highlighted_shapes or any(m.highlighted for m in layout.markers):
            rows.append(Row("highlight", _("Places of the selected event")))
        return rows

    def legend_geometry(self, layout: MapLayout, font: QFont, lang: str) -> LegendGeometry | None:
        v = layout.viewport
        if v.width < LEGEND_MIN_SIZE[0] or v.height < LEGEND_MIN_SIZE[1]:
            return None
        for compact in (False, True):
            geometry = self._legend_geometry(layout, font, lang, compact)
            if geometry is None:
                return None
            # The legend may take a sixth of the map; past that, drop the marker
            # sizes (hover tells the numbers), then the whole legend.
            if geometry.rect.width() * geometry.rect.height() <= v.width * v.height / 6:
                return geometry
        return None

    def _legend_geometry(
        self, layout: MapLayout, font: QFont, lang: str, compact: bool
    ) -> LegendGeometry | None:
        rows = self.legend_rows(layout, lang, compact=compact)
        if not rows:
            return None
        # Measured once per look: panning through time repeats the same few legends.
        key = (tuple(rows), font.key(), layout.max_radius, layout.max_count)
        if key not in self._geometries:
            if len(self._geometries) > 64:
                self._geometries.clear()
            self._geometries[key] = self._measure_legend(rows, layout, font)
        return self._geometries[key]

    def _measure_legend(self, rows: list[Row], layout: MapLayout, font: QFont) -> LegendGeometry:
        font = small_font(font)
        bold = QFont(font)
        bold.setBold(True)
        metrics, bold_metrics = QFontMetricsF(font), QFontMetricsF(bold)
        line = metrics.height() + 2
        biggest = 2 * layout.max_radius + 6
        symbol_w = max(22.0, biggest if layout.markers else 0.0)
        heights = []
        inner = 0.0
        for row in rows:
            if row.kind == "title":
                inner = max(inner, bold_metrics.horizontalAdvance(row.text))
                heights.append(line + 2)
                continue
            inner = max(inner, symbol_w + 6 + metrics.horizontalAdvance(row.text))
            if row.kind == "circle":
                heights.append(max(line, 2 * self._radius(row.value, layout) + 3))
            else:
                heights.append(line)
        rect = QRectF(MARGIN, MARGIN, inner + 16, sum(heights) + 10)
        return LegendGeometry(rect, tuple(rows), tuple(heights), symbol_w)

    def _scale_rect(self, v: Viewport, font: QFont, lang: str) -> tuple[QRectF, str, float]:
        projection = self.basemap.projection
        _lon, lat = projection.inverse(v.cx, v.cy)
        k = float(projection.scale_factor(lat))  # true scale at the centre of the view
        km, px = scale_bar(v.metres_per_pixel / k, min(140.0, v.width * 0.3))
        if px < 10:
            return QRectF(), "", 0.0
        metrics = QFontMetricsF(small_font(font))
        text = _("{distance} km").format(distance=format_decimal(km, locale=_locale(lang)))
        width = px + 6 + metrics.horizontalAdvance(text) + 10
        height = metrics.height() + 10
        return QRectF(MARGIN, v.height - MARGIN - height, width, height), text, px

    def _attribution_rect(self, v: Viewport, font: QFont) -> QRectF:
        metrics = QFontMetricsF(small_font(font))
        w = metrics.horizontalAdvance(self.attribution()) + 10
        h = metrics.height() + 4
        return QRectF(v.width - MARGIN - w, v.height - MARGIN - h, w, h)

    @staticmethod
    def attribution() -> str:
        return _("Map data: {source}").format(source=SOURCE)

    # -- painting -----------------------------------------------------------------------

    def paint_scale_bar(
        self, p: QPainter, v: Viewport, c: MapColours, font: QFont, lang: str
    ) -> None:
        rect, text, px = self._scale_rect(v, font, lang)
        if not rect.isValid():
            return
        p.save()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(c.panel)
        p.drawRoundedRect(rect, 4, 4)
        x0, y0 = rect.left() + 5, rect.bottom() - 6
        p.setPen(QPen(c.panel_text, 1.5))
        p.drawLine(QPointF(x0, y0), QPointF(x0 + px, y0))
        for x, tick in ((x0, 6), (x0 + px / 2, 3), (x0 + px, 6)):
            p.drawLine(QPointF(x, y0), QPointF(x, y0 - tick))
        p.setFont(small_font(font))
        p.drawText(QPointF(x0 + px + 6, y0), text)
        p.restore()

    def paint_attribution(self, p: QPainter, v: Viewport, c: MapColours, font: QFont) -> None:
        rect = self._attribution_rect(v, font)
        p.save()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(c.panel)
        p.drawRoundedRect(rect, 3, 3)
        p.setFont(small_font(font))
        p.setPen(c.panel_text)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.attribution())
        p.restore()

    def paint_message(
        self, p: QPainter, v: Viewport, c: MapColours, font: QFont, text: str
    ) -> None:
        metrics = QFontMetricsF(font)
        w = metrics.horizontalAdvance(text) + 20
        rect = QRectF((v.width - w) / 2, MARGIN, w, metrics.height() + 10)
        p.save()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(c.panel)
        p.drawRoundedRect(rect, 4, 4)
        p.setFont(font)
        p.setPen(c.panel_text)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        p.restore()

    def paint_legend(
        self, p: QPainter, layout: MapLayout, c: MapColours, font: QFont, lang: str
    ) -> None:
        geometry = self.legend_geometry(layout, font, lang)
        if geometry is None:
            return
        font = small_font(font)
        bold = QFont(font)
        bold.setBold(True)
        rect = geometry.rect
        p.save()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(c.panel)
        p.drawRoundedRect(rect, 5, 5)
        n_classes = len(layout.classes)
        x_symbol = rect.left() + 8 + geometry.symbol_width / 2
        x_text = rect.left() + 8 + geometry.symbol_width + 6
        y = rect.top() + 5
        for row, h in zip(geometry.rows, geometry.heights, strict=True):
            mid = y + h / 2
            if row.kind == "title":
                p.setFont(bold)
                p.setPen(c.panel_text)
                p.drawText(
                    QRectF(rect.left() + 8, y, rect.width() - 12, h),
                    Qt.AlignmentFlag.AlignVCenter,
                    row.text,
                )
                y += h
                continue
            swatch = QRectF(x_symbol - 9, mid - 6, 18, 12)
            if row.kind == "swatch":
                p.setPen(cosmetic_pen(c.oblast_border, 1.0))
                p.setBrush(c.ramp_colour(row.value, n_classes))
                p.drawRect(swatch)
            elif row.kind == "circle":
                r = self._radius(row.value, layout)
                p.setPen(cosmetic_pen(c.marker_edge, 1.0))
                p.setBrush(c.marker)
                p.drawEllipse(QPointF(x_symbol, mid), r, r)
            elif row.kind == "hatch":
                p.setPen(cosmetic_pen(c.oblast_border, 1.0))
                p.setBrush(c.ukraine)
                p.drawRect(swatch)
                p.setBrush(QBrush(c.occupied_hatch, OCCUPIED_HATCH))
                p.drawRect(swatch)
            elif row.kind == "highlight":
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.setPen(cosmetic_pen(c.highlight_edge, 4.5))
                p.drawEllipse(QPointF(x_symbol, mid), 6, 6)
                p.setPen(cosmetic_pen(c.highlight, 2.5))
                p.drawEllipse(QPointF(x_symbol, mid), 6, 6)
            p.setFont(font)
            p.setPen(c.panel_text)
            p.drawText(
                QRectF(x_text, y, rect.right() - x_text, h), Qt.AlignmentFlag.AlignVCenter, row.text
            )
            y += h
        p.restore()


@functools.lru_cache(maxsize=1024)
def format_decimal(number: float, *, locale: str) -> str:
    """Babel's number, remembered: the legend asks for the same few on every frame."""
    return str(babel_format_decimal(number, locale=locale))


def _locale(lang: str) -> str:
    return {"nl": "nl_NL", "en": "en_GB"}.get(lang, "en_GB")
