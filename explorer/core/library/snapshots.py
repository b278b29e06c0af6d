"""What the library remembers of each event it annotates.

Events are referenced by their stable text ids; the library keeps a snapshot
of each (title, date, text) so that notes on events a newer event database no
longer has can still be shown as orphaned.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping

from explorer.core.library.connection import LibraryConnection
from explorer.core.library.models import EventLike, EventSnapshot
from explorer.i18n import _

EventRef = EventLike | EventSnapshot | str

_COLUMNS = (
    'event_id, title, start, "end", precision, qualifier, text, section, source_start, source_end'
)


def event_id_of(event: EventRef) -> str:
    return event if isinstance(event, str) else event.id


class Snapshots:
    """The library's ``events`` table."""

    def __init__(self, db: LibraryConnection) -> None:
        self.db = db

    def remember(self, conn: sqlite3.Connection, event: EventRef) -> str:
        """Make sure the event has a snapshot row (inside a write); returns its id."""
        now = self.db.now()
        if isinstance(event, str):
            conn.execute(
                "INSERT OR IGNORE INTO events (event_id, seen) VALUES (?, ?)", (event, now)
            )
            return event
        snap = event if isinstance(event, EventSnapshot) else EventSnapshot.of(event)
        if not snap.title:
            # A bare reference must not wipe what we knew of the event.
            conn.execute(
                "INSERT OR IGNORE INTO events (event_id, seen) VALUES (?, ?)", (snap.id, now)
            )
            return snap.id
        conn.execute(
            'INSERT INTO events (event_id, title, start, "end", precision, qualifier, text, '
            "section, source_start, source_end, seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (event_id) DO UPDATE SET title = excluded.title, start = excluded.start, "
            '"end" = excluded."end", precision = excluded.precision, '
            "qualifier = excluded.qualifier, text = excluded.text, section = excluded.section, "
            "source_start = excluded.source_start, source_end = excluded.source_end, "
            "seen = excluded.seen",
            snap.row(now),
        )
        return snap.id

    def refresh(self, lookup: Callable[[list[str]], Mapping[str, EventLike]]) -> int:
        """Update what the library remembers of its events from the event database.

        Pass ``store.events``; events it no longer has keep their last snapshot.
        Returns how many were refreshed.
        """
        ids = [r[0] for r in self.db.conn.execute("SELECT event_id FROM events")]
        found = lookup(ids)
        if not found:
            return 0

        def apply(conn: sqlite3.Connection) -> int:
            for event in found.values():
                self.remember(conn, event)
            return len(found)

        return self.db.write(_("Refresh remembered events"), apply)

    def get(self, ids: Iterable[str] | None = None) -> dict[str, EventSnapshot]:
        """What the library remembers of *ids* (all annotated events if None)."""
        sql = f"SELECT {_COLUMNS} FROM events"
        conn = self.db.conn
        if ids is None:
            rows = conn.execute(sql).fetchall()
        else:
            wanted = list(ids)
            rows = []
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows += conn.execute(f"{sql} WHERE event_id IN ({marks})", chunk).fetchall()
        return {r[0]: EventSnapshot(*r) for r in rows}

    def annotated_ids(self) -> set[str]:
        """Every event the library has something on (bookmark, note, tag, collection)."""
        rows = self.db.conn.execute(
            "SELECT event_id FROM bookmarks UNION SELECT event_id FROM notes "
            "UNION SELECT event_id FROM event_tags UNION SELECT event_id FROM collection_items"
        )
        return {r[0] for r in rows}
