"""Bad input never ends in a traceback: one line and an exit code, or a dialog.

Whatever a person hands Kroniek — a damaged or foreign database, a user-data
folder it cannot use, nonsense on the command line, control characters or a
whole book in the search field, a file that is not an annotation export, an
article without dates — the command line answers with one line on stderr and
a non-zero exit status (2: fix your input, 1: the environment is unusable), the
window answers with a dialog, and nothing on disk is left half-written.

Several of these tests first showed real bugs (a damaged page deep inside the
database, an unusable data folder, exports onto pipes, builds into places that
cannot be written); they were fixed and the tests keep them fixed.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from explorer import paths
from explorer.app import Kroniek, build, run_gui
from explorer.cli import main
from explorer.core.events.schema import SCHEMA_VERSION
from explorer.core.events.store import DatabaseError
from explorer.core.library.library import Library
from explorer.ui.mainwindow import MainWindow

EVENT = "e2f8dad2a147"  # "De Russische invasie van Oekraïne is een aanvalsoorlog…"


# -- helpers -------------------------------------------------------------------
class Answer:
    """What a command printed and returned."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def one_line(self) -> str:
        """The single stderr line; fails on a traceback or a multi-line message."""
        assert "Traceback" not in self.err, self.err
        lines = [line for line in self.err.strip().splitlines() if line.strip()]
        assert len(lines) == 1, self.err
        return lines[0]


def kroniek(capsys: pytest.CaptureFixture[str], *argv: str) -> Answer:
    """Run ``kroniek ARGV`` in this process, as a user's shell would."""
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return Answer(code, out, err)


def copy_of_bundled(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    target.write_bytes(paths.bundled_db().read_bytes())
    return target


def zero_root_page(db: Path, table: str) -> None:
    """Damage *db* inside: overwrite the first page of *table* with zeros.

    The file still opens and its header, schema and events table are intact, so
    only the first statement that reads *table* notices.
    """
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    with db.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(bytes(page_size))


def bad_database(tmp_path: Path, kind: str) -> Path:
    """A database file of the given kind of wrongness."""
    if kind == "missing":
        return tmp_path / "nowhere.db"
    if kind == "folder":
        return tmp_path
    if kind == "truncated":
        target = tmp_path / "truncated.db"
        target.write_bytes(paths.bundled_db().read_bytes()[:20000])
        return target
    if kind == "random bytes":
        target = tmp_path / "random.db"
        target.write_bytes(random.Random(9).randbytes(64 * 1024))
        return target
    if kind == "empty":
        target = tmp_path / "empty.db"
        target.write_bytes(b"")
        return target
    target = copy_of_bundled(tmp_path, f"{kind.replace(' ', '-')}.db")
    conn = sqlite3.connect(target)
    if kind == "newer schema":
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    elif kind == "no events table":
        conn.execute("DROP TABLE events")
    else:
        raise AssertionError(kind)
    conn.commit()
    conn.close()
    return target


DATABASE_PROBLEMS = {
    "missing": "not found",
    "folder": "folder",
    "truncated": "damaged",
    "random bytes": "damaged",
    "empty": "not a Kroniek event database",
    "newer schema": "newer",
    "no events table": "missing: events",
}
COMMANDS = {
    "info": ["info"],
    "info --json": ["info", "--json"],
    "search": ["search", "Kharkiv"],
    "facets": ["facets", "Kharkiv"],
}


# -- the event database ----------------------------------------------------------
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("problem", DATABASE_PROBLEMS)
def test_an_unusable_database_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, problem: str, command: str
) -> None:
    db = bad_database(tmp_path, problem)
    before = db.read_bytes() if db.is_file() else None
    answer = kroniek(capsys, "--lang", "en", "--db", str(db), *COMMANDS[command])
    assert answer.code == 1
    line = answer.one_line()
    assert line.startswith("kroniek: ") and DATABASE_PROBLEMS[problem] in line
    assert answer.out == ""
    if before is not None:
        assert db.read_bytes() == before  # opened read-only: not even a journal replayed


