"""Safety of the user library: backups, integrity checks, crash detection.

* Backups are made with SQLite's online backup API (consistent even while the
  library is in use), checked with ``PRAGMA integrity_check`` *before* older
  ones are rotated away, and kept in ``backups/`` beside the library. A backup
  that fails its check is deleted and the older, good ones stay.
* Each running Kroniek holds a lock on its own session marker file. A marker
  that nobody holds any more was left by a process that died (power cut,
  SIGKILL); the next start then runs the full ``integrity_check`` instead of
  the quick one.
* :func:`restore_backup` puts a backup in place of a damaged library, after
  checking that it is a sound Kroniek library and that no other Kroniek has
  the library open. The damaged file is moved aside under a timestamped name
  (:func:`move_aside`), never deleted or overwritten: it is the user's data.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from explorer.core.library.db import LibraryBusyError, LibraryCorruptError, LibraryError
from explorer.i18n import _

BACKUP_DIR = "backups"
BACKUP_SUFFIX = ".sqlite3"
DEFAULT_KEEP = 7


def backup_dir(library_path: Path) -> Path:
    return library_path.parent / BACKUP_DIR


def _stamp() -> str:
    # Microseconds and the pid keep names unique between two processes.
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def remove_stale_temps(folder: Path, prefix: str, suffix: str = ".tmp") -> int:
    """Remove temporary files ``{prefix}…{pid}{suffix}*`` whose process is gone."""
    removed = 0
    with contextlib.suppress(OSError):
        for candidate in folder.iterdir():
            name = candidate.name
            if not name.startswith(prefix) or suffix not in name:
                continue
            head = name[: name.index(suffix, len(prefix))]
            digits = head.rsplit("-", 1)[-1]
            if digits.isdigit() and not _alive(int(digits)):
                with contextlib.suppress(OSError):
                    candidate.unlink()
                    removed += 1
    return removed


def list_backups(library_path: Path) -> list[Path]:
    """Finished backups of *library_path*, newest first (names sort by time)."""
    folder = backup_dir(library_path)
    if not folder.is_dir():
        return []
    stem = library_path.stem + "-"
    found = [
        p
        for p in folder.iterdir()
        if p.name.startswith(stem) and p.name.endswith(BACKUP_SUFFIX) and p.is_file()
    ]
    return sorted(found, key=lambda p: p.name, reverse=True)


def integrity_problems(conn: sqlite3.Connection, *, full: bool = True) -> list[str]:
    """What ``integrity_check`` (or the faster ``quick_check``) finds; [] if sound."""
    pragma = "integrity_check" if full else "quick_check"
    rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}")]
    problems = [] if rows == ["ok"] else rows
    if not problems and full:
        problems = [
            _("foreign key broken in {table}").format(table=r[0])
            for r in conn.execute("PRAGMA foreign_key_check")
        ]
    return problems


def file_problems(path: Path) -> list[str]:
    """Integrity problems of a database file, opened read-only ([] if sound)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        return integrity_problems(conn)
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        conn.close()


def make_backup(conn: sqlite3.Connection, library_path: Path, keep: int = DEFAULT_KEEP) -> Path:
    """Copy the open library into a new, checked backup; keep the *keep* newest."""
    folder = backup_dir(library_path)
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_backup_temps(library_path)
    name = f"{library_path.stem}-{_stamp()}-{os.getpid()}{BACKUP_SUFFIX}"
    final = folder / name
    temp = folder / f".{name}.tmp"
    try:
        target = sqlite3.connect(temp)
        try:
            conn.backup(target)
            # A backup in WAL mode would need its -wal file; a plain file is portable.
            target.execute("PRAGMA journal_mode = DELETE")
            problems = integrity_problems(target)
        finally:
            target.close()
        if problems:
            raise LibraryError(
                _(
                    "The backup of your library failed its check ({problem}); kept the older ones."
                ).format(problem=problems[0]),
                library_path,
            )
        os.replace(temp, final)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    for old in list_backups(library_path)[max(keep, 1) :]:
        with contextlib.suppress(OSError):
            old.unlink()
    return final


def remove_stale_backup_temps(library_path: Path) -> int:
    """Remove half-written backups (and their journals) of processes that died."""
    folder = backup_dir(library_path)
    if not folder.is_dir():
        return 0
    return remove_stale_temps(folder, f".{library_path.stem}-", f"{BACKUP_SUFFIX}.tmp")


def latest_good_backup(library_path: Path) -> Path | None:
    """The newest backup that passes ``integrity_check``."""
    for candidate in list_backups(library_path):
        if not file_problems(candidate):
            return candidate
    return None


def corrupt_error(library_path: Path, reason: str) -> LibraryCorruptError:
    """The error for a damaged library, offering the newest good backup."""
    backup = latest_good_backup(library_path)
    if backup is None:
        message = _(
            "Your library {path} is damaged ({reason}) and there is no backup to restore. "
            "Move the file away to start a new library."
        ).format(path=library_path, reason=reason)
    else:
        message = _(
            "Your library {path} is damaged ({reason}). The latest good backup is {backup}."
        ).format(path=library_path, reason=reason, backup=backup.name)
    return LibraryCorruptError(message, library_path, backup)


