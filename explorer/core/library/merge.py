"""Merging imported items into the library, inside the caller's transaction.

The rules, per item:

* same ``anno_id`` as an item of the same kind here → the one with the newer
  ``modified`` wins (updated), otherwise the incoming one is skipped;
* an ``anno_id`` that another *kind* of item here already has (a note with a
  bookmark's id) → the incoming item takes an id derived from it and its kind,
  the same each time, so ids stay unique across kinds and every export
  imports again;
* a new ``anno_id`` that would duplicate something already here (a bookmark
  on the same event, the same tag on the same event, the same note text on the
  same event, a collection or saved search of the same name) → skipped;
* anything else → added, keeping its own created/modified times.

A :class:`Merger` runs inside :meth:`Library.merge`'s single transaction (or
an import's), possibly over several batches of one file: an error anywhere
rolls the whole import back. Every check is an indexed lookup or a set
membership, so an import takes time in proportion to its size.
"""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import replace

from explorer.core.errors import UsageError
from explorer.core.events.stemming import stem_text
from explorer.core.library.db import ANNOTATION_TABLES
from explorer.core.library.models import (
    EventSnapshot,
    LibraryContents,
    MergeResult,
)
from explorer.core.library.notes import index_note
from explorer.core.library.rules import MAX_ITEMS
from explorer.core.library.tags import tag_id
from explorer.i18n import _

Remember = Callable[[sqlite3.Connection, EventSnapshot | str], str]

_TABLE = {
    "bookmark": "bookmarks",
    "note": "notes",
    "tag": "event_tags",
    "collection": "collections",
    "search": "saved_searches",
}


def _remember(conn: sqlite3.Connection, snap: EventSnapshot, now: str) -> None:
    # What the library already knows (from the event database) beats what a
    # file says; a file only fills in events we knew nothing about.
    conn.execute(
        'INSERT INTO events (event_id, title, start, "end", precision, qualifier, text, section, '
        "source_start, source_end, seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (event_id) DO UPDATE SET title = excluded.title, start = excluded.start, "
        '"end" = excluded."end", precision = excluded.precision, text = excluded.text, '
        "section = excluded.section, source_start = excluded.source_start, "
        "source_end = excluded.source_end WHERE events.title = ''",
        snap.row(now),
    )


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many of each kind the library holds."""
    return {
        kind: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for kind, table in _TABLE.items()
    }


def _id_digest(anno_id: str) -> bytes:
    return hashlib.blake2b(anno_id.encode(errors="surrogatepass"), digest_size=16).digest()


def _digest(event_id: str, body: str) -> bytes:
    return hashlib.blake2b(
        f"{event_id}\0{body}".encode(errors="surrogatepass"), digest_size=16
    ).digest()


def derived_id(anno_id: str, kind: str) -> str:
    """The id an item takes when another kind of item already has *anno_id*."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{anno_id}#{kind}')}"


class Merger:
    """Merges :class:`LibraryContents` batches into an open write transaction."""

    def __init__(self, conn: sqlite3.Connection, remember: Remember) -> None:
        self.conn = conn
        self.remember = remember
        self.result = MergeResult()
        self.now = conn.execute("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')").fetchone()[0]
        self._note_digests: set[bytes] | None = None
        self._ids: dict[bytes, str] | None = None
        self._events: dict[str, bool] = {}
        self._next_note: int | None = None

    def _notes_seen(self) -> set[bytes]:
        # Read once per import: "the same text on the same event" is then a set
        # lookup, not a scan of the event's notes for every incoming note.
        if self._note_digests is None:
            self._note_digests = {
                _digest(e, b) for e, b in self.conn.execute("SELECT event_id, body FROM notes")
            }
        return self._note_digests

    def _known_ids(self) -> dict[bytes, str]:
        # Every annotation id in the library and its kind, read once per import
        # (as digests: small), so a clash across kinds is a dict lookup.
        if self._ids is None:
            kinds = {table: kind for kind, table in _TABLE.items()}
            self._ids = {}
            for table in ANNOTATION_TABLES:
                for (anno_id,) in self.conn.execute(f"SELECT anno_id FROM {table}"):
                    self._ids[_id_digest(anno_id)] = kinds[table]
        return self._ids

    def _own_id(self, kind: str, anno_id: str) -> str:
        """*anno_id*, or the id derived from it if another kind of item has it."""
        owner = self._known_ids().get(_id_digest(anno_id))
        if owner is not None and owner != kind:
            return derived_id(anno_id, kind)
        return anno_id

    def next_note_id(self) -> int:
        """The id of the next new note (inside this transaction, ids are ours)."""
        if self._next_note is None:
            row = self.conn.execute("SELECT max(id) FROM notes").fetchone()
            self._next_note = int(row[0] or 0) + 1
        self._next_note += 1
        return self._next_note - 1

    def has(self, kind: str, anno_id: str) -> bool:
        """Whether an item of *kind* has *anno_id* already (no query when not)."""
        return self._known_ids().get(_id_digest(anno_id)) == kind

    def added(self, kind: str, anno_id: str) -> None:
        self._known_ids()[_id_digest(anno_id)] = kind

    def event(self, event_id: str, snap: EventSnapshot | None) -> None:
        """Remember an event once per import (again only if a title turns up)."""
        titled = bool(snap and snap.title)
        done = self._events.get(event_id)
        if done is not None and (done or not titled):
            return
        if snap is not None:
            _remember(self.conn, snap, self.now)
        else:
            self.remember(self.conn, event_id)
        self._events[event_id] = titled

    def check_size(self) -> None:
        """Refuse (rolling back) a library grown past what one export can hold."""
        total = sum(counts(self.conn).values())
        if total > MAX_ITEMS:
            raise UsageError(
                _(
                    "After this import your library would hold {n} items, more than the "
                    "{max} one export file can carry; nothing was imported."
                ).format(n=f"{total:,}", max=f"{MAX_ITEMS:,}")
            )

    def merge(self, contents: LibraryContents) -> MergeResult:
        return _merge(self, contents)


