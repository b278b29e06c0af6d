"""The event database's stored arrays: what the timeline and the facets compute with.

Opening a million events must cost no scan of a million rows. So the build
(:mod:`~explorer.core.events.array_build`, run by ``kroniek build-db`` and
``bench/synth.py``) reads the rows once and stores every column the app
computes with as one BLOB in ``event_arrays``: a fixed-width little-endian
array, named, with its numpy type and length beside it (docs/schema.md).
:func:`read_arrays` reads each BLOB with ``numpy.frombuffer`` -- no copy, no
per-event Python object -- and checks them all with vectorised numpy
(:func:`problem`): lengths, types, ranges, order, links. Anything wrong is a
:class:`~explorer.core.events.checks.DatabaseError` with one line.

Events are stored in *date order* (first day, then seq), which is the
timeline's order: an event's position in these arrays is its position on the
timeline, in the facet index and in the place and actor links.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from explorer.core.events.checks import (
    Problem,
    array_damaged,
    array_size_problem,
    database_file,
)
from explorer.core.events.schema import (
    ARRAY_TYPES,
    EVENT_ARRAYS,
    LINK_ARRAYS,
    PRECISIONS,
    QUALIFIERS,
)

I32 = npt.NDArray[np.int32]
Raw = dict[str, npt.NDArray[Any]]

#: The last day an event may cover (9999-12-31), as an ordinal; the first is 1 (0001-01-01).
LAST_ORDINAL: Final = date(9999, 12, 31).toordinal()
#: A seq above this many times the events is refused (positions by seq are one array).
_SEQ_SPREAD = 4


@dataclass(frozen=True)
class EventArrays:
    """Every event's columns in date order, and the links as event positions and codes.

    ``categories``, ``places`` and ``actors`` are the values the codes number:
    the category keys ordered by ``sort`` then ``key``, the place and actor ids
    ordered by id.
    """

    seq: I32
    day_min: I32
    day_max: I32
    precision: npt.NDArray[np.int8]
    qualifier: npt.NDArray[np.int8]
    category: npt.NDArray[np.int16]
    id: npt.NDArray[np.bytes_]
    #: Positions of the events in the order of their ids (to find an id by binary search).
    id_order: I32
    links: dict[str, tuple[I32, I32]]
    categories: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    _by_seq: list[I32] = field(default_factory=list, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.seq)

    def entities(self, table: str) -> tuple[str, ...]:
        """The values that *table*'s link codes number (place or actor ids)."""
        return self.places if table == "event_places" else self.actors

    def by_seq(self) -> I32:
        """Each seq's position, -1 where there is none (one small array, made once)."""
        if not self._by_seq:
            self._by_seq.append(seq_positions(self.seq))
        return self._by_seq[0]

    def first_day(self) -> date | None:
        return date.fromordinal(int(self.day_min[0])) if len(self) else None

    def last_day(self) -> date | None:
        return date.fromordinal(int(self.day_max.max())) if len(self) else None


def seq_positions(seq: npt.NDArray[np.integer]) -> I32:
    """An array giving each seq's position (-1 where there is none): 4 bytes per seq."""
    top = int(seq.max()) + 1 if len(seq) else 0
    lookup = np.full(top, -1, dtype=np.int32)
    lookup[seq] = np.arange(len(seq), dtype=np.int32)
    return lookup


def numbered_values(conn: sqlite3.Connection) -> tuple[tuple[str, ...], ...]:
    """The categories, places and actors in the order the arrays number them."""
    return tuple(
        tuple(str(r[0]) for r in conn.execute(sql))
        for sql in (
            "SELECT key FROM categories ORDER BY sort, key",
            "SELECT id FROM places ORDER BY id",
            "SELECT id FROM actors ORDER BY id",
        )
    )


# -- reading ----------------------------------------------------------------------------


def find_ids(
    ids: npt.NDArray[np.bytes_], order: npt.NDArray[np.integer], wanted: list[str]
) -> npt.NDArray[np.intp]:
    """Positions of the *wanted* ids in *ids* (sorted by *order*); unknown ids left out."""
    if not wanted or not len(ids):
        return np.zeros(0, dtype=np.intp)
    keys = np.array([w.encode("utf-8") for w in wanted], dtype=bytes)
    at = np.searchsorted(ids, keys, sorter=order)
    found = order[np.minimum(at, len(order) - 1)].astype(np.intp)
    positions: npt.NDArray[np.intp] = found[ids[found] == keys]
    return positions


def read_arrays(
    conn: sqlite3.Connection, path: Path | str | None = None, events: int | None = None
) -> EventArrays:
    """Read and check every stored array of *conn* (see the module); raises DatabaseError.

    *events* is the number of rows in ``events`` if the caller counted them.
    """
    path = database_file(conn) if path is None else path
    rows = {
        str(name): (dtype, length, data)
        for name, dtype, length, data in conn.execute(
            "SELECT name, dtype, length, data FROM event_arrays"
        )
    }
    if events is None:
        events = int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
    raw: Raw = {}
    for name, expected in ARRAY_TYPES.items():
        row = rows.get(name)
        sized = None if row is None else (row[0], row[1], _size(row[2]))
        per_event = events if name in EVENT_ARRAYS else None
        found = array_size_problem(name, expected, sized, per_event)
        if found is not None:
            raise array_damaged(Path(path), found)
        assert row is not None and isinstance(row[2], bytes)
        raw[name] = np.frombuffer(row[2], dtype=str(row[0]))
    values = numbered_values(conn)
    by_seq: list[I32] = []
    wrong = problem(raw, events, values, by_seq)
    if wrong is not None:
        raise array_damaged(Path(path), wrong)
    return to_arrays(raw, values, by_seq)


