"""The places a map shows: plain data in, positions and oblast counts out.

The window hands the map one :class:`MapPlace` per place with its count under
the current search, filters and visible time span (counts are aggregated per
place, never per event, so the map costs the same at a million events). This
module decides where each place goes -- its own coordinates, or for a place
that *is* an oblast or a country the label point of that shape -- and which
oblast it lies in, so oblasts can be shaded by the counts of their places.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from explorer import paths
from explorer.core.geo.basemap import ProjectedBaseMap

#: Kinds of place that are areas, not points: drawn as rings, not dots.
AREA_KINDS = frozenset({"country", "oblast", "region", "sea"})
#: A harbour, bridge or island up to this far (metres) off the generalised coast
#: still counts for the nearest oblast.
COAST_SNAP = 25_000.0
#: Cities with their own ISO 3166-2 code that the gazetteer files under the
#: surrounding oblast: their shapes are shaded with that oblast's count.
PARENT_OBLAST = {"UA-30": "UA-32", "UA-40": "UA-43"}


@dataclass(frozen=True)
class MapPlace:
    """A place and how many of the events in view name it.

    ``lon``/``lat`` may be ``None`` for a place that is a country or an oblast:
    give its ISO 3166 ``code`` and the map shows it as that shape. ``oblast`` is
    the ISO 3166-2 code of the oblast the gazetteer files the place under; it
    decides which oblast the place's count shades, so the map agrees with the
    place facet (without it, the shape the point falls in decides).
    ``total`` is the count without the search and time span (0 if unknown);
    ``top_events`` are a few event titles for the hover text, already ordered.
    """

    id: str
    name_nl: str
    name_en: str
    kind: str
    lon: float | None
    lat: float | None
    count: int
    total: int = 0
    top_events: tuple[str, ...] = ()
    code: str = ""
    oblast: str = ""

    def name(self, lang: str) -> str:
        return self.name_nl if lang == "nl" and self.name_nl else self.name_en

    @property
    def is_area(self) -> bool:
        return self.kind in AREA_KINDS


@dataclass(frozen=True)
class PlacedPlace:
    """A place with its projected position and the oblast it lies in (or "").

    ``shape`` is the code of the base-map shape the place *is* (a country or an
    oblast given by ``code``), or "" for a place drawn as a marker.
    """

    place: MapPlace
    x: float
    y: float
    oblast: str
    shape: str = ""


class PlaceLocator:
    """Projects places onto a base map and remembers which oblast each is in.

    Point-in-polygon runs once per place and position, not on every count
    change: the timeline pans many times a second, the places stay put.
    """

    def __init__(self, basemap: ProjectedBaseMap) -> None:
        self.basemap = basemap
        self._cache: dict[
            tuple[str, float | None, float | None, str, str], tuple[float, float, str, str]
        ] = {}

    def locate(self, places: Iterable[MapPlace]) -> list[PlacedPlace]:
        """Every place that can be put on the map, in the order given."""
        out = []
        for place in places:
            where = self._where(place)
            if where is not None:
                out.append(PlacedPlace(place, *where))
        return out

    def _where(self, place: MapPlace) -> tuple[float, float, str, str] | None:
        key = (place.id, place.lon, place.lat, place.code, place.oblast)
        if key in self._cache:
            return self._cache[key]
        shape = self.basemap.get(place.code) if place.code else None
        if place.lon is not None and place.lat is not None:
            x, y = self.basemap.locate(place.lon, place.lat)
        elif shape is not None:
            x, y = shape.label
        else:
            return None
        if shape is not None and shape.shape.layer == "oblast":
            oblast = shape.code
        elif shape is not None:  # a country is in no oblast
            oblast = ""
        elif place.oblast and self.basemap.get(place.oblast) is not None:
            oblast = place.oblast
        else:
            inside = self.basemap.shape_at(x, y, "oblast") or self.basemap.nearest_shape(
                x, y, "oblast", COAST_SNAP
            )
            oblast = inside.code if inside else ""
        # A place that is a whole shape shows as that shape (shaded, outlined when
        # highlighted), not as a dot at some point inside it.
        self._cache[key] = (x, y, oblast, shape.code if shape is not None else "")
        return self._cache[key]


def oblast_counts(placed: Sequence[PlacedPlace]) -> dict[str, int]:
    """Per oblast, the sum of the counts of the places in it (the oblast included).

    An event that names two places in one oblast counts twice here; a caller
    that knows the exact number of events per oblast passes it to the map
    instead (``MapView.set_oblast_counts``).
    """
    counts: dict[str, int] = {}
    for p in placed:
        if p.oblast and p.place.count > 0:
            counts[p.oblast] = counts.get(p.oblast, 0) + p.place.count
    return counts


def merge_counts(derived: Mapping[str, int], exact: Mapping[str, int] | None) -> dict[str, int]:
    """Exact per-oblast counts where given, derived ones elsewhere; the cities of
    :data:`PARENT_OBLAST` take their oblast's count unless they have their own."""
    counts = dict(derived) if exact is None else {**derived, **exact}
    for city, parent in PARENT_OBLAST.items():
        if city not in counts and parent in counts:
            counts[city] = counts[parent]
    return counts


def gazetteer_codes(path: Path | None = None) -> dict[str, str]:
    """Place id -> ISO 3166 code for the gazetteer's countries, oblasts and regions.

    The event database keeps no ISO codes; the gazetteer table it is built from
    (``db/gazetteer/places.csv``, shipped in the package) does, and they are the
    keys of the base map's shapes.
    """
    path = path or paths.db_dir() / "gazetteer" / "places.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row["iso_code"] for row in csv.DictReader(handle) if row.get("iso_code")}
