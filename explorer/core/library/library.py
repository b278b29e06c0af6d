"""The user library: the reader's bookmarks, notes, tags, collections and searches.

Qt-free; the window's library panel is built on top of :class:`Library`, a
composition of small repositories over one :class:`LibraryConnection`::

    lib = Library()                      # user-data folder (or --data-dir)
    lib.bookmarks.mark(event)
    note = lib.notes.add(event, "Zie ook de VN-resolutie.")
    lib.tags.tag(event, "Kerncentrales")
    lib.tags.complete("ker")             # ["Kerncentrales"]
    lib.close()

Each repository owns its tables (:mod:`.bookmarks`, :mod:`.notes`,
:mod:`.tags`, :mod:`.lists` for collections, :mod:`.searches`,
:mod:`.snapshots` for what the library remembers of events); opening,
transactions, kept changes and backups live in :mod:`.connection`, the file
format in :mod:`.db`. What spans several tables — everything for an export,
the merge of an import, orphaned events — is here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Container, Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Self

from explorer.core.library import backup as backups
from explorer.core.library import merge as library_merge
from explorer.core.library.bookmarks import Bookmarks
from explorer.core.library.connection import LibraryConnection, default_library_path, utc_now
from explorer.core.library.db import (
    LibraryCorruptError,
    LibraryError,
    LibraryFullError,
    LibraryReadOnlyError,
    LibraryVersionError,
    LibraryWriteError,
)
from explorer.core.library.lists import Collections
from explorer.core.library.models import (
    EventSnapshot,
    LibraryContents,
    MergeResult,
    OrphanedEvent,
)
from explorer.core.library.notes import Notes
from explorer.core.library.searches import SavedSearches
from explorer.core.library.snapshots import Snapshots
from explorer.core.library.tags import Tags
from explorer.i18n import _

__all__ = [
    "Library",
    "LibraryCorruptError",
    "LibraryError",
    "LibraryFullError",
    "LibraryReadOnlyError",
    "LibraryVersionError",
    "LibraryWriteError",
    "default_library_path",
]


class Library:
    """One open user library (see the module docstring)."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        read_only: bool = False,
        auto_backup: bool = True,
        backup_interval: timedelta = timedelta(hours=12),
        keep_backups: int = backups.DEFAULT_KEEP,
        clock: Callable[[], datetime] = utc_now,
        unavailable: str = "",
    ) -> None:
        """Open the library at *path* (default: the user-data folder).

        *unavailable* is the reason the file cannot be used: the library is then
        empty, in memory and read-only, and nothing on disk is touched.
        """
        self.db = LibraryConnection(
            path,
            read_only=read_only,
            auto_backup=auto_backup,
            backup_interval=backup_interval,
            keep_backups=keep_backups,
            clock=clock,
            unavailable=unavailable,
        )
        self.events = Snapshots(self.db)
        self.bookmarks = Bookmarks(self.db, self.events)
        self.notes = Notes(self.db, self.events)
        self.tags = Tags(self.db, self.events)
        self.collections = Collections(self.db, self.events)
        self.searches = SavedSearches(self.db)

    # -- the file ---------------------------------------------------------

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    @property
    def read_only_reason(self) -> str:
        return self.db.read_only_reason

    @property
    def recovered_from_crash(self) -> bool:
        return self.db.recovered_from_crash

    def close(self) -> list[str]:
        """Close (saving kept changes if it now can); returns what was still unsaved."""
        return self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def unsaved(self) -> list[str]:
        """Changes kept in memory because they could not be saved (yet)."""
        return self.db.unsaved()

    def retry_unsaved(self) -> int:
        """Try again to save the kept changes; returns how many were saved."""
        return self.db.retry_unsaved()

    def backup(self) -> Path:
        return self.db.backup()

    def backups(self) -> list[Path]:
        return self.db.backups()

    # -- across the tables ------------------------------------------------

    def orphans(self, known_ids: Container[str]) -> list[OrphanedEvent]:
        """Annotated events the event database does not have, with their saved text.

        Pass the ids the current event database has. Nothing is deleted: the
        notes stay and are shown as orphaned.
        """
        missing = sorted(i for i in self.events.annotated_ids() if i not in known_ids)
        snaps = self.events.get(missing)
        bookmarked = self.bookmarks.event_ids()
        return [
            OrphanedEvent(
                snaps.get(event_id, EventSnapshot(event_id)),
                tuple(self.notes.all(event_id)),
                tuple(t.name for t in self.tags.of_event(event_id)),
                event_id in bookmarked,
            )
            for event_id in missing
        ]

    def contents(self) -> LibraryContents:
        """Everything in the library, for export."""
        return LibraryContents(
            events=self.events.get(),
            bookmarks=sorted(self.bookmarks.all(), key=lambda b: (b.created, b.event_id)),
            notes=self.notes.all(),
            tag_links=self.tags.links(),
            tags=self.tags.all(),
            collections=self.collections.all(),
            searches=self.searches.all(),
        )

    def counts(self) -> dict[str, int]:
        """How many of each kind the library holds (for a status line)."""
        return library_merge.counts(self.conn)

    def merge(self, contents: LibraryContents) -> MergeResult:
        """Merge imported items in one transaction (all or nothing).

        See :mod:`explorer.core.library.merge` for the rules.
        """
        return self.merge_batches([contents])

    def merge_batches(self, batches: Iterable[LibraryContents]) -> MergeResult:
        """Merge a streamed import batch by batch, in one transaction.

        An exception from *batches* (a problem found further into the file, a
        cancel) rolls everything back. An import that the disk refuses is not
        kept for a retry: the user is told and can import again.
        """

        def apply(conn: sqlite3.Connection) -> MergeResult:
            merger = library_merge.Merger(conn, self.events.remember)
            # A large import touches many pages: a bigger page cache keeps
            # them in memory instead of spilling to the WAL mid-transaction.
            cache = conn.execute("PRAGMA cache_size").fetchone()[0]
            conn.execute("PRAGMA cache_size = -65536")
            try:
                for batch in batches:
                    merger.merge(batch)
                merger.check_size()
            finally:
                conn.execute(f"PRAGMA cache_size = {int(cache)}")
            return merger.result

        return self.db.write(_("Import annotations"), apply, keep=False)
