"""The user library against what desktops and shared folders do to it.

Damaged twice, restored under a running Kroniek, restored from the wrong file,
replaced by a foreign database, created on a full disk, exported onto itself,
fed the same id three times, exported over a private file, kept in a
read-only folder, killed mid-export: each ends with nothing lost and a message
that is true.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from disks import fill_up, remount_read_only, tiny_disk
from test_bad_input import copy_of_bundled, kroniek

from explorer import paths
from explorer.core.library import backup as backups
from explorer.core.library.connection import default_library_path
from explorer.core.library.db import LibraryError
from explorer.core.library.formats.annotations import export_library, import_file
from explorer.core.library.formats.writing import temp_name
from explorer.core.library.library import Library
from explorer.ui.library.opening import open_library

REPO = Path(__file__).resolve().parent.parent
EVENT = "e2f8dad2a147"


def _library_with_a_note(text: str = "bewaren") -> Path:
    with Library() as library:
        library.notes.add(EVENT, text)
    return default_library_path()


def _damage(path: Path) -> bytes:
    with path.open("r+b") as handle:
        handle.write(b"\xde\xad" * 50)
    return path.read_bytes()


def _notes(path: Path | None = None) -> list[str]:
    with Library(path, auto_backup=False) as library:
        return [n.body for n in library.notes.all()]


# -- 1. damaged twice: both damaged files are kept and listed -----------------------
def test_a_second_damage_never_overwrites_the_first_and_both_are_listed() -> None:
    path = _library_with_a_note("eerste")
    first = _damage(path)
    told: list[str] = []
    open_library(lambda *_a: False, lambda _t, m: told.append(m)).close()
    with Library() as library:
        library.notes.add(EVENT, "tweede")
    second = _damage(path)
    open_library(lambda *_a: False, lambda _t, m: told.append(m)).close()
    kept = backups.moved_aside(path)
    assert len(kept) == 2
    assert {p.read_bytes() for p in kept} == {first, second}
    # A third damage: the dialog names both files kept from before.
    with Library() as library:
        library.notes.add(EVENT, "derde")
    _damage(path)
    asked: list[str] = []
    open_library(lambda _t, q: asked.append(q) or False, lambda _t, m: told.append(m)).close()
    shown = asked[0] if asked else told[-1]
    assert all(p.name in shown for p in kept)


# -- 2. restore while another Kroniek has the library open ---------------------------
HOLDER = """
import sys
from pathlib import Path
from explorer.core.library.library import Library
lib = Library(Path(sys.argv[1]), auto_backup=False)
print("open", flush=True)
sys.stdin.readline()
lib.notes.add("e2f8dad2a147", "na het herstel")
lib.close()
print("done", flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX")
def test_restore_is_refused_while_another_kroniek_has_the_library_open(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _library_with_a_note()
    with Library() as library:
        good = library.backup()
    before = path.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    ) as holder:
        assert holder.stdout is not None and holder.stdin is not None
        try:
            assert holder.stdout.readline().strip() == "open"
            answer = kroniek(capsys, "--lang", "en", "library", "restore", str(good))
            assert answer.code == 1
            assert "Another Kroniek has your library open" in answer.one_line()
            assert path.read_bytes() == before and not backups.moved_aside(path)
            holder.stdin.write("go\n")
            holder.stdin.flush()
            assert holder.stdout.readline().strip() == "done"
        finally:
            if holder.poll() is None:
                holder.kill()
    # What the other window saved is in the library, not in a file set aside.
    assert "na het herstel" in _notes(path)


# -- 3. restore only from a sound Kroniek library ------------------------------------
def _with_trigger(folder: Path) -> Path:
    with Library(folder / "trigger.sqlite3", auto_backup=False) as library:
        library.notes.add(EVENT, "x")
    conn = sqlite3.connect(folder / "trigger.sqlite3")
    conn.execute("CREATE TRIGGER wipe AFTER INSERT ON notes BEGIN DELETE FROM bookmarks; END")
    conn.commit()
    conn.close()
    return folder / "trigger.sqlite3"


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


RESTORE_FROM = {
    "the event database": (lambda folder: copy_of_bundled(folder, "events.db"), "not a Kroniek"),
    "a library with a trigger": (_with_trigger, "triggers"),
    "the library itself": (lambda _folder: default_library_path(), "library itself"),
    "random bytes": (
        lambda folder: (
            (folder / "r.sqlite3").write_bytes(os.urandom(8192)) and folder / "r.sqlite3"
        ),
        "not a database",
    ),
    "an empty SQLite file": (
        lambda folder: sqlite3.connect(folder / "e.sqlite3").close() or folder / "e.sqlite3",
        "empty",
    ),
}


@pytest.mark.parametrize("kind", RESTORE_FROM)
def test_restore_refuses_anything_but_a_sound_kroniek_library(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    path = _library_with_a_note()
    before = path.read_bytes()
    make, words = RESTORE_FROM[kind]
    source = make(tmp_path)
    answer = kroniek(capsys, "--lang", "en", "library", "restore", str(source))
    assert answer.code == 1, answer.err
    assert words in answer.one_line()
    assert path.read_bytes() == before and not backups.moved_aside(path)
    assert _notes() == ["bewaren"]  # later commands still work


# -- 4. a foreign file in the library's place is never changed ------------------------
@pytest.mark.parametrize("version", [0, 1])
def test_a_foreign_sqlite_file_in_the_librarys_place_is_left_untouched(
    capsys: pytest.CaptureFixture[str], version: int
) -> None:
    path = default_library_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recepten (naam TEXT)")
    conn.execute("INSERT INTO recepten VALUES ('erwtensoep')")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    before, stamp = path.read_bytes(), path.stat().st_mtime_ns
    answer = kroniek(capsys, "--lang", "en", "library", "export", "--format", "csv", "-o", "-")
    assert answer.code == 1
    assert "not a Kroniek library" in answer.one_line()
    with pytest.raises(LibraryError, match="not a Kroniek library"):
        Library(path)
    assert path.read_bytes() == before and path.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith("library")) == [
        "library.sqlite3"
    ]


def test_a_library_with_the_wrong_tables_is_blamed_not_the_event_database(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _library_with_a_note()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE collections")
    conn.commit()
    conn.close()
    answer = kroniek(capsys, "--lang", "en", "library", "export", "--format", "csv", "-o", "-")
    assert answer.code == 1
    line = answer.one_line()
    assert "Your library" in line and "collections" in line and "Event database" not in line


# -- 5 and 22. a full disk, a read-only folder ---------------------------------------------
def test_a_new_library_on_a_full_disk_leaves_no_empty_file_and_says_so(tmp_path: Path) -> None:
    with tiny_disk(tmp_path / "disk", "64k", fill=True) as disk:
        paths.set_data_dir(disk)
        library = Library()
        try:
            assert library.read_only and "disk is full" in library.read_only_reason
            assert library.notes.all() == []
        finally:
            library.close()
        assert not (disk / "library.sqlite3").exists()


def test_a_full_disk_still_exports_and_the_cli_promises_nothing_it_cannot_keep(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with tiny_disk(tmp_path / "disk", "2m") as disk:
        paths.set_data_dir(disk)
        _library_with_a_note("op een volle schijf")
        fill_up(disk)
        out = kroniek(capsys, "library", "export", "--format", "csv", "-o", "-")
        assert out.code == 0, out.err
        assert "op een volle schijf" in out.out
        source = tmp_path / "in.jsonld"
        with Library(tmp_path / "other.sqlite3") as other:
            other.notes.add(EVENT, "x" * 50_000)
            export_library(other, "jsonld", source, lang="en")
        answer = kroniek(capsys, "--lang", "en", "library", "import", str(source))
        assert answer.code == 1
        line = answer.one_line()
        assert "disk is full" in line and "kept" not in line


def test_a_read_only_data_folder_still_exports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with tiny_disk(tmp_path / "disk", "8m") as disk:
        paths.set_data_dir(disk)
        _library_with_a_note("alleen lezen")
        remount_read_only(disk)
        answer = kroniek(capsys, "library", "export", "--format", "json", "-o", "-")
        assert answer.code == 0, answer.err
        assert "alleen lezen" in answer.out
        target = tmp_path / "export.csv"
        answer = kroniek(capsys, "library", "export", "--format", "csv", "-o", str(target))
        assert answer.code == 0, answer.err
        assert "alleen lezen" in target.read_text(encoding="utf-8")
        # Restoring needs to write: one line, no traceback.
        answer = kroniek(capsys, "--lang", "en", "library", "restore")
        assert answer.code == 1 and answer.one_line()


# -- 7 and 9. where an export may go ---------------------------------------------------------
@pytest.mark.parametrize(
    "onto", ["the library", "the library's WAL", "the event database", "a backup"]
)
def test_an_export_never_writes_over_the_library_or_the_event_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, onto: str
) -> None:
    path = _library_with_a_note()
    with Library() as library:
        backup = library.backup()
    db = copy_of_bundled(tmp_path, "events.db")
    target = {"the library": path, "the library's WAL": Path(f"{path}-wal"),
              "the event database": db, "a backup": backup}[onto]  # fmt: skip
    before = {p: p.read_bytes() for p in (path, db, backup)}
    answer = kroniek(
        capsys, "--lang", "en", "--db", str(db),
        "library", "export", "--format", "csv", "-o", str(target),
    )  # fmt: skip
    assert answer.code == 2
    assert "will not write the export over" in answer.one_line()
    assert {p: p.read_bytes() for p in (path, db, backup)} == before
    assert _notes() == ["bewaren"]


def test_an_export_over_a_private_file_keeps_it_private(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _library_with_a_note()
    target = tmp_path / "private.csv"
    target.write_text("oud\n", encoding="utf-8")
    target.chmod(0o600)
    answer = kroniek(capsys, "library", "export", "--format", "csv", "-o", str(target))
    assert answer.code == 0, answer.err
    assert (target.stat().st_mode & 0o777) == 0o600
    assert "bewaren" in target.read_text(encoding="utf-8")


# -- 8. one id used by a bookmark, a note and a tag ----------------------------------------
def test_one_id_for_a_bookmark_a_note_and_a_tag_still_exports_and_imports(
    tmp_path: Path,
) -> None:
    same = "urn:uuid:00000000-0000-4000-8000-000000000001"
    target = {"type": "SpecificResource", "source": f"urn:kroniek:event:{EVENT}"}
    kinds = {
        "bookmark": {"motivation": "bookmarking"},
        "note": {"motivation": "commenting", "body": {"type": "TextualBody", "value": "n"}},
        "tag": {"motivation": "tagging",
                "body": {"type": "TextualBody", "purpose": "tagging", "value": "t"}},
    }  # fmt: skip
    with Library() as library:
        for extra in kinds.values():
            source = tmp_path / "one.jsonld"
            anno = {"@context": "http://www.w3.org/ns/anno.jsonld", "id": same,
                    "type": "Annotation", "target": target, **extra}  # fmt: skip
            source.write_text(__import__("json").dumps(anno), encoding="utf-8")
            import_file(library, source)
        contents = library.contents()
        ids = [b.anno_id for b in contents.bookmarks] + [n.anno_id for n in contents.notes]
        ids += [t.anno_id for t in contents.tag_links]
        assert len(ids) == 3 and len(set(ids)) == 3
        export_library(library, "jsonld", tmp_path / "all.jsonld", lang="en")
    with Library(tmp_path / "fresh.sqlite3") as fresh:
        report = import_file(fresh, tmp_path / "all.jsonld")
        assert report.result.total_added == 3
        # ... and again into the same library: nothing doubles.
        report = import_file(fresh, tmp_path / "all.jsonld")
        assert report.result.total_added == 0


def test_a_library_of_the_first_version_with_shared_ids_is_repaired_on_opening() -> None:
    path = _library_with_a_note()
    conn = sqlite3.connect(path)
    anno_id = conn.execute("SELECT anno_id FROM notes").fetchone()[0]
    conn.execute(
        "INSERT INTO bookmarks (anno_id, event_id, created, modified) VALUES (?, ?, 'x', 'x')",
        (anno_id, EVENT),
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Library() as library:
        contents = library.contents()
        assert contents.bookmarks[0].anno_id != contents.notes[0].anno_id


# -- 21. writing where it cannot --------------------------------------------------------------
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_exporting_to_a_full_device_or_pipe_is_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _library_with_a_note()
    answer = kroniek(capsys, "--lang", "en", "library", "export", "--format", "csv",
                     "-o", "/dev/full")  # fmt: skip
    assert answer.code == 1 and "Cannot write /dev/full" in answer.one_line()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_exporting_to_standard_output_on_a_full_disk_is_one_line() -> None:
    _library_with_a_note()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "explorer", "--lang", "en", "--data-dir",
             str(paths.user_data_dir()), "library", "export", "--format", "csv", "-o", "-"],
            stdout=full, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO, check=False,
        )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "standard output" in done.stderr


def test_a_screenshot_below_a_regular_file_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    answer = kroniek(capsys, "--lang", "en", "--screenshot", str(blocker / "shot.png"))
    assert answer.code == 1
    assert "cannot write" in answer.one_line()


# -- 23. what a kill leaves behind is cleaned up ---------------------------------------------
def test_a_temporary_file_of_a_killed_export_is_removed_by_the_next(tmp_path: Path) -> None:
    _library_with_a_note()
    target = tmp_path / "export.jsonld"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = temp_name(target, dead.pid)
    left.write_text("", encoding="utf-8")
    with Library() as library:
        export_library(library, "jsonld", target, lang="en")
    assert target.is_file() and not left.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["export.jsonld"]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_backup_killed_half_way_leaves_nothing_behind_for_long() -> None:
    path = _library_with_a_note()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    code = (
        "import os, signal, sqlite3, sys\n"
        "from pathlib import Path\n"
        "from explorer.core.library import backup\n"
        "def killed(*_a, **_k):\n"  # the copy is written, its check never ends
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "backup.integrity_problems = killed\n"
        "conn = sqlite3.connect(sys.argv[1])\n"
        "backup.make_backup(conn, Path(sys.argv[1]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], env=env, cwd=REPO, check=False)
    assert done.returncode == -signal.SIGKILL
    folder = backups.backup_dir(path)
    assert [p for p in folder.iterdir() if p.name.startswith(".")]  # the kill left a temp
    with Library() as library:
        library.notes.add(EVENT, "na de kill")
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]
