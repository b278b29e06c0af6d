"""Facet counts from columns in memory, fast enough for a million events.

Counting facets in SQL means one GROUP BY per facet over every matching
event, joined to the link tables by text id: seconds at a million events. The
event database is read-only, so :class:`FacetIndex` reads each facet's
event -> value links once into numpy arrays (small integers), after which a
facet's counts are a boolean mask and a ``bincount``: milliseconds.

Every facet is a :class:`Dimension`: pairs (event position, value code).
Single-valued facets (category, precision, year, month) have at most one pair
per event; places and actors have one per link, plus one per distinct
(event, oblast), (event, country) and (event, actor group), so that selecting
or counting a country counts each event once. The semantics are exactly those
of the SQL conditions in :mod:`explorer.core.facets`; the tests compare both.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from explorer.core.facets import actor_group
from explorer.core.query import Query, date_range

if TYPE_CHECKING:
    from explorer.core.search import CancelToken, SearchEngine

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: numpy counts days from 1970-01-01; Python's date.toordinal() from 0001-01-01.
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


@dataclass(frozen=True)
class Dimension:
    """One facet as (event position, value code) pairs."""

    pos: IntArray
    code: IntArray
    values: tuple[str, ...]

    def code_of(self, values: frozenset[str]) -> list[int]:
        lookup = {v: i for i, v in enumerate(self.values)}
        return [lookup[v] for v in values if v in lookup]


def _encode(column: tuple[str, ...]) -> tuple[tuple[str, ...], IntArray]:
    """Distinct sorted values of *column* and each row's code."""
    values = tuple(sorted(set(column)))
    lookup = {v: i for i, v in enumerate(values)}
    return values, np.fromiter(map(lookup.__getitem__, column), dtype=np.int64, count=len(column))


def _distinct(pos: IntArray, code: IntArray, n_values: int) -> tuple[IntArray, IntArray]:
    """Drop repeated (pos, code) pairs; sorting beats np.unique's hashing here."""
    keys = np.sort(pos * max(n_values, 1) + code)
    if len(keys):
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
    return keys // max(n_values, 1), keys % max(n_values, 1)


def _single(column: tuple[str, ...], keep: BoolArray | None = None) -> Dimension:
    values, code = _encode(column)
    pos = np.arange(len(column), dtype=np.int64)
    if keep is not None:
        pos, code = pos[keep], code[keep]
        used = np.unique(code)
        # Re-number so that values only lists what some event has.
        remap = np.full(len(values), -1, dtype=np.int64)
        remap[used] = np.arange(len(used))
        values, code = tuple(values[i] for i in used), remap[code]
    return Dimension(pos, code, values)


def _periods(units: IntArray, unit: str, keep: BoolArray | None = None) -> Dimension:
    """Years or months (counted from 1970 by numpy) as "2022" or "2022-03" values."""
    pos = np.arange(len(units), dtype=np.int64)
    if keep is not None:
        pos, units = pos[keep], units[keep]
    distinct = np.unique(units)
    labels = np.datetime_as_string(distinct.astype(f"datetime64[{unit}]"))
    return Dimension(pos, np.searchsorted(distinct, units), tuple(str(v) for v in labels))


def _linked(
    positions: IntArray, entity_ids: tuple[str, ...], groups: list[dict[str, str]]
) -> Dimension:
    """Links to entities plus, per grouping (country, oblast…), one link per group."""
    values, code = _encode(entity_ids)
    all_values = list(values)
    pos_parts, code_parts = [positions], [code]
    for group_of in groups:
        names = sorted({g for g in group_of.values() if g})
        offset = len(all_values)
        all_values += names
        lookup = {g: offset + i for i, g in enumerate(names)}
        entity_group = np.array(
            [lookup.get(group_of.get(v, ""), -1) for v in values], dtype=np.int64
        )
        group_code = entity_group[code] if len(code) else code
        has = group_code >= 0
        pos_parts.append(positions[has])
        code_parts.append(group_code[has])
    pos, code = _distinct(np.concatenate(pos_parts), np.concatenate(code_parts), len(all_values))
    return Dimension(pos, code, tuple(all_values))


