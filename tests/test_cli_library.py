"""``kroniek library export|import|restore``: what a user types and reads back.

Runs through ``python -m explorer`` once ``explorer/cli.py`` wires the
``library`` command in; until then through :mod:`explorer.cli_library` with
the same global options and exit codes (2: fix your input, 1: environment).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import shared

from explorer import cli_library, paths
from explorer.core.errors import KroniekError, UsageError
from explorer.core.library.library import Library

REPO = Path(__file__).resolve().parent.parent
WIRED = "cli_library" in (REPO / "explorer" / "cli.py").read_text(encoding="utf-8")
EVENT = "e2f8dad2a147"  # "De Russische invasie van Oekraïne is een aanvalsoorlog…"


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def kroniek(data_dir: Path, *args: str) -> Result:
    """Run ``kroniek --data-dir DATA_DIR library ARGS``."""
    if WIRED:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        done = subprocess.run(
            [sys.executable, "-m", "explorer", "--lang", "en", "--data-dir", str(data_dir),
             "library", *args],
            capture_output=True, text=True, env=env, cwd=REPO, timeout=120,
        )  # fmt: skip
        return Result(done.returncode, done.stdout, done.stderr)
    parser = argparse.ArgumentParser(prog="kroniek")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--data-dir", type=Path)
    cli_library.add_parsers(parser.add_subparsers(dest="command"))
    parsed = parser.parse_args(["--data-dir", str(data_dir), "library", *args])
    out, err = io.StringIO(), io.StringIO()
    previous = paths.user_data_dir()
    paths.set_data_dir(parsed.data_dir)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli_library.run_library(parsed)
            except UsageError as exc:
                print(f"kroniek: {exc}", file=sys.stderr)
                code = 2
            except KroniekError as exc:
                print(f"kroniek: {exc}", file=sys.stderr)
                code = 1
    finally:
        paths.set_data_dir(previous)
    return Result(code, out.getvalue(), err.getvalue())


def _fill(data_dir: Path) -> None:
    with Library(data_dir / "library.sqlite3") as library:
        library.bookmarks.mark(EVENT)
        library.notes.add(EVENT, "Notitie voor de leeszaal\nmet twee regels")
        library.tags.tag(EVENT, "begin", color="#aa0000")
        lesson = library.collections.create("Lesmap")
        library.collections.add(lesson.id, EVENT)


def _note_count(data_dir: Path) -> int:
    with Library(data_dir / "library.sqlite3", auto_backup=False) as library:
        return len(library.notes.all())


def test_export_to_jsonld_then_import_elsewhere_brings_everything_over(tmp_path: Path) -> None:
    home, other = tmp_path / "home", tmp_path / "other"
    _fill(home)
    target = tmp_path / "mijn-bibliotheek.jsonld"
    done = kroniek(home, "export", "--format", "jsonld", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Exported 4 items to {target}."
    assert json.loads(target.read_text())["type"] == "AnnotationCollection"
    first = kroniek(other, "import", str(target))
    assert first.returncode == 0, first.stderr
    assert (
        first.stdout.splitlines()[0]
        == "Imported mijn-bibliotheek.jsonld: 4 added, 0 updated, 0 skipped."
    )
    again = kroniek(other, "import", str(target))
    assert again.stdout.splitlines()[0].endswith("0 added, 0 updated, 4 skipped.")
    with Library(other / "library.sqlite3", auto_backup=False) as library:
        assert library.notes.all()[0].body == "Notitie voor de leeszaal\nmet twee regels"
        assert [c.event_ids for c in library.collections.all()] == [(EVENT,)]


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonld", "md", "html"])
def test_every_export_format_writes_its_file(tmp_path: Path, fmt: str) -> None:
    _fill(tmp_path / "home")
    target = tmp_path / f"export.{fmt}"
    done = kroniek(tmp_path / "home", "export", "--format", fmt, "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert "Notitie voor de leeszaal" in target.read_text(encoding="utf-8")


def test_a_reading_list_of_one_collection_goes_to_standard_output(tmp_path: Path) -> None:
    _fill(tmp_path)
    done = kroniek(tmp_path, "export", "--format", "md", "-o", "-", "--collection", "lesmap")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Lesmap\n")
    assert "Wikipedia" in done.stdout and "CC BY-SA 4.0" in done.stdout


def test_an_unknown_collection_is_one_line_and_exit_2(tmp_path: Path) -> None:
    _fill(tmp_path)
    done = kroniek(tmp_path, "export", "--format", "md", "-o", "-", "--collection", "Nope")
    assert done.returncode == 2
    assert done.stderr.strip() == "kroniek: There is no collection “Nope”."


def test_importing_a_missing_file_says_so(tmp_path: Path) -> None:
    done = kroniek(tmp_path, "import", str(tmp_path / "nergens.jsonld"))
    assert done.returncode == 2
    assert "There is no file" in done.stderr and len(done.stderr.splitlines()) == 1


def test_an_invalid_annotation_file_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    _fill(tmp_path)
    done = kroniek(
        tmp_path, "import", str(shared("eval", "w3c-web-annotation", "incorrect", "anno10.json"))
    )
    assert done.returncode == 2
    assert done.stderr.strip().startswith("kroniek: anno10.json cannot be imported: not valid JSON")
    assert _note_count(tmp_path) == 1


def test_a_valid_annotation_on_something_else_is_reported_as_left_out(tmp_path: Path) -> None:
    done = kroniek(
        tmp_path, "import", str(shared("eval", "w3c-web-annotation", "correct", "anno1.json"))
    )
    assert done.returncode == 0, done.stderr
    assert "1 skipped" in done.stdout
    assert "http://example.org/anno1: its target is not a Kroniek event" in done.stdout


def test_a_damaged_library_points_to_restore_which_brings_the_backup_back(
    tmp_path: Path,
) -> None:
    _fill(tmp_path)  # closing made a backup
    library_file = tmp_path / "library.sqlite3"
    with library_file.open("r+b") as handle:
        handle.write(b"\xde\xad" * 50)
    done = kroniek(tmp_path, "export", "--format", "csv", "-o", str(tmp_path / "x.csv"))
    assert done.returncode == 1
    assert "damaged" in done.stderr and "kroniek library restore" in done.stderr
    assert len(done.stderr.splitlines()) == 1
    restored = kroniek(tmp_path, "restore")
    assert restored.returncode == 0, restored.stderr
    assert "damaged file is kept" in restored.stdout
    assert _note_count(tmp_path) == 1


@pytest.mark.parametrize("fmt", ["csl-json", "bibtex", "ris", "ical", "timelinejs"])
def test_every_event_list_format_writes_the_collections_events(tmp_path: Path, fmt: str) -> None:
    _fill(tmp_path / "home")
    target = tmp_path / f"les.{fmt}"
    done = kroniek(
        tmp_path / "home", "export", "--format", fmt, "-o", str(target), "--collection", "Lesmap"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Exported 1 item to {target}."
    text = target.read_text(encoding="utf-8")
    assert EVENT in text and "aanvalsoorlog" in text


def test_a_timelinejs_file_imports_as_a_collection(tmp_path: Path) -> None:
    timeline = tmp_path / "tijdlijn.json"
    timeline.write_text(
        json.dumps({"title": {"text": {"headline": "Voor de klas"}},
                    "events": [{"unique_id": EVENT, "start_date": {"year": 2022}}]}),
        encoding="utf-8",
    )  # fmt: skip
    done = kroniek(tmp_path / "home", "import", str(timeline))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Imported tijdlijn.json: 1 event in the collection “Voor de klas”."
    ]
    with Library(tmp_path / "home" / "library.sqlite3", auto_backup=False) as library:
        assert [c.event_ids for c in library.collections.all()] == [(EVENT,)]
