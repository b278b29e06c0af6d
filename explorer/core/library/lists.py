"""Collections (named, ordered lists of events) and saved searches.

Split from :mod:`explorer.core.library.library` to keep modules small; the methods
become part of :class:`~explorer.core.library.library.Library`. Names are unique
(ignoring case) so a user can tell collections and searches apart in a menu.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Sequence

from explorer.core.errors import UsageError, shown
from explorer.core.events.query import Query
from explorer.core.library.base import LibraryBase
from explorer.core.library.models import (
    Collection,
    EventLike,
    EventSnapshot,
    SavedSearch,
    search_from_spec,
)
from explorer.i18n import _

MAX_NAME = 200
MAX_DESCRIPTION = 10_000


def new_anno_id() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def clean_name(name: str, what: str) -> str:
    """A name with its whitespace tidied; :class:`UsageError` if empty or too long."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise UsageError(_("A {what} needs a name.").format(what=what))
    if len(cleaned) > MAX_NAME:
        raise UsageError(
            _("A {what} name can be at most {n} characters.").format(what=what, n=MAX_NAME)
        )
    return cleaned


def _collection_word() -> str:
    return _("collection")


def _search_word() -> str:
    return _("saved search")


class ListsMixin(LibraryBase):
    """Collections and saved searches of a :class:`Library`."""

    # -- collections ------------------------------------------------------

    def collections(self) -> list[Collection]:
        """Every collection by name, each with its events in order."""
        rows = self.conn.execute(
            "SELECT id, anno_id, name, description, created, modified FROM collections "
            "ORDER BY name COLLATE NOCASE"
        ).fetchall()
        return [self._collection(r) for r in rows]

    def collection(self, collection_id: int) -> Collection | None:
        row = self.conn.execute(
            "SELECT id, anno_id, name, description, created, modified FROM collections "
            "WHERE id = ?",
            (collection_id,),
        ).fetchone()
        return self._collection(row) if row else None

    def _collection(self, row: tuple[int, str, str, str, str, str]) -> Collection:
        return Collection(*row[:6], event_ids=self._items(row[0]))

    def _items(self, collection_id: int) -> tuple[str, ...]:
        rows = self.conn.execute(
            "SELECT event_id FROM collection_items WHERE collection_id = ? ORDER BY position",
            (collection_id,),
        )
        return tuple(r[0] for r in rows)

    def _collection_id(self, conn: sqlite3.Connection, collection_id: int) -> int:
        if conn.execute("SELECT 1 FROM collections WHERE id = ?", (collection_id,)).fetchone():
            return collection_id
        raise UsageError(_("That collection no longer exists."))

    def _check_free(self, conn: sqlite3.Connection, table: str, name: str, own: int = 0) -> None:
        # table is one of two literals below, never user input.
        row = conn.execute(
            f"SELECT id FROM {table} WHERE name = ? COLLATE NOCASE AND id != ?", (name, own)
        ).fetchone()
        if row:
            raise UsageError(_("The name “{name}” is already used.").format(name=shown(name)))

    def create_collection(self, name: str, description: str = "") -> Collection:
        name = clean_name(name, _collection_word())
        description = description.strip()[:MAX_DESCRIPTION]
        now, anno_id = self.now(), new_anno_id()

        def apply(conn: sqlite3.Connection) -> int:
            self._check_free(conn, "collections", name)
            cur = conn.execute(
                "INSERT INTO collections (anno_id, name, description, created, modified) "
                "VALUES (?, ?, ?, ?, ?)",
                (anno_id, name, description, now, now),
            )
            return int(cur.lastrowid or 0)

        new_id = self._write(_("Create collection {name}").format(name=name), "collections", apply)
        return Collection(new_id, anno_id, name, description, now, now)

    def rename_collection(
        self, collection_id: int, name: str, description: str | None = None
    ) -> None:
        name = clean_name(name, _collection_word())
        now = self.now()

        def apply(conn: sqlite3.Connection) -> None:
            self._collection_id(conn, collection_id)
            self._check_free(conn, "collections", name, collection_id)
            conn.execute(
                "UPDATE collections SET name = ?, modified = ? WHERE id = ?",
                (name, now, collection_id),
            )
            if description is not None:
                conn.execute(
                    "UPDATE collections SET description = ? WHERE id = ?",
                    (description.strip()[:MAX_DESCRIPTION], collection_id),
                )

        self._write(_("Rename collection to {name}").format(name=name), "collections", apply)

    def delete_collection(self, collection_id: int) -> None:
        def apply(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM collections WHERE id = ?", (collection_id,))

        self._write(_("Delete a collection"), "collections", apply)

    def _renumber(self, conn: sqlite3.Connection, collection_id: int, ids: Sequence[str]) -> None:
        # Positions are rewritten whole: collections are short, and gaps or
        # ties left by concurrent edits can never survive a change.
        conn.execute("DELETE FROM collection_items WHERE collection_id = ?", (collection_id,))
        conn.executemany(
            "INSERT INTO collection_items (collection_id, event_id, position) VALUES (?, ?, ?)",
            [(collection_id, event_id, i) for i, event_id in enumerate(ids)],
        )
        conn.execute(
            "UPDATE collections SET modified = ? WHERE id = ?", (self.now(), collection_id)
        )

    def _current(self, conn: sqlite3.Connection, collection_id: int) -> list[str]:
        rows = conn.execute(
            "SELECT event_id FROM collection_items WHERE collection_id = ? ORDER BY position",
            (collection_id,),
        )
        return [r[0] for r in rows]

    def add_to_collection(
        self,
        collection_id: int,
        event: EventLike | EventSnapshot | str,
        position: int | None = None,
    ) -> None:
        """Add *event* at *position* (default: the end); moves it if already there."""

        def apply(conn: sqlite3.Connection) -> None:
            self._collection_id(conn, collection_id)
            event_id = self._remember(conn, event)
            ids = [i for i in self._current(conn, collection_id) if i != event_id]
            ids.insert(len(ids) if position is None else max(0, position), event_id)
            self._renumber(conn, collection_id, ids)

        self._write(_("Add an event to a collection"), "collections", apply)

    def remove_from_collection(self, collection_id: int, event_id: str) -> None:
        def apply(conn: sqlite3.Connection) -> None:
            ids = [i for i in self._current(conn, collection_id) if i != event_id]
            self._renumber(conn, collection_id, ids)

        self._write(_("Remove an event from a collection"), "collections", apply)

    def move_in_collection(self, collection_id: int, event_id: str, position: int) -> None:
        """Move one event to *position* (0 = first; past the end = last)."""

        def apply(conn: sqlite3.Connection) -> None:
            ids = self._current(conn, collection_id)
            if event_id not in ids:
                raise UsageError(_("That event is not in the collection."))
            ids.remove(event_id)
            ids.insert(max(0, min(position, len(ids))), event_id)
            self._renumber(conn, collection_id, ids)

        self._write(_("Reorder a collection"), "collections", apply)

    def reorder_collection(self, collection_id: int, event_ids: Sequence[str]) -> None:
        """Put the collection in the order of *event_ids* (the same events)."""

        def apply(conn: sqlite3.Connection) -> None:
            current = self._current(conn, collection_id)
            if sorted(current) != sorted(event_ids):
                raise UsageError(_("The new order must list the same events."))
            self._renumber(conn, collection_id, list(event_ids))

        self._write(_("Reorder a collection"), "collections", apply)

    # -- saved searches ---------------------------------------------------

    def _search(self, row: tuple[int, str, str, str, str, str]) -> SavedSearch:
        spec = json.loads(row[3])
        return search_from_spec(
            spec, id=row[0], anno_id=row[1], name=row[2], created=row[4], modified=row[5]
        )

    def saved_searches(self) -> list[SavedSearch]:
        rows = self.conn.execute(
            "SELECT id, anno_id, name, spec, created, modified FROM saved_searches "
            "ORDER BY name COLLATE NOCASE"
        ).fetchall()
        return [self._search(r) for r in rows]

    def saved_search(self, search_id: int) -> SavedSearch | None:
        row = self.conn.execute(
            "SELECT id, anno_id, name, spec, created, modified FROM saved_searches WHERE id = ?",
            (search_id,),
        ).fetchone()
        return self._search(row) if row else None

    def save_search(
        self, name: str, query: Query, view_start: str = "", view_end: str = ""
    ) -> SavedSearch:
        """Save *query* and the timeline window under *name* (replacing a same-named one)."""
        name = clean_name(name, _search_word())
        now = self.now()
        draft = SavedSearch(0, new_anno_id(), name, query, view_start, view_end, now, now)
        spec = draft.spec_json()

        def apply(conn: sqlite3.Connection) -> tuple[int, str, str]:
            row = conn.execute(
                "SELECT id, anno_id, created FROM saved_searches WHERE name = ? COLLATE NOCASE",
                (name,),
            ).fetchone()
            if row:
                conn.execute(
                    "UPDATE saved_searches SET name = ?, spec = ?, modified = ? WHERE id = ?",
                    (name, spec, now, row[0]),
                )
                return int(row[0]), str(row[1]), str(row[2])
            cur = conn.execute(
                "INSERT INTO saved_searches (anno_id, name, spec, created, modified) "
                "VALUES (?, ?, ?, ?, ?)",
                (draft.anno_id, name, spec, now, now),
            )
            return int(cur.lastrowid or 0), draft.anno_id, now

        new_id, anno_id, created = self._write(
            _("Save the search {name}").format(name=name), "searches", apply
        )
        return SavedSearch(new_id, anno_id, name, query, view_start, view_end, created, now)

    def rename_saved_search(self, search_id: int, name: str) -> None:
        name = clean_name(name, _search_word())
        now = self.now()

        def apply(conn: sqlite3.Connection) -> None:
            self._check_free(conn, "saved_searches", name, search_id)
            conn.execute(
                "UPDATE saved_searches SET name = ?, modified = ? WHERE id = ?",
                (name, now, search_id),
            )

        self._write(_("Rename a saved search"), "searches", apply)

    def delete_saved_search(self, search_id: int) -> None:
        def apply(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM saved_searches WHERE id = ?", (search_id,))

        self._write(_("Delete a saved search"), "searches", apply)
