"""Drawing the map: base shapes, choropleth, markers, labels and the map furniture.

The base map is turned into ``QPainterPath`` objects once, in projected metres,
and drawn through the view's transform with cosmetic pens. On screen the land
and the borders are cached as two pixmaps per view (they change only on zoom,
pan, resize or palette change), so a repaint after a count change -- many per
second while the timeline pans -- draws only the oblast shades, the markers
and the labels. Exports draw everything as vectors.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QTransform,
)

from explorer.core.geo.basemap import ProjectedBaseMap, ProjectedShape
from explorer.core.geo.geometry import BBox
from explorer.core.geo.layout import MapLayout
from explorer.core.geo.viewport import Viewport
from explorer.ui.map.colours import MapColours
from explorer.ui.map.furniture import OCCUPIED_HATCH, Furniture, cosmetic_pen, scaled_font

SPRITE_PAD = 3.0
#: The cached land and borders reach this fraction of the view beyond each edge.
CACHE_MARGIN = 0.25


@dataclass(frozen=True)
class PaintState:
    """What the painter needs beyond the layout."""

    colours: MapColours
    font: QFont
    lang: str = "en"
    focused: str = ""  # id of the marker with keyboard focus
    legend: bool = True
    furniture: bool = True  # scale bar and attribution
    message: str = ""


def label_fonts(base: QFont) -> dict[str, QFont]:
    """The fonts of place, oblast and country names (measured and drawn alike)."""
    area = QFont(base)
    area.setItalic(True)
    country = QFont(base)
    country.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
    country = scaled_font(country, 0.9)
    return {"place": base, "oblast": area, "country": country}


class FontMeasure:
    """Label widths from Qt's font metrics, remembered per text (labels repeat)."""

    def __init__(self, base: QFont) -> None:
        self._metrics = {k: QFontMetricsF(f) for k, f in label_fonts(base).items()}
        self._widths: dict[tuple[str, str], float] = {}

    def text_width(self, text: str, kind: str = "place") -> float:
        width = self._widths.get((kind, text))
        if width is None:
            width = self._metrics[kind].horizontalAdvance(text)
            if len(self._widths) > 10000:
                self._widths.clear()
            self._widths[(kind, text)] = width
        return width

    @property
    def line_height(self) -> float:
        return self._metrics["place"].height()


def view_transform(v: Viewport) -> QTransform:
    """Projected metres to widget pixels (y flips: north is up)."""
    s = v.scale
    return QTransform(s, 0.0, 0.0, -s, v.width / 2 - v.cx * s, v.height / 2 + v.cy * s)


def _path(shape: ProjectedShape) -> QPainterPath:
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in shape.rings:
        path.moveTo(float(ring[0, 0]), float(ring[0, 1]))
        for x, y in ring[1:].tolist():
            path.lineTo(x, y)
        path.closeSubpath()
    return path


_pen = cosmetic_pen


def _box_visible(box: BBox, v: Viewport) -> bool:
    return box.intersects(v.visible)