# A page in the middle of the file zeroed: the header, schema and events table
# are fine, so the checks on open pass and the error comes from a later query.
DAMAGED_INSIDE = {
    "info": ("meta", ["info", "--json"]),
    "search": ("aliases", ["search", "Kharkiv"]),
    "facets": ("aliases", ["facets", "Kharkiv"]),
}


@pytest.mark.parametrize("command", DAMAGED_INSIDE)
def test_a_database_damaged_inside_is_one_line_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    table, argv = DAMAGED_INSIDE[command]
    db = copy_of_bundled(tmp_path, "damaged-inside.db")
    zero_root_page(db, table)
    answer = kroniek(capsys, "--lang", "en", "--db", str(db), *argv)
    assert answer.code == 1
    assert "damaged" in answer.one_line()


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> Iterator[list[str]]:
    """Record every critical or warning message box instead of showing it."""
    shown: list[str] = []

    def record(_parent: object, title: str, text: str, *_rest: object) -> object:
        shown.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(record))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(record))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(record))
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: record(None, box.windowTitle(), box.text())
    )
    # Should a window open after all, the test must not wait for a person.
    monkeypatch.setattr(QApplication, "exec", lambda _self: 0)
    monkeypatch.setattr("explorer.ui.crash.install", lambda _window: None)
    yield shown
    for widget in QApplication.topLevelWidgets():
        widget.close()


@pytest.mark.parametrize("problem", DATABASE_PROBLEMS)
def test_the_window_tells_about_an_unusable_database_in_a_dialog(
    dialogs: list[str], tmp_path: Path, problem: str
) -> None:
    db = bad_database(tmp_path, problem)
    args = argparse.Namespace(db=str(db), lang="en", screenshot=None)
    assert run_gui(args) == 1
    assert len(dialogs) == 1
    assert dialogs[0].startswith("Kroniek: ") and DATABASE_PROBLEMS[problem] in dialogs[0]
    assert "\n" not in dialogs[0] and "Traceback" not in dialogs[0]


def test_building_the_window_on_a_bad_database_raises_a_database_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="newer"):
        build(bad_database(tmp_path, "newer schema"), "en")


def test_a_window_on_a_database_damaged_inside_shows_the_search_error_not_a_crash(
    qtbot: QtBot, tmp_path: Path
) -> None:
    db = copy_of_bundled(tmp_path, "damaged-inside.db")
    zero_root_page(db, "aliases")
    k = build(db, "en", ask=lambda *_a: False, tell=lambda *_a: None)
    try:
        window = k.window
        qtbot.addWidget(window)
        window.show()
        busy: Callable[[], bool] = k.session.busy
        qtbot.waitUntil(lambda: not busy(), timeout=10000)
        window.search_field.setText("Kharkiv")
        qtbot.waitUntil(lambda: not busy(), timeout=10000)
        assert window.search_message.isVisible()
        message = window.search_message.text()
        assert "malformed" in message or "damaged" in message
    finally:
        k.close()


# -- the user-data folder ----------------------------------------------------------
@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    """A user-data 'folder' Kroniek cannot use: it is a file (a read-only stand-in)."""
    target = tmp_path / "not-a-folder"
    target.write_text("a file, not a folder\n", encoding="utf-8")
    return target


