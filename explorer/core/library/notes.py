"""Notes: a reader's own text on an event, searchable like the events.

The notes index has the event index's columns (text, title, stems, names), so
the *same* FTS5 expression that searches events searches notes.
"""

from __future__ import annotations

import sqlite3

from explorer.core.errors import UsageError
from explorer.core.events.query import Query, plan
from explorer.core.events.stemming import stem_text
from explorer.core.library.connection import LibraryConnection
from explorer.core.library.models import Note, NoteHit
from explorer.core.library.rules import check_note, new_anno_id
from explorer.core.library.snapshots import EventRef, Snapshots, event_id_of
from explorer.i18n import _

_COLUMNS = "id, anno_id, event_id, body, created, modified"


def index_note(
    conn: sqlite3.Connection, note_id: int, body: str | None, *, new: bool = False
) -> None:
    """Keep the notes' FTS row in step with the note (None: the note is gone)."""
    if not new:
        conn.execute("DELETE FROM notes_fts WHERE rowid = ?", (note_id,))
    if body is not None:
        conn.execute(
            "INSERT INTO notes_fts (rowid, text, title, stems, names) VALUES (?, ?, '', ?, '')",
            (note_id, body, stem_text(body)),
        )


class Notes:
    """The ``notes`` table and its full-text index."""

    def __init__(self, db: LibraryConnection, events: Snapshots) -> None:
        self.db = db
        self.events = events

    def add(self, event: EventRef, body: str, anno_id: str | None = None) -> Note:
        """A new note on *event* (multi-line text; events can have several notes).

        Pass the same *anno_id* again to replace a note that could not be saved
        yet (a draft typed on a full disk): it is kept once, with its newest text.
        """
        body = check_note(body)
        now, anno_id = self.db.now(), anno_id or new_anno_id()

        def apply(conn: sqlite3.Connection) -> int:
            event_id = self.events.remember(conn, event)
            conn.execute(
                "INSERT INTO notes (anno_id, event_id, body, created, modified) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (anno_id) DO UPDATE SET "
                "body = excluded.body, modified = excluded.modified",
                (anno_id, event_id, body, now, now),
            )
            note_id = int(
                conn.execute("SELECT id FROM notes WHERE anno_id = ?", (anno_id,)).fetchone()[0]
            )
            index_note(conn, note_id, body)
            return note_id

        note_id = self.db.write(_("Add a note"), apply, key=("note", anno_id))
        return Note(note_id, anno_id, event_id_of(event), body, now, now)

    def update(self, note_id: int, body: str) -> Note:
        """Change a note's text; its modified time moves, its created time stays."""
        body = check_note(body)
        now = self.db.now()

        def apply(conn: sqlite3.Connection) -> None:
            cur = conn.execute(
                "UPDATE notes SET body = ?, modified = ? WHERE id = ? AND body != ?",
                (body, now, note_id, body),
            )
            if cur.rowcount:
                index_note(conn, note_id, body)
            elif not conn.execute("SELECT 1 FROM notes WHERE id = ?", (note_id,)).fetchone():
                raise UsageError(_("That note no longer exists."))

        self.db.write(_("Edit a note"), apply, key=("note-id", note_id))
        note = self.get(note_id)
        assert note is not None
        return note

    def delete(self, note_id: int) -> None:
        def apply(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
            index_note(conn, note_id, None)

        self.db.write(_("Delete a note"), apply, key=("note-id", note_id))

    def get(self, note_id: int) -> Note | None:
        row = self.db.conn.execute(f"SELECT {_COLUMNS} FROM notes WHERE id = ?", (note_id,))
        found = row.fetchone()
        return Note(*found) if found else None

    def all(self, event_id: str | None = None) -> list[Note]:
        """Notes on one event (oldest first), or every note if *event_id* is None."""
        conn = self.db.conn
        if event_id is None:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM notes ORDER BY created, id")
        else:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM notes WHERE event_id = ? ORDER BY created, id",
                (event_id,),
            )
        return [Note(*r) for r in rows]

    def event_ids(self) -> set[str]:
        """Events with at least one note."""
        return {r[0] for r in self.db.conn.execute("SELECT DISTINCT event_id FROM notes")}

    def hits(self, match: str, limit: int = 10_000) -> list[NoteHit]:
        """Notes matching an FTS5 expression from :func:`explorer.core.events.query.plan`."""
        rows = self.db.conn.execute(
            "SELECT n.id, n.event_id, bm25(notes_fts) FROM notes_fts "
            "JOIN notes n ON n.id = notes_fts.rowid WHERE notes_fts MATCH ? "
            "ORDER BY bm25(notes_fts) LIMIT ?",
            (match, limit),
        )
        return [NoteHit(int(r[0]), str(r[1]), float(r[2])) for r in rows]

    def matching_event_ids(self, match: str) -> set[str]:
        """Events with a note matching the FTS5 expression *match*."""
        return {hit.event_id for hit in self.hits(match)}

    def search(self, text: str) -> list[Note]:
        """Notes matching what a user typed (same syntax as the event search)."""
        expression = plan(Query(text=text)).match
        if expression is None:
            return []
        hits = self.hits(expression)
        wanted = {h.note_id for h in hits}
        found = {n.id: n for n in self.all() if n.id in wanted}
        return [found[h.note_id] for h in hits if h.note_id in found]
