"""The vendored base map: country and oblast shapes, loaded once, then projected.

``resources/map/basemap.geojson`` is made by ``db/map/make_basemap.py`` from
Natural Earth (see ``THIRD_PARTY_NOTICES.md``). Every shape carries an ISO
3166 code -- alpha-2 for a country (``UA``), 3166-2 for an oblast (``UA-63``)
-- so it joins the gazetteer's ``iso_code``, Dutch and English names, a label
point, and for Crimea and Sevastopol the occupying state and year.

The file is read with a size bound and checked before use: a damaged or
substituted file gives a :class:`BaseMapError`, never a half-drawn map.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from explorer import paths
from explorer.core.errors import KroniekError
from explorer.core.geo.geometry import (
    BBox,
    FloatArray,
    bbox_of,
    distance_to_rings,
    point_in_rings,
    ring_area,
)
from explorer.core.geo.projection import REGION, LambertConformalConic

Layer = Literal["country", "oblast"]
LAYERS: tuple[Layer, ...] = ("country", "oblast")

#: Refuse to parse a base map file larger than this (the shipped one is ~0.7 MB).
MAX_BYTES = 8 * 1024 * 1024
#: Refuse a file with more points than this in all (the shipped one has ~45,000).
MAX_POINTS = 1_000_000

#: The data's origin, short enough for the map's corner.
SOURCE = "Natural Earth"
#: The full credit line, for the About box and exports.
ATTRIBUTION = (
    "Base map: Natural Earth 1:10m admin-1 v4.1.0 (public domain), generalised by "
    "the QGIS project (GPL-2.0-or-later); Crimea and Sevastopol shown as Ukraine "
    "under Russian occupation."
)


class BaseMapError(KroniekError):
    """The base map file is missing, too large or not what Kroniek wrote."""


def default_path() -> Path:
    """Where the base map ships: ``resources/map/basemap.geojson``."""
    return paths.resources_dir() / "map" / "basemap.geojson"


@dataclass(frozen=True, eq=False)
class Shape:
    """One country or oblast in longitude/latitude degrees."""

    code: str
    layer: Layer
    country: str
    name_nl: str
    name_en: str
    label_lon: float
    label_lat: float
    rings: tuple[FloatArray, ...]
    occupied_by: str = ""
    occupied_since: str = ""
    #: A second label point near Ukraine for a country labelled far away (Russia).
    label_near: tuple[float, float] | None = None

    def name(self, lang: str) -> str:
        """The shape's name in *lang* (``"nl"`` or ``"en"``)."""
        return self.name_nl if lang == "nl" and self.name_nl else self.name_en


@dataclass(frozen=True, eq=False)
class ProjectedShape:
    """A shape in projected metres, with its box and label point."""

    shape: Shape
    rings: tuple[FloatArray, ...]
    bbox: BBox
    label: tuple[float, float]
    area: float
    labels: tuple[tuple[float, float], ...] = ()  # every label point, the main one first

    @property
    def code(self) -> str:
        return self.shape.code

    def contains(self, x: float, y: float) -> bool:
        return self.bbox.contains(x, y) and point_in_rings(x, y, self.rings)


@dataclass(frozen=True)
class BaseMap:
    """Every shape of the base map, and the file's provenance."""

    shapes: tuple[Shape, ...]
    metadata: Mapping[str, str] = field(default_factory=dict)

    def by_code(self, code: str) -> Shape | None:
        return next((s for s in self.shapes if s.code == code), None)

    def project(self, projection: LambertConformalConic = REGION) -> ProjectedBaseMap:
        return ProjectedBaseMap(self, projection)


class ProjectedBaseMap:
    """The base map in one projection: shapes in metres, looked up by code or point."""

    def __init__(self, basemap: BaseMap, projection: LambertConformalConic = REGION) -> None:
        self.basemap = basemap
        self.projection = projection
        shapes = []
        for s in basemap.shapes:
            rings = tuple(self._project_ring(r) for r in s.rings)
            points = [(s.label_lon, s.label_lat)] + ([s.label_near] if s.label_near else [])
            labels = tuple(self.locate(lon, lat) for lon, lat in points)
            area = sum(ring_area(r) for r in rings)
            shapes.append(ProjectedShape(s, rings, bbox_of(rings), labels[0], area, labels))
        self.shapes: tuple[ProjectedShape, ...] = tuple(shapes)
        self._by_code = {p.code: p for p in self.shapes}
        self.bbox = bbox_of([r for p in self.shapes for r in p.rings])

    def _project_ring(self, ring: FloatArray) -> FloatArray:
        x, y = self.projection.forward(ring[:, 0], ring[:, 1])
        return np.column_stack((x, y))

    def layer(self, layer: Layer) -> tuple[ProjectedShape, ...]:
        return tuple(p for p in self.shapes if p.shape.layer == layer)

    def get(self, code: str) -> ProjectedShape | None:
        return self._by_code.get(code)

    def locate(self, lon: float, lat: float) -> tuple[float, float]:
        """Project one point."""
        x, y = self.projection.forward(lon, lat)
        return float(x), float(y)

    def shape_at(self, x: float, y: float, layer: Layer) -> ProjectedShape | None:
        """The smallest shape of *layer* that contains the projected point (x, y)."""
        hits = [p for p in self.layer(layer) if p.contains(x, y)]
        return min(hits, key=lambda p: abs(p.area)) if hits else None

    def nearest_shape(
        self, x: float, y: float, layer: Layer, within: float
    ) -> ProjectedShape | None:
        """The shape of *layer* whose edge is nearest to (x, y), if within *within* metres.

        For a harbour or a bridge that the generalised coastline leaves in the water.
        """
        probe = BBox(x - within, y - within, x + within, y + within)
        best: tuple[float, ProjectedShape] | None = None
        for p in self.layer(layer):
            if not p.bbox.intersects(probe):
                continue
            d = distance_to_rings(x, y, p.rings)
            if d <= within and (best is None or d < best[0]):
                best = (d, p)
        return best[1] if best else None

    def bbox_of_codes(self, codes: Iterable[str]) -> BBox | None:
        boxes = [self._by_code[c].bbox for c in codes if c in self._by_code]
        if not boxes:
            return None
        box = boxes[0]
        for other in boxes[1:]:
            box = box.union(other)
        return box


