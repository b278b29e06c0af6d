"""Saved searches: a query, its facets and the timeline's window, under a name."""

from __future__ import annotations

import json
import sqlite3

from explorer.core.errors import UsageError
from explorer.core.events.query import Query
from explorer.core.library.connection import LibraryConnection
from explorer.core.library.lists import check_free
from explorer.core.library.models import SavedSearch, search_from_spec
from explorer.core.library.rules import clean_name, new_anno_id, storable
from explorer.i18n import _

_COLUMNS = "id, anno_id, name, spec, created, modified"


def search_word() -> str:
    return _("saved search")


def _search(row: tuple[int, str, str, str, str, str]) -> SavedSearch | None:
    try:
        spec = json.loads(row[3])
        return search_from_spec(
            spec, id=row[0], anno_id=row[1], name=row[2], created=row[4], modified=row[5]
        )
    except (ValueError, RecursionError, UsageError):
        # A library edited by hand (or by an old bug) must not break the panel.
        return None


class SavedSearches:
    """The ``saved_searches`` table; names are unique, ignoring case."""

    def __init__(self, db: LibraryConnection) -> None:
        self.db = db

    def all(self) -> list[SavedSearch]:
        """Every readable saved search by name (malformed ones are left out)."""
        rows = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM saved_searches ORDER BY name COLLATE NOCASE"
        ).fetchall()
        return [s for s in map(_search, rows) if s is not None]

    def get(self, search_id: int) -> SavedSearch | None:
        row = self.db.conn.execute(
            f"SELECT {_COLUMNS} FROM saved_searches WHERE id = ?", (search_id,)
        ).fetchone()
        return _search(row) if row else None

    def save(
        self, name: str, query: Query, view_start: str = "", view_end: str = ""
    ) -> SavedSearch:
        """Save *query* and the timeline window under *name* (replacing a same-named one)."""
        name = clean_name(name, search_word())
        now = self.db.now()
        draft = SavedSearch(0, new_anno_id(), name, query, view_start, view_end, now, now)
        spec = storable(draft.spec_json())

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

        new_id, anno_id, created = self.db.write(
            _("Save the search {name}").format(name=name), apply
        )
        return SavedSearch(new_id, anno_id, name, query, view_start, view_end, created, now)

    def rename(self, search_id: int, name: str) -> None:
        name = clean_name(name, search_word())
        now = self.db.now()

        def apply(conn: sqlite3.Connection) -> None:
            check_free(conn, "saved_searches", name, search_id)
            conn.execute(
                "UPDATE saved_searches SET name = ?, modified = ? WHERE id = ?",
                (name, now, search_id),
            )

        self.db.write(_("Rename a saved search"), apply)

    def delete(self, search_id: int) -> None:
        def apply(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM saved_searches WHERE id = ?", (search_id,))

        self.db.write(_("Delete a saved search"), apply)
