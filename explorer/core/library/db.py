"""The user library's SQLite file: schema, migrations, transactions, errors.

The library is the reader's own database (bookmarks, notes, tags, collections,
saved searches). It lives in the platform user-data folder, never in the
bundled event database, and points at events only by their stable text ids, so
a newer event database can never break it. This module wraps SQLite once for
:class:`~explorer.core.library.library.Library`:

* :func:`connect` opens the file in WAL mode with a busy timeout, so two
  Kroniek processes can share one library (short ``BEGIN IMMEDIATE``
  transactions queue behind each other instead of failing);
* :func:`migrate` brings the schema up to :data:`LIBRARY_VERSION` in one
  transaction and refuses a library written by a newer Kroniek;
* :func:`transaction` is the only way code writes;
* :func:`environment_error` turns SQLite's "disk full", "read-only",
  "corrupt" and "busy" into :class:`LibraryError` subclasses with one clear,
  translated line. Anything else is a bug and propagates unchanged.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from explorer.core.errors import KroniekError
from explorer.i18n import _

#: Bumped with every migration; a library with a higher version is refused.
LIBRARY_VERSION = 1

#: Marks the file as a Kroniek library (``PRAGMA application_id``, "Krnk").
APPLICATION_ID = 0x4B726E6B

#: How long a write waits for another Kroniek process to finish its transaction.
BUSY_TIMEOUT_MS = 10_000

_TOKENIZER = "unicode61 remove_diacritics 2"

# Each entry migrates from version i to i + 1. Never edit an entry once it has
# shipped: add a new one, so every existing library follows the same path.
MIGRATIONS: tuple[str, ...] = (
    f"""
    -- What the library last knew about each event it annotates, so a note on
    -- an event that a newer event database no longer has can still be shown
    -- ("orphaned") with its title, date and text.
    CREATE TABLE events (
        event_id     TEXT PRIMARY KEY,
        title        TEXT NOT NULL DEFAULT '',
        start        TEXT NOT NULL DEFAULT '',
        "end"        TEXT NOT NULL DEFAULT '',
        precision    TEXT NOT NULL DEFAULT '',
        qualifier    TEXT NOT NULL DEFAULT '',
        text         TEXT NOT NULL DEFAULT '',
        section      TEXT NOT NULL DEFAULT '',
        source_start INTEGER,
        source_end   INTEGER,
        seen         TEXT NOT NULL
    );
    CREATE TABLE bookmarks (
        anno_id  TEXT PRIMARY KEY,
        event_id TEXT NOT NULL UNIQUE REFERENCES events(event_id),
        created  TEXT NOT NULL,
        modified TEXT NOT NULL
    );
    CREATE TABLE notes (
        id       INTEGER PRIMARY KEY,
        anno_id  TEXT NOT NULL UNIQUE,
        event_id TEXT NOT NULL REFERENCES events(event_id),
        body     TEXT NOT NULL,
        created  TEXT NOT NULL,
        modified TEXT NOT NULL
    );
    CREATE INDEX notes_event ON notes(event_id, created);
    CREATE TABLE tags (
        id      INTEGER PRIMARY KEY,
        name    TEXT NOT NULL UNIQUE COLLATE NOCASE,
        color   TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL
    );
    CREATE TABLE event_tags (
        anno_id  TEXT NOT NULL UNIQUE,
        event_id TEXT NOT NULL REFERENCES events(event_id),
        tag_id   INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        created  TEXT NOT NULL,
        modified TEXT NOT NULL,
        PRIMARY KEY (event_id, tag_id)
    ) WITHOUT ROWID;
    CREATE INDEX event_tags_tag ON event_tags(tag_id, event_id);
    CREATE TABLE collections (
        id          INTEGER PRIMARY KEY,
        anno_id     TEXT NOT NULL UNIQUE,
        name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
        description TEXT NOT NULL DEFAULT '',
        created     TEXT NOT NULL,
        modified    TEXT NOT NULL
    );
    CREATE TABLE collection_items (
        collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        event_id      TEXT NOT NULL REFERENCES events(event_id),
        position      INTEGER NOT NULL,
        PRIMARY KEY (collection_id, event_id)
    ) WITHOUT ROWID;
    CREATE TABLE saved_searches (
        id       INTEGER PRIMARY KEY,
        anno_id  TEXT NOT NULL UNIQUE,
        name     TEXT NOT NULL UNIQUE COLLATE NOCASE,
        spec     TEXT NOT NULL,
        created  TEXT NOT NULL,
        modified TEXT NOT NULL
    );
    -- Notes in the same shape as the event index (text, title, stems, names),
    -- so one FTS5 expression from explorer.core.events.query searches both.
    CREATE VIRTUAL TABLE notes_fts USING fts5(
        text, title, stems, names, tokenize = '{_TOKENIZER}'
    );
    """,
)


class LibraryError(KroniekError):
    """The user library cannot be used as asked; ``str()`` is one clear line."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return self.message


