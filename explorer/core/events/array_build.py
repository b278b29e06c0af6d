"""Writing the stored arrays: the last step of every build of an event database.

``kroniek build-db``, ``bench/synth.py`` and the tests' small databases fill
the tables, then call :func:`store_arrays`, which reads the rows once (dates
parsed by numpy, exactly: 2022-02-30 is refused), puts the events in date
order, numbers categories, places and actors as
:mod:`~explorer.core.events.arrays` documents, checks the result with the
same checks the app runs when it opens the file, and writes ``event_arrays``.
"""

from __future__ import annotations

import sqlite3
from datetime import date

import numpy as np
import numpy.typing as npt

from explorer.core.events.arrays import Raw, numbered_values, problem
from explorer.core.events.schema import EVENT_ARRAYS, LINK_ARRAYS, PRECISIONS, QUALIFIERS

#: Rows read from SQLite at a time.
_CHUNK = 50_000
_EPOCH = date(1970, 1, 1).toordinal()
Ints = npt.NDArray[np.int64]


class ArrayBuildError(ValueError):
    """The rows cannot be stored as arrays (a value the schema does not allow)."""


def _codes(values: tuple[object, ...], known: dict[str, int], what: str) -> Ints:
    try:
        return np.fromiter((known[str(v)] for v in values), dtype=np.int64, count=len(values))
    except KeyError as missing:
        raise ArrayBuildError(f"an event has the unknown {what} {missing}") from None


def _days(texts: tuple[object, ...], name: str) -> Ints:
    try:
        days = np.array(texts, dtype="datetime64[D]").astype(np.int64)
    except (ValueError, TypeError) as exc:
        raise ArrayBuildError(f"{name} is not an ISO day: {exc}") from None
    if any(len(str(t)) != 10 for t in texts):
        raise ArrayBuildError(f"{name} is not an ISO day (YYYY-MM-DD)")
    return days + _EPOCH


def _event_columns(conn: sqlite3.Connection, categories: tuple[str, ...]) -> Raw:
    """Every event's columns in seq order."""
    known = {
        "precision": {p: i for i, p in enumerate(PRECISIONS)},
        "qualifier": {q: i for i, q in enumerate(QUALIFIERS)},
        "category": {c: i for i, c in enumerate(categories)},
    }
    parts: dict[str, list[npt.NDArray[np.generic]]] = {k: [] for k in EVENT_ARRAYS}
    cursor = conn.execute(
        "SELECT seq, id, date_min, date_max, precision, qualifier, category FROM events "
        "ORDER BY seq"
    )
    while chunk := cursor.fetchmany(_CHUNK):
        seq, ids, dmin, dmax, *coded = zip(*chunk, strict=True)
        parts["seq"].append(np.array(seq, dtype=np.int64))
        parts["id"].append(np.array([str(i).encode("utf-8") for i in ids], dtype=bytes))
        parts["day_min"].append(_days(dmin, "date_min"))
        parts["day_max"].append(_days(dmax, "date_max"))
        for name, values in zip(("precision", "qualifier", "category"), coded, strict=True):
            parts[name].append(_codes(values, known[name], name))
    width = max((a.dtype.itemsize for a in parts["id"]), default=1)
    parts["id"] = [a.astype(f"S{width}") for a in parts["id"]]
    return {
        k: np.concatenate(v) if v else np.zeros(0, f"S{width}" if k == "id" else np.int64)
        for k, v in parts.items() if k != "id_order"
    }  # fmt: skip


def _links(
    conn: sqlite3.Connection, table: str, entities: tuple[str, ...], by_seq: Ints
) -> tuple[Ints, Ints]:
    """A link table as (event position, entity code) pairs, sorted."""
    column = "place_id" if table == "event_places" else "actor_id"
    known = {e: i for i, e in enumerate(entities)}
    pos_parts, code_parts = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    cursor = conn.execute(f"SELECT seq, {column} FROM {table}")
    while chunk := cursor.fetchmany(_CHUNK):
        seqs, others = zip(*chunk, strict=True)
        seq = np.array(seqs, dtype=np.int64)
        inside = (seq >= 0) & (seq < len(by_seq))
        if not inside.all() or (by_seq[seq] < 0).any():
            raise ArrayBuildError(f"{table} links an event that does not exist")
        pos_parts.append(by_seq[seq])
        code_parts.append(_codes(others, known, column))
    pos, code = np.concatenate(pos_parts), np.concatenate(code_parts)
    order = np.lexsort((code, pos))
    return pos[order], code[order]


def compute_arrays(conn: sqlite3.Connection) -> Raw:
    """Every stored array, computed from the rows of *conn*, unchecked."""
    categories, places, actors = numbered_values(conn)
    columns = _event_columns(conn, categories)
    order = np.lexsort((columns["seq"], columns["day_min"]))
    out: Raw = {}
    for name, dtype in EVENT_ARRAYS.items():
        if name != "id_order":
            column = columns[name][order]
            out[name] = column if name == "id" else column.astype(dtype)
    out["id_order"] = np.argsort(out["id"], kind="stable").astype("<i4")
    seq = columns["seq"]
    if len(seq) and (int(seq.min()) < 1 or int(seq.max()) >= 2**31):
        raise ArrayBuildError("seq must be a number from 1 to 2**31 - 1")
    by_seq = np.full(int(seq.max()) + 1 if len(seq) else 0, -1, dtype=np.int64)
    by_seq[out["seq"]] = np.arange(len(seq))
    for table, (pos_name, code_name) in LINK_ARRAYS.items():
        entities = places if table == "event_places" else actors
        pos, code = _links(conn, table, entities, by_seq)
        out[pos_name], out[code_name] = pos.astype("<i4"), code.astype("<i4")
    return out


def store_arrays(conn: sqlite3.Connection) -> None:
    """Compute every array from the rows and (re)write ``event_arrays``.

    Raises :class:`ArrayBuildError` for rows the arrays cannot hold (a date
    that is no day, an unknown category, place or actor, a repeated seq).
    """
    arrays = compute_arrays(conn)
    events = int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
    found = problem(arrays, events, numbered_values(conn))
    if found is not None:
        name, kind, details = found
        raise ArrayBuildError(f"the array {name} cannot be stored ({kind}: {details})")
    conn.execute("DELETE FROM event_arrays")
    conn.executemany(
        "INSERT INTO event_arrays (name, dtype, length, data) VALUES (?, ?, ?, ?)",
        [(name, a.dtype.str, len(a), a.tobytes()) for name, a in arrays.items()],
    )
