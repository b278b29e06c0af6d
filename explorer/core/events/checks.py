"""Checking an event database before Kroniek relies on it.

Any file can be handed to ``--db``: a named pipe, a device, a database from a
read-only medium, a crafted database with text in its date columns, NULLs or
the year 99999, BLOBs cut short. :func:`check_file` looks at the file itself
before SQLite opens it (a pipe would block SQLite forever);
:func:`check_columns`, :func:`check_names` and :func:`check_array_sizes`
check its tables, names and stored arrays on open without reading a row of
``events`` or a BLOB. The arrays' values are checked, vectorised, when they are
read (:mod:`~explorer.core.events.arrays`), and each event's values each time
it is read (:func:`check_event`): nothing reaches the timeline, the facets, a
date formatter or the screen unchecked, and opening a million events costs no
scan. Each raises a :class:`DatabaseError` whose message is one clear line
naming what is wrong.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from explorer.core.errors import KroniekError, shown
from explorer.core.events.schema import ARRAY_TYPES, EVENT_ARRAYS, PRECISIONS, QUALIFIERS
from explorer.i18n import _

SQLITE_MAGIC = b"SQLite format 3\x00"


class DatabaseError(KroniekError):
    """The event database cannot be used; ``str()`` is a one-line message."""


#: Columns Kroniek reads, per table (the public schema has more).
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": (
        "id", "seq", "start", "end", "precision", "qualifier", "date_min", "date_max",
        "text", "title", "section", "category", "source_start", "source_end", "sentence_id",
    ),
    "meta": ("key", "value"),
    "categories": ("key", "label_nl", "label_en", "color", "sort"),
    "places": ("id", "name_nl", "name_en", "kind", "country", "oblast"),
    "actors": ("id", "name_nl", "name_en", "kind"),
    "event_places": ("seq", "place_id"),
    "event_actors": ("seq", "actor_id"),
    "event_arrays": ("name", "dtype", "length", "data"),
    "aliases": ("alias", "norm", "entity_type", "entity_id"),
}  # fmt: skip


def check_file(path: Path) -> bool:
    """Whether *path*, which must be able to be an event database, is in WAL mode.

    Uses ``os.stat`` (which never opens the file) to refuse anything but a
    regular file, then reads the 100-byte header: not SQLite, or unreadable
    (permission denied), is said plainly (:class:`DatabaseError`).
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise DatabaseError(_("Event database not found: {path}").format(path=path)) from None
    except OSError as exc:
        raise DatabaseError(
            _("Cannot read the event database {path}: {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None
    if stat.S_ISDIR(mode):
        raise DatabaseError(_("Event database is a folder, not a file: {path}").format(path=path))
    if not stat.S_ISREG(mode):
        raise DatabaseError(
            _(
                "Event database {path} is not a regular file (a pipe, a device or a socket); "
                "give the path of a database file."
            ).format(path=path)
        )
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except PermissionError:
        raise DatabaseError(
            _("Permission denied: you may not read the event database {path}.").format(path=path)
        ) from None
    except OSError as exc:
        raise DatabaseError(
            _("Cannot read the event database {path}: {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None
    if not header:
        raise DatabaseError(_("{path} is empty: not a Kroniek event database.").format(path=path))
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise DatabaseError(
            _("Event database {path} is damaged or not a database ({reason}).").format(
                path=path, reason=_("it is not an SQLite file")
            )
        )
    # Bytes 18 and 19 are the write and read versions: 2 means WAL.
    return header[18] == 2 or header[19] == 2


def database_file(conn: sqlite3.Connection) -> Path:
    """The file behind *conn* (for messages)."""
    for _n, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(str(file))
    return Path()


def check_columns(conn: sqlite3.Connection, path: Path) -> None:
    """Raise :class:`DatabaseError` naming the required tables or columns that are missing."""
    missing: list[str] = []
    for table, columns in REQUIRED_COLUMNS.items():
        have = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
        if not have:
            missing.append(table)
            continue
        missing += [f"{table}.{c}" for c in columns if c not in have]
    if missing:
        raise DatabaseError(
            _("{path} is not a Kroniek event database (missing: {tables}).").format(
                path=path, tables=", ".join(missing[:8]) + (" …" if len(missing) > 8 else "")
            )
        )


#: The small tables whose names the facets and the detail view show: checked
#: whole on open (a few hundred rows). Events are checked row by row as they
#: are read (:func:`check_event`), their arrays when they are read.
_NAMES: tuple[tuple[str, str], ...] = (
    ("categories", "typeof(key) != 'text' OR typeof(label_nl) != 'text' "
                   "OR typeof(label_en) != 'text' OR typeof(color) != 'text'"),
    ("places", "typeof(id) != 'text' OR typeof(name_nl) != 'text' OR typeof(name_en) != 'text' "
               "OR typeof(kind) != 'text' OR typeof(country) != 'text' "
               "OR typeof(oblast) != 'text'"),
    ("actors", "typeof(id) != 'text' OR typeof(name_nl) != 'text' OR typeof(name_en) != 'text' "
               "OR typeof(kind) != 'text'"),
)  # fmt: skip


def check_names(conn: sqlite3.Connection, path: Path) -> None:
    """Raise :class:`DatabaseError` when a category, place or actor has a NULL or non-text name."""
    for table, bad in _NAMES:
        if conn.execute(f"SELECT 1 FROM {table} WHERE {bad} LIMIT 1").fetchone():
            raise DatabaseError(
                _(
                    "Event database {path} cannot be used: the table {table} holds an empty "
                    "(NULL) or non-text name or id."
                ).format(path=path, table=table)
            )


def check_array_sizes(conn: sqlite3.Connection, path: Path) -> int:
    """Each stored array is there, of its type, with as many bytes as its length says,
    and the event arrays have one value per row of ``events``.

    Reads no BLOB (``length()`` of a BLOB is in its record header), so it costs
    nothing; the values are checked when the arrays are read. Returns the
    number of events.
    """
    rows = {
        str(r[0]): (r[1], r[2], r[3])
        for r in conn.execute("SELECT name, dtype, length, length(data) FROM event_arrays")
    }
    events = int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
    for name, expected in ARRAY_TYPES.items():
        per_event = events if name in EVENT_ARRAYS else None
        found = array_size_problem(name, expected, rows.get(name), per_event)
        if found is not None:
            raise array_damaged(path, found)
    return events


#: What is wrong with a stored array: (array, kind, details), see :func:`array_damaged`.
Problem = tuple[str, str, dict[str, object]]


def array_damaged(path: Path, problem: Problem) -> DatabaseError:
    """The one line for a stored array that cannot be used."""
    name, kind, details = problem
    found, expected = details.get("found"), details.get("expected")
    position, value = details.get("position"), shown(details.get("value"), 30)
    start = {"path": path, "name": name}
    if kind == "missing":
        return DatabaseError(
            _("{path} is not a Kroniek event database (missing: {tables}).").format(
                path=path, tables=f"event_arrays.{name}"
            )
        )
    if kind == "type":
        return DatabaseError(_(
            "Event database {path} cannot be used: its stored array {name} has the type "
            "{found}, not {expected}."
        ).format(**start, found=shown(found, 20), expected=expected))  # fmt: skip
    if kind == "bytes":
        return DatabaseError(_(
            "Event database {path} cannot be used: its stored array {name} is damaged "
            "({found} bytes where {expected} were expected)."
        ).format(**start, found=found, expected=expected))  # fmt: skip
    if kind == "count":
        return DatabaseError(_(
            "Event database {path} cannot be used: its stored array {name} has {found} values "
            "for {expected} events."
        ).format(**start, found=found, expected=expected))  # fmt: skip
    if kind == "pairs":
        return DatabaseError(_(
            "Event database {path} cannot be used: its stored arrays {name} and {other} differ "
            "in length ({found} and {expected})."
        ).format(**start, other=details.get("other"), found=found, expected=expected))  # fmt: skip
    if kind == "order":
        return DatabaseError(_(
            "Event database {path} cannot be used: its stored array {name} is out of order at "
            "position {position}."
        ).format(**start, position=position))  # fmt: skip
    if kind == "twice":
        return DatabaseError(_(
            "Event database {path} cannot be used: its stored array {name} holds {value} twice."
        ).format(**start, value=value))  # fmt: skip
    if kind == "text":
        return DatabaseError(_(
            "Event database {path} cannot be used: its stored array {name} holds an empty id "
            "or one that is not UTF-8 text at position {position}."
        ).format(**start, position=position))  # fmt: skip
    return DatabaseError(_(
        "Event database {path} cannot be used: its stored array {name} holds “{value}” at "
        "position {position}, which is out of range."
    ).format(**start, value=value, position=position))  # fmt: skip


def array_size_problem(
    name: str, expected: str, row: tuple[object, object, object] | None, events: int | None
) -> Problem | None:
    """What is wrong with one array's (dtype, length, bytes), or None.

    *expected* is its type; ``|S`` stands for any byte-string width. *events*
    is the number of events when the array has one value per event.
    """
    if row is None:
        return name, "missing", {}
    dtype, length, size = row
    width = _width(dtype, expected)
    if width is None:
        wanted = expected + ("n" if expected == "|S" else "")
        return name, "type", {"found": dtype, "expected": wanted}
    if not isinstance(length, int) or not 0 <= length < 2**31:
        return name, "range", {"value": length, "position": "length"}
    if not isinstance(size, int) or size != length * width:
        return name, "bytes", {"found": size, "expected": length * width}
    if events is not None and length != events:
        return name, "count", {"found": length, "expected": events}
    return None


def _width(dtype: object, expected: str) -> int | None:
    """The byte width of *dtype* if it is the *expected* type, else None."""
    if not isinstance(dtype, str):
        return None
    if expected == "|S":
        match = re.fullmatch(r"\|S([1-9][0-9]{0,2})", dtype)
        return int(match.group(1)) if match else None
    return int(expected[2:]) if dtype == expected else None


# -- one event, as it is read ---------------------------------------------------------


def _is_day(value: object) -> bool:
    """A real day between 0001-01-01 and 9999-12-31, written YYYY-MM-DD."""
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        return date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _at_precision(value: object, precision: object) -> bool:
    """*value* is a date written at *precision* (2022-03-04, 2022-03, 2022)."""
    if precision == "day":
        return _is_day(value)
    if not isinstance(value, str):
        return False
    if precision == "month":
        return len(value) == 7 and _is_day(value + "-01")
    return precision == "year" and _YEAR.fullmatch(value) is not None and value >= "0001"


_YEAR = re.compile(r"[0-9]{4}")

#: Each column of an event and when its value is bad, in the order they are
#: checked (the first bad one is named).
_EVENT_CHECKS: tuple[tuple[str, Callable[[Mapping[str, Any]], bool]], ...] = (
    ("id", lambda r: not isinstance(r["id"], str) or r["id"] == ""),
    ("seq", lambda r: not isinstance(r["seq"], int)),
    ("date_min", lambda r: not _is_day(r["date_min"])),
    ("date_max", lambda r: not _is_day(r["date_max"]) or r["date_max"] < r["date_min"]),
    ("precision", lambda r: r["precision"] not in PRECISIONS),
    ("qualifier", lambda r: r["qualifier"] not in QUALIFIERS),
    ("start", lambda r: not _at_precision(r["start"], r["precision"])),
    ("end", lambda r: r["end"] != "" and not _at_precision(r["end"], r["precision"])),
    ("title", lambda r: not isinstance(r["title"], str)),
    ("text", lambda r: not isinstance(r["text"], str)),
    ("section", lambda r: not isinstance(r["section"], str)),
    ("category", lambda r: not isinstance(r["category"], str)),
    ("source_start", lambda r: not isinstance(r["source_start"], int)),
    ("source_end", lambda r: not isinstance(r["source_end"], int)),
    ("sentence_id", lambda r: not isinstance(r["sentence_id"], int | None)),
)  # fmt: skip


def check_event(row: Mapping[str, Any], path: Path | str) -> None:
    """Raise :class:`DatabaseError` naming the first column of *row* Kroniek cannot use.

    *row* is an event as read (any of the columns of ``events``; those it
    lacks are not checked). A few microseconds: every event is checked each
    time it is read, so no value reaches the screen, a date formatter or an
    export unchecked, and opening costs no scan of every row.
    """
    for column, bad in _EVENT_CHECKS:
        if column in row and _has_inputs(column, row) and bad(row):
            value = row[column]
            raise DatabaseError(
                _(
                    "Event database {path} cannot be used: event {id} has “{value}” in the "
                    "column {column}, which is not a valid value there."
                ).format(
                    path=path,
                    id=shown(row.get("id"), 40),
                    value=shown("NULL" if value is None else value, 40),
                    column=column,
                )
            )


def _has_inputs(column: str, row: Mapping[str, Any]) -> bool:
    needs = {"date_max": ("date_min",), "start": ("precision",), "end": ("precision",)}
    return all(k in row for k in needs.get(column, ()))
