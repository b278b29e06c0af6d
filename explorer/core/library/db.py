"""The user library's SQLite file: schema, migrations, transactions, errors.

The library is the reader's own database (bookmarks, notes, tags, collections,
saved searches). It lives in the platform user-data folder, never in the
bundled event database, and points at events only by their stable text ids, so
a newer event database can never break it. This module wraps SQLite once for
:class:`~explorer.core.library.library.Library`:

* :func:`check_file_type` refuses anything but a regular file before SQLite
  opens it (a named pipe or a device would hang it);
* :func:`connect` opens the file with a busy timeout and :func:`enable_wal`
  then switches it to WAL, so two Kroniek processes can share one library
  (short ``BEGIN IMMEDIATE`` transactions queue behind each other instead of
  failing) — but only after :func:`check_identity` has made sure the file is
  a Kroniek library or empty: a foreign file is refused without a byte changed;
* :func:`migrate` brings the schema up to :data:`LIBRARY_VERSION` in one
  transaction and refuses a library written by a newer Kroniek;
* :func:`transaction` is the only way code writes;
* :func:`environment_error` turns SQLite's "disk full", "read-only",
  "corrupt" and "busy" into :class:`LibraryError` subclasses with one clear,
  translated line. Anything else is a bug and propagates unchanged.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from explorer.core.errors import KroniekError, shown
from explorer.i18n import _

#: Bumped with every migration; a library with a higher version is refused.
LIBRARY_VERSION = 2

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
    # Version 1 let one annotation id be used by a bookmark, a note and a tag
    # at once (three imports); the export then held the id three times and did
    # not import again. Ids are unique across all kinds from here on: the
    # later uses get a fresh id. (Ids never repeat within one table.)
    """
    UPDATE notes SET anno_id = 'urn:uuid:' || lower(hex(randomblob(16)))
    WHERE anno_id IN (SELECT anno_id FROM bookmarks);
    UPDATE event_tags SET anno_id = 'urn:uuid:' || lower(hex(randomblob(16)))
    WHERE anno_id IN (SELECT anno_id FROM bookmarks UNION SELECT anno_id FROM notes);
    UPDATE collections SET anno_id = 'urn:uuid:' || lower(hex(randomblob(16)))
    WHERE anno_id IN (SELECT anno_id FROM bookmarks UNION SELECT anno_id FROM notes
                      UNION SELECT anno_id FROM event_tags);
    UPDATE saved_searches SET anno_id = 'urn:uuid:' || lower(hex(randomblob(16)))
    WHERE anno_id IN (SELECT anno_id FROM bookmarks UNION SELECT anno_id FROM notes
                      UNION SELECT anno_id FROM event_tags UNION SELECT anno_id FROM collections);
    """,
)

#: The tables that hold annotations, each with a unique ``anno_id`` column.
ANNOTATION_TABLES = ("bookmarks", "notes", "event_tags", "collections", "saved_searches")


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


class LibraryBusyError(LibraryError):
    """Another Kroniek process has the library open (a restore must wait)."""


class LibraryWriteError(LibraryError):
    """A change could not be saved (disk full, read-only, I/O error, busy).

    The change stays in memory (:meth:`Library.unsaved`) and can be retried.
    """


class LibraryReadOnlyError(LibraryWriteError):
    """The library is open read-only, or its file or folder cannot be written."""


class LibraryFullError(LibraryWriteError):
    """The disk (or the library's size limit) is full."""


def check_file_type(path: Path) -> None:
    """Refuse a library path that exists but is not a regular file.

    ``os.stat`` follows symlinks and never opens the file, so a named pipe or
    a device is refused before SQLite could block on it.
    """
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return  # not there (yet): creating it says what is wrong
    except OSError as exc:
        raise LibraryError(
            _("Cannot read your library {path}: {reason}").format(
                path=path, reason=exc.strerror or exc
            ),
            path,
        ) from None
    if not stat.S_ISREG(mode):
        raise LibraryError(
            _("{path} is not a regular file, so it cannot be your library.").format(path=path),
            path,
        )


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """Open the library file (created if missing unless *read_only*).

    Autocommit mode (``isolation_level=None``): Python's implicit transactions
    would hide when a write lock is taken; :func:`transaction` is explicit.
    Nothing is written here: WAL is switched on by :func:`enable_wal` once the
    file is known to be a Kroniek library. A read-only open of a WAL library
    whose folder cannot be written falls back to ``immutable=1``: SQLite
    would otherwise need to create the ``-shm`` file beside it.
    """
    uri = path.resolve().as_uri()
    mode = "ro" if read_only else "rwc"
    conn = _open_uri(f"{uri}?mode={mode}")
    if read_only:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            conn.close()
            # The -shm beside a WAL library cannot be made (read-only folder,
            # full disk): read the file as it stands.
            if is_corruption(exc) or not os.access(path, os.R_OK):
                raise exc from None
            conn = _open_uri(f"{uri}?mode=ro&immutable=1")
    return conn


def _open_uri(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(
        uri,
        uri=True,
        isolation_level=None,
        check_same_thread=False,
        timeout=BUSY_TIMEOUT_MS / 1000,
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def connect_memory() -> sqlite3.Connection:
    """An empty, migrated library that lives only in memory."""
    conn = _open_uri(":memory:")
    migrate(conn, Path(":memory:"))
    return conn


def enable_wal(conn: sqlite3.Connection) -> None:
    """WAL and FULL sync on a library opened for writing.

    WAL: readers never block the writer, and a crash mid-write leaves the last
    committed state. FULL sync makes each commit durable.
    """
    _enable_wal(conn)
    conn.execute("PRAGMA synchronous = FULL")


@functools.cache
def expected_columns() -> dict[str, frozenset[str]]:
    """Every table of a current library with its columns (from the migrations)."""
    conn = sqlite3.connect(":memory:")
    try:
        for script in MIGRATIONS:
            for statement in split_statements(script):
                conn.execute(statement)
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'notes_fts_%' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: frozenset(r[1] for r in conn.execute(f'PRAGMA table_info("{name}")'))
            for name in names
        }
    finally:
        conn.close()


def identity_problem(conn: sqlite3.Connection, path: Path) -> str | None:
    """Why the open file is not a Kroniek library (None: it is one, or empty).

    Reads only: a foreign file is never changed. An empty file, or an SQLite
    file with no tables and no version, is a library yet to be created.
    """
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    version = schema_version(conn)
    objects = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    if app_id == 0 and version == 0 and not objects:
        return None
    if app_id != APPLICATION_ID:
        return _("{path} is an SQLite database, but not a Kroniek library.").format(path=path)
    if version > LIBRARY_VERSION:
        return None  # check_version says "newer Kroniek"
    triggers = [name for kind, name in objects if kind in ("trigger", "view")]
    if triggers:
        return _(
            "{path} is not a Kroniek library as this Kroniek writes it: it holds "
            "triggers or views ({names})."
        ).format(path=path, names=", ".join(sorted(shown(t) for t in triggers))[:200])
    if version < 1:
        return _("{path} is an SQLite database, but not a Kroniek library.").format(path=path)
    tables = {name for kind, name in objects if kind == "table"}
    missing = sorted(set(expected_columns()) - tables) if version == LIBRARY_VERSION else []
    if version < LIBRARY_VERSION:
        # Older versions lack only what later migrations add; they all have these.
        missing = sorted({"events", "bookmarks", "notes", "tags", "event_tags"} - tables)
    wrong = [
        name
        for name, columns in expected_columns().items()
        if name in tables
        and not columns <= {r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')}
    ]
    if missing or wrong:
        return _(
            "Your library {path} does not have the tables Kroniek needs "
            "(missing or changed: {tables}); it cannot be used."
        ).format(path=path, tables=", ".join(missing + wrong))
    return None


def check_identity(conn: sqlite3.Connection, path: Path) -> None:
    """Raise :class:`LibraryError` unless the file is a Kroniek library (or empty)."""
    problem = identity_problem(conn, path)
    if problem is not None:
        raise LibraryError(problem, path)


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
            _("Your library could not be saved: the disk is full ({path}).").format(path=path),
            path,
        )
    if code in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_CANTOPEN):
        return LibraryReadOnlyError(
            _("Your library could not be saved: {path} or its folder cannot be written.").format(
                path=path
            ),
            path,
        )
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return LibraryWriteError(
            _("Your library is busy: another Kroniek window is saving."),
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
