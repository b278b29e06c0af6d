"""Opening, checking, writing and backing up the user library.

:class:`LibraryBase` owns the connection. Opening it:

1. takes a session marker and learns whether the last session crashed;
2. opens the file (read-write, falling back to read-only when the file or its
   folder cannot be written, with :attr:`read_only_reason` saying why);
3. runs ``quick_check`` — or the full ``integrity_check`` after a crash — and
   turns a damaged file into :class:`LibraryCorruptError` offering the newest
   good backup;
4. migrates the schema, then makes an automatic backup when the newest one is
   older than :attr:`backup_interval`.

Every change goes through :meth:`_write`: one short transaction; if the disk is
full or read-only the change is kept in memory (:meth:`unsaved`) and a
:class:`LibraryWriteError` says what happened; :meth:`retry_unsaved` saves it
later. There are no Qt signals in core: :meth:`on_change` registers plain
callbacks, and :meth:`data_version` lets a window poll for changes another
Kroniek process made.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Self, TypeVar

from explorer import paths
from explorer.core.library import backup as backups
from explorer.core.library.db import (
    LIBRARY_VERSION,
    LibraryError,
    LibraryReadOnlyError,
    LibraryWriteError,
    check_version,
    connect,
    environment_error,
    is_corruption,
    migrate,
    schema_version,
    transaction,
)
from explorer.core.library.models import EventLike, EventSnapshot
from explorer.i18n import _

T = TypeVar("T")

LIBRARY_FILE = "library.sqlite3"

#: Kinds passed to change callbacks.
CHANGE_KINDS = ("bookmarks", "notes", "tags", "collections", "searches", "all")


def default_library_path() -> Path:
    """The library in the user-data folder (``--data-dir`` moves it)."""
    return paths.user_data_dir() / LIBRARY_FILE


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """UTC ISO 8601 with milliseconds and ``Z``: sorts as text, as W3C wants."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + (
        f"{moment.microsecond // 1000:03d}Z"
    )


@dataclass(frozen=True)
class Unsaved:
    """A change that could not be written yet, kept so it can be retried."""

    description: str
    kind: str
    apply: Callable[[sqlite3.Connection], object]


