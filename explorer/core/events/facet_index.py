"""Facet counts from columns in memory, fast enough for a million events.

Counting facets in SQL means one GROUP BY per facet over every matching
event, joined to the link tables: seconds at a million events. The event
database stores every event's columns and links as arrays
(:mod:`~explorer.core.events.arrays`), so :class:`FacetIndex` makes every
built-in facet's links (see :mod:`~explorer.core.events.links`) from them in
numpy, without reading a row; a count is then a boolean mask and a
``bincount``: milliseconds. This is the only way
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

import sqlite3
from collections.abc import Iterable
from datetime import date

import numpy as np
import numpy.typing as npt

from explorer.core.events.arrays import EventArrays, find_ids, read_arrays
from explorer.core.events.facets import Facet, FacetRegistry, FacetSpec
from explorer.core.events.links import BoolArray, IntArray, Ints, Links
from explorer.core.events.query import Query
from explorer.core.events.schema import PRECISIONS
from explorer.core.events.search import CancelToken, SearchEngine, SearchPlan

#: numpy counts days from 1970-01-01; Python's date.toordinal() from 0001-01-01.
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


class FacetIndex:
    """The stored arrays as facets count them, and the links each facet makes of them.

    An event's position is its position in the arrays (date order, the
    timeline's order). The links of the built-in facets are made from the
    arrays on first use and kept; nothing is read from the rows.
    """

    def __init__(self, arrays: EventArrays) -> None:
        self.arrays = arrays
        self._links: dict[str, Links] = {}

    @classmethod
    def load(cls, conn: sqlite3.Connection, facets: Iterable[FacetSpec] = ()) -> FacetIndex:
        """The index of *conn*'s stored arrays, with every static facet's links made."""
        index = cls(read_arrays(conn))
        index.prepare(facets, conn)
        return index

    def prepare(self, facets: Iterable[FacetSpec], conn: sqlite3.Connection) -> None:
        """Make the links of every static facet now (tens of milliseconds at a million)."""
        for spec in facets:
            if spec.static:
                self.links(spec, conn)

    def __len__(self) -> int:
        return len(self.arrays)

    def column(self, name: str) -> tuple[Ints, tuple[str, ...]]:
        """A coded column of ``events``: ``category`` or ``precision`` (as stored)."""
        if name == "category":
            return self.arrays.category, self.arrays.categories
        if name == "precision":
            return self.arrays.precision, PRECISIONS
        raise KeyError(name)

    def days(self) -> IntArray:
        """Each event's first day in numpy's count (days since 1970)."""
        return self.arrays.day_min.astype(np.int64) - _EPOCH_ORDINAL

    # -- links -------------------------------------------------------------------

    def links(self, spec: FacetSpec, conn: sqlite3.Connection) -> Links:
        """*spec*'s links: kept for a static facet, made now for one of this search."""
        if spec.static:
            kept = self._links.get(spec.key)
            if kept is None:
                kept = self._links[spec.key] = spec.links(_Reading(self, conn))
            return kept
        return spec.links(_Reading(self, conn))

    def positions(self, seqs: Iterable[int] | IntArray) -> IntArray:
        """Positions of the events with these seqs; unknown seqs dropped."""
        wanted = seqs.astype(np.int64) if isinstance(seqs, np.ndarray) else np.fromiter(
            seqs, dtype=np.int64)  # fmt: skip
        lookup = self.arrays.by_seq()
        found = lookup[wanted[(wanted >= 0) & (wanted < len(lookup))]]
        positions: IntArray = found[found >= 0].astype(np.int64)
        return positions

    def mask(self, seqs: Iterable[int] | IntArray) -> BoolArray:
        out = np.zeros(len(self), dtype=bool)
        out[self.positions(seqs)] = True
        return out

    def date_mask(self, first: str | None, last: str | None) -> BoolArray | None:
        """Events overlapping *first*–*last* (ISO days), None when both are open."""
        if first is None and last is None:
            return None
        out = np.ones(len(self), dtype=bool)
        if first is not None:
            out &= self.arrays.day_max >= date.fromisoformat(first).toordinal()
        if last is not None:
            out &= self.arrays.day_min <= date.fromisoformat(last).toordinal()
        return out


class _Reading:
    """The index as a :class:`~explorer.core.events.links.LinkSource`."""

    def __init__(self, index: FacetIndex, conn: sqlite3.Connection) -> None:
        self.index = index
        self.conn = conn

    def __len__(self) -> int:
        return len(self.index)

    def column(self, name: str) -> tuple[Ints, tuple[str, ...]]:
        return self.index.column(name)

    def days(self) -> IntArray:
        return self.index.days()

    def linked(self, table: str, column: str) -> tuple[Ints, Ints, tuple[str, ...]]:
        arrays = self.index.arrays
        pos, code = arrays.links[table]
        return pos, code, arrays.entities(table)  # 32-bit, sorted by position: no copies

    def positions_of_ids(self, ids: Iterable[str]) -> IntArray:
        arrays = self.index.arrays
        return find_ids(arrays.id, arrays.id_order, list(ids)).astype(np.int64)


class FacetCounter:
    """Counts every facet of a search from the in-memory index."""

    def __init__(self, engine: SearchEngine, index: FacetIndex | None = None) -> None:
        self.engine = engine
        self._index = index

    @property
    def index(self) -> FacetIndex:
        """The index, made on first use from the engine's stored arrays."""
        if self._index is None:
            self._index = FacetIndex(self.engine.arrays)
            self._index.prepare(self.engine.registry, self.engine.conn)
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
    everything = bool(base.all())
    out: list[Facet] = []
    for spec in facets:
        others = [selected for other, selected in selections.items() if other != spec.key]
        link = links[spec.key]
        if everything and not others:
            # Every event counts (the window as it opens): no mask to apply.
            counted: npt.NDArray[np.int64] = np.bincount(link.code, minlength=len(link.values))
        else:
            mask = base.copy()
            for selected in others:
                mask &= selected
            counted = np.bincount(link.codes_among(mask), minlength=len(link.values))
        numbers = {link.values[i]: int(counted[i]) for i in np.flatnonzero(counted)}
        facet = spec.present(numbers, query)
        if facet is not None:
            out.append(facet)
    return out
