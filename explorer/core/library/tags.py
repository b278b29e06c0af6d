"""Tags: named, coloured labels on events, with autocomplete, rename and merge.

Names are compared ignoring case (``COLLATE NOCASE``) and with whitespace
collapsed, so "Kerncentrales" and " kerncentrales " are one tag.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from explorer.core.errors import UsageError, shown
from explorer.core.events.stemming import fold
from explorer.core.library.connection import LibraryConnection
from explorer.core.library.models import Tag, TagLink
from explorer.core.library.rules import clean_color, clean_tag, new_anno_id, tidy
from explorer.core.library.snapshots import EventRef, Snapshots
from explorer.i18n import _


def tag_id(conn: sqlite3.Connection, name: str, color: str, now: str) -> int:
    """The id of the tag *name*, created (with *color*) if it is new."""
    row = conn.execute("SELECT id FROM tags WHERE name = ? COLLATE NOCASE", (name,)).fetchone()
    if row:
        return int(row[0])
    cur = conn.execute(
        "INSERT INTO tags (name, color, created) VALUES (?, ?, ?)", (name, color, now)
    )
    return int(cur.lastrowid or 0)


def _existing(conn: sqlite3.Connection, name: str) -> int:
    row = conn.execute("SELECT id FROM tags WHERE name = ? COLLATE NOCASE", (name,)).fetchone()
    if row is None:
        raise UsageError(_("There is no tag “{tag}”.").format(tag=shown(name)))
    return int(row[0])


class Tags:
    """The ``tags`` and ``event_tags`` tables."""

    def __init__(self, db: LibraryConnection, events: Snapshots) -> None:
        self.db = db
        self.events = events

    # -- reading ----------------------------------------------------------

    def all(self) -> list[Tag]:
        """Every tag by name, with the number of events carrying it."""
        rows = self.db.conn.execute(
            "SELECT t.id, t.name, t.color, count(et.event_id) FROM tags t "
            "LEFT JOIN event_tags et ON et.tag_id = t.id GROUP BY t.id "
            "ORDER BY t.name COLLATE NOCASE"
        )
        return [Tag(*r) for r in rows]

    def get(self, name: str) -> Tag | None:
        row = self.db.conn.execute(
            "SELECT t.id, t.name, t.color, (SELECT count(*) FROM event_tags WHERE tag_id = t.id) "
            "FROM tags t WHERE t.name = ? COLLATE NOCASE",
            (tidy(name),),
        ).fetchone()
        return Tag(*row) if row else None

    def complete(self, prefix: str, limit: int = 10) -> list[str]:
        """Tag names for autocomplete: starting with *prefix* (ignoring case and
        accents) first, then containing it; the most used first."""
        wanted = fold(tidy(prefix))
        tags = sorted(self.all(), key=lambda t: (-t.count, fold(t.name)))
        starts = [t.name for t in tags if fold(t.name).startswith(wanted)]
        inside = [t.name for t in tags if wanted in fold(t.name) and t.name not in starts]
        return (starts + inside)[:limit]

    def of_event(self, event_id: str) -> list[Tag]:
        rows = self.db.conn.execute(
            "SELECT t.id, t.name, t.color, 0 FROM event_tags et JOIN tags t ON t.id = et.tag_id "
            "WHERE et.event_id = ? ORDER BY t.name COLLATE NOCASE",
            (event_id,),
        )
        return [Tag(*r) for r in rows]

    def tagged_ids(self, names: Iterable[str]) -> set[str]:
        """Events carrying any of the tags *names*."""
        wanted = [tidy(n) for n in names]
        marks = ",".join("?" * len(wanted))
        rows = self.db.conn.execute(
            "SELECT DISTINCT et.event_id FROM event_tags et JOIN tags t ON t.id = et.tag_id "
            f"WHERE t.name COLLATE NOCASE IN ({marks})",
            wanted,
        )
        return {r[0] for r in rows}

    def links(self) -> list[TagLink]:
        """Every tag on every event (a ``tagging`` annotation each, when exported)."""
        rows = self.db.conn.execute(
            "SELECT et.anno_id, et.event_id, t.name, t.color, et.created, et.modified "
            "FROM event_tags et JOIN tags t ON t.id = et.tag_id ORDER BY et.created, t.name"
        )
        return [TagLink(*r) for r in rows]

    # -- changing ---------------------------------------------------------

    def tag(self, event: EventRef, name: str, color: str | None = None) -> None:
        """Put the tag *name* on *event*, creating the tag if it is new."""
        name = clean_tag(name)
        new_color = clean_color(color) if color is not None else None
        now = self.db.now()
        anno_id = new_anno_id()

        def apply(conn: sqlite3.Connection) -> None:
            event_id = self.events.remember(conn, event)
            found = tag_id(conn, name, new_color or "", now)
            if new_color is not None:
                conn.execute("UPDATE tags SET color = ? WHERE id = ?", (new_color, found))
            conn.execute(
                "INSERT OR IGNORE INTO event_tags (anno_id, event_id, tag_id, created, modified) "
                "VALUES (?, ?, ?, ?, ?)",
                (anno_id, event_id, found, now, now),
            )

        self.db.write(_("Tag an event with {tag}").format(tag=name), apply)

    def untag(self, event_id: str, name: str) -> None:
        """Take the tag off *event_id*; a tag left on no event is gone (no "(0)" lingers)."""

        def apply(conn: sqlite3.Connection) -> None:
            conn.execute(
                "DELETE FROM event_tags WHERE event_id = ? AND tag_id IN "
                "(SELECT id FROM tags WHERE name = ? COLLATE NOCASE)",
                (event_id, tidy(name)),
            )
            conn.execute(
                "DELETE FROM tags WHERE name = ? COLLATE NOCASE AND NOT EXISTS "
                "(SELECT 1 FROM event_tags WHERE tag_id = tags.id)",
                (tidy(name),),
            )

        self.db.write(_("Remove the tag {tag}").format(tag=name), apply)

    def rename(self, old: str, new: str) -> None:
        """Rename a tag everywhere. Renaming onto another tag's name is refused:
        :meth:`merge` says that intent explicitly."""
        old, new = tidy(old), clean_tag(new)
        now = self.db.now()

        def apply(conn: sqlite3.Connection) -> None:
            found = _existing(conn, old)
            clash = conn.execute(
                "SELECT id FROM tags WHERE name = ? COLLATE NOCASE AND id != ?", (new, found)
            ).fetchone()
            if clash:
                raise UsageError(
                    _("A tag “{tag}” exists already; merge the two tags instead.").format(
                        tag=shown(new)
                    )
                )
            conn.execute("UPDATE tags SET name = ? WHERE id = ?", (new, found))
            # The tag's annotations changed: a newer export must win on import.
            conn.execute("UPDATE event_tags SET modified = ? WHERE tag_id = ?", (now, found))

        self.db.write(_("Rename the tag {old} to {new}").format(old=old, new=new), apply)

    def merge(self, sources: Iterable[str], into: str) -> None:
        """Move every event of the *sources* tags to the tag *into*, then drop them."""
        target = clean_tag(into)
        names = [tidy(s) for s in sources]
        now = self.db.now()

        def apply(conn: sqlite3.Connection) -> None:
            source_ids = [_existing(conn, n) for n in names]
            color = ""
            for source_id in source_ids:
                row = conn.execute("SELECT color FROM tags WHERE id = ?", (source_id,)).fetchone()
                color = color or row[0]
            target_id = tag_id(conn, target, color, now)
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

        self.db.write(_("Merge tags into {tag}").format(tag=target), apply)

    def set_color(self, name: str, color: str) -> None:
        """Give a tag a colour (``#rrggbb``; empty for none)."""
        color = clean_color(color)
        now = self.db.now()

        def apply(conn: sqlite3.Connection) -> None:
            found = _existing(conn, tidy(name))
            conn.execute("UPDATE tags SET color = ? WHERE id = ?", (color, found))
            conn.execute("UPDATE event_tags SET modified = ? WHERE tag_id = ?", (now, found))

        self.db.write(_("Colour the tag {tag}").format(tag=name), apply)

    def delete(self, name: str) -> None:
        def apply(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM tags WHERE name = ? COLLATE NOCASE", (tidy(name),))

        self.db.write(_("Delete the tag {tag}").format(tag=name), apply)