class LibraryBase:
    """The connection and its safety net; the data methods live in subclasses."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        read_only: bool = False,
        auto_backup: bool = True,
        backup_interval: timedelta = timedelta(hours=12),
        keep_backups: int = backups.DEFAULT_KEEP,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.path = path or default_library_path()
        self.keep_backups = keep_backups
        self.backup_interval = backup_interval
        self._clock = clock
        self._listeners: list[Callable[[str], None]] = []
        self._unsaved: list[Unsaved] = []
        self._dirty = False
        #: Why the library is read-only ("" when it is writable).
        self.read_only_reason = _("opened read-only") if read_only else ""
        self._marker = backups.SessionMarker(self.path)
        #: True when the previous session did not shut down cleanly.
        self.recovered_from_crash = False
        self.conn = self._open(read_only)
        try:
            if auto_backup and not self.read_only:
                self._auto_backup()
        except BaseException:
            self.close()
            raise

    # -- opening ----------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    def _open(self, read_only: bool) -> sqlite3.Connection:
        if not read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                if not self.path.exists():
                    raise LibraryReadOnlyError(
                        _("Cannot create your library folder {path} ({reason}).").format(
                            path=self.path.parent, reason=exc.strerror or exc
                        ),
                        self.path,
                    ) from None
        self.recovered_from_crash = self._marker.start()
        try:
            conn = self._connect(read_only)
        except BaseException:
            self._marker.end()
            raise
        return conn

    def _connect(self, read_only: bool) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = None
        if read_only and not self.path.is_file():
            raise LibraryError(_("There is no library yet at {path}.").format(path=self.path))
        try:
            try:
                conn = connect(self.path, read_only=read_only)
            except sqlite3.OperationalError as exc:
                if read_only or is_corruption(exc) or environment_error(exc, self.path) is None:
                    raise
                # The file or folder is not writable: show what is there, read-only.
                conn = connect(self.path, read_only=True)
                self.read_only_reason = _("your library file or its folder cannot be written")
            problems = backups.integrity_problems(conn, full=self.recovered_from_crash)
            if problems:
                raise backups.corrupt_error(self.path, problems[0])
            if self.read_only:
                if schema_version(conn) < LIBRARY_VERSION:
                    # Too old to read without migrating, which needs writing.
                    raise LibraryReadOnlyError(
                        _("Your library {path} needs an update but cannot be written.").format(
                            path=self.path
                        ),
                        self.path,
                    )
                check_version(conn, self.path)
            else:
                migrate(conn, self.path)
            return conn
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            if is_corruption(exc):
                raise backups.corrupt_error(self.path, str(exc)) from None
            error = environment_error(exc, self.path)
            if error is None:
                raise
            raise error from None
        except BaseException:
            if conn is not None:
                conn.close()
            raise

    def close(self) -> None:
        """Close the library; makes a backup first if this session changed it."""
        conn = getattr(self, "conn", None)
        if conn is None:
            return
        try:
            if self._dirty and not self.read_only and self.keep_backups > 0:
                self._backup_quietly()
        finally:
            conn.close()
            self.conn = None  # type: ignore[assignment]
            self._marker.end()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- safety -----------------------------------------------------------

    def backup(self) -> Path:
        """Make a checked backup now and rotate old ones; returns its path."""
        try:
            return backups.make_backup(self.conn, self.path, self.keep_backups)
        except OSError as exc:
            raise LibraryWriteError(
                _("Could not write a backup of your library ({reason}).").format(
                    reason=exc.strerror or exc
                ),
                self.path,
            ) from None

    def backups(self) -> list[Path]:
        """Existing backups, newest first."""
        return backups.list_backups(self.path)

    def integrity_problems(self) -> list[str]:
        """The full ``integrity_check`` and foreign-key check; [] if sound."""
        return backups.integrity_problems(self.conn)

    def _backup_quietly(self) -> None:
        # An automatic backup must never cost the user their session: a full
        # disk here is reported by the next explicit backup() or write.
        try:
            self.backup()
            self._dirty = False
        except (LibraryError, sqlite3.Error):
            pass

    def _auto_backup(self) -> None:
        if self.keep_backups <= 0:
            return
        existing = self.backups()
        if existing:
            age = self._clock() - datetime.fromtimestamp(existing[0].stat().st_mtime, UTC)
            if age < self.backup_interval:
                return
        if self.conn.execute("SELECT count(*) FROM events").fetchone()[0]:
            self._backup_quietly()

    # -- writing ----------------------------------------------------------

    def now(self) -> str:
        return iso(self._clock())

    def _write(self, description: str, kind: str, apply: Callable[[sqlite3.Connection], T]) -> T:
        """Run *apply* in one transaction; keep it for a retry if the disk says no."""
        if self.read_only:
            self._unsaved.append(Unsaved(description, kind, apply))
            raise LibraryReadOnlyError(
                _("Your library is read-only ({reason}); the change is kept but not saved.").format(
                    reason=self.read_only_reason
                ),
                self.path,
            )
        try:
            with transaction(self.conn) as conn:
                result = apply(conn)
        except sqlite3.Error as exc:
            if is_corruption(exc):
                raise backups.corrupt_error(self.path, str(exc)) from None
            error = environment_error(exc, self.path)
            if error is None:
                raise
            self._unsaved.append(Unsaved(description, kind, apply))
            raise error from None
        self._dirty = True
        self._notify(kind)
        return result

    def unsaved(self) -> list[str]:
        """Descriptions of changes kept in memory because they could not be saved."""
        return [u.description for u in self._unsaved]

    def retry_unsaved(self) -> int:
        """Save the kept changes in order; returns how many were saved.

        Stops at the first one that still fails (raising its error); that one
        and the rest stay kept.
        """
        pending, self._unsaved = self._unsaved, []
        saved = 0
        for index, item in enumerate(pending):
            try:
                self._write(item.description, item.kind, item.apply)
            except LibraryWriteError:
                self._unsaved.extend(pending[index + 1 :])
                raise
            saved += 1
        return saved

    def on_change(self, listener: Callable[[str], None]) -> None:
        """Call *listener* with a kind from :data:`CHANGE_KINDS` after each saved change."""
        self._listeners.append(listener)

    def _notify(self, kind: str) -> None:
        for listener in list(self._listeners):
            listener(kind)

    def data_version(self) -> int:
        """Changes when *another* connection commits: poll it to follow other windows."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    # -- events -----------------------------------------------------------

    def _remember(self, conn: sqlite3.Connection, event: EventLike | EventSnapshot | str) -> str:
        """Make sure the event has a snapshot row; returns its id."""
        if isinstance(event, str):
            conn.execute(
                "INSERT OR IGNORE INTO events (event_id, seen) VALUES (?, ?)", (event, self.now())
            )
            return event
        snap = event if isinstance(event, EventSnapshot) else EventSnapshot.of(event)
        if not snap.title:
            # A bare reference must not wipe what we knew of the event.
            conn.execute(
                "INSERT OR IGNORE INTO events (event_id, seen) VALUES (?, ?)", (snap.id, self.now())
            )
            return snap.id
        conn.execute(
            'INSERT INTO events (event_id, title, start, "end", precision, qualifier, text, '
            "section, source_start, source_end, seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (event_id) DO UPDATE SET title = excluded.title, start = excluded.start, "
            '"end" = excluded."end", precision = excluded.precision, '
            "qualifier = excluded.qualifier, text = excluded.text, section = excluded.section, "
            "source_start = excluded.source_start, source_end = excluded.source_end, "
            "seen = excluded.seen",
            snap.row(self.now()),
        )
        return snap.id

    def refresh_snapshots(self, lookup: Callable[[list[str]], Mapping[str, EventLike]]) -> int:
        """Update what the library remembers of its events from the event database.

        Pass ``store.events``; events it no longer has keep their last snapshot.
        Returns how many were refreshed.
        """
        ids = [r[0] for r in self.conn.execute("SELECT event_id FROM events")]
        found = lookup(ids)
        if not found:
            return 0

        def apply(conn: sqlite3.Connection) -> int:
            for event in found.values():
                self._remember(conn, event)
            return len(found)

        return self._write(_("Refresh remembered events"), "all", apply)

    def snapshots(self, ids: Iterable[str] | None = None) -> dict[str, EventSnapshot]:
        """What the library remembers of *ids* (all annotated events if None)."""
        sql = (
            'SELECT event_id, title, start, "end", precision, qualifier, text, section, '
            "source_start, source_end FROM events"
        )
        if ids is None:
            rows = self.conn.execute(sql).fetchall()
        else:
            wanted = list(ids)
            rows = []
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows += self.conn.execute(f"{sql} WHERE event_id IN ({marks})", chunk).fetchall()
        return {r[0]: EventSnapshot(*r) for r in rows}
