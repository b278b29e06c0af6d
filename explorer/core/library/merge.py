"""Merging imported items into the library, inside the caller's transaction.

The rules, per item:

* same ``anno_id`` as an item here → the one with the newer ``modified``
  wins (updated), otherwise the incoming one is skipped;
* a new ``anno_id`` that would duplicate something already here (a bookmark
  on the same event, the same tag on the same event, the same note text on the
  same event, a collection or saved search of the same name) → skipped;
* anything else → added, keeping its own created/modified times.

Runs inside :meth:`Library.merge`'s single transaction: an error anywhere
rolls the whole import back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from explorer.core.library.models import (
    EventSnapshot,
    LibraryContents,
    MergeResult,
)

Remember = Callable[[sqlite3.Connection, EventSnapshot | str], str]
TagId = Callable[[sqlite3.Connection, str, str], int]
IndexNote = Callable[[sqlite3.Connection, int, str | None], None]


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


def merge(
    conn: sqlite3.Connection,
    contents: LibraryContents,
    remember: Remember,
    tag_id: TagId,
    index_note: IndexNote,
) -> MergeResult:
    result = MergeResult()
    now = conn.execute("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')").fetchone()[0]

    def event(event_id: str) -> str:
        snap = contents.events.get(event_id)
        if snap is not None:
            _remember(conn, snap, now)
            return event_id
        return remember(conn, event_id)

    for b in contents.bookmarks:
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

    for n in contents.notes:
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
                result.updated["note"] += 1
            else:
                result.skipped["note"] += 1
            continue
        same = conn.execute(
            "SELECT 1 FROM notes WHERE event_id = ? AND body = ?", (n.event_id, n.body)
        ).fetchone()
        if same:
            result.skipped["note"] += 1
            continue
        event(n.event_id)
        cur = conn.execute(
            "INSERT INTO notes (anno_id, event_id, body, created, modified) VALUES (?, ?, ?, ?, ?)",
            (n.anno_id, n.event_id, n.body, n.created, n.modified),
        )
        index_note(conn, int(cur.lastrowid or 0), n.body)
        result.added["note"] += 1

    for t in contents.tag_links:
        found = conn.execute(
            "SELECT tag_id, modified FROM event_tags WHERE anno_id = ?", (t.anno_id,)
        ).fetchone()
        if found and t.modified <= found[1]:
            result.skipped["tag"] += 1
            continue
        event(t.event_id)
        new_tag = tag_id(conn, t.tag, t.color)
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
            result.added["tag"] += 1

    for c in contents.collections:
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
            result.added["collection"] += 1
        for position, event_id in enumerate(dict.fromkeys(c.event_ids)):
            event(event_id)
            conn.execute(
                "INSERT INTO collection_items (collection_id, event_id, position) VALUES (?, ?, ?)",
                (collection_id, event_id, position),
            )

    for s in contents.searches:
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
            result.added["search"] += 1
    return result
