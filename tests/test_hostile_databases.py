"""Event databases a user or a shared folder hands Kroniek with ``--db``.

A named pipe or a device, a database with text in its date columns, NULLs or
impossible years, one on a read-only medium, one the user may not read: each
is refused (or opened) with one line that says what is wrong, never a hang, a
traceback or a misleading "damaged".
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from disks import remount_read_only, tiny_disk
from test_bad_input import copy_of_bundled, dialogs, kroniek  # noqa: F401  (fixture)

from explorer.app import run_gui

REPO = Path(__file__).resolve().parent.parent
EVENT = "e2f8dad2a147"


def _kroniek_process(*argv: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "explorer", "--lang", "en", *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        check=False,
    )


# -- not a file at all -------------------------------------------------------------
@pytest.mark.skipif(sys.platform == "win32", reason="named pipes and /dev are POSIX")
@pytest.mark.parametrize("kind", ["named pipe", "device"])
@pytest.mark.parametrize("command", [["info"], ["search", "Kharkiv"], ["library", "export",
                                     "--format", "csv", "-o", "-"]])  # fmt: skip
def test_a_pipe_or_device_as_database_is_refused_at_once(
    tmp_path: Path, kind: str, command: list[str]
) -> None:
    if kind == "named pipe":
        db = tmp_path / "pipe.db"
        os.mkfifo(db)
    else:
        db = Path("/dev/zero")
    started = time.monotonic()
    done = _kroniek_process("--data-dir", str(tmp_path / "data"), "--db", str(db), *command)
    assert time.monotonic() - started < 25
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "not a regular file" in done.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes are POSIX")
def test_the_window_refuses_a_pipe_in_a_dialog(dialogs: list[str], tmp_path: Path) -> None:  # noqa: F811
    db = tmp_path / "pipe.db"
    os.mkfifo(db)
    assert run_gui(argparse.Namespace(db=str(db), lang="en", screenshot=None)) == 1
    assert len(dialogs) == 1 and "not a regular file" in dialogs[0]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is POSIX")
def test_ctrl_c_ends_the_window(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-m", "explorer", "--lang", "en", "--data-dir", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    try:
        # The window is up once the library's session marker exists.
        deadline = time.monotonic() + 30
        while not list(tmp_path.glob(".library.sqlite3.session-*")):
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the window did not start"
            time.sleep(0.05)
        child.send_signal(signal.SIGINT)
        _out, err = child.communicate(timeout=20)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode in (130, -signal.SIGINT), err
    assert "Traceback" not in err


# -- crafted values ---------------------------------------------------------------------
CRAFTED = {
    "text in date_min": ("UPDATE events SET date_min = 'not a date' WHERE id = ?", "date_min"),
    "NULL title": ("UPDATE events SET title = NULL WHERE id = ?", "title"),
    "year 0": (
        "UPDATE events SET start = '0000-02-24', date_min = '0000-02-24' WHERE id = ?",
        "date_min",
    ),
    "year 99999": ("UPDATE events SET date_max = '99999-01-01' WHERE id = ?", "date_max"),
    "year -500": ("UPDATE events SET start = '-500' , precision = 'year' WHERE id = ?", "start"),
    "impossible day": (
        "UPDATE events SET date_min = '2022-02-30', date_max = '2022-02-30' WHERE id = ?",
        "date_min",
    ),
    "NULL id": ("UPDATE events SET id = NULL WHERE id = ?", "id"),
    "unknown precision": ("UPDATE events SET precision = 'week' WHERE id = ?", "precision"),
}


def without_constraints(db: Path, table: str) -> None:
    """Drop NOT NULL from *table*'s declared schema, as a hand-made database might."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "UPDATE sqlite_master SET sql = replace(sql, 'NOT NULL', '') WHERE name = ?", (table,)
    )
    conn.commit()
    conn.close()


def crafted(tmp_path: Path, kind: str) -> Path:
    db = copy_of_bundled(tmp_path, "crafted.db")
    without_constraints(db, "events")
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(CRAFTED[kind][0], (EVENT,))
    conn.commit()
    conn.close()
    return db


@pytest.mark.parametrize("kind", CRAFTED)
@pytest.mark.parametrize("command", [["info"], ["search", "Kharkiv"], ["facets", "Kharkiv"]])
def test_a_crafted_value_is_one_line_naming_the_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str, command: list[str]
) -> None:
    db = crafted(tmp_path, kind)
    answer = kroniek(capsys, "--lang", "en", "--db", str(db), *command)
    assert answer.code == 1
    line = answer.one_line()
    assert f"column {CRAFTED[kind][1]}" in line and "NULL dates" not in line


def test_a_crafted_value_is_a_dialog_in_the_window(dialogs: list[str], tmp_path: Path) -> None:  # noqa: F811
    db = crafted(tmp_path, "year 99999")
    assert run_gui(argparse.Namespace(db=str(db), lang="en", screenshot=None)) == 1
    assert len(dialogs) == 1 and "column date_max" in dialogs[0]


def test_null_names_in_places_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = copy_of_bundled(tmp_path, "places.db")
    without_constraints(db, "places")
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE places SET name_en = NULL WHERE rowid = 1")
    conn.commit()
    conn.close()
    answer = kroniek(capsys, "--db", str(db), "facets")
    assert answer.code == 1 and "table places" in answer.one_line()


# -- read-only media and permissions -------------------------------------------------
def test_a_wal_database_on_a_read_only_medium_opens(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with tiny_disk(tmp_path / "medium", "64m") as medium:
        db = copy_of_bundled(medium, "kroniek.db")
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
        conn.close()
        before = db.read_bytes()
        remount_read_only(medium)
        for command in (["info"], ["search", "Kharkiv", "--limit", "1"], ["facets"]):
            answer = kroniek(capsys, "--lang", "en", "--db", str(db), *command)
            assert answer.code == 0, answer.err
            assert answer.out
        assert db.read_bytes() == before
        assert sorted(p.name for p in medium.iterdir()) == ["kroniek.db"]


def test_a_database_the_user_may_not_read_says_permission_denied(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = copy_of_bundled(tmp_path, "private.db")
    if os.geteuid() != 0:
        db.chmod(0)
    else:  # root reads anything: let the file system say no
        real_open = open

        def refusing(file: object, *args: object, **kwargs: object) -> object:
            if Path(str(file)) == db:
                raise PermissionError(13, "Permission denied", str(db))
            return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr("explorer.core.events.checks.open", refusing, raising=False)
    answer = kroniek(capsys, "--lang", "en", "--db", str(db), "info")
    assert answer.code == 1
    line = answer.one_line()
    assert "Permission denied" in line and "damaged" not in line


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes and /dev are POSIX")
@pytest.mark.parametrize("kind", ["named pipe", "device"])
def test_build_db_from_a_pipe_or_device_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    source = tmp_path / "article.txt"
    if kind == "named pipe":
        os.mkfifo(source)
    else:
        source = Path("/dev/zero")
    target = tmp_path / "out.db"
    done = _kroniek_process("build-db", "--source", str(source), "--output", str(target))
    assert done.returncode == 2, done.stderr
    assert "not a regular file" in done.stderr and "Traceback" not in done.stderr
    assert not target.exists()
