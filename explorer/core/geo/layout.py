"""Map layout: placed places, a view and counts in; markers, classes and labels out.

The map widget paints what :func:`compute_layout` returns and asks the result
what is under the mouse, so everything about where markers and labels go is
tested without Qt (the same split as the timeline's ``TimelineLayout``).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from explorer.core.geo.basemap import ProjectedBaseMap, ProjectedShape
from explorer.core.geo.geometry import BBox
from explorer.core.geo.labels import LabelCandidate, PlacedLabel, place_labels
from explorer.core.geo.places import MapPlace, PlacedPlace
from explorer.core.geo.scales import MAX_RADIUS, Classes, choropleth_classes, marker_radius
from explorer.core.geo.viewport import Viewport

#: Oblasts are shaded by count while the view shows at most this many pixels per
#: metre (1.5 px per km: Ukraine, 1,300 km wide, fits in under ~2,000 pixels).
CHOROPLETH_MAX_SCALE = 1.5 / 1000.0
#: A marker is easier to hit than to see: the smallest target radius in pixels.
MIN_HIT_RADIUS = 7.0
HIGHLIGHT = 1e15


#: Pixels per metre at which markers reach full size: Ukraine about 870 px wide.
FULL_SIZE_SCALE = 1 / 1500.0


def max_marker_radius(viewport: Viewport) -> float:
    """The radius of the largest count: smaller in a small pane or zoomed far out,
    so markers do not bury the region they stand on."""
    by_size = min(max(min(viewport.width, viewport.height) / 27.0, 10.0), MAX_RADIUS)
    by_zoom = min(max(math.sqrt(viewport.scale / FULL_SIZE_SCALE), 0.4), 1.0)
    return max(by_size * by_zoom, 6.0)


class TextMeasure(Protocol):
    """How wide text is: the widget passes its font metrics, tests a fixed width."""

    def text_width(self, text: str, kind: str = "place") -> float: ...

    @property
    def line_height(self) -> float: ...

    def __hash__(self) -> int: ...  # layouts cache per measure


@dataclass(frozen=True)
class FixedMeasure:
    """Every character ``char_width`` wide: for tests and the benchmark."""

    char_width: float = 7.0
    line_height: float = 15.0

    def text_width(self, text: str, kind: str = "place") -> float:
        return self.char_width * len(text)


@dataclass(frozen=True)
class Marker:
    """A place as drawn: centre and radius in pixels."""

    place: MapPlace
    x: float
    y: float
    r: float
    highlighted: bool
    oblast: str

    @property
    def id(self) -> str:
        return self.place.id

    @property
    def box(self) -> BBox:
        return BBox(self.x - self.r, self.y - self.r, self.x + self.r, self.y + self.r)


@dataclass(frozen=True)
class MapLayout:
    """Everything the painter needs for one frame."""

    viewport: Viewport
    markers: tuple[Marker, ...]  # in paint order: largest first, highlighted last
    labels: tuple[PlacedLabel, ...]
    classes: Classes
    oblast_counts: Mapping[str, int]
    oblast_classes: Mapping[str, int]
    choropleth: bool
    max_count: int
    label_kinds: Mapping[str, str] = field(default_factory=dict)  # key -> place/oblast/country
    max_radius: float = MAX_RADIUS  # radius of the largest count, for the legend
    #: Count of the place that *is* a shape (e.g. "Kharkiv Oblast" named in 12 events).
    shape_counts: Mapping[str, int] = field(default_factory=dict)
    #: Shapes whose place the selected event names: outlined, not dotted.
    highlighted_shapes: frozenset[str] = frozenset()

    def marker_at(self, px: float, py: float) -> Marker | None:
        """The marker under (px, py): the one drawn on top wins."""
        for m in reversed(self.markers):
            r = max(m.r, MIN_HIT_RADIUS)
            if (px - m.x) ** 2 + (py - m.y) ** 2 <= r * r:
                return m
        return None

    def marker(self, place_id: str) -> Marker | None:
        return next((m for m in self.markers if m.id == place_id), None)


def compute_layout(
    placed: Sequence[PlacedPlace],
    viewport: Viewport,
    basemap: ProjectedBaseMap,
    measure: TextMeasure,
    *,
    lang: str,
    oblast_counts: Mapping[str, int],
    highlight: frozenset[str] = frozenset(),
    scale_max: int | None = None,
    label_margin: float = 2.0,
    reserve: Callable[[MapLayout], Sequence[BBox]] | None = None,
) -> MapLayout:
    """Markers, choropleth classes and decluttered labels for one view.

    *reserve*, given the layout without labels, returns boxes that labels must
    keep clear of (the legend, the scale bar).
    """
    shape_counts = {p.shape: p.place.count for p in placed if p.shape and p.place.count > 0}
    highlighted_shapes = frozenset(p.shape for p in placed if p.shape and p.place.id in highlight)
    placed = [p for p in placed if not p.shape]
    counts = [p.place.count for p in placed]
    max_count = max([scale_max or 0, *counts, 1])
    r_max = max_marker_radius(viewport)
    choropleth = viewport.scale <= CHOROPLETH_MAX_SCALE
    max_oblast = max([scale_max or 0, *oblast_counts.values(), 0])
    classes = choropleth_classes(max_oblast)
    oblast_classes = {code: classes.classify(n) for code, n in oblast_counts.items()}

    view = BBox(0, 0, viewport.width, viewport.height)
    markers: list[Marker] = []
    for p in placed:
        lit = p.place.id in highlight
        r = marker_radius(p.place.count, max_count, r_max=r_max)
        if r == 0 and lit:
            r = 5.0  # a selected event's place shows even when nothing in view names it
        if r == 0:
            continue
        sx, sy = viewport.to_screen(p.x, p.y)
        if sx + r < 0 or sy + r < 0 or sx - r > view.x1 or sy - r > view.y1:  # off screen
            continue
        markers.append(Marker(p.place, sx, sy, r, lit, p.oblast))
    markers.sort(key=lambda m: (m.highlighted, -m.r, m.id))

    line = measure.line_height
    candidates: list[LabelCandidate] = []
    kinds: dict[str, str] = {}
    for m in markers:
        text = m.place.name(lang)
        key = "place:" + m.id
        kinds[key] = "place"
        priority = (HIGHLIGHT if m.highlighted else 0.0) + m.place.count
        candidates.append(
            LabelCandidate(key, text, m.x, m.y, measure.text_width(text), line, priority, m.r)
        )
    areas = _area_labels(basemap, viewport, measure, lang, choropleth)
    candidates += areas
    kinds.update((c.key, c.key.split(":", 1)[0]) for c in areas)
    layout = MapLayout(
        viewport=viewport,
        markers=tuple(markers),
        labels=(),
        classes=classes,
        oblast_counts=dict(oblast_counts),
        oblast_classes=oblast_classes,
        choropleth=choropleth,
        max_count=max_count,
        label_kinds=kinds,
        max_radius=r_max,
        shape_counts=shape_counts,
        highlighted_shapes=highlighted_shapes,
    )
    obstacles = [(m.box.grown(0.3) if m.highlighted else m.box, "place:" + m.id) for m in markers]
    obstacles += [(box, "") for box in (reserve(layout) if reserve else ())]
    bounds = BBox(label_margin, label_margin, viewport.width - label_margin,
                  viewport.height - label_margin)  # fmt: skip
    return replace(layout, labels=tuple(place_labels(candidates, bounds, obstacles)))


@functools.lru_cache(maxsize=16)
def _area_labels(
    basemap: ProjectedBaseMap,
    viewport: Viewport,
    measure: TextMeasure,
    lang: str,
    choropleth: bool,
) -> tuple[LabelCandidate, ...]:
    """Names of countries (always) and oblasts (zoomed in), below every place name.

    They depend on the view, not on the counts, so while the timeline pans (new
    counts, same view) they come from the cache.
    """
    out: list[LabelCandidate] = []
    visible = viewport.visible
    for shape in basemap.shapes:
        layer = shape.shape.layer
        if layer == "oblast" and choropleth:
            continue
        anchor = next((pt for pt in shape.labels or (shape.label,) if visible.contains(*pt)), None)
        if anchor is None:
            continue
        text = shape.shape.name(lang)
        if layer == "country":
            text = text.upper()
        width = measure.text_width(text, layer)
        if _screen_width(shape, viewport) < width * 1.3:
            continue  # the name would spill far over the shape: leave it to hover
        x, y = viewport.to_screen(*anchor)
        key = f"{layer}:{shape.code}"
        priority = (-1e9 if layer == "country" else -1e6) + abs(shape.area) * 1e-12
        out.append(
            LabelCandidate(key, text, x, y, width, measure.line_height, priority, centred=True)
        )
    return tuple(out)


def _screen_width(shape: ProjectedShape, viewport: Viewport) -> float:
    return shape.bbox.width * viewport.scale
