"""Facet counts from columns in memory, fast enough for a million events.

Counting facets in SQL means one GROUP BY per facet over every matching
event, joined to the link tables by text id: seconds at a million events. The
event database is read-only, so :class:`FacetIndex` reads each event's columns
once and keeps every built-in facet's links (see
:mod:`~explorer.core.events.links`) as numpy arrays of small integers; a count
is then a boolean mask and a ``bincount``: milliseconds. This is the only way
facets are counted; what a facet means comes from its
:class:`~explorer.core.events.facets.FacetSpec`, the same spec that gives the
search its SQL condition.

:class:`FacetCounter` counts a :class:`~explorer.core.events.search.SearchPlan`:
the events matching its text and dates (one FTS5 query, or the list the search
already found when nothing is selected), each facet's selection as a mask, and
for every facet the matches of all *other* selections (OR within a facet, AND
across facets). Values that exist but have no matches come back with 0, so
the panel can grey them rather than let them jump around.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import date

import numpy as np
import numpy.typing as npt

from explorer.core.events.facets import Facet, FacetRegistry, FacetSpec
from explorer.core.events.links import BoolArray, IntArray, Links
from explorer.core.events.query import Query
from explorer.core.events.search import CancelToken, SearchEngine, SearchPlan

#: numpy counts days from 1970-01-01; Python's date.toordinal() from 0001-01-01.
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
#: Rows read from SQLite at a time while loading.
_CHUNK = 50_000
#: The text columns of ``events`` kept as codes.
COLUMNS = ("category", "precision")


def _coded(code: IntArray, lookup: dict[str, int]) -> tuple[IntArray, tuple[str, ...]]:
    """First-seen codes re-numbered in sorted value order."""
    values = tuple(sorted(lookup))
    order = np.zeros(max(len(lookup), 1), dtype=np.int64)
    for new, value in enumerate(values):
        order[lookup[value]] = new
    return order[code] if len(code) else code, values


class FacetIndex:
    """Every event's seq, first and last day, coded columns, and the built-in facets' links."""

    def __init__(
        self,
        seqs: IntArray,
        days: IntArray,
        last_days: IntArray,
        columns: Mapping[str, tuple[IntArray, tuple[str, ...]]],
    ) -> None:
        self.seqs = seqs
        # Kept small: 32-bit days, 16-bit codes (a few MB at a million events);
        # the links built from them are what counting reads.
        self.day_min = (days + _EPOCH_ORDINAL).astype(np.int32)
        self.day_max = (last_days + _EPOCH_ORDINAL).astype(np.int32)
        self._columns = {
            name: (codes.astype(np.int16), values) for name, (codes, values) in columns.items()
        }
        self._links: dict[str, Links] = {}

    def column(self, name: str) -> tuple[IntArray, tuple[str, ...]]:
        """A coded column of ``events`` (see :data:`COLUMNS`)."""
        codes, values = self._columns[name]
        return codes.astype(np.int64), values

    def days(self) -> IntArray:
        """Each event's first day in numpy's count (days since 1970)."""
        return self.day_min.astype(np.int64) - _EPOCH_ORDINAL

    def __len__(self) -> int:
        return len(self.seqs)

    @classmethod
    def load(cls, conn: sqlite3.Connection, facets: Iterable[FacetSpec] = ()) -> FacetIndex:
        """Read the events, then the links of every static facet (seconds per million events).

        Rows are read in chunks into small-integer arrays, and links are joined
        to their event's ``seq`` inside SQLite, so no per-event Python object
        (id string, dict entry) outlives its chunk.
        """
        parts: dict[str, list[IntArray]] = {k: [] for k in ("seq", "dmin", "dmax", *COLUMNS)}
        codes: dict[str, dict[str, int]] = {name: {} for name in COLUMNS}
        cursor = conn.execute(
            "SELECT seq, date_min, date_max, category, precision FROM events ORDER BY seq"
        )
        while chunk := cursor.fetchmany(_CHUNK):
            seq, dmin, dmax, *texts = zip(*chunk, strict=True)
            parts["seq"].append(np.array(seq, dtype=np.int64))
            parts["dmin"].append(np.array(dmin, dtype="datetime64[D]").astype(np.int64))
            parts["dmax"].append(np.array(dmax, dtype="datetime64[D]").astype(np.int64))
            for name, column in zip(COLUMNS, texts, strict=True):
                lookup = codes[name]
                parts[name].append(
                    np.fromiter((lookup.setdefault(v, len(lookup)) for v in column),
                                dtype=np.int64, count=len(column))
                )  # fmt: skip
        joined = {k: np.concatenate(v) if v else np.zeros(0, np.int64) for k, v in parts.items()}
        del parts
        columns = {name: _coded(joined.pop(name), codes[name]) for name in COLUMNS}
        index = cls(joined.pop("seq"), joined.pop("dmin"), joined.pop("dmax"), columns)
        # Only the index's compact copies stay: the links load next, and they are large.
        del columns, joined
        source = _Reading(index, conn)
        for spec in facets:
            if spec.static:
                index._links[spec.key] = spec.links(source)
        return index

    # -- links -------------------------------------------------------------------

    def links(self, spec: FacetSpec, conn: sqlite3.Connection) -> Links:
        """*spec*'s links: kept for a static facet, built now for one of this search."""
        if spec.static:
            kept = self._links.get(spec.key)
            if kept is None:
                kept = self._links[spec.key] = spec.links(_Reading(self, conn))
            return kept
        return spec.links(_Reading(self, conn))

    def positions(self, seqs: Iterable[int] | IntArray) -> IntArray:
        """Positions of the events with these seqs; unknown seqs dropped."""
        wanted = np.sort(np.fromiter(seqs, dtype=np.int64) if not isinstance(seqs, np.ndarray)
                         else seqs.astype(np.int64))  # fmt: skip
        pos = np.searchsorted(self.seqs, wanted)
        inside = pos < len(self.seqs)
        pos, wanted = pos[inside], wanted[inside]
        found: IntArray = pos[self.seqs[pos] == wanted]
        return found

    def mask(self, seqs: Iterable[int] | IntArray) -> BoolArray:
        out = np.zeros(len(self.seqs), dtype=bool)
        out[self.positions(seqs)] = True
        return out

    def date_mask(self, first: str | None, last: str | None) -> BoolArray | None:
        """Events overlapping *first*–*last* (ISO days), None when both are open."""
        if first is None and last is None:
            return None
        out = np.ones(len(self.seqs), dtype=bool)
        if first is not None:
            out &= self.day_max >= date.fromisoformat(first).toordinal()
        if last is not None:
            out &= self.day_min <= date.fromisoformat(last).toordinal()
        return out


