"""The event store: the bundled (or a ``--db``) event database, opened read-only.

SQLite is wrapped once here. Opening checks that the file is a regular file
and a Kroniek event database of a schema version this build understands, with
values Kroniek can compute with; anything else — missing, a pipe or device,
unreadable, corrupt, truncated, newer, crafted — becomes a
:class:`DatabaseError` with one clear line for the user, never a traceback.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explorer.core.events.checks import DatabaseError as DatabaseError
from explorer.core.events.checks import check_columns, check_data, check_file
from explorer.core.events.schema import SCHEMA_VERSION
from explorer.i18n import _

REQUIRED_TABLES = ("events", "meta", "categories", "places", "actors", "events_fts")


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
    """Open *path* read-only and check it is a usable event database.

    The file is checked before SQLite sees it (a regular, readable SQLite
    file; a pipe or device would block SQLite), then its tables, columns and
    every event's values (:mod:`explorer.core.events.checks`). Anything wrong
    is a :class:`DatabaseError` with one line naming it. Nothing is written:
    a WAL database on read-only media is opened ``immutable``.
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
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if version < 1 or missing:
            raise DatabaseError(
                _("{path} is not a Kroniek event database (missing: {tables}).").format(
                    path=path, tables=", ".join(missing) or "user_version"
                )
            )
        check_columns(conn, path)
        check_data(conn, path)
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
    return conn


class EventStore:
    """Read access to events, their links, categories and article context."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = connect_readonly(path)
        self.conn.row_factory = sqlite3.Row

    def close(self) -> None:
        self.conn.close()

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
            "source": {
                "title": meta.get("source_title", ""),
                "wiki": meta.get("source_wiki", ""),
                "url": meta.get("source_url", ""),
                "licence": meta.get("source_licence", ""),
                "note": meta.get("source_note", ""),
            },
        }

    def event(self, event_id: str) -> Event | None:
        row = self.conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE id = ?", (event_id,)
        ).fetchone()
        return Event(**dict(row)) if row else None

    def events(self, ids: list[str]) -> dict[str, Event]:
        """Several events by id (order of the result is not meaningful)."""
        result: dict[str, Event] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT {_EVENT_COLUMNS} FROM events WHERE id IN ({marks})", chunk
            ):
                result[row["id"]] = Event(**dict(row))
        return result

    def entities(self, event_id: str) -> list[Entity]:
        """Places, then actors, linked to *event_id*."""
        rows = self.conn.execute(
            "SELECT 'place', p.id, p.name_nl, p.name_en, p.kind FROM event_places ep "
            "JOIN places p ON p.id = ep.place_id WHERE ep.event_id = ? "
            "UNION ALL SELECT 'actor', a.id, a.name_nl, a.name_en, a.kind FROM event_actors ea "
            "JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = ?",
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
        return [Event(**dict(r)) for r in rows]

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

    def neighbours(self, event: Event) -> tuple[str | None, str | None]:
        """Ids of the events just before and after *event* in time."""
        key = (event.date_min, event.seq)
        prev = self.conn.execute(
            "SELECT id FROM events WHERE (date_min, seq) < (?, ?) "
            "ORDER BY date_min DESC, seq DESC LIMIT 1",
            key,
        ).fetchone()
        nxt = self.conn.execute(
            "SELECT id FROM events WHERE (date_min, seq) > (?, ?) ORDER BY date_min, seq LIMIT 1",
            key,
        ).fetchone()
        return (prev[0] if prev else None, nxt[0] if nxt else None)
