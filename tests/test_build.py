"""Building the event database: deterministic, complete, atomic, documented."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from explorer import paths
from explorer.core.events.schema import SCHEMA_VERSION
from explorer.ingest.build import BuildError, build_database

REPO = Path(__file__).resolve().parent.parent
TABLES = (
    "events", "categories", "sections", "paragraphs", "sentences", "places", "actors",
    "event_places", "event_actors", "aliases", "meta", "event_links", "article_text",
    "article_names", "glossary", "glossary_forms",
)  # fmt: skip


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        content = {
            t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES
        }
        content["events_fts"] = conn.execute(
            "SELECT rowid, * FROM events_fts ORDER BY rowid"
        ).fetchall()
    finally:
        conn.close()
    content["meta"] = [row for row in content["meta"] if row[0] != "built"]
    return content


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("build") / "kroniek.db"
    build_database(paths.db_dir(), target)
    return target


def test_rebuilding_gives_the_committed_database(rebuilt: Path) -> None:
    committed, fresh = dump(paths.bundled_db()), dump(rebuilt)
    for table in committed:
        assert fresh[table] == committed[table], f"table {table} differs: run `kroniek build-db`"


def test_the_database_is_versioned_and_names_its_source(rebuilt: Path) -> None:
    conn = sqlite3.connect(rebuilt)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    assert meta["source_licence"] == "CC BY-SA 4.0"
    assert meta["source_title"] == "Russische invasie van Oekraïne"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", meta["built"])


def test_every_event_is_dated_placed_in_the_article_and_categorised(rebuilt: Path) -> None:
    source = paths.source_article().read_text(encoding="utf-8")
    conn = sqlite3.connect(rebuilt)
    rows = conn.execute(
        'SELECT start, "end", precision, date_min, date_max, text, title, category, '
        "source_start, source_end FROM events"
    ).fetchall()
    assert 550 <= len(rows) <= 950
    for start, end, precision, dmin, dmax, text, title, category, s, e in rows:
        assert len(start) == {"day": 10, "month": 7, "year": 4}[precision]
        assert not end or (len(end) == len(start) and end > start)
        assert dmin <= dmax
        assert source[s:e] == text.lower(), "display text must match the source letter for letter"
        assert title and len(title) <= 80
        assert category


def test_ids_are_unique_and_stable_across_builds(rebuilt: Path) -> None:
    ids = [r[0] for r in sqlite3.connect(rebuilt).execute("SELECT id FROM events")]
    assert len(ids) == len(set(ids))
    committed = {r[0] for r in sqlite3.connect(paths.bundled_db()).execute("SELECT id FROM events")}
    assert set(ids) == committed


def test_a_missing_source_is_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.db"
    with pytest.raises(BuildError, match="not found"):
        build_database(paths.db_dir(), target, source=tmp_path / "nope.txt")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_source_without_dates_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("== kop ==\ner gebeurde niets bijzonders.\n", encoding="utf-8")
    with pytest.raises(BuildError, match="no dated sentences"):
        build_database(paths.db_dir(), tmp_path / "out.db", source=source)
    assert not (tmp_path / "out.db").exists()


def test_an_undecodable_source_is_a_clear_error(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(b"\xff\xfe\x00 niet te lezen \x81")
    with pytest.raises(BuildError, match="cannot read"):
        build_database(paths.db_dir(), tmp_path / "out.db", source=source)


def test_a_failed_build_leaves_the_old_database_untouched(tmp_path: Path) -> None:
    target = tmp_path / "kroniek.db"
    target.write_bytes(b"old")
    with pytest.raises(BuildError):
        build_database(paths.db_dir(), target, source=tmp_path / "missing.txt")
    assert target.read_bytes() == b"old"