class MapPainter:
    """Paints a :class:`MapLayout` on any QPainter (widget, image, SVG, PDF)."""

    def __init__(self, basemap: ProjectedBaseMap) -> None:
        self.basemap = basemap
        self._paths = {s.code: _path(s) for s in basemap.shapes}
        self._countries = basemap.layer("country")
        self._oblasts = basemap.layer("oblast")
        self._occupied = [s for s in basemap.shapes if s.shape.occupied_by]
        self._cache_key: object = None
        self._cache_view: Viewport | None = None
        self._land: QPixmap | None = None
        self._borders: QPixmap | None = None
        self._label_paths: dict[tuple[str, str], QPainterPath] = {}
        self._sprites: dict[tuple[str, str, str, str, float], QPixmap] = {}
        self._marker_sprites: dict[tuple[float, bool, str, float], QPixmap] = {}
        self.furniture = Furniture(basemap)

    # -- the whole frame ----------------------------------------------------------------

    def paint(
        self, p: QPainter, layout: MapLayout, state: PaintState, *, dpr: float | None = None
    ) -> None:
        """Draw one frame; with *dpr* (on screen) land and borders come from pixmaps."""
        v = layout.viewport
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if dpr is not None:
            at = self._ensure_cache(v, state.colours, dpr)
            assert self._land is not None and self._borders is not None
            p.drawPixmap(at, self._land)
            self._paint_choropleth(p, layout, state.colours)
            p.drawPixmap(at, self._borders)
        else:
            p.save()
            p.setClipRect(QRectF(0, 0, v.width, v.height))
            self._paint_land(p, v, state.colours)
            self._paint_choropleth(p, layout, state.colours)
            self._paint_borders(p, v, state.colours)
            p.restore()
        self._paint_highlighted_shapes(p, layout, state.colours)
        self._paint_markers(p, layout, state, dpr)
        self._paint_labels(p, layout, state, dpr)
        c, font = state.colours, state.font
        if state.furniture:
            self.furniture.paint_scale_bar(p, v, c, font, state.lang)
            self.furniture.paint_attribution(p, v, c, font)
        if state.legend:
            self.furniture.paint_legend(p, layout, c, font, state.lang)
        if state.message:
            self.furniture.paint_message(p, v, c, font, state.message)

    def _ensure_cache(self, v: Viewport, colours: MapColours, dpr: float) -> QPointF:
        """Land and borders for view *v*, and where to draw them.

        Once the map is dragged, the pixmaps cover the view plus a quarter of its
        size on every side, so the drag only moves them until it nears their edge;
        zoom, resize or a palette change redraws them for the view alone.
        """
        key = (v.scale, dpr, colours.scheme)
        panning = key == self._cache_key and self._cache_view is not None
        if panning and self._cache_view is not None and self._land is not None:
            cached = self._cache_view
            x, y = v.to_screen(*cached.to_map(0, 0))
            x, y = round(x), round(y)  # whole pixels: no resampling blur
            if x <= 0 and y <= 0 and x + cached.width >= v.width and y + cached.height >= v.height:
                return QPointF(x, y)
        # Margins only once the map moves at one scale: a zoom step redraws just the view.
        fraction = CACHE_MARGIN if panning else 0.0
        margin_x, margin_y = math.ceil(v.width * fraction), math.ceil(v.height * fraction)
        cached = Viewport(v.cx, v.cy, v.scale, v.width + 2 * margin_x, v.height + 2 * margin_y)
        size = QSize(max(1, math.ceil(cached.width * dpr)), max(1, math.ceil(cached.height * dpr)))
        layers = []
        for paint in (self._paint_land, self._paint_borders):
            pixmap = QPixmap(size)
            pixmap.setDevicePixelRatio(dpr)
            pixmap.fill(Qt.GlobalColor.transparent)
            q = QPainter(pixmap)
            try:
                q.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                paint(q, cached, colours)
            finally:
                q.end()
            layers.append(pixmap)
        self._land, self._borders = layers
        self._cache_key = key
        self._cache_view = cached
        return QPointF(-margin_x, -margin_y)

    # -- base map -----------------------------------------------------------------------

    def _paint_land(self, p: QPainter, v: Viewport, c: MapColours) -> None:
        p.fillRect(QRectF(0, 0, v.width, v.height), c.sea)
        p.save()
        p.setTransform(view_transform(v), True)
        p.setPen(Qt.PenStyle.NoPen)
        for shape in self._countries:
            if not _box_visible(shape.bbox, v):
                continue
            fill = {"UA": c.ukraine, "RU": c.russia}.get(shape.code, c.land)
            p.setBrush(fill)
            p.drawPath(self._paths[shape.code])
        p.restore()

    def _paint_choropleth(self, p: QPainter, layout: MapLayout, c: MapColours) -> None:
        if not layout.choropleth or not len(layout.classes):
            return
        v = layout.viewport
        p.save()
        p.setTransform(view_transform(v), True)
        p.setPen(Qt.PenStyle.NoPen)
        n = len(layout.classes)
        for shape in self._oblasts:
            k = layout.oblast_classes.get(shape.code, -1)
            if k < 0 or not _box_visible(shape.bbox, v):
                continue
            p.setBrush(c.ramp_colour(k, n))
            p.drawPath(self._paths[shape.code])
        p.restore()

    def _paint_borders(self, p: QPainter, v: Viewport, c: MapColours) -> None:
        transform = view_transform(v)
        p.save()
        p.setTransform(transform, True)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(_pen(c.oblast_border, 0.7))
        for shape in self._oblasts:
            if _box_visible(shape.bbox, v):
                p.drawPath(self._paths[shape.code])
        p.setPen(_pen(c.country_border, 0.9))
        for shape in self._countries:
            if shape.code != "UA" and _box_visible(shape.bbox, v):
                p.drawPath(self._paths[shape.code])
        ukraine = self.basemap.get("UA")
        if ukraine is not None and _box_visible(ukraine.bbox, v):
            p.setPen(_pen(c.ukraine_border, 1.6))
            p.drawPath(self._paths["UA"])
        p.restore()
        # The hatch is drawn in pixels so its lines keep their spacing at any zoom.
        p.save()
        p.setPen(Qt.PenStyle.NoPen)
        for shape in self._occupied:
            if _box_visible(shape.bbox, v):
                p.fillPath(
                    transform.map(self._paths[shape.code]), QBrush(c.occupied_hatch, OCCUPIED_HATCH)
                )
        p.restore()

    def _paint_highlighted_shapes(self, p: QPainter, layout: MapLayout, c: MapColours) -> None:
        if not layout.highlighted_shapes:
            return
        transform = view_transform(layout.viewport)
        for code in sorted(layout.highlighted_shapes):
            shape = self.basemap.get(code)
            if shape is None or not _box_visible(shape.bbox, layout.viewport):
                continue
            path = transform.map(self._paths[code])
            p.strokePath(path, _pen(c.highlight_edge, 5.0))
            p.strokePath(path, _pen(c.highlight, 3.0))

    # -- markers and labels -----------------------------------------------------------

    def _paint_markers(
        self, p: QPainter, layout: MapLayout, state: PaintState, dpr: float | None
    ) -> None:
        c = state.colours
        for m in layout.markers:
            centre = QPointF(m.x, m.y)
            if m.highlighted:
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.setPen(_pen(c.highlight_edge, 4.5))
                p.drawEllipse(centre, m.r + 3, m.r + 3)
                p.setPen(_pen(c.highlight, 2.5))
                p.drawEllipse(centre, m.r + 3, m.r + 3)
            if dpr is None:
                self._draw_marker(p, centre, m.r, m.place.is_area, c)
            else:
                # Radii snapped to a quarter pixel: a few dozen sprites serve every frame.
                r = round(m.r * 4) / 4
                sprite = self._marker_sprite(r, m.place.is_area, c, dpr)
                half = sprite.width() / dpr / 2
                p.drawPixmap(QPointF(m.x - half, m.y - half), sprite)
            if m.id == state.focused:
                pen = _pen(c.focus, 1.5)
                pen.setStyle(Qt.PenStyle.DotLine)
                p.setPen(pen)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawEllipse(centre, m.r + 6, m.r + 6)

    @staticmethod
    def _draw_marker(p: QPainter, centre: QPointF, r: float, area: bool, c: MapColours) -> None:
        if area:
            pen = _pen(c.area_marker, 2.0)
            pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            fill = QColor(c.area_marker)
            fill.setAlpha(40)
            p.setBrush(fill)
        else:
            p.setPen(_pen(c.marker_edge, 1.0))
            p.setBrush(c.marker)
        p.drawEllipse(centre, r, r)

    def _marker_sprite(self, r: float, area: bool, c: MapColours, dpr: float) -> QPixmap:
        key = (r, area, c.scheme, dpr)
        sprite = self._marker_sprites.get(key)
        if sprite is None:
            half = math.ceil(r + 2)
            side = max(1, math.ceil(2 * half * dpr))
            sprite = QPixmap(side, side)
            sprite.setDevicePixelRatio(dpr)
            sprite.fill(Qt.GlobalColor.transparent)
            q = QPainter(sprite)
            try:
                q.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                self._draw_marker(q, QPointF(side / dpr / 2, side / dpr / 2), r, area, c)
            finally:
                q.end()
            if len(self._marker_sprites) > 2000:
                self._marker_sprites.clear()
            self._marker_sprites[key] = sprite
        return sprite

    def _label_path(self, text: str, font: QFont) -> QPainterPath:
        key = (text, font.key())
        path = self._label_paths.get(key)
        if path is None:
            path = QPainterPath()
            path.addText(0, 0, font, text)
            if len(self._label_paths) > 4000:
                self._label_paths.clear()
            self._label_paths[key] = path
        return path

    def _label_sprite(
        self, text: str, kind: str, font: QFont, colours: MapColours, dpr: float
    ) -> QPixmap:
        """The label drawn once, halo included, for blitting on every frame.

        Stroking a text outline for the halo costs ~0.5 ms a label; a frame has
        a hundred labels and the timeline may pan at 60 frames per second.
        """
        key = (text, kind, font.key(), colours.scheme, dpr)
        sprite = self._sprites.get(key)
        if sprite is None:
            metrics = QFontMetricsF(font)
            w = math.ceil(metrics.horizontalAdvance(text) + 2 * SPRITE_PAD)
            h = math.ceil(metrics.height() + 2 * SPRITE_PAD)
            sprite = QPixmap(max(1, math.ceil(w * dpr)), max(1, math.ceil(h * dpr)))
            sprite.setDevicePixelRatio(dpr)
            sprite.fill(Qt.GlobalColor.transparent)
            q = QPainter(sprite)
            try:
                q.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                self._draw_label(q, text, kind, font, colours, SPRITE_PAD, SPRITE_PAD, metrics)
            finally:
                q.end()
            if len(self._sprites) > 3000:
                self._sprites.clear()
            self._sprites[key] = sprite
        return sprite

    def _draw_label(
        self,
        p: QPainter,
        text: str,
        kind: str,
        font: QFont,
        c: MapColours,
        x: float,
        top: float,
        metrics: QFontMetricsF,
    ) -> None:
        moved = self._label_path(text, font).translated(x, top + metrics.ascent())
        if kind == "place":
            halo = QPen(c.halo, 3.0)
            halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            p.strokePath(moved, halo)
        colour = {"place": c.text, "oblast": c.area_text, "country": c.country_text}[kind]
        p.fillPath(moved, colour)

    def _paint_labels(
        self, p: QPainter, layout: MapLayout, state: PaintState, dpr: float | None
    ) -> None:
        fonts = label_fonts(state.font)
        metrics = {kind: QFontMetricsF(font) for kind, font in fonts.items()}
        for label in layout.labels:
            kind = layout.label_kinds.get(label.key, "place")
            box = label.rect
            # The text's line height is centred in the label box.
            top = box.y0 + (box.height - metrics[kind].height()) / 2
            if dpr is None:  # vector output: real text outlines
                self._draw_label(p, label.text, kind, fonts[kind], state.colours, box.x0, top,
                                 metrics[kind])  # fmt: skip
                continue
            sprite = self._label_sprite(label.text, kind, fonts[kind], state.colours, dpr)
            p.drawPixmap(QPointF(box.x0 - SPRITE_PAD, top - SPRITE_PAD), sprite)
