"""Bookmarks: the events a reader starred."""

from __future__ import annotations

import sqlite3

from explorer.core.library.connection import LibraryConnection
from explorer.core.library.models import Bookmark
from explorer.core.library.rules import new_anno_id
from explorer.core.library.snapshots import EventRef, Snapshots, event_id_of
from explorer.i18n import _


class Bookmarks:
    """The ``bookmarks`` table: one star per event."""

    def __init__(self, db: LibraryConnection, events: Snapshots) -> None:
        self.db = db
        self.events = events

    def __contains__(self, event_id: object) -> bool:
        row = self.db.conn.execute("SELECT 1 FROM bookmarks WHERE event_id = ?", (event_id,))
        return row.fetchone() is not None

    def mark(self, event: EventRef, on: bool = True) -> None:
        """Star or unstar *event* (doing it twice changes nothing)."""
        now = self.db.now()
        anno_id = new_anno_id()

        def apply(conn: sqlite3.Connection) -> None:
            if on:
                event_id = self.events.remember(conn, event)
                conn.execute(
                    "INSERT OR IGNORE INTO bookmarks (anno_id, event_id, created, modified) "
                    "VALUES (?, ?, ?, ?)",
                    (anno_id, event_id, now, now),
                )
            else:
                conn.execute("DELETE FROM bookmarks WHERE event_id = ?", (event_id_of(event),))

        what = _("Bookmark an event") if on else _("Remove a bookmark")
        self.db.write(what, apply, key=("bookmark", event_id_of(event)))

    def toggle(self, event: EventRef) -> bool:
        """Star an unstarred event or unstar a starred one; True if now starred."""
        on = event_id_of(event) not in self
        self.mark(event, on)
        return on

    def all(self) -> list[Bookmark]:
        """Bookmarks, newest first."""
        rows = self.db.conn.execute(
            "SELECT anno_id, event_id, created, modified FROM bookmarks ORDER BY created DESC"
        )
        return [Bookmark(*r) for r in rows]

    def event_ids(self) -> set[str]:
        return {r[0] for r in self.db.conn.execute("SELECT event_id FROM bookmarks")}