def _size(data: object) -> int | None:
    return len(data) if isinstance(data, bytes) else None


def to_arrays(
    raw: Raw, values: tuple[tuple[str, ...], ...], by_seq: list[I32] | None = None
) -> EventArrays:
    """Checked arrays by name as an :class:`EventArrays`."""
    categories, places, actors = values
    links = {table: (raw[pos], raw[code]) for table, (pos, code) in LINK_ARRAYS.items()}
    return EventArrays(
        **{name: raw[name] for name in EVENT_ARRAYS},
        links=links,
        categories=categories,
        places=places,
        actors=actors,
        _by_seq=by_seq or [],
    )


# -- checking ---------------------------------------------------------------------------


def _first(bad: npt.NDArray[np.bool_]) -> int | None:
    hits = np.flatnonzero(bad)
    return int(hits[0]) if len(hits) else None


def _range(raw: Raw, name: str, low: int, high: int) -> Problem | None:
    """A problem when a value of *name* lies outside ``[low, high)``."""
    column = raw[name]
    at = _first((column < low) | (column >= high))
    if at is None:
        return None
    return name, "range", {"value": int(column[at]), "position": at}


def _ids_problem(ids: npt.NDArray[np.bytes_]) -> Problem | None:
    """Ids must be non-empty UTF-8 text."""
    width = ids.dtype.itemsize
    # Each id decodes if the whole array does and none starts inside a character.
    starts = ids.view(np.uint8)[::width] if len(ids) else np.zeros(0, np.uint8)
    at = _first((ids == b"") | ((starts & 0xC0) == 0x80))
    if at is None and len(ids) and int(ids.view(np.uint8).max()) >= 0x80:
        try:  # not all ASCII (which is UTF-8): decode them all, from the buffer
            str(ids.data, "utf-8")
        except UnicodeDecodeError as exc:
            at = exc.start // width
    if at is not None:
        return "id", "text", {"position": at}
    # Whether *order* really sorts the ids is not checked (a gather and a string
    # comparison of every id, 40 ms at a million): a lookup confirms each id it
    # finds (:func:`find_ids`), so a wrong order can only fail to find an id.
    return None


def problem(
    raw: Raw, events: int, values: tuple[tuple[str, ...], ...], by_seq: list[I32] | None = None
) -> Problem | None:
    """The first thing wrong with the arrays (see :data:`~explorer.core.events.checks.Problem`).

    *events* is the number of rows in ``events``; *values* the categories,
    places and actors the codes number. Every test is one vectorised pass.
    The positions by seq, which the test of seqs makes, go into *by_seq*.
    """
    n = len(raw["seq"])
    for name in EVENT_ARRAYS:
        if len(raw[name]) != events:
            return name, "count", {"found": len(raw[name]), "expected": events}
    for pos_name, code_name in LINK_ARRAYS.values():
        if len(raw[code_name]) != len(raw[pos_name]):
            return pos_name, "pairs", {"other": code_name, "found": len(raw[pos_name]),
                                       "expected": len(raw[code_name])}  # fmt: skip
    seq = raw["seq"]
    found = _range(raw, "seq", 1, _SEQ_SPREAD * n + 1024)
    if found:
        return found
    lookup = seq_positions(seq)
    at = _first(lookup[seq] != np.arange(n, dtype=np.int32))
    if at is not None:
        return "seq", "twice", {"value": int(seq[at])}
    if by_seq is not None:
        by_seq.append(lookup)  # made once: the arrays keep it
    for name, low, high in (("day_min", 1, LAST_ORDINAL + 1), ("day_max", 1, LAST_ORDINAL + 1),
                            ("precision", 0, len(PRECISIONS)), ("qualifier", 0, len(QUALIFIERS)),
                            ("category", 0, len(values[0])), ("id_order", 0, n)):  # fmt: skip
        found = _range(raw, name, low, high)
        if found:
            return found
    day_min, day_max = raw["day_min"], raw["day_max"]
    at = _first(day_max < day_min)
    if at is not None:
        return "day_max", "range", {"value": int(day_max[at]), "position": at}
    later = day_min[1:] > day_min[:-1]
    at = _first(~(later | ((day_min[1:] == day_min[:-1]) & (seq[1:] > seq[:-1]))))
    if at is not None:
        return "day_min", "order", {"position": at + 1}
    found = _ids_problem(raw["id"])
    if found:
        return found
    for entities, (pos_name, code_name) in zip(values[1:], LINK_ARRAYS.values(), strict=True):
        found = _range(raw, pos_name, 0, n) or _range(raw, code_name, 0, len(entities))
        if found:
            return found
    return None
