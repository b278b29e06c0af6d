"""Event databases a user or a shared folder hands Kroniek with ``--db``.

A named pipe or a device, a database with text in its date columns, NULLs or
impossible years, one on a read-only medium, one the user may not read: each
is refused (or opened) with one line that says what is wrong, never a hang, a
traceback or a misleading "damaged".
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from disks import remount_read_only, tiny_disk
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot
from test_bad_input import copy_of_bundled, dialogs, kroniek  # noqa: F401  (fixture)

from explorer import paths
from explorer.app import build, run_gui
from explorer.core.events.store import DatabaseError, EventStore
from explorer.core.timeline.data import load_timeline_data
from explorer.ui.search.results_model import ResultsModel

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


#: Words of the crafted event's text (and of 30 others): searching them reads its row.
WORD = "russische invasie"


@pytest.mark.parametrize("kind", CRAFTED)
def test_a_crafted_value_is_one_line_naming_the_column_when_the_event_is_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    """Each event is checked as it is read: the search that shows it, the citation of it."""
    db = crafted(tmp_path, kind)
    commands = [["search", WORD], ["search", WORD, "--json"]]
    if kind != "NULL id":  # an event without an id cannot be asked for by id
        commands.append(["cite", EVENT])
    for command in commands:
        answer = kroniek(capsys, "--lang", "en", "--db", str(db), *command)
        assert answer.code == 1, (command, answer.out)
        line = answer.one_line()
        assert f"column {CRAFTED[kind][1]}" in line and "NULL dates" not in line, command


@pytest.mark.parametrize("kind", CRAFTED)
def test_a_crafted_value_reaches_no_count(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    """Opening reads no row and the counts come from the stored arrays, so a crafted
    value in a row changes nothing they say; ``info`` answers too."""
    db = crafted(tmp_path, kind)
    for command in (["facets"], ["facets", "Kharkiv"], ["info"]):
        answer = kroniek(capsys, "--lang", "en", "--db", str(db), *command)
        bundled = kroniek(capsys, "--lang", "en", "--db", str(paths.bundled_db()), *command)
        assert answer.code == 0 and "Traceback" not in answer.err, answer.err
        if command[0] == "facets":
            assert answer.out == bundled.out


def test_a_crafted_value_shows_its_line_in_the_list_and_the_detail_view(
    dialogs: list[str],  # noqa: F811
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    db = crafted(tmp_path, "year 99999")
    k = build(db, "en", ask=lambda *_a: False, tell=lambda *_a: None)
    try:
        qtbot.addWidget(k.window)
        k.window.show()
        qtbot.waitUntil(lambda: not k.session.busy(), timeout=10000)
        k.window.search_field.setText(WORD)
        qtbot.waitUntil(lambda: not k.session.busy() and k.model.rowCount() > 0, timeout=10000)
        row = k.model.row_of(EVENT)
        title = k.model.data(k.model.index(row, ResultsModel.TITLE))
        assert "column date_max" in title and "99999" in title
        # The other events of the page still show their titles.
        others = [k.model.data(k.model.index(r, ResultsModel.TITLE))
                  for r in range(k.model.rowCount()) if r != row]  # fmt: skip
        assert others and not any("cannot be used" in t for t in others)
        k.session.select(EVENT)
        assert "column date_max" in k.window.detail.plain_text()
        assert dialogs == []
    finally:
        k.close()


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


# -- crafted stored arrays ---------------------------------------------------------------
Array = npt.NDArray[Any]


def _set(array: Array, at: int, value: int) -> Array:
    array[at] = value
    return array


def _not_utf8(ids: Array) -> Array:
    ids[0] = b"\xff" + bytes(ids[0])[1:]
    return ids


#: kind: (array, how it is changed, what the one line says). Each is a valid BLOB of
#: the right size, so only the values are wrong: found when the arrays are read.
CRAFTED_ARRAYS: dict[str, tuple[str, Callable[[Array], Array], str]] = {
    "NaN as doubles": ("day_min", lambda a: np.full(len(a), np.nan), "has the type <f8, not <i4"),
    "NaN bits as days": ("day_min", lambda a: np.full(len(a), np.nan, np.float32).view("<i4"),
                         "day_min holds “2143289344” at position 0, which is out of range"),
    "day 0": ("day_min", lambda a: _set(a, 0, 0), "day_min holds “0” at position 0"),
    "year 10000": ("day_max", lambda a: _set(a, 5, 3652060),
                   "day_max holds “3652060” at position 5"),
    "end before start": ("day_max", lambda a: _set(a, 7, 1), "day_max holds “1” at position 7"),
    "days out of order": ("day_min", lambda a: _set(a, len(a) - 1, int(a[0])),
                          "day_min is out of order at position 631"),
    "precision 7": ("precision", lambda a: _set(a, 3, 7), "precision holds “7” at position 3"),
    "qualifier -1": ("qualifier", lambda a: _set(a, 3, -1), "qualifier holds “-1” at position 3"),
    "category 99": ("category", lambda a: _set(a, 9, 99), "category holds “99” at position 9"),
    "seq twice": ("seq", lambda a: _set(a, 1, int(a[0])), "seq holds"),
    "seq beyond any row": ("seq", lambda a: _set(a, 1, 2**30), "seq holds “1073741824”"),
    "id not UTF-8": ("id", _not_utf8, "id holds an empty id or one that is not UTF-8"),
    "id order beyond the events": ("id_order", lambda a: _set(a, 4, 632),
                                   "id_order holds “632” at position 4"),
    "place beyond the places": ("place", lambda a: _set(a, 2, 10_000), "place holds “10000”"),
    "link beyond the events": ("actor_event", lambda a: _set(a, 2, 632),
                               "actor_event holds “632” at position 2"),
    "one link too many": ("place_event", lambda a: np.append(a, a[-1]),
                          "arrays place_event and place differ in length (559 and 558)"),
}  # fmt: skip


def with_array(db: Path, name: str, change: Callable[[Array], Array]) -> None:
    """Rewrite one stored array of *db* through *change* (type and length as it returns)."""
    conn = sqlite3.connect(db)
    dtype, data = conn.execute(
        "SELECT dtype, data FROM event_arrays WHERE name = ?", (name,)
    ).fetchone()
    new = change(np.frombuffer(data, dtype=dtype).copy())
    conn.execute(
        "UPDATE event_arrays SET dtype = ?, length = ?, data = ? WHERE name = ?",
        (new.dtype.str, len(new), new.tobytes(), name),
    )
    conn.commit()
    conn.close()


@pytest.mark.parametrize("kind", CRAFTED_ARRAYS)
def test_a_crafted_array_is_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    name, change, said = CRAFTED_ARRAYS[kind]
    db = copy_of_bundled(tmp_path, "arrays.db")
    with_array(db, name, change)
    for command in (["facets"], ["search", "Kharkiv"]):
        answer = kroniek(capsys, "--lang", "en", "--db", str(db), *command)
        assert answer.code == 1, (command, answer.out[:200])
        line = answer.one_line()
        assert "stored array" in line and name in line and said in line, line


@pytest.mark.parametrize("kind", ["NaN bits as days", "one link too many"])
def test_a_crafted_array_is_a_dialog_in_the_window(
    dialogs: list[str],  # noqa: F811
    tmp_path: Path,
    kind: str,
) -> None:
    name, change, said = CRAFTED_ARRAYS[kind]
    db = copy_of_bundled(tmp_path, "arrays.db")
    with_array(db, name, change)
    assert run_gui(argparse.Namespace(db=str(db), lang="en", screenshot=None)) == 1
    assert len(dialogs) == 1 and said in dialogs[0] and "\n" not in dialogs[0]


def test_arrays_read_ahead_are_the_stores_own_or_none_for_a_crafted_file(
    tmp_path: Path,
) -> None:
    from explorer.core.events.store import ArraysAhead

    ahead = ArraysAhead(paths.bundled_db()).result()
    store = EventStore(paths.bundled_db())
    try:
        assert ahead is not None
        assert np.array_equal(ahead.day_min, store.arrays.day_min)
        assert np.array_equal(ahead.links["event_places"][1], store.arrays.links["event_places"][1])
    finally:
        store.close()
    name, change, said = CRAFTED_ARRAYS["one link too many"]
    db = copy_of_bundled(tmp_path, "ahead.db")
    with_array(db, name, change)
    assert ArraysAhead(db).result() is None  # the window's store then reads it and says why
    crafted = EventStore(db, arrays=None)
    try:
        with pytest.raises(DatabaseError, match=re.escape(said)):
            assert crafted.arrays is None  # raises first
    finally:
        crafted.close()


def test_ids_in_a_wrong_order_are_never_taken_for_other_events(tmp_path: Path) -> None:
    """Whether ``id_order`` sorts the ids is not checked on open (it would cost 40 ms at a
    million); a lookup confirms every id it finds, so a wrong order only loses ids."""
    db = copy_of_bundled(tmp_path, "order.db")
    with_array(db, "id_order", lambda a: a[::-1].copy())
    store = EventStore(db)
    try:
        data = load_timeline_data(store.conn, store.arrays)
        looked_up = [(i, data.index_of(i)) for i in data.ids]
        assert all(found is None or data.id_at(found) == i for i, found in looked_up)
        assert any(found is None for _i, found in looked_up)  # the order did mislead
    finally:
        store.close()


def test_any_damage_to_the_arrays_is_read_or_refused_never_a_crash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Random bytes written over the stored arrays: the database works or is refused
    in one line, whatever the bytes (the arrays are checked before anything uses them)."""
    db = copy_of_bundled(tmp_path, "noise.db")
    conn = sqlite3.connect(db)
    original = dict(conn.execute("SELECT name, data FROM event_arrays").fetchall())
    conn.close()
    names = sorted(original)

    @settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        st.sampled_from(names),
        st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1,
                 max_size=4),
    )  # fmt: skip
    def check(name: str, writes: list[tuple[int, int]]) -> None:
        data = bytearray(original[name])
        for at, byte in writes:
            if data:
                data[at % len(data)] = byte
        conn = sqlite3.connect(db)
        conn.execute("UPDATE event_arrays SET data = ? WHERE name = ?", (bytes(data), name))
        conn.commit()
        conn.close()
        for command in (["facets", "Kharkiv"], ["search", "Kharkiv", "--limit", "3"]):
            answer = kroniek(capsys, "--lang", "en", "--db", str(db), *command)
            assert answer.code in (0, 1), (name, writes, answer.err)
            if answer.code:
                assert "stored array" in answer.one_line(), (name, writes)
        conn = sqlite3.connect(db)
        conn.execute("UPDATE event_arrays SET data = ? WHERE name = ?", (original[name], name))
        conn.commit()
        conn.close()

    check()


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
