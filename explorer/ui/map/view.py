"""The map widget: the region's base map with the places of the events in view.

Input is plain data -- :meth:`MapView.set_places` with one
:class:`~explorer.core.geo.places.MapPlace` per place and its count,
:meth:`MapView.set_highlight` with the selected event's place ids -- and output
is two signals, :attr:`MapView.place_clicked` (a place id) and
:attr:`MapView.oblast_clicked` (an ISO 3166-2 code), which the composition root
turns into facet chips. Zoom with the wheel, a double click or +/−; pan by
dragging or with the arrow keys; Home fits Ukraine; Page Down/Page Up walk the
markers by count and Enter picks one.

Place names come from the gazetteer and event titles from the article, so the
hover text is plain text: it is escaped before Qt's tooltip sees it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QFontInfo,
    QHelpEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from explorer import i18n
from explorer.core.geo.basemap import (
    Layer,
    ProjectedBaseMap,
    ProjectedShape,
    load_basemap,
)
from explorer.core.geo.geometry import BBox
from explorer.core.geo.layout import MapLayout, compute_layout
from explorer.core.geo.places import (
    MapPlace,
    PlacedPlace,
    PlaceLocator,
    merge_counts,
    oblast_counts,
)
from explorer.core.geo.viewport import Viewport
from explorer.i18n import _
from explorer.ui.map import export, hover
from explorer.ui.map.colours import MapColours
from explorer.ui.map.painter import FontMeasure, MapPainter, PaintState

ZOOM_STEP = 1.25
DRAG_THRESHOLD = 4.0


class MapView(QWidget):
    """Base map, oblast shading, place markers and labels; click, hover, zoom, export."""

    place_clicked = Signal(str)  # a place id, from a marker
    oblast_clicked = Signal(str)  # an ISO 3166-2 code, e.g. "UA-63"
    country_clicked = Signal(str)  # an ISO 3166-1 alpha-2 code, e.g. "PL"
    view_changed = Signal()

    def __init__(
        self,
        basemap: ProjectedBaseMap | None = None,
        parent: QWidget | None = None,
        *,
        lang: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._basemap = basemap if basemap is not None else load_basemap().project()
        self._painter = MapPainter(self._basemap)
        self._locator = PlaceLocator(self._basemap)
        self._placed: list[PlacedPlace] = []
        self._derived: dict[str, int] = {}
        self._exact: dict[str, int] | None = None
        self._highlight: frozenset[str] = frozenset()
        self._scale_max: int | None = None
        self._lang = lang or i18n.language()
        self._viewport: Viewport | None = None
        self._fitted = True  # follow resizes until the user moves the map
        self._layout: MapLayout | None = None
        self._measure: FontMeasure | None = None
        self._focused = ""
        self._legend = True
        self._press: QPointF | None = None
        self._press_view: Viewport | None = None
        self._dragging = False
        self._top_events: Callable[[str], Sequence[str]] | None = None
        self._describing = QTimer(self, singleShot=True, interval=100)
        self._describing.timeout.connect(self._update_description)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(200, 150)
        self.retranslate()

    # -- input data ---------------------------------------------------------------------

    def set_places(
        self,
        places: Sequence[MapPlace],
        *,
        scale_max: int | None = None,
        oblasts: Mapping[str, int] | None = None,
    ) -> None:
        """Show *places* with their counts; *scale_max* fixes the top of the size scale
        (e.g. while playing through time, so sizes compare across steps);
        *oblasts* as :meth:`set_oblast_counts`, in the same repaint."""
        if oblasts is not None:
            self._exact = dict(oblasts)
        self._placed = self._locator.locate(places)
        self._derived = oblast_counts(self._placed)
        self._scale_max = scale_max
        if self._focused and not any(p.place.id == self._focused for p in self._placed):
            self._focused = ""
        self._invalidate(describe=False)

    def set_oblast_counts(self, counts: Mapping[str, int] | None) -> None:
        """Exact events per oblast (ISO 3166-2 code); ``None`` sums the places' counts."""
        self._exact = dict(counts) if counts is not None else None
        self._invalidate(describe=False)

    def set_highlight(self, ids: Iterable[str]) -> None:
        """Ring the markers of these place ids (the selected event's places)."""
        highlight = frozenset(ids)
        if highlight != self._highlight:
            self._highlight = highlight
            self._invalidate()

    def set_top_events(self, provider: Callable[[str], Sequence[str]] | None) -> None:
        """Where the hover text gets a place's top event titles (asked on hover, so
        panning never fetches titles); without one, ``MapPlace.top_events`` serve."""
        self._top_events = provider

    def set_legend_visible(self, visible: bool) -> None:
        """Show or hide the legend on screen (exports always have it)."""
        self._legend = visible
        self._invalidate()

    @property
    def basemap(self) -> ProjectedBaseMap:
        return self._basemap

    def places(self) -> list[MapPlace]:
        """The places on the map (those that could be located), in the order given."""
        return [p.place for p in self._placed]

    def highlight(self) -> frozenset[str]:
        return self._highlight

    # -- language ----------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Label places and shapes in *lang* (``"nl"`` or ``"en"``) and re-read texts."""
        self._lang = lang
        self.retranslate()

    def language(self) -> str:
        return self._lang

    def retranslate(self) -> None:
        self.setAccessibleName(_("Map"))
        self._invalidate()

    # -- the view ------------------------------------------------------------------------

    def home_box(self) -> BBox:
        """What Home shows: Ukraine, with a little of its neighbours."""
        box = self._basemap.bbox_of_codes(["UA"]) or self._basemap.bbox
        return box.grown(0.06)

    def fit(self) -> None:
        """Show Ukraine whole, centred (Home)."""
        self._fitted = True
        self._set_viewport(Viewport.fit(self.home_box(), self.width(), self.height()))

    def fit_places(self) -> None:
        """Show every place that has events (or Ukraine when there are none)."""
        shown = [(p.x, p.y) for p in self._placed if p.place.count > 0]
        if not shown:
            self.fit()
            return
        xs, ys = [x for x, _y in shown], [y for _x, y in shown]
        box = BBox(min(xs), min(ys), max(xs), max(ys)).union(self.home_box())
        self._fitted = False
        self._set_viewport(Viewport.fit(box.grown(0.05), self.width(), self.height()))

    def viewport(self) -> Viewport:
        if self._viewport is None:
            self._viewport = Viewport.fit(self.home_box(), self.width(), self.height())
        return self._viewport

    def set_viewport(self, viewport: Viewport) -> None:
        self._fitted = False
        self._set_viewport(viewport.resized(self.width(), self.height()))

    def _set_viewport(self, viewport: Viewport) -> None:
        viewport = viewport.kept_within(self._basemap.bbox)
        if viewport != self._viewport:
            self._viewport = viewport
            self._invalidate()
            self.view_changed.emit()

    def zoom(self, factor: float, pos: QPointF | None = None) -> None:
        """Zoom by *factor* (>1 zooms in) around *pos* (the centre by default)."""
        self._fitted = False
        v = self.viewport()
        if pos is None:
            self._set_viewport(v.zoomed(factor))
        else:
            self._set_viewport(v.zoomed(factor, pos.x(), pos.y()))

    def pan(self, dx: float, dy: float) -> None:
        """Move the map by (dx, dy) pixels, the way a drag moves it."""
        self._fitted = False
        self._set_viewport(self.viewport().panned(dx, dy))

    # -- layout -----------------------------------------------------------------------

    def _invalidate(self, *, describe: bool = True) -> None:
        """A new layout on the next paint; the description for screen readers now, or
        (new counts: many a second while the timeline pans) within a tenth of a second."""
        self._layout = None
        if describe:
            self._describing.stop()
            self._update_description()
        elif not self._describing.isActive():
            self._describing.start()
        self.update()

    def _font_measure(self) -> FontMeasure:
        if self._measure is None:
            self._measure = FontMeasure(self.font())
        return self._measure

    def current_layout(self) -> MapLayout:
        """The layout for the current view, places, counts and language."""
        if self._layout is None or self._layout.viewport != self.viewport():
            self._layout = self._compute(
                self.viewport(), self.font(), legend=self._legend, measure=self._font_measure()
            )
        return self._layout

    def _compute(
        self, viewport: Viewport, font: QFont, *, legend: bool, measure: FontMeasure | None = None
    ) -> MapLayout:
        lang = self._lang
        measure = measure or FontMeasure(font)

        def furniture(layout: MapLayout) -> list[BBox]:
            return self._painter.furniture.boxes(layout, font, lang, legend=legend)

        return compute_layout(
            self._placed,
            viewport,
            self._basemap,
            measure,
            lang=lang,
            oblast_counts=merge_counts(self._derived, self._exact),
            highlight=self._highlight,
            scale_max=self._scale_max,
            reserve=furniture,
        )

    def export_font(self) -> QFont:
        """The widget's font sized in pixels: SVG and PDF devices have their own dpi
        (PDF 1200), and a font sized in points would be drawn that many times larger
        than the map it labels."""
        font = QFont(self.font())
        font.setPixelSize(max(8, QFontInfo(self.font()).pixelSize()))
        return font

    def _state(self, *, screen: bool) -> PaintState:
        message = ""
        if self._placed and not any(p.place.count > 0 for p in self._placed):
            message = _("No places in view")
        return PaintState(
            colours=MapColours.for_palette(self.palette()),
            font=self.font() if screen else self.export_font(),
            lang=self._lang,
            focused=self._focused if screen and self.hasFocus() else "",
            legend=self._legend or not screen,
            message=message,
        )

    # -- painting -----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            self._painter.paint(
                p, self.current_layout(), self._state(screen=True), dpr=self.devicePixelRatioF()
            )
        finally:
            p.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitted or self._viewport is None:
            self._viewport = Viewport.fit(self.home_box(), self.width(), self.height())
        else:
            self._viewport = self._viewport.resized(self.width(), self.height())
        self._invalidate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self._measure = None
            self._invalidate()
        super().changeEvent(event)

    # -- export -------------------------------------------------------------------------

    def _export_layout(self, size: QSize) -> MapLayout:
        """The current view at another pixel size: the same area, scaled."""
        box = self.viewport().visible
        viewport = Viewport.fit(box, size.width(), size.height(), margin=0.0)
        return self._compute(viewport, self.export_font(), legend=True)

    def paint_export(self, p: QPainter, size: QSize) -> None:
        """Paint the current view at *size* for a file: legend, scale bar, attribution."""
        self._painter.paint(p, self._export_layout(size), self._state(screen=False))

    def render_image(self, size: QSize | None = None) -> QImage:
        return export.render_image(self, size)

    def export_png(self, path: str | Path, size: QSize | None = None) -> bool:
        return export.export_png(self, path, size)

    def export_svg(self, path: str | Path, size: QSize | None = None) -> None:
        export.export_svg(self, path, size)

    def export_pdf(self, path: str | Path) -> None:
        export.export_pdf(self, path)

    # -- hover ---------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), hover.tooltip_html(text), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tooltip_at(self, pos: QPointF) -> str:
        """The hover text at *pos*, as plain text: a place or an oblast, or ""."""
        layout = self.current_layout()
        marker = layout.marker_at(pos.x(), pos.y())
        if marker is not None:
            if self._top_events is not None:
                titles = tuple(self._top_events(marker.id))
                marker = replace(marker, place=replace(marker.place, top_events=titles))
            return hover.place_text(marker, self._basemap, self._lang)
        shape = self._shape_at(pos, "oblast") or self._shape_at(pos, "country")
        if shape is None:
            return ""
        return hover.shape_text(shape, layout, self._basemap, self._lang)

    def _shape_at(self, pos: QPointF, layer: Layer) -> ProjectedShape | None:
        x, y = self.viewport().to_map(pos.x(), pos.y())
        return self._basemap.shape_at(x, y, layer)

    # -- mouse ---------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom(ZOOM_STEP**steps, event.position())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._press_view = self.viewport()
            self._dragging = False
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._press is not None and self._press_view is not None:
            delta = pos - self._press
            if self._dragging or abs(delta.x()) + abs(delta.y()) > DRAG_THRESHOLD:
                self._dragging = True
                self._fitted = False
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                self._set_viewport(self._press_view.panned(delta.x(), delta.y()))
            return
        hit = self.current_layout().marker_at(pos.x(), pos.y())
        shape = None if hit else self._shape_at(pos, "oblast")
        cursor = Qt.CursorShape.PointingHandCursor if hit or shape else Qt.CursorShape.ArrowCursor
        self.setCursor(cursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        was_click = self._press is not None and not self._dragging
        self._press = None
        self._press_view = None
        self._dragging = False
        self.unsetCursor()
        if not was_click or event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position()
        marker = self.current_layout().marker_at(pos.x(), pos.y())
        if marker is not None:
            self._focused = marker.id
            self.update()
            self.place_clicked.emit(marker.id)
            return
        oblast = self._shape_at(pos, "oblast")
        if oblast is not None:
            self.oblast_clicked.emit(oblast.code)
            return
        country = self._shape_at(pos, "country")
        if country is not None:
            self.country_clicked.emit(country.code)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.current_layout().marker_at(event.position().x(), event.position().y()) is None:
            self.zoom(2.0, event.position())
        event.accept()

    # -- keyboard -----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        step_x, step_y = self.width() / 6, self.height() / 6
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_Left:
            self.pan(step_x, 0)
        elif key == Qt.Key.Key_Right:
            self.pan(-step_x, 0)
        elif key == Qt.Key.Key_Up:
            self.pan(0, step_y)
        elif key == Qt.Key.Key_Down:
            self.pan(0, -step_y)
        elif key == Qt.Key.Key_Home:
            self.fit()
        elif key == Qt.Key.Key_PageDown:
            self._move_focus(+1)
        elif key == Qt.Key.Key_PageUp:
            self._move_focus(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._focused:
            self.place_clicked.emit(self._focused)
        elif key == Qt.Key.Key_Escape and self._focused:
            self._focused = ""
            self._invalidate()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focused_place(self) -> str:
        """The id of the marker that Enter would pick, or ""."""
        return self._focused

    def _move_focus(self, step: int) -> None:
        order = sorted(
            (m for m in self.current_layout().markers),
            key=lambda m: (-m.place.count, m.place.name(self._lang), m.id),
        )
        if not order:
            return
        ids = [m.id for m in order]
        k = ids.index(self._focused) + step if self._focused in ids else (0 if step > 0 else -1)
        self._focused = ids[k % len(ids)]
        self._invalidate()

    # -- accessibility ------------------------------------------------------------------

    def _update_description(self) -> None:
        focused = next((p.place for p in self._placed if p.place.id == self._focused), None)
        places = [p.place for p in self._placed]
        self.setAccessibleDescription(hover.description(places, focused, self._lang))

    def sizeHint(self) -> QSize:
        return QSize(640, 480)