@pytest.mark.parametrize("where", ["the file itself", "a folder below the file"])
@pytest.mark.parametrize(
    "command",
    [
        ["library", "export", "--format", "csv", "-o", "OUT"],
        ["library", "import", "IN"],
    ],
)
def test_an_unusable_data_folder_is_one_line_for_library_commands(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    data_file: Path,
    where: str,
    command: list[str],
) -> None:
    folder = data_file if where == "the file itself" else data_file / "kroniek"
    source = tmp_path / "in.jsonld"
    source.write_text('{"type": "AnnotationCollection", "items": []}', encoding="utf-8")
    argv = [str(tmp_path / "out.csv") if a == "OUT" else str(source) if a == "IN" else a
            for a in command]  # fmt: skip
    answer = kroniek(capsys, "--lang", "en", "--data-dir", str(folder), *argv)
    assert answer.code == 1
    assert "Cannot create your library folder" in answer.one_line()
    assert data_file.read_text(encoding="utf-8") == "a file, not a folder\n"
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("command", [["info"], ["search", "Kharkiv"], ["facets"]])
def test_reading_the_database_needs_no_data_folder(
    capsys: pytest.CaptureFixture[str], data_file: Path, command: list[str]
) -> None:
    answer = kroniek(capsys, "--lang", "en", "--data-dir", str(data_file), *command)
    assert answer.code == 0, answer.err
    assert answer.out and "Traceback" not in answer.err


def test_the_window_tells_about_an_unusable_data_folder(
    dialogs: list[str], capsys: pytest.CaptureFixture[str], data_file: Path
) -> None:
    answer = kroniek(capsys, "--lang", "en", "--data-dir", str(data_file / "kroniek"))
    assert answer.code == 1
    assert "Traceback" not in answer.err
    assert len(dialogs) == 1 and "not-a-folder" in dialogs[0]


# -- writing where it cannot ---------------------------------------------------------
def test_exporting_the_library_onto_a_folder_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answer = kroniek(capsys, "library", "export", "--format", "csv", "-o", str(tmp_path))
    assert answer.code == 2
    assert "is a folder" in answer.one_line()


def test_exporting_the_library_into_proc_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    answer = kroniek(capsys, "library", "export", "--format", "json", "-o", "/proc/kroniek.json")
    assert answer.code == 1
    assert "Cannot write /proc/kroniek.json" in answer.one_line()
    assert not Path("/proc/kroniek.json").exists()


def test_exporting_the_library_below_a_file_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "report.txt"
    blocker.write_text("keep me\n", encoding="utf-8")
    answer = kroniek(
        capsys, "library", "export", "--format", "csv", "-o", str(blocker / "export.csv")
    )
    assert answer.code == 1
    assert "Cannot write" in answer.one_line()
    assert blocker.read_text(encoding="utf-8") == "keep me\n"