class LibraryVersionError(LibraryError):
    """The library was written by a newer Kroniek."""


class LibraryCorruptError(LibraryError):
    """The library file is damaged; ``backup`` is the newest good backup, if any.

    Call :func:`explorer.core.library.backup.restore_backup` with ``path`` and
    ``backup`` to put the backup in place (the damaged file is kept beside it).
    """

    def __init__(self, message: str, path: Path, backup: Path | None) -> None:
        super().__init__(message, path)
        self.backup = backup


class LibraryWriteError(LibraryError):
    """A change could not be saved (disk full, read-only, I/O error, busy).

    The change stays in memory (:meth:`Library.unsaved`) and can be retried.
    """


class LibraryReadOnlyError(LibraryWriteError):
    """The library is open read-only, or its file or folder cannot be written."""


class LibraryFullError(LibraryWriteError):
    """The disk (or the library's size limit) is full."""


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """Open the library file (created if missing unless *read_only*).

    Autocommit mode (``isolation_level=None``): Python's implicit transactions
    would hide when a write lock is taken; :func:`transaction` is explicit.
    """
    mode = "ro" if read_only else "rwc"
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode={mode}",
        uri=True,
        isolation_level=None,
        check_same_thread=False,
        timeout=BUSY_TIMEOUT_MS / 1000,
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            # WAL: readers never block the writer, and a crash mid-write leaves
            # the last committed state. FULL sync makes each commit durable.
            _enable_wal(conn)
            conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, waiting for another Kroniek that is doing the same.

    Changing the journal mode needs an exclusive lock and SQLite reports
    "database is locked" at once instead of calling the busy handler, so two
    processes creating a new library together retry here for a while.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.01
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One short write transaction: everything inside commits, or nothing does.

    ``BEGIN IMMEDIATE`` takes the write lock at the start, so a second process
    waits (busy timeout) instead of failing half-way through with SQLITE_BUSY.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        # SQLite may already have rolled back (e.g. after SQLITE_FULL).
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def split_statements(script: str) -> list[str]:
    """The statements of *script*; trigger bodies keep their inner semicolons."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        if not current and (not line.strip() or line.strip().startswith("--")):
            continue
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_version(conn: sqlite3.Connection, path: Path) -> int:
    """The library's schema version; a newer one than we know is refused."""
    version = schema_version(conn)
    if version > LIBRARY_VERSION:
        raise LibraryVersionError(
            _(
                "Your library {path} was saved by a newer Kroniek (library version {found}, "
                "this Kroniek knows up to {known}); please update Kroniek."
            ).format(path=path, found=version, known=LIBRARY_VERSION),
            path,
        )
    if version > 0:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        if app_id not in (0, APPLICATION_ID):
            raise LibraryError(
                _("{path} is an SQLite database, but not a Kroniek library.").format(path=path),
                path,
            )
    return version


def migrate(conn: sqlite3.Connection, path: Path) -> bool:
    """Bring the schema up to date in one transaction; True if anything ran.

    The version is read again inside the write transaction: when two Kroniek
    processes open a new library at once, only the first one migrates.
    """
    if check_version(conn, path) == LIBRARY_VERSION:
        return False
    with transaction(conn):
        version = check_version(conn, path)
        for script in MIGRATIONS[version:]:
            for statement in split_statements(script):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {LIBRARY_VERSION}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    return True


# SQLite's primary result codes (the low byte of extended codes).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_NOTADB = 26


def is_corruption(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return code in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in str(exc)


def environment_error(exc: sqlite3.Error, path: Path) -> LibraryError | None:
    """The user-facing error for an environment failure, or None for a bug."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == _SQLITE_FULL:
        return LibraryFullError(
            _(
                "Your library could not be saved: the disk is full ({path}). "
                "Your unsaved changes are kept until you free some space."
            ).format(path=path),
            path,
        )
    if code in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_CANTOPEN):
        return LibraryReadOnlyError(
            _(
                "Your library could not be saved: {path} or its folder cannot be written. "
                "Your unsaved changes are kept."
            ).format(path=path),
            path,
        )
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return LibraryWriteError(
            _(
                "Your library is busy: another Kroniek window is saving. "
                "Your change is kept; please try again."
            ),
            path,
        )
    if code == _SQLITE_IOERR:
        return LibraryWriteError(
            _("Your library could not be saved: the disk reported an error ({reason}).").format(
                reason=exc
            ),
            path,
        )
    return None
