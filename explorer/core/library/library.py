"""The user library: the reader's bookmarks, notes, tags, collections and searches.

Qt-free; the window's library panel is built on top of :class:`Library`::

    lib = Library()                      # user-data folder (or --data-dir)
    lib.set_bookmarked(event, True)
    note = lib.add_note(event, "Zie ook de VN-resolutie.")
    lib.tag_event(event, "Kerncentrales")
    lib.complete_tags("ker")             # ["Kerncentrales"]
    lib.close()

Events are referenced by their stable text ids and the library keeps a
snapshot of each (title, date, text) so that notes on events a newer event
database no longer has can be shown as orphaned (:meth:`Library.orphans`).
Opening, transactions, backups and the handling of full or read-only disks
live in :mod:`explorer.core.library.base`; the file format in
:mod:`explorer.core.library.db`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Container, Iterable
from typing import Any

from explorer.core.errors import UsageError, shown
from explorer.core.events.query import Query, plan
from explorer.core.events.stemming import fold, stem_text
from explorer.core.library import merge as library_merge
from explorer.core.library.base import CHANGE_KINDS, default_library_path
from explorer.core.library.db import (
    LibraryCorruptError,
    LibraryError,
    LibraryFullError,
    LibraryReadOnlyError,
    LibraryVersionError,
    LibraryWriteError,
)
from explorer.core.library.lists import ListsMixin, new_anno_id
from explorer.core.library.models import (
    Bookmark,
    EventLike,
    EventSnapshot,
    LibraryContents,
    MergeResult,
    Note,
    NoteHit,
    OrphanedEvent,
    Tag,
    TagLink,
)
from explorer.i18n import _

__all__ = [
    "CHANGE_KINDS",
    "Library",
    "LibraryCorruptError",
    "LibraryError",
    "LibraryFullError",
    "LibraryReadOnlyError",
    "LibraryVersionError",
    "LibraryWriteError",
    "default_library_path",
]

MAX_NOTE = 100_000
MAX_TAG = 100
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")

EventRef = EventLike | EventSnapshot | str


def clean_tag(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise UsageError(_("A tag needs a name."))
    if len(cleaned) > MAX_TAG:
        raise UsageError(_("A tag can be at most {n} characters.").format(n=MAX_TAG))
    return cleaned


def clean_color(color: str) -> str:
    color = color.strip()
    if color and not _COLOR.fullmatch(color):
        raise UsageError(_("A tag colour looks like #1f77b4, not “{color}”.").format(color=color))
    return color.lower()


def check_note(body: str) -> str:
    if not body.strip():
        raise UsageError(_("A note cannot be empty."))
    if len(body) > MAX_NOTE:
        raise UsageError(_("A note can be at most {n} characters.").format(n=MAX_NOTE))
    return body


def _event_id(event: EventRef) -> str:
    return event if isinstance(event, str) else event.id


def index_note(conn: sqlite3.Connection, note_id: int, body: str | None) -> None:
    """Keep the notes' FTS row in step with the note (None: the note is gone)."""
    conn.execute("DELETE FROM notes_fts WHERE rowid = ?", (note_id,))
    if body is not None:
        conn.execute(
            "INSERT INTO notes_fts (rowid, text, title, stems, names) VALUES (?, ?, '', ?, '')",
            (note_id, body, stem_text(body)),
        )


_NOTE_COLUMNS = "id, anno_id, event_id, body, created, modified"


