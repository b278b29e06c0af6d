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
of the SQL conditions in :mod:`explorer.core.events.facets`; the tests compare both.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from explorer.core.events.facets import actor_group
from explorer.core.events.query import Query, date_range

if TYPE_CHECKING:
    from explorer.core.events.search import CancelToken, SearchEngine

IntArray = npt.NDArray[np.int64]
SmallArray = npt.NDArray[np.int32]
BoolArray = npt.NDArray[np.bool_]

#: numpy counts days from 1970-01-01; Python's date.toordinal() from 0001-01-01.
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


@dataclass(frozen=True)
class Dimension:
    """One facet as (event position, value code) pairs.

    Stored as 32-bit integers (half the memory of numpy's default at a million
    events); built with :meth:`of` from whatever width the computation used.
    """

    pos: SmallArray
    code: SmallArray
    values: tuple[str, ...]

    @classmethod
    def of(cls, pos: IntArray, code: IntArray, values: tuple[str, ...]) -> Dimension:
        return cls(pos.astype(np.int32), code.astype(np.int32), values)

    def code_of(self, values: frozenset[str]) -> list[int]:
        lookup = {v: i for i, v in enumerate(self.values)}
        return [lookup[v] for v in values if v in lookup]


def _distinct(pos: IntArray, code: IntArray, n_values: int) -> tuple[IntArray, IntArray]:
    """Drop repeated (pos, code) pairs; sorting beats np.unique's hashing here."""
    keys = np.sort(pos * max(n_values, 1) + code)
    if len(keys):
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
    return keys // max(n_values, 1), keys % max(n_values, 1)


#: Rows read from SQLite at a time while loading.
_CHUNK = 50_000


def _coded(code: IntArray, lookup: dict[str, int]) -> Dimension:
    """A single-valued facet from first-seen codes, re-numbered in sorted value order."""
    values = tuple(sorted(lookup))
    order = np.zeros(max(len(lookup), 1), dtype=np.int64)
    for new, value in enumerate(values):
        order[lookup[value]] = new
    return Dimension.of(np.arange(len(code), dtype=np.int64), order[code], values)


def _periods(units: IntArray, unit: str, keep: BoolArray | None = None) -> Dimension:
    """Years or months (counted from 1970 by numpy) as "2022" or "2022-03" values."""
    pos = np.arange(len(units), dtype=np.int64)
    if keep is not None:
        pos, units = pos[keep], units[keep]
    distinct = np.unique(units)
    labels = np.datetime_as_string(distinct.astype(f"datetime64[{unit}]"))
    return Dimension.of(pos, np.searchsorted(distinct, units), tuple(str(v) for v in labels))


def _linked(
    positions: IntArray, code: IntArray, values: tuple[str, ...], groups: list[dict[str, str]]
) -> Dimension:
    """Links to entities plus, per grouping (country, oblast…), one link per group."""
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
    return Dimension.of(pos, code, tuple(all_values))


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
        """Read the links from *conn* (a few seconds per million events).

        Rows are read in chunks into small-integer arrays, and links are joined
        to their event's ``seq`` inside SQLite, so no per-event Python object
        (id string, dict entry) outlives its chunk: memory stays near the size
        of the arrays themselves.
        """
        columns: dict[str, list[npt.NDArray[np.int64]]] = {
            "seq": [], "category": [], "precision": [], "dmin": [], "dmax": [],
        }  # fmt: skip
        codes: dict[str, dict[str, int]] = {"category": {}, "precision": {}}
        cursor = conn.execute(
            "SELECT seq, category, precision, date_min, date_max FROM events ORDER BY seq"
        )
        while chunk := cursor.fetchmany(_CHUNK):
            seq, category, precision, dmin, dmax = zip(*chunk, strict=True)
            columns["seq"].append(np.array(seq, dtype=np.int64))
            for name, column in (("category", category), ("precision", precision)):
                lookup = codes[name]
                columns[name].append(
                    np.fromiter((lookup.setdefault(v, len(lookup)) for v in column),
                                dtype=np.int64, count=len(column))
                )  # fmt: skip
            columns["dmin"].append(np.array(dmin, dtype="datetime64[D]").astype(np.int64))
            columns["dmax"].append(np.array(dmax, dtype="datetime64[D]").astype(np.int64))
        if not columns["seq"]:
            empty = np.zeros(0, dtype=np.int64)
            return cls(empty, empty, empty, {})
        seqs, first_days, last_days = (np.concatenate(columns[k]) for k in ("seq", "dmin", "dmax"))
        first = first_days.astype("datetime64[D]")
        categories = _coded(np.concatenate(columns["category"]), codes["category"])
        precisions = _coded(np.concatenate(columns["precision"]), codes["precision"])
        dims: dict[str, Dimension] = {
            "category": categories,
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
        places = conn.execute("SELECT id, country, oblast FROM places").fetchall()
        country = {pid: f"country:{c}" for pid, c, _o in places}
        oblast = {pid: f"oblast:{c}/{o}" for pid, c, o in places if o}
        # The oblast itself (Oblast Loehansk) belongs to its own group.
        groups = {(c, o) for _pid, c, o in places if o}
        oblast |= {pid: f"oblast:{c}/{pid}" for pid, c, o in places if not o and (c, pid) in groups}
        dims["place"] = _linked(
            *cls._links(conn, seqs, "event_places", "place_id"), [country, oblast]
        )
        kinds = conn.execute("SELECT id, kind FROM actors").fetchall()
        group = {aid: f"group:{actor_group(kind)}" for aid, kind in kinds}
        dims["actor"] = _linked(*cls._links(conn, seqs, "event_actors", "actor_id"), [group])
        return cls(seqs, first_days + _EPOCH_ORDINAL, last_days + _EPOCH_ORDINAL, dims)

    @staticmethod
    def _links(
        conn: sqlite3.Connection, seqs: IntArray, table: str, column: str
    ) -> tuple[IntArray, IntArray, tuple[str, ...]]:
        """Event positions and entity codes of every link, and the entity ids by code."""
        pos_parts: list[IntArray] = []
        code_parts: list[IntArray] = []
        lookup: dict[str, int] = {}
        cursor = conn.execute(
            f"SELECT e.seq, l.{column} FROM {table} l JOIN events e ON e.id = l.event_id"
        )
        while chunk := cursor.fetchmany(_CHUNK):
            chunk_seqs, chunk_others = zip(*chunk, strict=True)
            found = np.searchsorted(seqs, np.array(chunk_seqs, dtype=np.int64))
            pos_parts.append(found.astype(np.int64))
            code_parts.append(
                np.fromiter((lookup.setdefault(v, len(lookup)) for v in chunk_others),
                            dtype=np.int64, count=len(chunk_others))
            )  # fmt: skip
        if not pos_parts:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, ()
        linked = _coded(np.concatenate(code_parts), lookup)
        return np.concatenate(pos_parts), linked.code.astype(np.int64), linked.values

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
            if query.note_ids:
                noted = self.dimension_from_sets(engine, {"": query.note_ids})
                mask[noted.pos] = True
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
            return Dimension.of(empty, empty, values)
        return Dimension.of(np.concatenate(pos_parts), np.concatenate(code_parts), values)

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
