"""Events per place in any span of time: the map's counts, aggregated per place.

The map beside the timeline shows for every place how many of the events
matching the search lie in the timeline's visible span, and that span changes
many times a second while the reader pans or plays. A pass over the events
per frame would cost milliseconds at a million events; instead
:class:`PlaceTimes` sorts the place facet's links once -- every (event, place)
pair plus the event's oblasts and countries, see
:func:`~explorer.core.events.links.grouped` -- by (value, first day) and by
(value, last day). A search keeps the links of its matching events
(:meth:`PlaceTimes.matching`, in the search thread), and then the events of
each value that overlap ``[t0, t1)`` are those that start before ``t1`` less
those that ended before ``t0``: two ``searchsorted`` calls over all values at
once (:meth:`PlaceCounts.counts`), microseconds whatever the number of events.

:func:`load_places` reads what the map and ``kroniek places`` show of each
place: names, kind, coordinates and what the coordinates are.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass

import numpy as np

from explorer.core.events.facet_index import FacetIndex
from explorer.core.events.facets import FacetRegistry
from explorer.core.events.links import BoolArray, IntArray, Links, SmallArray
from explorer.core.events.query import Query

#: Days are packed below each value's code in one sortable int64 key
#: (proleptic ordinals stay under 2**22 until the year 11483).
_SHIFT = 1 << 22
_LAST_DAY = _SHIFT - 1


@dataclass(frozen=True)
class PlaceRow:
    """A place as the map and the command line show it (``places`` in docs/schema.md)."""

    id: str
    name_nl: str
    name_en: str
    kind: str
    country: str
    oblast: str
    lat: float | None
    lon: float | None
    #: ``point``, ``area`` or ``within`` (what lat/lon are), or "" in older databases.
    coords: str


def load_places(conn: sqlite3.Connection) -> list[PlaceRow]:
    """Every place of the event database, by id (``coords`` "" where the column is missing)."""
    columns = {str(row[1]) for row in conn.execute("PRAGMA table_info(places)")}
    coords = "coords" if "coords" in columns else "''"
    rows = conn.execute(
        "SELECT id, name_nl, name_en, kind, country, oblast, lat, lon, "
        f"{coords} FROM places ORDER BY id"
    )
    return [
        PlaceRow(str(i), str(nl), str(en), str(kind), str(country or ""), str(oblast or ""),
                 _coordinate(lat, 90.0), _coordinate(lon, 180.0), str(how or ""))
        for i, nl, en, kind, country, oblast, lat, lon, how in rows
    ]  # fmt: skip


def _coordinate(value: object, limit: float) -> float | None:
    """A finite number within ±*limit*, else None (a --db file may hold anything)."""
    if isinstance(value, int | float) and math.isfinite(value) and abs(value) <= limit:
        return float(value)
    return None


def _day_bounds(t0: float, t1: float) -> tuple[int, int]:
    """Whole days: an event overlaps ``[t0, t1)`` if it ends on or after the first and
    starts before the second (its last day ``d`` covers ``[d, d + 1)``)."""
    lo = 0 if not math.isfinite(t0) else min(max(math.floor(t0), 0), _LAST_DAY)
    hi = _LAST_DAY if not math.isfinite(t1) else min(max(math.ceil(t1), 0), _LAST_DAY)
    return lo, hi


class PlaceTimes:
    """The place facet's links sorted by value and first day, and by value and last day."""

    def __init__(self, links: Links, seqs: IntArray, day_min: SmallArray, day_max: SmallArray):
        self.values = links.values
        self._lookup = {v: i for i, v in enumerate(self.values)}
        self.seqs = seqs
        self.day_min = day_min
        #: Events per value over the whole database (what the map calls "in all").
        self.totals: IntArray = np.bincount(links.code, minlength=len(self.values))
        self.codes: IntArray = np.arange(len(self.values), dtype=np.int64) * _SHIFT
        self.by_min, self.pos_min = _sorted_keys(links, day_min)
        self.by_max, self.pos_max = _sorted_keys(links, day_max)

    def matching(self, mask: BoolArray | None) -> PlaceCounts:
        """The counts of the events in *mask* (index positions; None: every event)."""
        if mask is None:
            return PlaceCounts(self, self.by_min, self.by_max, None)
        return PlaceCounts(
            self, self.by_min[mask[self.pos_min]], self.by_max[mask[self.pos_max]], mask
        )

    def index_of(self, value: str) -> int | None:
        """The code of *value* (a place id, ``oblast:…`` or ``country:…``), or None."""
        return self._lookup.get(value)


