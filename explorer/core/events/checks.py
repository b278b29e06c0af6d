"""Checking an event database before Kroniek relies on it.

Any file can be handed to ``--db``: a named pipe, a device, a database from a
read-only medium, a crafted database with text in its date columns, NULLs or
the year 99999. :func:`check_file` looks at the file itself before SQLite
opens it (a pipe would block SQLite forever); :func:`check_columns` and
:func:`check_data` check, in one pass over the events, every column the
timeline, the facets and the search compute with. Each raises a
:class:`DatabaseError` whose message is one clear line naming what is wrong.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from explorer.core.errors import KroniekError, shown
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
    "event_places": ("event_id", "place_id"),
    "event_actors": ("event_id", "actor_id"),
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


def _day(column: str) -> str:
    """SQL: *column* is a real day between 0001-01-01 and 9999-12-31 as text."""
    return (
        f"(typeof({column}) = 'text' AND length({column}) = 10 "
        f"AND date(julianday({column})) IS {column} AND {column} >= '0001-01-01')"
    )


def _at_precision(column: str) -> str:
    """SQL: *column* is written at the row's precision (2022-03-04, 2022-03, 2022)."""
    return (
        f"(typeof({column}) = 'text' AND CASE precision "
        f"WHEN 'day' THEN length({column}) = 10 AND date(julianday({column})) IS {column} "
        f"WHEN 'month' THEN length({column}) = 7 "
        f"AND date(julianday({column} || '-01')) IS {column} || '-01' "
        f"WHEN 'year' THEN length({column}) = 4 AND {column} GLOB '[0-9][0-9][0-9][0-9]' "
        f"ELSE 0 END AND {column} >= '0001')"
    )


# Each check: a label for the message and an SQL condition that is true when
# the row is bad. One pass, the first bad row named.
_CHECKS: tuple[tuple[str, str], ...] = (
    ("id", "typeof(id) != 'text' OR id = ''"),
    ("seq", "typeof(seq) != 'integer'"),
    ("date_min", f"NOT {_day('date_min')}"),
    ("date_max", f"NOT {_day('date_max')}"),
    ("date_max", "date_max < date_min"),
    ("precision", "precision IS NULL OR precision NOT IN ('day', 'month', 'year')"),
    ("qualifier", "qualifier IS NULL OR qualifier NOT IN ('', 'start', 'mid', 'end', 'approx')"),
    ("start", f"NOT {_at_precision('start')}"),
    ('"end"', '"end" IS NULL OR ("end" != \'\' AND NOT ' + _at_precision('"end"') + ")"),
    ("title", "typeof(title) != 'text'"),
    ("text", "typeof(text) != 'text'"),
    ("section", "typeof(section) != 'text'"),
    ("category", "typeof(category) != 'text'"),
    ("source_start", "typeof(source_start) != 'integer' OR typeof(source_end) != 'integer'"),
    ("sentence_id", "sentence_id IS NOT NULL AND typeof(sentence_id) != 'integer'"),
)

_NAMES: tuple[tuple[str, str], ...] = (
    ("categories", "typeof(key) != 'text' OR typeof(label_nl) != 'text' "
                   "OR typeof(label_en) != 'text' OR typeof(color) != 'text'"),
    ("places", "typeof(id) != 'text' OR typeof(name_nl) != 'text' OR typeof(name_en) != 'text' "
               "OR typeof(kind) != 'text' OR typeof(country) != 'text' "
               "OR typeof(oblast) != 'text'"),
    ("actors", "typeof(id) != 'text' OR typeof(name_nl) != 'text' OR typeof(name_en) != 'text' "
               "OR typeof(kind) != 'text'"),
    ("event_places", "typeof(event_id) != 'text' OR typeof(place_id) != 'text'"),
    ("event_actors", "typeof(event_id) != 'text' OR typeof(actor_id) != 'text'"),
)  # fmt: skip


_D = "'[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'"
_AT_PRECISION = (
    f"CASE precision WHEN 'day' THEN {_D} WHEN 'month' THEN '[0-9][0-9][0-9][0-9]-[01][0-9]' "
    "ELSE '[0-9][0-9][0-9][0-9]' END"
)
#: Cheap enough for a million events (~1 s): types and shapes only; the slow,
#: exact checks above run only to name the row once this finds one.
_QUICK = f"""NOT (
    typeof(id) = 'text' AND typeof(seq) = 'integer'
    AND date_min GLOB {_D} AND date_max GLOB {_D} AND date_max >= date_min
    AND date_min >= '0001' AND precision IN ('day', 'month', 'year')
    AND qualifier IN ('', 'start', 'mid', 'end', 'approx')
    AND typeof(title) = 'text' AND typeof(text) = 'text' AND typeof(section) = 'text'
    AND typeof(category) = 'text' AND typeof(source_start) = 'integer'
    AND typeof(source_end) = 'integer' AND (sentence_id IS NULL OR typeof(sentence_id) = 'integer')
    AND start GLOB {_AT_PRECISION} AND start >= '0001'
    AND ("end" = '' OR "end" GLOB {_AT_PRECISION})
)"""


def check_data(conn: sqlite3.Connection, path: Path) -> None:
    """Raise :class:`DatabaseError` naming the first value Kroniek cannot compute with."""
    suspect = conn.execute(f"SELECT 1 FROM events WHERE {_QUICK} LIMIT 1").fetchone()
    # Impossible days such as 2022-02-30 pass the quick shape test: julianday()
    # of every day is what the timeline computes anyway, so check it the same way.
    if suspect is None:
        suspect = conn.execute(
            "SELECT 1 FROM events WHERE date(julianday(date_min)) IS NOT date_min "
            "OR date(julianday(date_max)) IS NOT date_max LIMIT 1"
        ).fetchone()
    if suspect is not None:
        _check_rows(conn, path)
    for table, bad in _NAMES:
        if conn.execute(f"SELECT 1 FROM {table} WHERE {bad} LIMIT 1").fetchone():
            raise DatabaseError(
                _(
                    "Event database {path} cannot be used: the table {table} holds an empty "
                    "(NULL) or non-text name or id."
                ).format(path=path, table=table)
            )


def _check_rows(conn: sqlite3.Connection, path: Path) -> None:
    """Raise :class:`DatabaseError` naming the first bad event and column, if any."""
    cases = " ".join(f"WHEN {bad} THEN {i}" for i, (_label, bad) in enumerate(_CHECKS))
    row = conn.execute(
        f"SELECT id, CASE {cases} END AS bad FROM events "
        f"WHERE ({' OR '.join(f'({bad})' for _label, bad in _CHECKS)}) LIMIT 1"
    ).fetchone()
    if row is None:
        return
    column = _CHECKS[int(row[1])][0].strip('"')
    value = conn.execute(
        f'SELECT "{column}" FROM events WHERE id IS ? LIMIT 1', (row[0],)
    ).fetchone()
    raise DatabaseError(
        _(
            "Event database {path} cannot be used: event {id} has “{value}” in the "
            "column {column}, which is not a valid value there."
        ).format(
            path=path,
            id=shown(row[0], 40),
            value=shown("NULL" if value is None or value[0] is None else value[0], 40),
            column=column,
        )
    )