class FacetIndex:
    """Per-facet links of every event, and each event's first and last day."""

    def __init__(
        self, seqs: IntArray, day_min: IntArray, day_max: IntArray, dims: dict[str, Dimension]
    ) -> None:
        self.seqs = seqs
        self.day_min = day_min
        self.day_max = day_max
        self.dims = dims

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> FacetIndex:
        """Read the links from *conn* (about three seconds per million events)."""
        # Plain columns only: string functions in SQL cost more than numpy does.
        rows = conn.execute(
            "SELECT seq, id, category, precision, date_min, date_max FROM events ORDER BY seq"
        ).fetchall()
        if not rows:
            empty = np.zeros(0, dtype=np.int64)
            return cls(empty, empty, empty, {})
        seq, ids, category, precision, dmin, dmax = zip(*rows, strict=True)
        del rows
        seqs = np.array(seq, dtype=np.int64)
        first = np.array(dmin, dtype="datetime64[D]")
        precisions = _single(precision)
        dims = {
            "category": _single(category),
            "precision": precisions,
            "year": _periods(first.astype("datetime64[Y]").astype(np.int64), "Y"),
            # Events known only to the year have no month.
            "month": _periods(
                first.astype("datetime64[M]").astype(np.int64),
                "M",
                precisions.code != precisions.values.index("year")
                if "year" in precisions.values
                else None,
            ),
        }
        position = {eid: i for i, eid in enumerate(ids)}
        places = conn.execute("SELECT id, country, oblast FROM places").fetchall()
        country = {pid: f"country:{c}" for pid, c, _o in places}
        oblast = {pid: f"oblast:{c}/{o}" for pid, c, o in places if o}
        dims["place"] = _linked(
            *cls._links(conn, position, "event_places", "place_id"), [country, oblast]
        )
        kinds = conn.execute("SELECT id, kind FROM actors").fetchall()
        group = {aid: f"group:{actor_group(kind)}" for aid, kind in kinds}
        dims["actor"] = _linked(*cls._links(conn, position, "event_actors", "actor_id"), [group])
        day_min = first.astype(np.int64) + _EPOCH_ORDINAL
        day_max = np.array(dmax, dtype="datetime64[D]").astype(np.int64) + _EPOCH_ORDINAL
        return cls(seqs, day_min, day_max, dims)

    @staticmethod
    def _links(
        conn: sqlite3.Connection, position: dict[str, int], table: str, column: str
    ) -> tuple[IntArray, tuple[str, ...]]:
        rows = conn.execute(f"SELECT event_id, {column} FROM {table}").fetchall()
        if not rows:
            return np.zeros(0, dtype=np.int64), ()
        event_ids, others = zip(*rows, strict=True)
        pos = np.fromiter(
            (position.get(eid, -1) for eid in event_ids), dtype=np.int64, count=len(rows)
        )
        if (pos < 0).any():  # links to events that do not exist: ignore them
            keep = np.flatnonzero(pos >= 0)
            return pos[keep], tuple(others[i] for i in keep)
        return pos, others

    def covers(self, key: str) -> bool:
        return key in self.dims

    # -- masks ------------------------------------------------------------

    def _positions(self, seqs: IntArray) -> IntArray:
        """Positions of the events with these (sorted) seqs; unknown seqs dropped."""
        pos = np.searchsorted(self.seqs, seqs)
        inside = pos < len(self.seqs)
        pos, seqs = pos[inside], seqs[inside]
        found: IntArray = pos[self.seqs[pos] == seqs]
        return found

    def _fts_mask(
        self, engine: SearchEngine, expression: str, cancel: CancelToken | None
    ) -> BoolArray:
        with engine.guard(cancel):
            cursor = engine.conn.execute(
                "SELECT rowid FROM events_fts WHERE events_fts MATCH ?", [expression]
            )
            seqs = np.fromiter((r[0] for r in cursor), dtype=np.int64)
        mask = np.zeros(len(self.seqs), dtype=bool)
        mask[self._positions(np.sort(seqs))] = True
        return mask

    def base_mask(
        self, engine: SearchEngine, query: Query, cancel: CancelToken | None = None
    ) -> BoolArray:
        """Events matching the text and the date range (no facets)."""
        match_plan = engine.plan(query)
        if match_plan.match is not None:
            mask = self._fts_mask(engine, match_plan.match, cancel)
        else:
            mask = np.ones(len(self.seqs), dtype=bool)
        if match_plan.exclude is not None:
            mask &= ~self._fts_mask(engine, match_plan.exclude, cancel)
        first, last = date_range(query)
        if first is not None:
            mask &= self.day_max >= date.fromisoformat(first).toordinal()
        if last is not None:
            mask &= self.day_min <= date.fromisoformat(last).toordinal()
        return mask

    def selection_mask(
        self, engine: SearchEngine, key: str, values: frozenset[str], cancel: CancelToken | None
    ) -> BoolArray:
        """Events that the selection *values* of facet *key* lets through."""
        mask = np.zeros(len(self.seqs), dtype=bool)
        dim = self.dims.get(key)
        if dim is None:
            # A facet from elsewhere (the user library): ask its SQL condition.
            sql, params = engine.registry.condition(key, values)
            with engine.guard(cancel):
                rows = engine.conn.execute(f"SELECT e.seq FROM events e WHERE {sql}", params)
                seqs = np.fromiter((r[0] for r in rows), dtype=np.int64)
            mask[self._positions(np.sort(seqs))] = True
            return mask
        chosen = np.isin(dim.code, dim.code_of(values))
        mask[dim.pos[chosen]] = True
        return mask

    # -- counts -----------------------------------------------------------

    def dimension_from_sets(
        self, engine: SearchEngine, sets: dict[str, frozenset[str]]
    ) -> Dimension:
        """A facet given as value -> event ids (the user library's bookmarks, tags).

        The sets are small, so their ids are looked up through the primary key.
        """
        values = tuple(sorted(sets))
        pos_parts: list[IntArray] = []
        code_parts: list[IntArray] = []
        for code, value in enumerate(values):
            ids = sorted(sets[value])
            if not ids:
                continue
            rows = engine.conn.execute(
                "SELECT seq FROM events WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps(ids)],
            )
            seqs = np.sort(np.fromiter((r[0] for r in rows), dtype=np.int64))
            pos = self._positions(seqs)
            pos_parts.append(pos)
            code_parts.append(np.full(len(pos), code, dtype=np.int64))
        if not pos_parts:
            empty = np.zeros(0, dtype=np.int64)
            return Dimension(empty, empty, values)
        return Dimension(np.concatenate(pos_parts), np.concatenate(code_parts), values)

    def counts(
        self,
        engine: SearchEngine,
        query: Query,
        cancel: CancelToken | None = None,
        extra: dict[str, Dimension] | None = None,
    ) -> dict[str, dict[str, int]]:
        """Counts per value of every facet this index covers, each without its own selection.

        *extra* adds facets known only for this query (see :meth:`dimension_from_sets`).
        """
        base = self.base_mask(engine, query, cancel)
        selections = {
            key: self.selection_mask(engine, key, values, cancel)
            for key, values in query.facets.items()
        }
        out: dict[str, dict[str, int]] = {}
        for key, dim in {**self.dims, **(extra or {})}.items():
            mask = base.copy()
            for other, selected in selections.items():
                if other != key:
                    mask &= selected
            counted = np.bincount(dim.code[mask[dim.pos]], minlength=len(dim.values))
            out[key] = {dim.values[i]: int(counted[i]) for i in np.flatnonzero(counted)}
        return out