def _sorted_keys(links: Links, days: SmallArray) -> tuple[IntArray, SmallArray]:
    """Each link's key (value code, day) in sorted order, and its event position.

    Built in place, one array at a time: at a million events these are arrays of
    millions, and memory freed after a spike is not given back to the system.
    The position rides in the low bits of the key while sorting when it fits (a
    plain sort in place: half the time and memory of an argsort and gathers).
    """
    keys = links.code.astype(np.int64)
    keys *= _SHIFT
    # Days outside 0..2**22 (a --db may hold anything) count at the ends.
    day = days[links.pos]
    np.clip(day, 0, _LAST_DAY, out=day)
    keys += day
    del day
    bits = max(1, int(links.pos.max(initial=0)).bit_length())
    if int(keys.max(initial=0)).bit_length() + bits > 62:
        order = np.argsort(keys)
        return keys[order], links.pos[order]
    keys <<= bits
    keys |= links.pos
    keys.sort()
    positions = np.empty(len(keys), dtype=np.int32)
    np.bitwise_and(keys, (1 << bits) - 1, out=positions, casting="unsafe")
    keys >>= bits
    return keys, positions


def place_times(index: FacetIndex, facets: FacetRegistry, conn: sqlite3.Connection) -> PlaceTimes:
    """The place facet's links of *index*, sorted for counting by time."""
    links = index.links(facets.spec("place"), conn)
    return PlaceTimes(links, index.seqs, index.day_min, index.day_max)


def matching(
    index: FacetIndex,
    facets: FacetRegistry,
    query: Query,
    base: BoolArray,
    conn: sqlite3.Connection,
) -> BoolArray:
    """The events of *base* (text, notes, dates) that every facet selection keeps:
    what the list and the timeline show."""
    mask = base.copy()
    for key, values in query.facets.items():
        mask &= index.links(facets.spec(key), conn).selected(values, len(index))
    return mask


class PlaceCounts:
    """Events per place value among one search's matches, for any span of days."""

    def __init__(
        self, times: PlaceTimes, by_min: IntArray, by_max: IntArray, mask: BoolArray | None
    ) -> None:
        self.times = times
        self.values = times.values
        self._by_min = by_min
        self._by_max = by_max
        self._mask = mask

    @property
    def totals(self) -> IntArray:
        return self.times.totals

    def counts(self, t0: float = -math.inf, t1: float = math.inf) -> IntArray:
        """Per value code, the matching events that overlap ``[t0, t1)`` (days)."""
        lo, hi = _day_bounds(t0, t1)
        codes = self.times.codes
        started = np.searchsorted(self._by_min, codes + hi, side="left")
        ended = np.searchsorted(self._by_max, codes + lo, side="left")
        out: IntArray = (started - ended).astype(np.int64)
        return out

    def counts_by_value(self, t0: float = -math.inf, t1: float = math.inf) -> dict[str, int]:
        """:meth:`counts` as value -> count, only values with events."""
        counted = self.counts(t0, t1)
        return {self.values[i]: int(counted[i]) for i in np.flatnonzero(counted)}

    def first_seqs(self, value: str, t0: float, t1: float, limit: int = 3) -> list[int]:
        """Seqs of up to *limit* matching events of *value* in ``[t0, t1)``: those that
        began earlier and still run first, then those that begin in the span, by date."""
        code = self.times.index_of(value)
        if code is None or limit < 1:
            return []
        lo, hi = _day_bounds(t0, t1)
        times, base = self.times, code * _SHIFT
        # Still running at t0 (ended on or after lo, began before it), by last day.
        a, b = np.searchsorted(times.by_max, [base + lo, base + _SHIFT])
        running = times.pos_max[a:b]
        running = running[times.day_min[running] < lo]
        # Beginning inside the span, by first day.
        a, b = np.searchsorted(times.by_min, [base + lo, base + hi])
        positions = np.concatenate([running, times.pos_min[a:b]])
        if self._mask is not None:
            positions = positions[self._mask[positions]]
        return [int(s) for s in times.seqs[positions[:limit]]]
