"""Derive ``resources/map/basemap.geojson``: the offline base map Kroniek draws.

The map beside the timeline needs country borders and coastlines for Europe and
Russia, Ukraine's oblasts (with Crimea and Sevastopol, which the article treats
as Ukrainian territory under Russian occupation) and the Russian regions along
Ukraine's border. Nothing may be fetched at run time, so a small file ships
inside the package; this script makes it once from public-domain data.

Source: ``world_map.gpkg`` from the QGIS project (Debian package
``qgis-common``), which holds Natural Earth 1:10m "Admin 1 – States,
Provinces" v4.1.0, generalised topologically with GRASS ``v.generalize``
(see its ``README_world_map.md``). Natural Earth is public domain; QGIS ships
the GeoPackage under the GPL-2.0-or-later, which Kroniek's GPL-3.0-or-later
can include. Natural Earth 4.1 draws the de facto line, so Crimea and
Sevastopol are Russian in it; this script gives them back to Ukraine and marks
them ``occupied_by: RU`` (since 2014).

What the script does:

1. reads the admin-1 polygons straight from the GeoPackage (SQLite + WKB, no
   GDAL needed);
2. keeps every country whose interior point lies in Europe, the Middle East,
   North Africa or Asia north of 15°N, and builds each country by dissolving
   its admin-1 polygons (shared edges cancel out, because the generalisation
   kept the topology), so neighbouring shapes keep identical borders;
3. keeps as "oblasts" all of Ukraine's first-level divisions and the Russian
   regions on Ukraine's border or named by the gazetteer, keyed by ISO 3166-2;
4. simplifies every shared border once (Douglas–Peucker per arc between
   junctions, finer near Ukraine, coarser far away) so neighbours still meet,
   and rounds coordinates to 0.001° near Ukraine and 0.01° far away;
5. names each shape in Dutch and English from ``db/gazetteer/places.csv``
   (by ``iso_code``), then a small table below, then pycountry;
6. writes a GeoJSON FeatureCollection (RFC 7946, WGS 84 lon/lat), one feature
   per line, sorted, so the output is deterministic and diffs stay readable.

Usage::

    apt-get download qgis-common && dpkg-deb -x qgis-common_*.deb /tmp/qgis
    .venv/bin/python db/map/make_basemap.py \\
        /tmp/qgis/usr/share/qgis/resources/data/world_map.gpkg \\
        -o resources/map/basemap.geojson

(``apt-get install qgis-common`` puts the same file under
``/usr/share/qgis/resources/data/``.) Kroniek never needs QGIS at run time.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import itertools
import json
import math
import sqlite3
import struct
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
PLACES_CSV = REPO / "db" / "gazetteer" / "places.csv"

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # outer ring first, then holes

# Ukraine's admin-1 divisions in the data, by FIPS 10-4 code (the data dropped the
# ISO 3166-2 column). UP11/UP20 carry iso_a2 "RU" in Natural Earth 4.1.
UKRAINE_FIPS = {
    "UP01": "UA-71", "UP02": "UA-74", "UP03": "UA-77", "UP04": "UA-12", "UP05": "UA-14",
    "UP06": "UA-26", "UP07": "UA-63", "UP08": "UA-65", "UP09": "UA-68", "UP10": "UA-35",
    "UP11": "UA-43", "UP12": "UA-30", "UP13": "UA-32", "UP14": "UA-09", "UP15": "UA-46",
    "UP16": "UA-48", "UP17": "UA-51", "UP18": "UA-53", "UP19": "UA-56", "UP20": "UA-40",
    "UP21": "UA-59", "UP22": "UA-61", "UP23": "UA-05", "UP24": "UA-07", "UP25": "UA-21",
    "UP26": "UA-23", "UP27": "UA-18",
}  # fmt: skip
# Russian regions on Ukraine's land or sea border, and those the gazetteer names.
RUSSIA_FIPS = {
    "RS09": "RU-BEL", "RS10": "RU-BRY", "RS41": "RU-KRS", "RS86": "RU-VOR",
    "RS61": "RU-ROS", "RS38": "RU-KDA", "RS23": "RU-KGD", "RS52": "RU-NGR",
    "RS12": "RU-CE",
}  # fmt: skip
OCCUPIED = {"UA-43": ("RU", "2014"), "UA-40": ("RU", "2014")}
# Names the gazetteer does not have (it names places the article mentions).
EXTRA_NAMES = {
    "UA-30": ("Kiev (stad)", "Kyiv (city)"),
    "UA-40": ("Sebastopol (stad)", "Sevastopol (city)"),
    "RU-BRY": ("Oblast Brjansk", "Bryansk Oblast"),
    "RU-KRS": ("Oblast Koersk", "Kursk Oblast"),
    "RU-VOR": ("Oblast Voronezj", "Voronezh Oblast"),
    "RU-KDA": ("Kraj Krasnodar", "Krasnodar Krai"),
    "XK": ("Kosovo", "Kosovo"),  # a user-assigned code, not in ISO 3166
    "LA": ("Laos", "Laos"),  # ISO's Dutch name is the formal one
}

# Which countries: interior point inside this lon/lat box. Parts of a kept
# country far outside it (French Guiana, Bouvet Island) are dropped.
REGION = (-25.0, 15.0, 180.0, 82.0)
PART_BOX = (-32.0, 0.0, 180.0, 90.0)
# Pacific islands whose only parts in the box are far from everything else.
EXCLUDE = {"US", "UM", "MP"}
KYIV = (30.52, 50.45)
# Around Ukraine: a big country whose label point lies outside this box (Russia's is
# in Siberia) gets a second one inside it, so it is named where the map opens.
FOCUS = (14.0, 40.0, 50.0, 60.0)
MIN_FOCUS_KM2 = 20_000.0
# Simplification tolerance and rounding by distance from Kyiv (km).
NEAR_KM, MID_KM = 1300.0, 3000.0
TOLERANCE_KM = {"near": 0.25, "mid": 1.5, "far": 4.0}
DECIMALS = {"near": 3, "mid": 3, "far": 2}
MIN_ISLAND_KM2 = {"near": 0.0, "mid": 15.0, "far": 150.0}


# -- reading the GeoPackage --------------------------------------------------------


def _wkb(b: bytes, o: int) -> tuple[list[Polygon], int]:
    e = "<" if b[o] == 1 else ">"
    kind = struct.unpack_from(e + "I", b, o + 1)[0]
    o += 5
    if kind == 3:  # Polygon
        (n_rings,) = struct.unpack_from(e + "I", b, o)
        o += 4
        rings: Polygon = []
        for _ in range(n_rings):
            (n,) = struct.unpack_from(e + "I", b, o)
            o += 4
            xy = struct.unpack_from(e + f"{2 * n}d", b, o)
            o += 16 * n
            rings.append(list(zip(xy[::2], xy[1::2], strict=True)))
        return [rings], o
    if kind == 6:  # MultiPolygon
        (n_parts,) = struct.unpack_from(e + "I", b, o)
        o += 4
        polys: list[Polygon] = []
        for _ in range(n_parts):
            part, o = _wkb(b, o)
            polys += part
        return polys, o
    raise ValueError(f"unexpected WKB geometry type {kind}")


def parse_gpkg_geometry(blob: bytes) -> list[Polygon]:
    """Polygons of a GeoPackage geometry blob (header, optional envelope, WKB)."""
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry")
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(blob[3] >> 1) & 7]
    return _wkb(blob, 8 + envelope)[0]


@dataclass
class Admin1:
    fips: str
    country: str
    polygons: list[Polygon]


def read_admin1(gpkg: Path) -> list[Admin1]:
    conn = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT fips, iso_a2, geom FROM states_provinces ORDER BY fid"
        ).fetchall()
    finally:
        conn.close()
    out = []
    for fips, iso_a2, geom in rows:
        country = "UA" if fips in UKRAINE_FIPS else str(iso_a2 or "")
        if len(country) != 2 or not country.isalpha():
            continue
        out.append(Admin1(str(fips or ""), country, [orient(p) for p in parse_gpkg_geometry(geom)]))
    return out


# -- plane geometry on lon/lat ---------------------------------------------------


def signed_area(ring: Sequence[Point]) -> float:
    return 0.5 * sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring))


def orient(polygon: Polygon) -> Polygon:
    """Outer ring counter-clockwise, holes clockwise (GeoJSON's right-hand rule)."""
    out = []
    for k, ring in enumerate(polygon):
        ccw = signed_area(ring) > 0
        out.append(ring if ccw == (k == 0) else ring[::-1])
    return out


def inside(pt: Point, ring: Sequence[Point]) -> bool:
    x, y = pt
    hit = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def km(a: Point, b: Point) -> float:
    """Great-circle distance in km (spherical Earth is plenty here)."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def area_km2(ring: Sequence[Point]) -> float:
    lat = math.radians(sum(p[1] for p in ring) / len(ring))
    return abs(signed_area(ring)) * 111.32**2 * math.cos(lat)


def bbox_centre(ring: Sequence[Point]) -> Point:
    xs = [x for x, _ in ring]
    ys = [y for _, y in ring]
    return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)


def zone(pt: Point) -> str:
    d = km(pt, KYIV)
    return "near" if d < NEAR_KM else "mid" if d < MID_KM else "far"


# -- dissolving admin-1 polygons into countries -------------------------------------


def dissolve(polygons: Iterable[Polygon]) -> list[Polygon]:
    """The union of polygons that share exact vertices: shared edges cancel."""
    edges: dict[Point, list[Point]] = defaultdict(list)
    count: dict[tuple[Point, Point], int] = defaultdict(int)
    for poly in polygons:
        for ring in poly:
            for a, b in itertools.pairwise(ring):
                if a != b:
                    count[(a, b)] += 1
    for (a, b), n in count.items():
        left = n - count.get((b, a), 0)
        for _ in range(max(0, left)):
            edges[a].append(b)
    rings: list[Ring] = []
    for start in sorted(edges):
        while edges[start]:
            ring = [start]
            prev, cur = start, edges[start].pop(0)
            while cur != start:
                ring.append(cur)
                nxt = _next_edge(prev, cur, edges[cur])
                edges[cur].remove(nxt)
                prev, cur = cur, nxt
            ring.append(start)
            if len(ring) >= 4:
                rings.append(ring)
    outers = [r for r in rings if signed_area(r) > 0]
    holes = [r for r in rings if signed_area(r) < 0]
    out: list[Polygon] = [[r] for r in sorted(outers, key=lambda r: -abs(signed_area(r)))]
    for hole in holes:
        probe = hole[0]
        owners = [p for p in out if inside(_mid(hole), p[0]) or inside(probe, p[0])]
        if owners:
            min(owners, key=lambda p: abs(signed_area(p[0]))).append(hole)
    return out


def _mid(ring: Ring) -> Point:
    (x1, y1), (x2, y2) = ring[0], ring[1]
    return ((x1 + x2) / 2, (y1 + y2) / 2)


def _next_edge(prev: Point, cur: Point, options: list[Point]) -> Point:
    """At a pinch vertex, keep tracing the same face: first edge clockwise from the way back."""
    if len(options) == 1:
        return options[0]
    back = math.atan2(prev[1] - cur[1], prev[0] - cur[0])

    def clockwise_from_back(p: Point) -> float:
        a = math.atan2(p[1] - cur[1], p[0] - cur[0])
        return (back - a) % (2 * math.pi) or 2 * math.pi

    return min(options, key=clockwise_from_back)


# -- topology-preserving simplification -------------------------------------------


def douglas_peucker(points: Sequence[Point], tol_km: float) -> list[Point]:
    """Douglas–Peucker on a local equirectangular plane (km); endpoints kept."""
    if len(points) < 3:
        return list(points)
    lat0 = math.radians(sum(p[1] for p in points) / len(points))
    sx = 111.32 * math.cos(lat0)
    xy = [(x * sx, y * 110.57) for x, y in points]
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        (ax, ay), (bx, by) = xy[i], xy[j]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, best_d = -1, tol_km
        for k in range(i + 1, j):
            px, py = xy[k]
            if norm == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs(dx * (ay - py) - dy * (ax - px)) / norm
            if d > best_d:
                best, best_d = k, d
        if best >= 0:
            keep[best] = True
            stack += [(i, best), (best, j)]
    return [p for p, k in zip(points, keep, strict=True) if k]


class Simplifier:
    """Simplify rings so that a border two shapes share is simplified once."""

    def __init__(self, rings: Iterable[Ring]) -> None:
        neighbours: dict[Point, set[Point]] = defaultdict(set)
        for ring in rings:
            for a, b in itertools.pairwise(ring):
                neighbours[a].add(b)
                neighbours[b].add(a)
        self._junction = {p for p, n in neighbours.items() if len(n) != 2}
        self._done: dict[tuple[Point, ...], list[Point]] = {}

    def ring(self, ring: Ring) -> Ring:
        body = ring[:-1]
        cuts = [k for k, p in enumerate(body) if p in self._junction]
        if not cuts:
            # A free ring (an island): cut it at its lowest-leftmost point and at the
            # point farthest from there, so both halves keep their ends.
            k0 = body.index(min(body))
            body = body[k0:] + body[:k0]
            far = max(range(len(body)), key=lambda k: km(body[0], body[k]))
            cuts = [0, far] if far else [0]
        else:
            body = body[cuts[0] :] + body[: cuts[0]]
            cuts = [k - cuts[0] for k in cuts]
        closed = [*body, body[0]]
        out: Ring = []
        bounds = [*cuts, len(body)]
        for a, b in itertools.pairwise(bounds):
            out += self._arc(closed[a : b + 1])[:-1]
        out.append(out[0])
        return out

    def _arc(self, arc: list[Point]) -> list[Point]:
        key = tuple(arc)
        if key not in self._done:
            tol = TOLERANCE_KM[zone(arc[len(arc) // 2])]
            simple = douglas_peucker(arc, tol)
            self._done[key] = simple
            self._done[tuple(reversed(arc))] = simple[::-1]
        return self._done[key]


def round_ring(ring: Ring, decimals: int) -> Ring:
    out: Ring = []
    for x, y in ring:
        p = (round(x, decimals), round(y, decimals))
        if not out or out[-1] != p:
            out.append(p)
    if out[0] != out[-1]:
        out.append(out[0])
    return out


# -- label points -------------------------------------------------------------------


def label_point(polygons: list[Polygon]) -> Point:
    """A point well inside the largest part: the grid point farthest from its edges."""
    import numpy as np

    poly = max(polygons, key=lambda p: area_km2(p[0]))
    outer = np.asarray(poly[0])
    (x0, y0), (x1, y1) = outer.min(axis=0), outer.max(axis=0)
    cos = math.cos(math.radians((y0 + y1) / 2))
    gx, gy = np.meshgrid(np.linspace(x0, x1, 61), np.linspace(y0, y1, 61))
    px, py = gx.ravel(), gy.ravel()
    ok = np.zeros(px.shape, bool)
    for k, ring in enumerate(poly):
        r = np.asarray(ring)
        hit = np.zeros(px.shape, bool)
        for (ax, ay), (bx, by) in itertools.pairwise(r):
            if ay == by:
                continue
            cross = ((ay > py) != (by > py)) & (px < ax + (py - ay) * (bx - ax) / (by - ay))
            hit ^= cross
        ok = hit if k == 0 else ok & ~hit
    if not ok.any():
        return (round(float(outer[0, 0]), 3), round(float(outer[0, 1]), 3))
    px, py = px[ok] * cos, py[ok]
    best = np.full(px.shape, np.inf)
    for ring in poly:
        r = np.asarray(ring) * (cos, 1.0)
        a, b = r[:-1], r[1:]
        d = b - a
        dd = np.maximum((d * d).sum(axis=1), 1e-18)
        for (ax, ay), (dx, dy), n in zip(a, d, dd, strict=True):
            t = np.clip(((px - ax) * dx + (py - ay) * dy) / n, 0.0, 1.0)
            best = np.minimum(best, np.hypot(px - ax - t * dx, py - ay - t * dy))
    k = int(best.argmax())
    return (round(float(px[k] / cos), 3), round(float(py[k]), 3))


def clip_ring(ring: Ring, box: tuple[float, float, float, float]) -> Ring:
    """Sutherland–Hodgman: the part of *ring* inside the lon/lat *box* (closed)."""
    x0, y0, x1, y1 = box
    edges = [
        (lambda p: p[0] >= x0, lambda a, b: _cut_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _cut_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _cut_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _cut_y(a, b, y1)),
    ]
    points = ring[:-1]
    for keep, cut in edges:
        if not points:
            break
        out: list[Point] = []
        for k, cur in enumerate(points):
            prev = points[k - 1]
            if keep(cur):
                if not keep(prev):
                    out.append(cut(prev, cur))
                out.append(cur)
            elif keep(prev):
                out.append(cut(prev, cur))
        points = out
    return [*points, points[0]] if len(points) >= 3 else []


def _cut_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cut_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def focus_label(polygons: list[Polygon], primary: Point) -> Point | None:
    """A second label point inside :data:`FOCUS`, for a country labelled far away."""
    x0, y0, x1, y1 = FOCUS
    if x0 <= primary[0] <= x1 and y0 <= primary[1] <= y1:
        return None
    clipped = [c for c in (clip_ring(p[0], FOCUS) for p in polygons) if c]
    if not clipped:
        return None
    biggest = max(clipped, key=area_km2)
    if area_km2(biggest) < MIN_FOCUS_KM2:
        return None
    return label_point([[biggest]])


# -- names --------------------------------------------------------------------------


def gazetteer_names(path: Path) -> dict[str, tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["iso_code"]: (row["name_nl"], row["name_en"])
            for row in csv.DictReader(handle)
            if row["iso_code"] and row["kind"] in {"country", "oblast", "region"}
        }


def pycountry_names(code: str) -> tuple[str, str] | None:
    try:
        import pycountry
    except ImportError:
        return None
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    en = getattr(country, "common_name", None) or country.name
    dutch = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])
    return dutch.gettext(country.name), en


# -- putting it together ------------------------------------------------------------


@dataclass
class Shape:
    layer: str
    code: str
    country: str
    polygons: list[Polygon]
    props: dict[str, object] = field(default_factory=dict)


def select_parts(polygons: list[Polygon]) -> list[Polygon]:
    x0, y0, x1, y1 = PART_BOX
    keep = []
    for p in polygons:
        xs = [x for x, _ in p[0]]
        ys = [y for _, y in p[0]]
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        if x0 <= cx <= x1 and y0 <= cy <= y1:
            keep.append(p)
    return keep


def build(gpkg: Path, places: Path) -> tuple[list[Shape], dict[str, int]]:
    admin1 = read_admin1(gpkg)
    by_country: dict[str, list[Polygon]] = defaultdict(list)
    for a in admin1:
        by_country[a.country] += a.polygons
    shapes: list[Shape] = []
    x0, y0, x1, y1 = REGION
    for code in sorted(by_country):
        polygons = select_parts(dissolve(by_country[code]))
        if not polygons or code in EXCLUDE:
            continue
        lon, lat = label_point(polygons)
        if x0 <= lon <= x1 and y0 <= lat <= y1:
            shapes.append(Shape("country", code, code, polygons))
    oblast_fips = UKRAINE_FIPS | RUSSIA_FIPS
    for a in admin1:
        if a.fips in oblast_fips:
            country = "UA" if a.fips in UKRAINE_FIPS else "RU"
            shapes.append(Shape("oblast", oblast_fips[a.fips], country, a.polygons))
    missing = set(oblast_fips.values()) - {s.code for s in shapes}
    if missing:
        raise SystemExit(f"admin-1 shapes not found: {sorted(missing)}")

    simplifier = Simplifier(r for s in shapes for p in s.polygons for r in p)
    stats = {"points_in": 0, "points_out": 0}
    names = gazetteer_names(places)
    for s in shapes:
        out: list[Polygon] = []
        for poly in s.polygons:
            z = zone(bbox_centre(poly[0]))
            if s.layer == "country" and area_km2(poly[0]) < MIN_ISLAND_KM2[z]:
                continue
            rings = [round_ring(simplifier.ring(r), DECIMALS[z]) for r in poly]
            rings = [r for r in rings if len(r) >= 4 and area_km2(r) > 0]
            if rings and len(rings[0]) >= 4:
                out.append(orient(rings))
            stats["points_in"] += sum(len(r) for r in poly)
        if not out:
            out = [orient([round_ring(r, 3) for r in s.polygons[0]])]
        stats["points_out"] += sum(len(r) for p in out for r in p)
        s.polygons = out
        primary = label_point(out)
        nl, en = names.get(s.code) or EXTRA_NAMES.get(s.code) or pycountry_names(s.code) or ("", "")
        if not en:
            raise SystemExit(f"no name for {s.code}")
        props: dict[str, object] = {
            "layer": s.layer,
            "code": s.code,
            "country": s.country,
            "name_nl": nl,
            "name_en": en,
            "label": list(primary),
        }
        near = focus_label(out, primary) if s.layer == "country" else None
        if near is not None:
            props["label_near"] = list(near)
        if s.code in OCCUPIED:
            props["occupied_by"], props["occupied_since"] = OCCUPIED[s.code]
        s.props = props
    return shapes, stats


METADATA = {
    "title": "Kroniek base map",
    "source": "Natural Earth 1:10m Admin 1 – States, Provinces v4.1.0, "
    "as generalised in QGIS's world_map.gpkg (Debian qgis-common 3.22.16)",
    "licence": "Natural Earth: public domain; QGIS's generalisation: GPL-2.0-or-later",
    "attribution": "Made with Natural Earth; generalised by the QGIS project",
    "changes": "countries dissolved from admin-1; Crimea (UA-43) and Sevastopol (UA-40) "
    "drawn as Ukraine, marked occupied by Russia since 2014; borders simplified per "
    "shared arc; coordinates rounded",
    "generator": "db/map/make_basemap.py",
}


def write(shapes: list[Shape], out: Path) -> None:
    order = {"country": 0, "oblast": 1}
    shapes = sorted(shapes, key=lambda s: (order[s.layer], s.code))
    lines = [
        json.dumps(
            {
                "type": "Feature",
                "properties": s.props,
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [[[list(pt) for pt in r] for r in p] for p in s.polygons],
                },
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        for s in shapes
    ]
    head = json.dumps(METADATA, ensure_ascii=False, separators=(",", ":"))
    text = (
        '{"type":"FeatureCollection","metadata":' + head + ',"features":[\n'
        + ",\n".join(lines)
        + "\n]}\n"
    )  # fmt: skip
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gpkg", type=Path, help="QGIS resources/data/world_map.gpkg")
    parser.add_argument("--places", type=Path, default=PLACES_CSV)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    shapes, stats = build(args.gpkg, args.places)
    write(shapes, args.output)
    layers = defaultdict(int)
    for s in shapes:
        layers[s.layer] += 1
    print(
        f"{len(shapes)} shapes ({dict(layers)}), {stats['points_in']} points in, "
        f"{stats['points_out']} out, {args.output.stat().st_size} bytes",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