def test_exporting_the_library_to_a_pipe_keeps_the_pipe(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import stat

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    # A reader is waiting, so writing through the pipe cannot block (the export
    # of an empty library is one CSV header, far below the pipe's buffer).
    # Writing through it or refusing are both fine; replacing it is not.
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    try:
        answer = kroniek(capsys, "library", "export", "--format", "csv", "-o", str(pipe))
    finally:
        os.close(reader)
    assert "Traceback" not in answer.err
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


# -- nonsense on the command line ------------------------------------------------------
SUBCOMMANDS = {
    "info": ["info"],
    "search": ["search"],
    "facets": ["facets"],
    "library": ["library"],
    "library export": ["library", "export"],
    "library import": ["library", "import"],
    "library restore": ["library", "restore"],
    "build-db": ["build-db"],
}
# Real option names and values mixed in, so the parser gets past the first word.
WORDS = st.sampled_from([
    "--json", "--lang", "nl", "en", "xx", "--from", "--to", "2022", "2022-02-30", "1e9",
    "--facet", "category=military", "place=Kharkiv", "=", "actor=", "--sort", "date",
    "relevance", "--limit", "0", "-1", "99999999999999999999", "--format", "csv", "jsonld",
    "-o", "-", "--collection", "--source", "--output", "--", "--help", "Kharkiv", '"',
])  # fmt: skip


@pytest.mark.parametrize("subcommand", SUBCOMMANDS)
def test_malformed_arguments_end_in_an_exit_code_never_a_traceback(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    subcommand: str,
) -> None:
    monkeypatch.chdir(tmp_path)  # any file an export writes lands here
    empty = tmp_path / "empty-article.txt"
    empty.write_text("", encoding="utf-8")
    bundled = paths.bundled_db().read_bytes()

    @settings(
        max_examples=40,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.lists(st.one_of(st.text(max_size=30), WORDS), max_size=6))
    def check(rest: list[str]) -> None:
        argv = [*SUBCOMMANDS[subcommand], *rest]
        if subcommand == "build-db":
            # Never rebuild the bundled database: the last --source/--output win.
            argv += ["--source", str(empty), "--output", str(tmp_path / "built.db")]
        answer = kroniek(capsys, *argv)
        assert answer.code in (0, 1, 2), (argv, answer.code)
        assert "Traceback" not in answer.err, (argv, answer.err)
        if answer.code:
            # The message may quote the user's argument, control characters and all.
            assert answer.err.lstrip("\r").startswith(("kroniek", "building")), (argv, answer.err)

    check()
    assert paths.bundled_db().read_bytes() == bundled
    assert not (tmp_path / "built.db").exists()


# -- strange search text ------------------------------------------------------------------
STRANGE_QUERIES = [
    "\x00",
    "Kharkiv\x00Kyiv",
    "\x01\x02\x03\x1b[31mrood\x1b[0m",
    "a\tb\nc\rd",
    "\u202eevil\u202c",
    "\ufeffKharkiv",
    "\x7f\x85\u2028\u2029",
    '"',
    '"Kharkiv',
    "NEAR(a b",
    "* ^ : ( ) { } -",
    "OR AND NOT",
    "-",
    "- -Kharkiv",
    "'; DROP TABLE events; --",
    "🇺🇦 💥",
]


@pytest.mark.parametrize("text", STRANGE_QUERIES, ids=repr)
@pytest.mark.parametrize("command", ["search", "facets"])
def test_control_characters_and_operators_search_without_a_traceback(
    capsys: pytest.CaptureFixture[str], command: str, text: str
) -> None:
    answer = kroniek(capsys, "--lang", "en", command, text, "--json")
    assert answer.code in (0, 2)
    if answer.code:
        assert answer.one_line().startswith("kroniek: ")
    else:
        assert "Traceback" not in answer.err and answer.err == ""


@pytest.mark.parametrize("command", ["search", "facets"])
def test_a_100000_character_query_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    answer = kroniek(capsys, "--lang", "en", command, "oorlog " * 16_000 + "x" * 4_000)
    assert answer.code == 2
    assert "too long" in answer.one_line()


@pytest.fixture
def window_kroniek(qtbot: QtBot) -> Iterator[Kroniek]:
    k = build(paths.bundled_db(), "en")
    assert isinstance(k.window, MainWindow)
    qtbot.addWidget(k.window)
    k.window.resize(1200, 800)
    k.window.show()
    qtbot.waitUntil(lambda: not k.session.busy(), timeout=10000)
    yield k
    k.close()


def test_the_search_field_takes_control_characters_and_a_whole_book(
    qtbot: QtBot, window_kroniek: Kroniek
) -> None:
    window = window_kroniek.window
    busy: Callable[[], bool] = window_kroniek.session.busy
    for text in STRANGE_QUERIES:
        window.search_field.setText(text)
        qtbot.waitUntil(lambda: not busy(), timeout=10000)
    window.search_field.setText("oorlog " * 16_000 + "x" * 4_000)
    qtbot.waitUntil(lambda: not busy(), timeout=10000)
    assert window.search_message.isVisible() and "too long" in window.search_message.text()
    window.search_field.setText("Kharkiv")
    qtbot.waitUntil(lambda: not busy(), timeout=10000)
    assert not window.search_message.isVisible()
    assert 0 < window.results.model().rowCount() < window_kroniek.presenter.total


# -- imports of files that are not exports ---------------------------------------------------
MALFORMED_IMPORTS: dict[str, tuple[bytes, str]] = {
    "binary": (random.Random(4).randbytes(4096), "not UTF-8"),
    "empty": (b"", "not valid JSON"),
    "a number": (b"42\n", "must hold a JSON object"),
    "a 5 MB string": (b'"' + b"x" * 5_000_000 + b'"', "longer than"),
    "a list of nothing": (b"[]", "no annotations"),
    "cut-off JSON": (b'{"type": "AnnotationCollection", "items": [', "not valid JSON"),
}


@pytest.mark.parametrize("kind", MALFORMED_IMPORTS)
def test_importing_a_file_that_is_no_export_is_one_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    with Library() as library:
        library.bookmarks.mark(EVENT)
        library.notes.add(EVENT, "mijn notitie")
        library.tags.tag(EVENT, "les")
    content, words = MALFORMED_IMPORTS[kind]
    source = tmp_path / "import.jsonld"
    source.write_bytes(content)
    answer = kroniek(capsys, "--lang", "en", "library", "import", str(source))
    assert answer.code == 2
    line = answer.one_line()
    assert line.startswith("kroniek: import.jsonld cannot be imported") or str(source) in line
    assert words in line
    assert len(line) < 300
    with Library(auto_backup=False) as library:
        assert library.bookmarks.event_ids() == {EVENT}
        assert [n.body for n in library.notes.all()] == ["mijn notitie"]
        assert [t.name for t in library.tags.all()] == ["les"]


# -- rebuilding the database from a strange article -------------------------------------------
ARTICLES = {
    "unbalanced heading": ("=== x\n== y\n", "no dated sentences"),
    "only headings": ("== a ==\n=== b ===\n== c ==\n", "no paragraphs"),
    "no dates": ("de oorlog duurt voort. niemand weet wanneer.\n", "no dated sentences"),
    "empty": ("", "empty"),
    "whitespace": ("\n\n   \n", "empty"),
}


@pytest.mark.parametrize("kind", ARTICLES)
def test_build_db_from_an_article_it_cannot_use_is_one_line_and_leaves_the_target(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    text, words = ARTICLES[kind]
    source = tmp_path / "artikel.txt"
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "kroniek.db"
    target.write_bytes(b"the previous database")
    answer = kroniek(capsys, "build-db", "--source", str(source), "--output", str(target))
    assert answer.code == 2
    assert "Traceback" not in answer.err
    # The progress bar ends in "\r"-overwritten text; the message is the last line.
    assert words in answer.err.strip().splitlines()[-1]
    assert target.read_bytes() == b"the previous database"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["artikel.txt", "kroniek.db"]


def test_build_db_from_a_binary_file_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "artikel.txt"
    source.write_bytes(random.Random(5).randbytes(3000))
    target = tmp_path / "kroniek.db"
    answer = kroniek(capsys, "build-db", "--source", str(source), "--output", str(target))
    assert answer.code == 2
    assert "cannot read source article" in answer.one_line()
    assert not target.exists()


def test_a_build_error_starts_its_own_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "artikel.txt"
    source.write_text("de oorlog duurt voort.\n", encoding="utf-8")
    answer = kroniek(
        capsys, "build-db", "--source", str(source), "--output", str(tmp_path / "k.db")
    )
    assert answer.code == 2
    last = answer.err.strip().splitlines()[-1]
    assert last.startswith("kroniek: "), repr(answer.err)


ONE_DATED_SENTENCE = "op 24 februari 2022 viel rusland oekraïne binnen.\n"


@pytest.mark.parametrize("where", ["a folder", "below a file", "inside /proc"])
def test_build_db_into_a_place_it_cannot_write_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, where: str
) -> None:
    source = tmp_path / "artikel.txt"
    source.write_text(ONE_DATED_SENTENCE, encoding="utf-8")
    blocker = tmp_path / "blocker.txt"
    blocker.write_text("keep me\n", encoding="utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    output = {
        "a folder": folder,
        "below a file": blocker / "kroniek.db",
        "inside /proc": Path("/proc/kroniek-test.db"),
    }[where]
    answer = kroniek(capsys, "build-db", "--source", str(source), "--output", str(output))
    assert blocker.read_text(encoding="utf-8") == "keep me\n"
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert answer.code in (1, 2)
    assert answer.err.strip().splitlines()[-1].startswith("kroniek: "), answer.err
    assert "Traceback" not in answer.err
