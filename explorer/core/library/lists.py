"""Collections: named, ordered lists of events.

Names are unique (ignoring case) so a user can tell collections apart in a menu.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from explorer.core.errors import UsageError, shown
from explorer.core.library.connection import LibraryConnection
from explorer.core.library.models import Collection
from explorer.core.library.rules import (
    MAX_DESCRIPTION,
    check_collection_size,
    clean_name,
    new_anno_id,
    storable,
)
from explorer.core.library.snapshots import EventRef, Snapshots
from explorer.i18n import _

_COLUMNS = "id, anno_id, name, description, created, modified"


def collection_word() -> str:
    return _("collection")


def check_free(conn: sqlite3.Connection, table: str, name: str, own: int = 0) -> None:
    """Refuse *name* if another row of *table* has it (ignoring case)."""
    # table is one of two literals in this package, never user input.
    row = conn.execute(
        f"SELECT id FROM {table} WHERE name = ? COLLATE NOCASE AND id != ?", (name, own)
    ).fetchone()
    if row:
        raise UsageError(_("The name “{name}” is already used.").format(name=shown(name)))


def _items(conn: sqlite3.Connection, collection_id: int) -> list[str]:
    rows = conn.execute(
        "SELECT event_id FROM collection_items WHERE collection_id = ? ORDER BY position",
        (collection_id,),
    )
    return [r[0] for r in rows]


def _exists(conn: sqlite3.Connection, collection_id: int) -> None:
    if not conn.execute("SELECT 1 FROM collections WHERE id = ?", (collection_id,)).fetchone():
        raise UsageError(_("That collection no longer exists."))


class Collections:
    """The ``collections`` and ``collection_items`` tables."""

    def __init__(self, db: LibraryConnection, events: Snapshots) -> None:
        self.db = db
        self.events = events

    def all(self) -> list[Collection]:
        """Every collection by name, each with its events in order."""
        rows = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM collections ORDER BY name COLLATE NOCASE"
        ).fetchall()
        return [self._collection(r) for r in rows]

    def get(self, collection_id: int) -> Collection | None:
        row = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM collections WHERE id = ?", (collection_id,)
        ).fetchone()
        return self._collection(row) if row else None

    def _collection(self, row: tuple[int, str, str, str, str, str]) -> Collection:
        return Collection(*row[:6], event_ids=tuple(_items(self.db.conn, row[0])))

    def create(self, name: str, description: str = "") -> Collection:
        name = clean_name(name, collection_word())
        description = storable(description).strip()[:MAX_DESCRIPTION]
        now, anno_id = self.db.now(), new_anno_id()

        def apply(conn: sqlite3.Connection) -> int:
            check_free(conn, "collections", name)
            cur = conn.execute(
                "INSERT INTO collections (anno_id, name, description, created, modified) "
                "VALUES (?, ?, ?, ?, ?)",
                (anno_id, name, description, now, now),
            )
            return int(cur.lastrowid or 0)

        new_id = self.db.write(_("Create collection {name}").format(name=name), apply)
        return Collection(new_id, anno_id, name, description, now, now)

    def rename(self, collection_id: int, name: str, description: str | None = None) -> None:
        name = clean_name(name, collection_word())
        now = self.db.now()

        def apply(conn: sqlite3.Connection) -> None:
            _exists(conn, collection_id)
            check_free(conn, "collections", name, collection_id)
            conn.execute(
                "UPDATE collections SET name = ?, modified = ? WHERE id = ?",
                (name, now, collection_id),
            )
            if description is not None:
                conn.execute(
                    "UPDATE collections SET description = ? WHERE id = ?",
                    (storable(description).strip()[:MAX_DESCRIPTION], collection_id),
                )

        self.db.write(_("Rename collection to {name}").format(name=name), apply)

    def delete(self, collection_id: int) -> None:
        def apply(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM collections WHERE id = ?", (collection_id,))

        self.db.write(_("Delete a collection"), apply)

    def _renumber(self, conn: sqlite3.Connection, collection_id: int, ids: Sequence[str]) -> None:
        # Positions are rewritten whole: collections are short, and gaps or
        # ties left by concurrent edits can never survive a change.
        check_collection_size(len(ids))
        conn.execute("DELETE FROM collection_items WHERE collection_id = ?", (collection_id,))
        conn.executemany(
            "INSERT INTO collection_items (collection_id, event_id, position) VALUES (?, ?, ?)",
            [(collection_id, event_id, i) for i, event_id in enumerate(ids)],
        )
        conn.execute(
            "UPDATE collections SET modified = ? WHERE id = ?", (self.db.now(), collection_id)
        )

    def add(self, collection_id: int, event: EventRef, position: int | None = None) -> None:
        """Add *event* at *position* (default: the end); moves it if already there."""

        def apply(conn: sqlite3.Connection) -> None:
            _exists(conn, collection_id)
            event_id = self.events.remember(conn, event)
            ids = [i for i in _items(conn, collection_id) if i != event_id]
            ids.insert(len(ids) if position is None else max(0, position), event_id)
            self._renumber(conn, collection_id, ids)

        self.db.write(_("Add an event to a collection"), apply)

    def remove(self, collection_id: int, event_id: str) -> None:
        def apply(conn: sqlite3.Connection) -> None:
            ids = [i for i in _items(conn, collection_id) if i != event_id]
            self._renumber(conn, collection_id, ids)

        self.db.write(_("Remove an event from a collection"), apply)

    def move(self, collection_id: int, event_id: str, position: int) -> None:
        """Move one event to *position* (0 = first; past the end = last)."""

        def apply(conn: sqlite3.Connection) -> None:
            ids = _items(conn, collection_id)
            if event_id not in ids:
                raise UsageError(_("That event is not in the collection."))
            ids.remove(event_id)
            ids.insert(max(0, min(position, len(ids))), event_id)
            self._renumber(conn, collection_id, ids)

        self.db.write(_("Reorder a collection"), apply)

    def reorder(self, collection_id: int, event_ids: Sequence[str]) -> None:
        """Put the collection in the order of *event_ids* (the same events)."""

        def apply(conn: sqlite3.Connection) -> None:
            current = _items(conn, collection_id)
            if sorted(current) != sorted(event_ids):
                raise UsageError(_("The new order must list the same events."))
            self._renumber(conn, collection_id, list(event_ids))

        self.db.write(_("Reorder a collection"), apply)