class Library(ListsMixin):
    """One open user library (see the module docstring and :class:`LibraryBase`)."""

    # -- bookmarks --------------------------------------------------------

    def is_bookmarked(self, event_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM bookmarks WHERE event_id = ?", (event_id,))
        return row.fetchone() is not None

    def set_bookmarked(self, event: EventRef, on: bool = True) -> None:
        """Star or unstar *event* (doing it twice changes nothing)."""
        now = self.now()

        def apply(conn: sqlite3.Connection) -> None:
            if on:
                event_id = self._remember(conn, event)
                conn.execute(
                    "INSERT OR IGNORE INTO bookmarks (anno_id, event_id, created, modified) "
                    "VALUES (?, ?, ?, ?)",
                    (new_anno_id(), event_id, now, now),
                )
            else:
                conn.execute("DELETE FROM bookmarks WHERE event_id = ?", (_event_id(event),))

        what = _("Bookmark an event") if on else _("Remove a bookmark")
        self._write(what, "bookmarks", apply)

    def toggle_bookmark(self, event: EventRef) -> bool:
        """Star an unstarred event or unstar a starred one; True if now starred."""
        on = not self.is_bookmarked(_event_id(event))
        self.set_bookmarked(event, on)
        return on

    def bookmarks(self) -> list[Bookmark]:
        """Bookmarks, newest first."""
        rows = self.conn.execute(
            "SELECT anno_id, event_id, created, modified FROM bookmarks ORDER BY created DESC"
        )
        return [Bookmark(*r) for r in rows]

    def bookmarked_ids(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT event_id FROM bookmarks")}

    # -- notes ------------------------------------------------------------

    def add_note(self, event: EventRef, body: str) -> Note:
        """A new note on *event* (multi-line text; events can have several notes)."""
        body = check_note(body)
        now, anno_id = self.now(), new_anno_id()

        def apply(conn: sqlite3.Connection) -> int:
            event_id = self._remember(conn, event)
            cur = conn.execute(
                "INSERT INTO notes (anno_id, event_id, body, created, modified) "
                "VALUES (?, ?, ?, ?, ?)",
                (anno_id, event_id, body, now, now),
            )
            note_id = int(cur.lastrowid or 0)
            index_note(conn, note_id, body)
            return note_id

        note_id = self._write(_("Add a note"), "notes", apply)
        return Note(note_id, anno_id, _event_id(event), body, now, now)

    def update_note(self, note_id: int, body: str) -> Note:
        """Change a note's text; its modified time moves, its created time stays."""
        body = check_note(body)
        now = self.now()

        def apply(conn: sqlite3.Connection) -> None:
            cur = conn.execute(
                "UPDATE notes SET body = ?, modified = ? WHERE id = ? AND body != ?",
                (body, now, note_id, body),
            )
            if cur.rowcount:
                index_note(conn, note_id, body)
            elif not conn.execute("SELECT 1 FROM notes WHERE id = ?", (note_id,)).fetchone():
                raise UsageError(_("That note no longer exists."))

        self._write(_("Edit a note"), "notes", apply)
        note = self.note(note_id)
        assert note is not None
        return note

    def delete_note(self, note_id: int) -> None:
        def apply(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
            index_note(conn, note_id, None)

        self._write(_("Delete a note"), "notes", apply)

    def note(self, note_id: int) -> Note | None:
        row = self.conn.execute(f"SELECT {_NOTE_COLUMNS} FROM notes WHERE id = ?", (note_id,))
        found = row.fetchone()
        return Note(*found) if found else None

    def notes(self, event_id: str | None = None) -> list[Note]:
        """Notes on one event (oldest first), or every note if *event_id* is None."""
        if event_id is None:
            rows = self.conn.execute(f"SELECT {_NOTE_COLUMNS} FROM notes ORDER BY created, id")
        else:
            rows = self.conn.execute(
                f"SELECT {_NOTE_COLUMNS} FROM notes WHERE event_id = ? ORDER BY created, id",
                (event_id,),
            )
        return [Note(*r) for r in rows]

    def noted_ids(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT DISTINCT event_id FROM notes")}

    # -- searching notes --------------------------------------------------

    def note_hits(self, match: str, limit: int = 10_000) -> list[NoteHit]:
        """Notes matching an FTS5 expression from :func:`explorer.core.events.query.plan`.

        The notes index has the event index's columns (text, title, stems,
        names), so the *same* expression that searches events searches notes:
        the search engine can OR the events of these hits into its results.
        """
        rows = self.conn.execute(
            "SELECT n.id, n.event_id, bm25(notes_fts) FROM notes_fts "
            "JOIN notes n ON n.id = notes_fts.rowid WHERE notes_fts MATCH ? "
            "ORDER BY bm25(notes_fts) LIMIT ?",
            (match, limit),
        )
        return [NoteHit(int(r[0]), str(r[1]), float(r[2])) for r in rows]

    def note_event_ids(self, match: str) -> set[str]:
        """Events with a note matching the FTS5 expression *match*."""
        return {hit.event_id for hit in self.note_hits(match)}

    def search_notes(self, text: str) -> list[Note]:
        """Notes matching what a user typed (same syntax as the event search)."""
        expression = plan(Query(text=text)).match
        if expression is None:
            return []
        hits = self.note_hits(expression)
        found = {n.id: n for n in self.notes() if n.id in {h.note_id for h in hits}}
        return [found[h.note_id] for h in hits if h.note_id in found]

    # -- tags -------------------------------------------------------------

    def tags(self) -> list[Tag]:
        """Every tag by name, with the number of events carrying it."""
        rows = self.conn.execute(
            "SELECT t.id, t.name, t.color, count(et.event_id) FROM tags t "
            "LEFT JOIN event_tags et ON et.tag_id = t.id GROUP BY t.id "
            "ORDER BY t.name COLLATE NOCASE"
        )
        return [Tag(*r) for r in rows]

    def tag(self, name: str) -> Tag | None:
        row = self.conn.execute(
            "SELECT t.id, t.name, t.color, (SELECT count(*) FROM event_tags WHERE tag_id = t.id) "
            "FROM tags t WHERE t.name = ? COLLATE NOCASE",
            (" ".join(name.split()),),
        ).fetchone()
        return Tag(*row) if row else None

    def complete_tags(self, prefix: str, limit: int = 10) -> list[str]:
        """Tag names for autocomplete: starting with *prefix* (ignoring case and
        accents) first, then containing it; the most used first."""
        wanted = fold(" ".join(prefix.split()))
        tags = sorted(self.tags(), key=lambda t: (-t.count, fold(t.name)))
        starts = [t.name for t in tags if fold(t.name).startswith(wanted)]
        inside = [t.name for t in tags if wanted in fold(t.name) and t.name not in starts]
        return (starts + inside)[:limit]

    def event_tags(self, event_id: str) -> list[Tag]:
        rows = self.conn.execute(
            "SELECT t.id, t.name, t.color, 0 FROM event_tags et JOIN tags t ON t.id = et.tag_id "
            "WHERE et.event_id = ? ORDER BY t.name COLLATE NOCASE",
            (event_id,),
        )
        return [Tag(*r) for r in rows]

    def tagged_ids(self, names: Iterable[str]) -> set[str]:
        """Events carrying any of the tags *names*."""
        wanted = [" ".join(n.split()) for n in names]
        marks = ",".join("?" * len(wanted))
        rows = self.conn.execute(
            "SELECT DISTINCT et.event_id FROM event_tags et JOIN tags t ON t.id = et.tag_id "
            f"WHERE t.name COLLATE NOCASE IN ({marks})",
            wanted,
        )
        return {r[0] for r in rows}

    def _tag_id(self, conn: sqlite3.Connection, name: str, color: str = "") -> int:
        row = conn.execute("SELECT id FROM tags WHERE name = ? COLLATE NOCASE", (name,)).fetchone()
        if row:
            return int(row[0])
        cur = conn.execute(
            "INSERT INTO tags (name, color, created) VALUES (?, ?, ?)", (name, color, self.now())
        )
        return int(cur.lastrowid or 0)

    def tag_event(self, event: EventRef, name: str, color: str | None = None) -> None:
        """Put the tag *name* on *event*, creating the tag if it is new."""
        name = clean_tag(name)
        new_color = clean_color(color) if color is not None else None
        now = self.now()

        def apply(conn: sqlite3.Connection) -> None:
            event_id = self._remember(conn, event)
            tag_id = self._tag_id(conn, name, new_color or "")
            if new_color is not None:
                conn.execute("UPDATE tags SET color = ? WHERE id = ?", (new_color, tag_id))
            conn.execute(
                "INSERT OR IGNORE INTO event_tags (anno_id, event_id, tag_id, created, modified) "
                "VALUES (?, ?, ?, ?, ?)",
                (new_anno_id(), event_id, tag_id, now, now),
            )

        self._write(_("Tag an event with {tag}").format(tag=name), "tags", apply)

    def untag_event(self, event_id: str, name: str) -> None:
        def apply(conn: sqlite3.Connection) -> None:
            conn.execute(
                "DELETE FROM event_tags WHERE event_id = ? AND tag_id IN "
                "(SELECT id FROM tags WHERE name = ? COLLATE NOCASE)",
                (event_id, " ".join(name.split())),
            )

        self._write(_("Remove the tag {tag}").format(tag=name), "tags", apply)

    def _existing_tag(self, conn: sqlite3.Connection, name: str) -> int:
        row = conn.execute("SELECT id FROM tags WHERE name = ? COLLATE NOCASE", (name,)).fetchone()
        if row is None:
            raise UsageError(_("There is no tag “{tag}”.").format(tag=shown(name)))
        return int(row[0])

    def rename_tag(self, old: str, new: str) -> None:
        """Rename a tag everywhere. Renaming onto another tag's name is refused:
        :meth:`merge_tags` says that intent explicitly."""
        old, new = " ".join(old.split()), clean_tag(new)
        now = self.now()

        def apply(conn: sqlite3.Connection) -> None:
            tag_id = self._existing_tag(conn, old)
            clash = conn.execute(
                "SELECT id FROM tags WHERE name = ? COLLATE NOCASE AND id != ?", (new, tag_id)
            ).fetchone()
            if clash:
                raise UsageError(
                    _("A tag “{tag}” exists already; merge the two tags instead.").format(
                        tag=shown(new)
                    )
                )
            conn.execute("UPDATE tags SET name = ? WHERE id = ?", (new, tag_id))
            # The tag's annotations changed: a newer export must win on import.
            conn.execute("UPDATE event_tags SET modified = ? WHERE tag_id = ?", (now, tag_id))

        self._write(_("Rename the tag {old} to {new}").format(old=old, new=new), "tags", apply)

    def merge_tags(self, sources: Iterable[str], into: str) -> None:
        """Move every event of the *sources* tags to the tag *into*, then drop them."""
        target = clean_tag(into)
        names = [" ".join(s.split()) for s in sources]
        now = self.now()

        def apply(conn: sqlite3.Connection) -> None:
            source_ids = [self._existing_tag(conn, n) for n in names]
            color = ""
            for source_id in source_ids:
                color = (
                    color
                    or conn.execute("SELECT color FROM tags WHERE id = ?", (source_id,)).fetchone()[
                        0
                    ]
                )
            target_id = self._tag_id(conn, target, color)
            for source_id in source_ids:
                if source_id == target_id:
                    continue
                conn.execute(
                    "DELETE FROM event_tags WHERE tag_id = ? AND event_id IN "
                    "(SELECT event_id FROM event_tags WHERE tag_id = ?)",
                    (source_id, target_id),
                )
                conn.execute(
                    "UPDATE event_tags SET tag_id = ?, modified = ? WHERE tag_id = ?",
                    (target_id, now, source_id),
                )
                conn.execute("DELETE FROM tags WHERE id = ?", (source_id,))

        self._write(_("Merge tags into {tag}").format(tag=target), "tags", apply)

    def set_tag_color(self, name: str, color: str) -> None:
        """Give a tag a colour (``#rrggbb``; empty for none)."""
        color = clean_color(color)
        now = self.now()

        def apply(conn: sqlite3.Connection) -> None:
            tag_id = self._existing_tag(conn, " ".join(name.split()))
            conn.execute("UPDATE tags SET color = ? WHERE id = ?", (color, tag_id))
            conn.execute("UPDATE event_tags SET modified = ? WHERE tag_id = ?", (now, tag_id))

        self._write(_("Colour the tag {tag}").format(tag=name), "tags", apply)

    def delete_tag(self, name: str) -> None:
        def apply(conn: sqlite3.Connection) -> None:
            conn.execute(
                "DELETE FROM tags WHERE name = ? COLLATE NOCASE", (" ".join(name.split()),)
            )

        self._write(_("Delete the tag {tag}").format(tag=name), "tags", apply)

    def tag_links(self) -> list[TagLink]:
        rows = self.conn.execute(
            "SELECT et.anno_id, et.event_id, t.name, t.color, et.created, et.modified "
            "FROM event_tags et JOIN tags t ON t.id = et.tag_id ORDER BY et.created, t.name"
        )
        return [TagLink(*r) for r in rows]

    # -- orphans and contents ---------------------------------------------

    def annotated_ids(self) -> set[str]:
        """Every event the library has something on (bookmark, note, tag, collection)."""
        rows = self.conn.execute(
            "SELECT event_id FROM bookmarks UNION SELECT event_id FROM notes "
            "UNION SELECT event_id FROM event_tags UNION SELECT event_id FROM collection_items"
        )
        return {r[0] for r in rows}

    def orphans(self, known_ids: Container[str]) -> list[OrphanedEvent]:
        """Annotated events the event database does not have, with their saved text.

        Pass the ids the current event database has, e.g.
        ``store.events(sorted(lib.annotated_ids())).keys()``. Nothing is deleted:
        the notes stay and are shown as orphaned.
        """
        missing = sorted(i for i in self.annotated_ids() if i not in known_ids)
        snaps = self.snapshots(missing)
        bookmarked = self.bookmarked_ids()
        result = []
        for event_id in missing:
            snap = snaps.get(event_id, EventSnapshot(event_id))
            tags = tuple(t.name for t in self.event_tags(event_id))
            result.append(
                OrphanedEvent(snap, tuple(self.notes(event_id)), tags, event_id in bookmarked)
            )
        return result

    def contents(self) -> LibraryContents:
        """Everything in the library, for export."""
        return LibraryContents(
            events=self.snapshots(),
            bookmarks=sorted(self.bookmarks(), key=lambda b: (b.created, b.event_id)),
            notes=self.notes(),
            tag_links=self.tag_links(),
            tags=self.tags(),
            collections=self.collections(),
            searches=self.saved_searches(),
        )

    def counts(self) -> dict[str, Any]:
        """How many of each kind the library holds (for a status line)."""
        contents = self.contents()
        return {
            "bookmarks": len(contents.bookmarks),
            "notes": len(contents.notes),
            "tags": len(contents.tags),
            "collections": len(contents.collections),
            "searches": len(contents.searches),
        }

    def merge(self, contents: LibraryContents) -> MergeResult:
        """Merge imported items in one transaction (all or nothing).

        Items are matched by ``anno_id``: the newer ``modified`` wins. An item
        with a new id that duplicates one already here (the same bookmark, tag
        on the same event, note text on the same event, collection or search
        name) is skipped, so importing twice never duplicates anything.
        """

        def apply(conn: sqlite3.Connection) -> MergeResult:
            return library_merge.merge(conn, contents, self._remember, self._tag_id, index_note)

        return self._write(_("Import annotations"), "all", apply)
