"""The one connection to the library file, and the one way to write through it.

:class:`LibraryConnection` opens the library:

1. checks the file is a regular file (a pipe or device in its place would
   hang SQLite) and takes a session marker, learning whether the last session
   crashed;
2. opens the file read-write, falling back to read-only when the file or its
   folder cannot be written (:attr:`read_only_reason` says why), or to an empty
   library in memory when there is no library and none can be created;
3. refuses, without changing a byte, a file that is not a Kroniek library
   (:func:`~explorer.core.library.db.check_identity`);
4. runs ``quick_check`` — or the full ``integrity_check`` after a crash — and
   turns a damaged file into :class:`LibraryCorruptError` offering the newest
   good backup; then migrates the schema and makes an automatic backup when
   the newest one is older than ``backup_interval``.

Every change goes through :meth:`write`: one short transaction. When the disk
is full or read-only, the change is kept in memory (:meth:`unsaved`), the
caller gets a :class:`LibraryWriteError`, and the change is retried — before
the next write (so changes land in the order they were made), whenever the
window calls :meth:`retry_unsaved`, and on :meth:`close`. Only a change that
still cannot be written when the library closes is lost, and :meth:`close`
returns what those were so the window can say so.

The repositories (bookmarks, notes, tags, …) share one instance.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from explorer import paths
from explorer.core.library import backup as backups
from explorer.core.library.db import (
    LIBRARY_VERSION,
    LibraryError,
    LibraryReadOnlyError,
    LibraryWriteError,
    check_file_type,
    check_identity,
    check_version,
    connect,
    connect_memory,
    enable_wal,
    environment_error,
    is_corruption,
    migrate,
    schema_version,
    transaction,
)
from explorer.i18n import _

T = TypeVar("T")

LIBRARY_FILE = "library.sqlite3"


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


Apply = Callable[[sqlite3.Connection], T]


@dataclass
class Unsaved:
    """A change that could not be written yet, kept so it can be retried.

    *key* names what the change is about (a note being typed): a newer change
    with the same key replaces the kept one in place instead of queueing a
    second copy.
    """

    description: str
    apply: Callable[[sqlite3.Connection], object]
    key: Hashable | None = None


class LibraryConnection:
    """The library's connection and its safety net (see the module docstring)."""

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
        self.path = path or default_library_path()
        self.keep_backups = keep_backups
        self.backup_interval = backup_interval
        self._clock = clock
        self._unsaved: list[Unsaved] = []
        self._dirty = False
        #: Why the library is read-only ("" when it is writable).
        self.read_only_reason = _("opened read-only") if read_only else ""
        #: True when the library lives only in memory (none could be created).
        self.in_memory = False
        self._marker = backups.SessionMarker(self.path)
        #: True when the previous session did not shut down cleanly.
        self.recovered_from_crash = False
        if unavailable:
            # The file cannot be used (the window said why): an empty library
            # in memory keeps the window working; nothing on disk is touched.
            self._conn: sqlite3.Connection | None = self._empty_in_memory(unavailable)
            return
        self._conn = self._open(read_only)
        try:
            if not self.read_only:
                with contextlib.suppress(OSError):
                    backups.remove_stale_backup_temps(self.path)
            if auto_backup and not self.read_only:
                self._auto_backup()
        except BaseException:
            self.close()
            raise

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise LibraryError(_("Your library is closed."), self.path)
        return self._conn

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    @property
    def closed(self) -> bool:
        return self._conn is None

    # -- opening ----------------------------------------------------------

    def _open(self, read_only: bool) -> sqlite3.Connection:
        check_file_type(self.path)
        folder = self.path.parent
        if read_only and not _could_be_folder(folder):
            raise LibraryReadOnlyError(
                _("Cannot create your library folder {path} ({reason}).").format(
                    path=folder, reason=os.strerror(errno.ENOTDIR)
                ),
                self.path,
            )
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
            return self._connect(read_only)
        except BaseException:
            self._marker.end()
            raise

    def _connect(self, read_only: bool) -> sqlite3.Connection:
        existed = self.path.exists()
        if read_only and not existed:
            return self._empty_in_memory(_("there is no library yet"))
        conn: sqlite3.Connection | None = None
        try:
            try:
                conn = connect(self.path, read_only=read_only)
                check_identity(conn, self.path)
                if not read_only:
                    enable_wal(conn)
            except sqlite3.OperationalError as exc:
                if conn is not None:
                    conn.close()
                    conn = None
                if read_only or is_corruption(exc) or environment_error(exc, self.path) is None:
                    raise
                if not existed:
                    # A new library could not be created (full disk, read-only
                    # folder): leave no empty file behind, work in memory.
                    _remove_if_empty(self.path)
                    error = environment_error(exc, self.path)
                    reason = str(error) if error else str(exc)
                    return self._empty_in_memory(reason)
                # The file or folder is not writable: show what is there, read-only.
                conn = connect(self.path, read_only=True)
                check_identity(conn, self.path)
                self.read_only_reason = _why_not_writable(self.path)
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
                try:
                    migrate(conn, self.path)
                except sqlite3.OperationalError as exc:
                    if existed or environment_error(exc, self.path) is None:
                        raise
                    conn.close()
                    conn = None
                    _remove_if_empty(self.path)
                    error = environment_error(exc, self.path)
                    return self._empty_in_memory(str(error) if error else str(exc))
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

    def _empty_in_memory(self, reason: str) -> sqlite3.Connection:
        """An empty library in memory, read-only, for when there is none on disk."""
        self.in_memory = True
        self.read_only_reason = reason
        return connect_memory()

    def close(self) -> list[str]:
        """Close the library after a last try to save kept changes.

        Makes a backup first if this session changed the library. Returns the
        descriptions of changes that still could not be saved (and are lost).
        """
        conn = self._conn
        if conn is None:
            return []
        lost: list[str] = []
        try:
            with contextlib.suppress(Exception):
                self.retry_unsaved()
            lost = self.unsaved()
            if self._dirty and not self.read_only and self.keep_backups > 0:
                self._backup_quietly()
        finally:
            conn.close()
            self._conn = None
            self._unsaved = []
            self._marker.end()
        return lost

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

    def write(
        self, description: str, apply: Apply[T], key: Hashable | None = None, keep: bool = True
    ) -> T:
        """Run *apply* in one transaction; keep it for a retry if the disk says no.

        Changes kept from before are saved first, so changes land in order; if
        they still cannot be saved, this one is kept behind them (unless
        *keep* is false: an import is not kept, its file can be read again).
        """
        if not keep:
            if self.read_only:
                raise LibraryReadOnlyError(
                    _("Your library is read-only ({reason}).").format(reason=self.read_only_reason),
                    self.path,
                )
            self.retry_unsaved()
            return self._apply(apply)
        if self.read_only:
            self._keep(Unsaved(description, apply, key))
            raise LibraryReadOnlyError(
                _("Your library is read-only ({reason}); the change is kept but not saved.").format(
                    reason=self.read_only_reason
                ),
                self.path,
            )
        if self._unsaved:
            try:
                self.retry_unsaved()
            except LibraryWriteError:
                self._keep(Unsaved(description, apply, key))
                raise
        try:
            result = self._apply(apply)
        except LibraryWriteError:
            self._keep(Unsaved(description, apply, key))
            raise
        return result

    def _apply(self, apply: Apply[T]) -> T:
        try:
            with transaction(self.conn) as conn:
                result = apply(conn)
        except sqlite3.Error as exc:
            if is_corruption(exc):
                raise backups.corrupt_error(self.path, str(exc)) from None
            error = environment_error(exc, self.path)
            if error is None:
                raise
            raise error from None
        self._dirty = True
        return result

    def _keep(self, item: Unsaved) -> None:
        if item.key is not None:
            for index, kept in enumerate(self._unsaved):
                if kept.key == item.key:
                    self._unsaved[index] = item
                    return
        self._unsaved.append(item)

    def unsaved(self) -> list[str]:
        """Descriptions of changes kept in memory because they could not be saved."""
        return [u.description for u in self._unsaved]

    def retry_unsaved(self) -> int:
        """Save the kept changes in order; returns how many were saved.

        Stops at the first one that still fails (raising its error); that one
        and the rest stay kept. A kept change that no longer makes sense (its
        note was deleted meanwhile) raises its own error and is dropped.
        """
        if self.read_only:
            return 0
        saved = 0
        while self._unsaved:
            item = self._unsaved[0]
            try:
                self._apply(item.apply)
            except LibraryError:
                raise  # the disk still says no (or worse): keep it
            except Exception:
                # Not the disk: the change itself is no longer possible (its
                # note was deleted meanwhile). Drop it and say why.
                self._unsaved.pop(0)
                raise
            self._unsaved.pop(0)
            saved += 1
        return saved


def _why_not_writable(path: Path) -> str:
    """Why a library that opens for reading cannot be written, as the disk says."""
    with contextlib.suppress(OSError, AttributeError):
        info = os.statvfs(path.parent)
        if info.f_bavail * info.f_frsize < 64 * 1024 and not info.f_flag & os.ST_RDONLY:
            return _("the disk is full")
    return _("your library file or its folder cannot be written")


def _could_be_folder(folder: Path) -> bool:
    """False if *folder* or its first existing ancestor is not a folder."""
    for place in (folder, *folder.parents):
        if place.exists() or place.is_symlink():
            return place.is_dir()
    return True


def _remove_if_empty(path: Path) -> None:
    """Remove *path* (and its -wal/-shm) if SQLite left it empty on a failed create."""
    with contextlib.suppress(OSError):
        if path.is_file() and path.stat().st_size == 0:
            path.unlink()
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
