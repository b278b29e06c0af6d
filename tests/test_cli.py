"""The command line: what a user types and what they read back."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from explorer import paths
from explorer.cli import main
from explorer.core.events.schema import SCHEMA_VERSION


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "explorer", *args], capture_output=True, text=True, env=env,
        timeout=120,
    )  # fmt: skip


def test_info_json_describes_the_bundled_database() -> None:
    done = run("info", "--json")
    assert done.returncode == 0, done.stderr
    info = json.loads(done.stdout)
    assert Path(info["db_path"]) == paths.bundled_db()
    assert 550 <= info["events"] <= 950
    assert info["schema_version"] == SCHEMA_VERSION
    assert info["source"]["title"] == "Russische invasie van Oekraïne"
    assert info["source"]["licence"] == "CC BY-SA 4.0"
    assert info["built"]
    assert info["places"] > 50 and info["actors"] > 30 and info["categories"] >= 10


def test_info_in_words_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "nl", "info"]) == 0
    out = capsys.readouterr().out
    assert "Gebeurtenissen" in out and "CC BY-SA 4.0" in out


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0 and done.stdout.startswith("kroniek ")


def _one_line_error(done: subprocess.CompletedProcess[str], code: int, words: str) -> None:
    assert done.returncode == code, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert words in lines[0]


def test_a_missing_database_is_one_clear_line(tmp_path: Path) -> None:
    _one_line_error(run("--db", str(tmp_path / "none.db"), "info"), 1, "not found")


def test_a_corrupt_database_is_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(os.urandom(8192))
    _one_line_error(run("--db", str(bad), "info"), 1, "damaged")


def test_a_truncated_database_is_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "truncated.db"
    bad.write_bytes(paths.bundled_db().read_bytes()[:20000])
    done = run("--db", str(bad), "info")
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1


def test_a_newer_database_is_refused_with_advice(tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    newer.write_bytes(paths.bundled_db().read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    _one_line_error(run("--db", str(newer), "info"), 1, "newer")


def test_a_database_without_events_table_is_not_a_kroniek_database(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE x (a)")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    _one_line_error(run("--db", str(other), "info"), 1, "not a Kroniek event database")


def test_an_unknown_option_is_one_line() -> None:
    _one_line_error(run("info", "--nonsense"), 2, "unrecognized arguments")


def test_build_db_with_a_missing_source_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "k.db"
    done = run("build-db", "--source", str(tmp_path / "missing.txt"), "--output", str(out))
    _one_line_error(done, 2, "not found")
    assert not out.exists()


def test_cite_prints_the_quotation_and_its_source_in_the_language_asked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["cite", "e2f8dad2a147", "--style", "chicago", "--lang", "nl"]) == 0
    quote, source = capsys.readouterr().out.rstrip("\n").split("\n")
    assert quote.startswith("“De Russische invasie van Oekraïne is een aanvalsoorlog")
    assert source.startswith("Wikipedia-bijdragers. “Russische invasie van Oekraïne”")
    assert "december 2023" in source and "Licentie: CC BY-SA 4.0." in source


def test_cite_refuses_an_unknown_event_or_style_in_one_line() -> None:
    done = run("cite", "e000000000000")
    assert done.returncode == 2
    assert done.stderr.strip().startswith("kroniek: There is no event “e000000000000”")
    assert len(done.stderr.strip().splitlines()) == 1
    done = run("cite", "e2f8dad2a147", "--style", "mla")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
