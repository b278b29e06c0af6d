"""The library survives what real desktops do to it: a process killed mid-write,
a damaged file, two Kroniek windows writing at once."""

from __future__ import annotations

import itertools
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explorer.core.library.backup import restore_backup
from explorer.core.library.library import Library, LibraryCorruptError

REPO = Path(__file__).resolve().parent.parent

# The child writes notes as fast as it can and prints each id once its
# transaction has committed; unbuffered, so the parent knows exactly which
# notes the library promised to keep.
WRITER = """
import sys
import time
from pathlib import Path
from explorer.core.library.library import Library

lib = Library(Path(sys.argv[1]), auto_backup=False)
prefix = sys.argv[2]
count = int(sys.argv[3])
pause = float(sys.argv[4])
print("ready", flush=True)
sys.stdin.readline()  # "go": lets the parent start several writers at once
for i in range(count):
    note = lib.notes.add(f"e{i % 7:011d}", f"{prefix} note {i}\\nsecond line")
    if i % 5 == 0:
        lib.tags.tag(f"e{i % 7:011d}", f"{prefix}-tag")
    print(note.anno_id, flush=True)
    if pause:
        time.sleep(pause)  # a person between two notes, not a tight loop
lib.close()
"""


def _writer(path: Path, prefix: str, count: int, pause: float = 0) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), prefix, str(count), str(pause)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )


def _go(child: subprocess.Popen[str]) -> None:
    assert child.stdin is not None and child.stdout is not None and child.stderr is not None
    line = child.stdout.readline().strip()
    if line != "ready":  # it could not open the library: say why, not just that
        child.kill()
        raise AssertionError(f"writer did not start ({line!r}): {child.stderr.read()[-2000:]}")
    child.stdin.write("go\n")
    child.stdin.flush()


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_note_written_before_a_crash_is_still_there_after_it(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    rng = random.Random(20240501)
    promised: set[str] = set()
    for _round in range(24):
        child = _writer(path, f"round{_round}", 100_000)
        assert child.stdout is not None
        _go(child)
        # Kill after a random number of committed notes, plus a random few
        # milliseconds so the kill also lands in the middle of a transaction.
        for _ in range(rng.randint(0, 40)):
            promised.add(child.stdout.readline().strip())
        time.sleep(rng.random() * 0.005)
        child.send_signal(signal.SIGKILL)
        rest, errors = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL, errors
        promised |= set(rest.split())  # printed before the kill: committed too
    assert _integrity(path) == "ok"
    library = Library(path, auto_backup=False)
    try:
        # The last session was killed: Kroniek noticed and ran the full check.
        assert library.recovered_from_crash
        kept = {n.anno_id for n in library.notes.all()}
        assert promised <= kept
        assert library.db.integrity_problems() == []
    finally:
        library.close()


def test_two_kroniek_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    # Both start on a library that does not exist yet, so they also race to create it.
    path = tmp_path / "library.sqlite3"
    children = [_writer(path, name, 400, pause=0.001) for name in ("left", "right")]
    for child in children:
        _go(child)
    outputs = [child.communicate(timeout=60) for child in children]
    for child, (_out, errors) in zip(children, outputs, strict=True):
        assert child.returncode == 0, errors
    written = {line for out, _err in outputs for line in out.split()}
    assert len(written) == 800
    assert _integrity(path) == "ok"
    library = Library(path, auto_backup=False)
    try:
        notes = library.notes.all()
        assert {n.anno_id for n in notes} == written
        # The writes really overlapped: in commit order the two writers alternate.
        writers = [n.body.split()[0] for n in sorted(notes, key=lambda n: n.id)]
        switches = sum(a != b for a, b in itertools.pairwise(writers))
        assert switches >= 2
        assert {t.name for t in library.tags.all()} == {"left-tag", "right-tag"}
        assert library.db.integrity_problems() == []
    finally:
        library.close()


def _library_with_backup(path: Path) -> None:
    with Library(path) as library:
        for i in range(200):
            library.notes.add(f"e{i:011d}", f"notitie {i} " + "tekst " * 20)
    # close() made a checked backup and checkpointed the WAL into the file.


def _overwrite(path: Path, offset: int, data: bytes) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(data)


def test_a_damaged_library_is_reported_and_its_backup_restores_it(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _library_with_backup(path)
    rng = random.Random(7)
    page = 4096
    pages = path.stat().st_size // page
    assert pages > 10
    # Random bytes over the start of every page after the first.
    for number in range(1, pages):
        _overwrite(path, number * page, rng.randbytes(64))
    with pytest.raises(LibraryCorruptError) as caught:
        Library(path)
    error = caught.value
    assert "damaged" in str(error)
    assert error.backup is not None and error.backup.name in str(error)
    kept = restore_backup(path, error.backup)
    assert kept is not None and kept.exists()  # the damaged file is kept, not deleted
    with Library(path) as library:
        assert len(library.notes.all()) == 200
        assert library.db.integrity_problems() == []


def test_a_library_whose_header_is_garbage_is_reported_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _library_with_backup(path)
    _overwrite(path, 0, random.Random(3).randbytes(100))
    with pytest.raises(LibraryCorruptError) as caught:
        Library(path)
    assert caught.value.backup is not None
    restore_backup(path)  # the newest good backup by default
    with Library(path) as library:
        assert len(library.notes.all()) == 200


def test_a_damaged_library_without_backups_says_so(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    path.write_bytes(random.Random(1).randbytes(8192))
    with pytest.raises(LibraryCorruptError, match="no backup") as caught:
        Library(path)
    assert caught.value.backup is None


def test_a_damaged_backup_is_never_offered(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _library_with_backup(path)
    with Library(path) as library:
        backups = library.backups()
    _overwrite(backups[0], 0, b"\0" * 100)
    _overwrite(path, 0, b"\0" * 100)
    with pytest.raises(LibraryCorruptError, match="no backup"):
        Library(path)


def test_a_clean_shutdown_is_not_taken_for_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    Library(path).close()
    first = Library(path)
    second = Library(path)  # a second window while the first is open
    try:
        assert not first.recovered_from_crash
        assert not second.recovered_from_crash
    finally:
        second.close()
        first.close()