def _merge(merger: Merger, contents: LibraryContents) -> MergeResult:
    conn, result, now = merger.conn, merger.result, merger.now
    own, has = merger._own_id, merger.has

    def event(event_id: str) -> str:
        merger.event(event_id, contents.events.get(event_id))
        return event_id

    for b in contents.bookmarks:
        if (own_id := own("bookmark", b.anno_id)) != b.anno_id:
            b = replace(b, anno_id=own_id)
        found = None
        if has("bookmark", b.anno_id):
            row = conn.execute("SELECT modified FROM bookmarks WHERE anno_id = ?", (b.anno_id,))
            found = row.fetchone()
        if found:
            if b.modified > found[0]:
                conn.execute(
                    "UPDATE bookmarks SET modified = ? WHERE anno_id = ?", (b.modified, b.anno_id)
                )
                result.updated["bookmark"] += 1
            else:
                result.skipped["bookmark"] += 1
            continue
        event(b.event_id)
        cur = conn.execute(
            "INSERT OR IGNORE INTO bookmarks (anno_id, event_id, created, modified) "
            "VALUES (?, ?, ?, ?)",
            (b.anno_id, b.event_id, b.created, b.modified),
        )
        (result.added if cur.rowcount else result.skipped)["bookmark"] += 1
        if cur.rowcount:
            merger.added("bookmark", b.anno_id)

    seen = merger._notes_seen()
    new_notes: list[tuple[int, str, str, str, str, str]] = []
    new_index: list[tuple[int, str, str]] = []
    for n in contents.notes:
        if (own_id := own("note", n.anno_id)) != n.anno_id:
            n = replace(n, anno_id=own_id)
        found = None
        if has("note", n.anno_id):
            found = conn.execute(
                "SELECT id, modified FROM notes WHERE anno_id = ?", (n.anno_id,)
            ).fetchone()
        if found:
            if n.modified > found[1]:
                event(n.event_id)
                conn.execute(
                    "UPDATE notes SET body = ?, event_id = ?, modified = ? WHERE id = ?",
                    (n.body, n.event_id, n.modified, found[0]),
                )
                index_note(conn, int(found[0]), n.body)
                seen.add(_digest(n.event_id, n.body))
                result.updated["note"] += 1
            else:
                result.skipped["note"] += 1
            continue
        digest = _digest(n.event_id, n.body)
        if digest in seen:
            result.skipped["note"] += 1
            continue
        seen.add(digest)
        event(n.event_id)
        note_id = merger.next_note_id()
        new_notes.append((note_id, n.anno_id, n.event_id, n.body, n.created, n.modified))
        new_index.append((note_id, n.body, stem_text(n.body)))
        merger.added("note", n.anno_id)
        result.added["note"] += 1
    # New notes go in together: one statement for the batch, not two per note.
    conn.executemany(
        "INSERT INTO notes (id, anno_id, event_id, body, created, modified) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        new_notes,
    )
    conn.executemany(
        "INSERT INTO notes_fts (rowid, text, title, stems, names) VALUES (?, ?, '', ?, '')",
        new_index,
    )

    for t in contents.tag_links:
        if (own_id := own("tag", t.anno_id)) != t.anno_id:
            t = replace(t, anno_id=own_id)
        found = None
        if has("tag", t.anno_id):
            found = conn.execute(
                "SELECT tag_id, modified FROM event_tags WHERE anno_id = ?", (t.anno_id,)
            ).fetchone()
        if found and t.modified <= found[1]:
            result.skipped["tag"] += 1
            continue
        event(t.event_id)
        new_tag = tag_id(conn, t.tag, t.color, now)
        if t.color:
            # Only a newer annotation (or a colourless tag) takes the file's colour.
            conn.execute(
                "UPDATE tags SET color = ? WHERE id = ? AND (color = '' OR ?)",
                (t.color, new_tag, bool(found)),
            )
        clash = conn.execute(
            "SELECT anno_id FROM event_tags WHERE event_id = ? AND tag_id = ?",
            (t.event_id, new_tag),
        ).fetchone()
        if found:
            if clash and clash[0] != t.anno_id:
                conn.execute("DELETE FROM event_tags WHERE anno_id = ?", (t.anno_id,))
            else:
                conn.execute(
                    "UPDATE event_tags SET event_id = ?, tag_id = ?, modified = ? "
                    "WHERE anno_id = ?",
                    (t.event_id, new_tag, t.modified, t.anno_id),
                )
            result.updated["tag"] += 1
        elif clash:
            result.skipped["tag"] += 1
        else:
            conn.execute(
                "INSERT INTO event_tags (anno_id, event_id, tag_id, created, modified) "
                "VALUES (?, ?, ?, ?, ?)",
                (t.anno_id, t.event_id, new_tag, t.created, t.modified),
            )
            merger.added("tag", t.anno_id)
            result.added["tag"] += 1

    for c in contents.collections:
        if (own_id := own("collection", c.anno_id)) != c.anno_id:
            c = replace(c, anno_id=own_id)
        found = conn.execute(
            "SELECT id, modified FROM collections WHERE anno_id = ?", (c.anno_id,)
        ).fetchone()
        clash = conn.execute(
            "SELECT id FROM collections WHERE name = ? COLLATE NOCASE AND anno_id != ?",
            (c.name, c.anno_id),
        ).fetchone()
        if (found and c.modified <= found[1]) or clash:
            result.skipped["collection"] += 1
            continue
        if found:
            collection_id = int(found[0])
            conn.execute(
                "UPDATE collections SET name = ?, description = ?, modified = ? WHERE id = ?",
                (c.name, c.description, c.modified, collection_id),
            )
            conn.execute("DELETE FROM collection_items WHERE collection_id = ?", (collection_id,))
            result.updated["collection"] += 1
        else:
            cur = conn.execute(
                "INSERT INTO collections (anno_id, name, description, created, modified) "
                "VALUES (?, ?, ?, ?, ?)",
                (c.anno_id, c.name, c.description, c.created, c.modified),
            )
            collection_id = int(cur.lastrowid or 0)
            merger.added("collection", c.anno_id)
            result.added["collection"] += 1
        for position, event_id in enumerate(dict.fromkeys(c.event_ids)):
            event(event_id)
            conn.execute(
                "INSERT INTO collection_items (collection_id, event_id, position) VALUES (?, ?, ?)",
                (collection_id, event_id, position),
            )

    for s in contents.searches:
        if (own_id := own("search", s.anno_id)) != s.anno_id:
            s = replace(s, anno_id=own_id)
        found = conn.execute(
            "SELECT id, modified FROM saved_searches WHERE anno_id = ?", (s.anno_id,)
        ).fetchone()
        clash = conn.execute(
            "SELECT id FROM saved_searches WHERE name = ? COLLATE NOCASE AND anno_id != ?",
            (s.name, s.anno_id),
        ).fetchone()
        if (found and s.modified <= found[1]) or clash:
            result.skipped["search"] += 1
            continue
        if found:
            conn.execute(
                "UPDATE saved_searches SET name = ?, spec = ?, modified = ? WHERE id = ?",
                (s.name, s.spec_json(), s.modified, found[0]),
            )
            result.updated["search"] += 1
        else:
            conn.execute(
                "INSERT INTO saved_searches (anno_id, name, spec, created, modified) "
                "VALUES (?, ?, ?, ?, ?)",
                (s.anno_id, s.name, s.spec_json(), s.created, s.modified),
            )
            merger.added("search", s.anno_id)
            result.added["search"] += 1
    return result