def move_aside(library_path: Path) -> Path | None:
    """Move a damaged library (and its -wal/-shm) to a new timestamped name.

    Never deletes and never overwrites: each damaged file keeps its own name
    (``library.sqlite3.damaged-20261130T120000123456Z``), listed by
    :func:`moved_aside`. Returns the new name (None if there was no file).
    """
    if not library_path.exists():
        return None
    kept = library_path.with_name(f"{library_path.name}.damaged-{_stamp()}")
    while kept.exists():  # two moves within one microsecond
        kept = kept.with_name(kept.name + "-")
    # The -wal and -shm files belong to the damaged file; a stale WAL would
    # otherwise be replayed over a restored copy.
    for suffix in ("", "-wal", "-shm"):
        old = Path(f"{library_path}{suffix}")
        if old.exists():
            os.replace(old, Path(f"{kept}{suffix}"))
    return kept


def moved_aside(library_path: Path) -> list[Path]:
    """Damaged libraries kept beside *library_path*, newest first."""
    prefix = f"{library_path.name}.damaged"
    found = [
        p
        for p in library_path.parent.glob(prefix + "*")
        if p.is_file() and not p.name.endswith(("-wal", "-shm"))
    ]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def check_backup_file(library_path: Path, backup: Path) -> None:
    """Refuse a file to restore that is not a sound Kroniek library, or is the library."""
    from explorer.core.library.db import check_file_type, identity_problem

    if not backup.exists():
        raise LibraryError(_("There is no backup file {path}.").format(path=backup), library_path)
    check_file_type(backup)
    with contextlib.suppress(OSError):
        if library_path.exists() and os.path.samefile(backup, library_path):
            raise LibraryError(
                _("{path} is your library itself, not a backup of it.").format(path=backup),
                library_path,
            )
    try:
        conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise LibraryError(
            _("The backup {backup} cannot be read ({problem}).").format(
                backup=backup.name, problem=exc
            ),
            library_path,
        ) from None
    try:
        try:
            problem = identity_problem(conn, backup)
            if problem is None and not conn.execute("SELECT 1 FROM sqlite_master").fetchone():
                problem = _("{path} is empty, not a Kroniek library.").format(path=backup)
            problems = [] if problem else integrity_problems(conn)
        except sqlite3.Error as exc:
            problem, problems = None, [str(exc)]
    finally:
        conn.close()
    if problem:
        raise LibraryError(problem, library_path)
    if problems:
        raise LibraryError(
            _("The backup {backup} is damaged too ({problem}).").format(
                backup=backup.name, problem=problems[0]
            ),
            library_path,
        )


def restore_backup(library_path: Path, backup: Path | None = None) -> Path | None:
    """Replace the (damaged) library with *backup* (default: the newest good one).

    The backup must be a sound Kroniek library (application id, tables,
    integrity) and not the library itself; no other Kroniek may have the
    library open. Returns where the old file was moved to keep it (None if
    there was no library file).
    """
    backup = backup or latest_good_backup(library_path)
    if backup is None:
        raise LibraryError(_("There is no good backup of your library to restore."), library_path)
    check_backup_file(library_path, backup)
    others = SessionMarker(library_path).live_markers()
    if others:
        raise LibraryBusyError(
            _(
                "Another Kroniek has your library open; close it first, then restore "
                "(it would otherwise keep writing into the file set aside)."
            ),
            library_path,
        )
    try:
        kept = move_aside(library_path)
        source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            target = sqlite3.connect(library_path)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
    except (OSError, sqlite3.Error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise LibraryError(
            _("Cannot restore your library in {folder}: {reason}").format(
                folder=library_path.parent, reason=reason
            ),
            library_path,
        ) from None
    return kept


class SessionMarker:
    """A locked file saying "a Kroniek has this library open".

    Markers whose lock nobody holds were left by a process that did not shut
    down cleanly. Locks vanish with their process, whatever killed it.
    """

    def __init__(self, library_path: Path) -> None:
        self.folder = library_path.parent
        self.prefix = f".{library_path.name}.session-"
        self.path = self.folder / f"{self.prefix}{os.getpid()}-{id(self)}"
        self._file: IO[bytes] | None = None

    def live_markers(self) -> list[Path]:
        """Markers held by other running Kroniek processes (not by this one)."""
        live = []
        for marker in self.folder.glob(self.prefix + "*"):
            if marker == self.path:
                continue
            try:
                with marker.open("r+b") as handle:
                    if not _try_lock(handle):
                        live.append(marker)
            except OSError:
                continue
        return live

    def stale_markers(self) -> list[Path]:
        """Markers left behind by processes that died (not by live ones)."""
        stale = []
        for marker in self.folder.glob(self.prefix + "*"):
            if marker == self.path:
                continue
            try:
                with marker.open("r+b") as handle:
                    if _try_lock(handle):
                        stale.append(marker)
            except OSError:
                continue
        return stale

    def start(self) -> bool:
        """Take this process's marker; True if an earlier session ended uncleanly."""
        stale = self.stale_markers()
        for marker in stale:
            with contextlib.suppress(OSError):
                marker.unlink()
        try:
            self._file = self.path.open("w+b")
            self._file.write(str(os.getpid()).encode())
            self._file.flush()
            _try_lock(self._file)
        except OSError:
            # A read-only folder or a full disk: no marker, nothing to detect
            # next time (and no empty marker left behind).
            if self._file is not None:
                with contextlib.suppress(OSError):
                    self._file.close()
                with contextlib.suppress(OSError):
                    self.path.unlink()
            self._file = None
        return bool(stale)

    def end(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
            with contextlib.suppress(OSError):
                self.path.unlink()


def _try_lock(handle: IO[bytes]) -> bool:
    """Lock *handle* without waiting; False if another process holds it."""
    if sys.platform == "win32":
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
