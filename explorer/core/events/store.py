"""The event store: the bundled (or a ``--db``) event database, opened read-only.

SQLite is wrapped once here. Opening checks that the file is a regular file
and a Kroniek event database of the schema version this build reads, with
its tables, names and stored arrays whole; the arrays' values are checked
when they are read (:attr:`EventStore.arrays`) and each event's values
whenever it is read. Anything else — missing, a pipe or device, unreadable,
corrupt, truncated, older, newer, crafted — becomes a :class:`DatabaseError`
with one clear line for the user, never a traceback.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.core.events.checks import DatabaseError as DatabaseError
from explorer.core.events.checks import (
    check_array_sizes,
    check_columns,
    check_event,
    check_file,
    check_names,
)
from explorer.core.events.schema import SCHEMA_VERSION
from explorer.i18n import _

if TYPE_CHECKING:  # numpy stays unloaded until something reads the arrays (`kroniek info`)
    from explorer.core.events.arrays import EventArrays

REQUIRED_TABLES = (
    "events", "meta", "categories", "places", "actors", "events_fts", "event_arrays",
)  # fmt: skip


@dataclass(frozen=True)
class Event:
    id: str
    seq: int
    start: str
    end: str
    precision: str
    qualifier: str
    date_min: str
    date_max: str
    text: str
    title: str
    section: str
    category: str
    source_start: int
    source_end: int
    sentence_id: int | None


@dataclass(frozen=True)
class Entity:
    """A place or actor linked to an event, with both display names."""

    type: str
    id: str
    name_nl: str
    name_en: str
    kind: str

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_nl


_EVENT_COLUMNS = (
    'id, seq, start, "end", precision, qualifier, date_min, date_max, text, title, '
    "section, category, source_start, source_end, sentence_id"
)


def _open(path: Path, *, immutable: bool) -> sqlite3.Connection:
    # immutable=1: SQLite reads the file as it is, takes no locks and never
    # needs the -shm/-wal files beside it — what a database on a read-only
    # medium or in a folder the user may not write needs. Only used then.
    uri = f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def connect_readonly(path: Path) -> sqlite3.Connection:
    """Open *path* read-only and check it is a usable event database (see :func:`open_checked`)."""
    return open_checked(path)[0]


def open_checked(path: Path) -> tuple[sqlite3.Connection, int]:
    """Open *path* read-only and check it is a usable event database.

    The file is checked before SQLite sees it (a regular, readable SQLite
    file; a pipe or device would block SQLite), then its version, tables,
    columns, names and the sizes of its stored arrays
    (:mod:`explorer.core.events.checks`): no scan of the events, so a million
    open as fast as a few hundred. Anything wrong is a :class:`DatabaseError`
    with one line naming it. Nothing is written: a WAL database on read-only
    media is opened ``immutable``.
    """
    wal = check_file(path)
    read_only_place = wal and not os.access(path.parent, os.W_OK)
    conn: sqlite3.Connection | None = None
    try:
        try:
            conn = _open(path, immutable=read_only_place)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.OperationalError:
            if conn is not None:
                conn.close()
            if not wal:
                raise
            # A WAL database whose -shm cannot be created (read-only folder).
            conn = _open(path, immutable=True)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if version > SCHEMA_VERSION:
            raise DatabaseError(
                _(
                    "Event database {path} has schema version {found}, newer than this "
                    "Kroniek understands ({known}); please update Kroniek."
                ).format(path=path, found=version, known=SCHEMA_VERSION)
            )
        if 1 <= version < SCHEMA_VERSION and "events" in tables:
            raise DatabaseError(
                _(
                    "Event database {path} has schema version {found}, older than this "
                    "Kroniek reads ({known}); build it again with “kroniek build-db” "
                    "(a synthetic one with bench/synth.py)."
                ).format(path=path, found=version, known=SCHEMA_VERSION)
            )
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if version < 1 or missing:
            raise DatabaseError(
                _("{path} is not a Kroniek event database (missing: {tables}).").format(
                    path=path, tables=", ".join(missing) or "user_version"
                )
            )
        check_columns(conn, path)
        check_names(conn, path)
        events = check_array_sizes(conn, path)
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        raise DatabaseError(
            _("Event database {path} is damaged or not a database ({reason}).").format(
                path=path, reason=exc
            )
        ) from None
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    return conn, events


class ArraysAhead:
    """The stored arrays of *path*, read and checked in a thread of their own.

    The window's start reads them this way while it imports its modules: SQLite
    copies the BLOBs without holding Python's lock, the imports need it, so the
    two overlap (40 ms of a 0.6 s start at a million events). A file that fails
    gives no arrays here; :class:`EventStore` then reads them itself and says
    what is wrong, in the caller's thread, as it always does.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._arrays: EventArrays | None = None
        self._thread = threading.Thread(target=self._read, name="kroniek-arrays", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        from explorer.core.events.arrays import read_arrays

        try:
            conn, events = open_checked(self._path)
            try:
                self._arrays = read_arrays(conn, self._path, events)
            finally:
                conn.close()
        except Exception:  # EventStore reads them again and says what is wrong
            self._arrays = None

    def result(self) -> EventArrays | None:
        """The arrays, once read; None when the file could not give them."""
        self._thread.join()
        return self._arrays


class EventStore:
    """Read access to events, their links, categories and article context.

    *arrays*: the stored arrays if the caller has read them already
    (:class:`ArraysAhead`); otherwise they are read on first use.
    """

    def __init__(self, path: Path, arrays: EventArrays | None = None) -> None:
        self.path = path
        self.conn, self._events = open_checked(path)
        self.conn.row_factory = sqlite3.Row
        self._arrays: EventArrays | None = arrays

    def close(self) -> None:
        self.conn.close()

    @property
    def arrays(self) -> EventArrays:
        """The stored arrays, read (without copying) and checked on first use."""
        if self._arrays is None:
            from explorer.core.events.arrays import read_arrays

            self._arrays = read_arrays(self.conn, self.path, self._events)
        return self._arrays

    def _event(self, row: sqlite3.Row) -> Event:
        values = dict(row)
        check_event(values, self.path)
        return Event(**values)

    def meta(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self.conn.execute("SELECT key, value FROM meta")}

    def count(self, table: str = "events") -> int:
        if table not in ("events", "places", "actors", "categories", "sentences"):
            raise ValueError(table)
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def info(self) -> dict[str, Any]:
        """What ``kroniek info`` reports."""
        meta = self.meta()
        first, last = self.conn.execute(
            "SELECT min(date_min), max(date_max) FROM events"
        ).fetchone()
        return {
            "db_path": str(self.path),
            "events": self.count("events"),
            "places": self.count("places"),
            "actors": self.count("actors"),
            "categories": self.count("categories"),
            "schema_version": int(self.conn.execute("PRAGMA user_version").fetchone()[0]),
            "built": meta.get("built", ""),
            "first_date": first or "",
            "last_date": last or "",
            "source": self.source(meta),
        }

    def source(self, meta: dict[str, str] | None = None) -> dict[str, str]:
        """Where the events come from: title, wiki, url, licence, note (from ``meta``)."""
        meta = self.meta() if meta is None else meta
        return {
            "title": meta.get("source_title", ""),
            "wiki": meta.get("source_wiki", ""),
            "url": meta.get("source_url", ""),
            "licence": meta.get("source_licence", ""),
            "note": meta.get("source_note", ""),
        }

    def event(self, event_id: str) -> Event | None:
        row = self.conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE id = ?", (event_id,)
        ).fetchone()
        return self._event(row) if row else None

    def has_event(self, event_id: str) -> bool:
        """Whether the database has an event with this id (its values are not read)."""
        return (
            self.conn.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone()
            is not None
        )

    def events(self, ids: list[str]) -> dict[str, Event]:
        """Several events by id (order of the result is not meaningful)."""
        result: dict[str, Event] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT {_EVENT_COLUMNS} FROM events WHERE id IN ({marks})", chunk
            ):
                event = self._event(row)
                result[event.id] = event
        return result

    def entities(self, event_id: str) -> list[Entity]:
        """Places, then actors, linked to *event_id*."""
        rows = self.conn.execute(
            "SELECT 'place', p.id, p.name_nl, p.name_en, p.kind FROM events e "
            "JOIN event_places ep ON ep.seq = e.seq JOIN places p ON p.id = ep.place_id "
            "WHERE e.id = ? UNION ALL SELECT 'actor', a.id, a.name_nl, a.name_en, a.kind "
            "FROM events e JOIN event_actors ea ON ea.seq = e.seq "
            "JOIN actors a ON a.id = ea.actor_id WHERE e.id = ?",
            (event_id, event_id),
        ).fetchall()
        return [Entity(*tuple(r)) for r in rows]

    def categories(self) -> list[dict[str, str]]:
        return [
            dict(r)
            for r in self.conn.execute(
                "SELECT key, label_nl, label_en, color FROM categories ORDER BY sort"
            )
        ]

    def context(self, event: Event) -> list[tuple[str, bool]]:
        """The event's paragraph as (sentence, is_this_event) pairs, capitals restored."""
        if event.sentence_id is None:
            return [(event.text, True)]
        rows = self.conn.execute(
            "SELECT s.id, s.text FROM sentences s WHERE s.paragraph_id = "
            "(SELECT paragraph_id FROM sentences WHERE id = ?) ORDER BY s.id",
            (event.sentence_id,),
        ).fetchall()
        return [(r["text"], r["id"] == event.sentence_id) for r in rows] or [(event.text, True)]

    def events_starting(self, start: str, limit: int = 200) -> list[Event]:
        """Events whose ``start`` is exactly *start* (an ISO date at its precision)."""
        rows = self.conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE start = ? ORDER BY seq LIMIT ?",
            (start, limit),
        ).fetchall()
        return [self._event(r) for r in rows]

    def sections(self) -> list[tuple[int, int | None, int, str, str]]:
        """The article's headings in reading order: (id, parent id, level, title, path).

        Empty for a database without a ``sections`` table (a synthetic one).
        """
        try:
            rows = self.conn.execute(
                "SELECT id, parent_id, level, title, path FROM sections ORDER BY id"
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def sample_texts(self, limit: int = 20_000) -> list[str]:
        """Up to *limit* sentences of the article with capitals restored (or event
        texts, for a database without ``sentences``), to learn how words are cased."""
        try:
            rows = self.conn.execute("SELECT text FROM sentences LIMIT ?", (limit,)).fetchall()
        except sqlite3.OperationalError:
            rows = self.conn.execute("SELECT text FROM events LIMIT ?", (limit,)).fetchall()
        return [r[0] for r in rows]