# -- loading --------------------------------------------------------------------------


def load_basemap(path: Path | None = None, *, max_bytes: int = MAX_BYTES) -> BaseMap:
    """Read and check the base map at *path* (the shipped one by default)."""
    path = path or default_path()
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BaseMapError(
                f"base map {path} is {size} bytes, more than the {max_bytes} allowed"
            )
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as error:
        raise BaseMapError(f"cannot read the base map {path}: {error.strerror}") from error
    if len(raw) > max_bytes:  # grew between stat() and read()
        raise BaseMapError(f"base map {path} is larger than the {max_bytes} bytes allowed")
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaseMapError(f"base map {path} is not JSON: {error}") from error
    return parse_basemap(document, str(path))


def parse_basemap(document: Any, where: str = "base map") -> BaseMap:
    """Check a decoded GeoJSON FeatureCollection and turn it into a :class:`BaseMap`."""
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise BaseMapError(f"{where}: not a GeoJSON FeatureCollection")
    features = document.get("features")
    if not isinstance(features, list):
        raise BaseMapError(f"{where}: no features")
    shapes: list[Shape] = []
    seen: set[str] = set()
    points = 0
    for k, feature in enumerate(features):
        shape = _shape(feature, f"{where}: feature {k}")
        if shape.code in seen:
            raise BaseMapError(f"{where}: shape {shape.code} appears twice")
        seen.add(shape.code)
        points += sum(len(r) for r in shape.rings)
        if points > MAX_POINTS:
            raise BaseMapError(f"{where}: more than {MAX_POINTS} points")
        shapes.append(shape)
    raw_meta = document.get("metadata", {})
    metadata = (
        {str(k): str(v) for k, v in raw_meta.items() if isinstance(v, str)}
        if isinstance(raw_meta, dict)
        else {}
    )
    return BaseMap(tuple(shapes), metadata)


def _shape(feature: Any, where: str) -> Shape:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise BaseMapError(f"{where}: not a Feature")
    props = feature.get("properties")
    geometry = feature.get("geometry")
    if not isinstance(props, dict) or not isinstance(geometry, dict):
        raise BaseMapError(f"{where}: no properties or geometry")
    layer = props.get("layer")
    if layer not in LAYERS:
        raise BaseMapError(f"{where}: unknown layer {layer!r}")
    texts = {}
    for key in ("code", "country", "name_nl", "name_en"):
        value = props.get(key, "")
        if not isinstance(value, str) or len(value) > 200:
            raise BaseMapError(f"{where}: bad {key}")
        texts[key] = value
    if not texts["code"] or not texts["name_en"]:
        raise BaseMapError(f"{where}: no code or English name")
    rings = _rings(geometry, where)
    label = _point(props.get("label"))
    lon, lat = label if label is not None else bbox_of(rings).centre
    occupied_by = props.get("occupied_by", "")
    occupied_since = props.get("occupied_since", "")
    return Shape(
        code=texts["code"],
        layer=layer,
        country=texts["country"],
        name_nl=texts["name_nl"],
        name_en=texts["name_en"],
        label_lon=lon,
        label_lat=lat,
        rings=rings,
        occupied_by=occupied_by if isinstance(occupied_by, str) else "",
        occupied_since=str(occupied_since) if isinstance(occupied_since, str | int) else "",
        label_near=_point(props.get("label_near")),
    )


def _point(value: Any) -> tuple[float, float] | None:
    """A [lon, lat] pair, or None for anything else."""
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int | float) and math.isfinite(v) for v in value)
        and abs(value[0]) <= 180
        and abs(value[1]) <= 90
    ):
        return (float(value[0]), float(value[1]))
    return None


def _rings(geometry: dict[str, Any], where: str) -> tuple[FloatArray, ...]:
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    polygons: Any
    if kind == "Polygon":
        polygons = [coords]
    elif kind == "MultiPolygon":
        polygons = coords
    else:
        raise BaseMapError(f"{where}: geometry {kind!r} is not a polygon")
    if not isinstance(polygons, list):
        raise BaseMapError(f"{where}: bad coordinates")
    rings: list[FloatArray] = []
    for polygon in polygons:
        if not isinstance(polygon, list):
            raise BaseMapError(f"{where}: bad coordinates")
        for ring in polygon:
            try:
                array = np.asarray(ring, dtype=np.float64)
            except (TypeError, ValueError) as error:
                raise BaseMapError(f"{where}: bad coordinates") from error
            if array.ndim != 2 or array.shape[1] != 2 or len(array) < 4:
                raise BaseMapError(f"{where}: a ring needs at least four [lon, lat] points")
            if not (
                np.isfinite(array).all()
                and (np.abs(array[:, 0]) <= 180).all()
                and (np.abs(array[:, 1]) <= 90).all()
            ):
                raise BaseMapError(f"{where}: coordinates outside longitude/latitude range")
            rings.append(array)
    if not rings:
        raise BaseMapError(f"{where}: empty geometry")
    return tuple(rings)