class _Reading:
    """The index as a :class:`~explorer.core.events.links.LinkSource`, with a connection."""

    def __init__(self, index: FacetIndex, conn: sqlite3.Connection) -> None:
        self.index = index
        self.conn = conn

    def __len__(self) -> int:
        return len(self.index)

    def column(self, name: str) -> tuple[IntArray, tuple[str, ...]]:
        return self.index.column(name)

    def days(self) -> IntArray:
        return self.index.days()

    def linked(self, table: str, column: str) -> tuple[IntArray, IntArray, tuple[str, ...]]:
        pos_parts: list[IntArray] = [np.zeros(0, dtype=np.int64)]
        code_parts: list[IntArray] = [np.zeros(0, dtype=np.int64)]
        lookup: dict[str, int] = {}
        cursor = self.conn.execute(
            f"SELECT e.seq, l.{column} FROM {table} l JOIN events e ON e.id = l.event_id"
        )
        while chunk := cursor.fetchmany(_CHUNK):
            seqs, others = zip(*chunk, strict=True)
            found = np.searchsorted(self.index.seqs, np.array(seqs, dtype=np.int64))
            pos_parts.append(found.astype(np.int64))
            code_parts.append(
                np.fromiter((lookup.setdefault(v, len(lookup)) for v in others),
                            dtype=np.int64, count=len(others))
            )  # fmt: skip
        code, values = _coded(np.concatenate(code_parts), lookup)
        return np.concatenate(pos_parts), code, values

    def positions_of_ids(self, ids: Iterable[str]) -> IntArray:
        # The sets are small (bookmarks, tags): look them up through the primary key.
        wanted = sorted(ids)
        if not wanted:
            return np.zeros(0, dtype=np.int64)
        rows = self.conn.execute(
            "SELECT seq FROM events WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(wanted)],
        )
        return self.index.positions(np.fromiter((r[0] for r in rows), dtype=np.int64))


class FacetCounter:
    """Counts every facet of a search from the in-memory index."""

    def __init__(self, engine: SearchEngine, index: FacetIndex | None = None) -> None:
        self.engine = engine
        self._index = index

    @property
    def index(self) -> FacetIndex:
        """The index, loaded on first use (the app loads it ahead, in the background)."""
        if self._index is None:
            self._index = FacetIndex.load(self.engine.conn, self.engine.registry)
        return self._index

    def base(
        self, search: SearchPlan, cancel: CancelToken | None = None, found: list[int] | None = None
    ) -> BoolArray:
        """Events matching the text, notes and dates, before any facet selection.

        *found* are the seqs the search's list already holds; when nothing is
        selected they are exactly these events, and no FTS5 query is needed.
        """
        index = self.index
        if found is not None and not search.query.facets:
            return index.mask(found)
        text = search.match
        if text.match is not None:
            mask = index.mask(self.engine.text_seqs(text.match, cancel))
            if search.note_ids:
                mask[_Reading(index, self.engine.conn).positions_of_ids(search.note_ids)] = True
        else:
            mask = np.ones(len(index), dtype=bool)
        if text.exclude is not None:
            mask &= ~index.mask(self.engine.text_seqs(text.exclude, cancel))
        dates = index.date_mask(search.first, search.last)
        return mask if dates is None else mask & dates

    def facets(
        self,
        search: Query | SearchPlan,
        cancel: CancelToken | None = None,
        base: BoolArray | None = None,
    ) -> list[Facet]:
        """Every facet with counts, in panel order (months only for a single year)."""
        plan = search if isinstance(search, SearchPlan) else self.engine.plan(search)
        if base is None:
            base = self.base(plan, cancel)
        return count(self.index, plan.facets, plan.query, base, self.engine.conn)


def count(
    index: FacetIndex,
    facets: FacetRegistry,
    query: Query,
    base: BoolArray,
    conn: sqlite3.Connection,
) -> list[Facet]:
    """Each facet of *facets* counted among *base* without its own selection, presented."""
    links = {spec.key: index.links(spec, conn) for spec in facets}
    selections = {
        key: links[key].selected(values, len(index)) for key, values in query.facets.items()
    }
    out: list[Facet] = []
    for spec in facets:
        mask = base.copy()
        for other, selected in selections.items():
            if other != spec.key:
                mask &= selected
        link = links[spec.key]
        counted: npt.NDArray[np.int64] = np.bincount(
            link.code[mask[link.pos]], minlength=len(link.values)
        )
        numbers = {link.values[i]: int(counted[i]) for i in np.flatnonzero(counted)}
        facet = spec.present(numbers, query)
        if facet is not None:
            out.append(facet)
    return out
