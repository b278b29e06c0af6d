"""``kroniek search`` and ``kroniek facets`` as a reader types them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_search import build

from explorer.cli import main


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "events.db"
    build(path).close()
    return path


def lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().out.splitlines()


def test_kharkiv_in_english_finds_the_charkov_event_as_json(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db), "search", "Kharkiv", "--lang", "en", "--json"]) == 0
    (record,) = [json.loads(line) for line in lines(capsys)]
    assert record["id"] == "ev-charkov"
    assert {"id", "start", "end", "precision", "title", "text"} <= set(record)
    start, end = record["highlights"][0]
    assert record["text"][start:end] == "Charkov"


def test_plain_output_is_a_table_with_a_count(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "search", "krim", "--sort", "date"]) == 0
    out = lines(capsys)
    assert out[0].startswith("2014") and "Annexatie van de Krim" in out[0]
    assert "8 Oct 2022" in out[1] and "(ev-krimbrug)" in out[1]
    assert out[-1] == "2 events"


def test_facets_and_dates_narrow_the_search(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--db", str(db), "search", "", "--facet", "place=Ukraine", "--from", "2022-10"]
    assert main([*args, "--json"]) == 0
    ids = [json.loads(line)["id"] for line in lines(capsys)]
    assert ids and set(ids) <= {"ev-krimbrug", "ev-kiev", "ev-kachovka", "ev-przewodow"}
    assert "ev-przewodow" not in ids  # Przewodów is in Poland


def test_facets_command_lists_counts(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "facets", "rusland", "--json"]) == 0
    facets = {f["facet"]: f for f in map(json.loads, lines(capsys))}
    assert {"category", "year", "place", "actor", "precision"} <= set(facets)
    categories = {v["value"]: v["count"] for v in facets["category"]["values"]}
    assert categories["military"] >= 1 and categories["diplomacy"] == 0


@pytest.mark.parametrize(
    "args",
    [
        ["search", "kiev", "--from", "2022-13"],
        ["search", "kiev", "--facet", "colour=red"],
        ["search", "kiev", "--facet", "place=Atlantis"],
        ["search", "kiev", "--facet", "place"],
        ["search", "kiev " * 200],
        ["search", "kiev", "--limit", "0"],
        ["facets", "kiev", "--to", "maart"],
    ],
)
def test_bad_input_is_one_line_and_exit_status_2(
    db: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db), *args]) == 2
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("english", "dutch"),
    [
        ("Kharkiv", "charkov"),
        ("Kyiv", "kiev"),
        ("Putin", "poetin"),
        ("NATO", "navo"),
        ("Belarus", "wit-rusland"),
        ("Crimea", "krim"),
        ("Przewodow", "przewodów"),
    ],
)
def test_on_the_bundled_database_english_names_find_the_dutch_events(
    bundled_db: Path, english: str, dutch: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if not bundled_db.exists():
        pytest.skip("the bundled database has not been built")
    found = []
    for text, lang in ((english, "en"), (dutch, "nl")):
        args = ["--db", str(bundled_db), "search", text, "--lang", lang, "--json"]
        assert main([*args, "--limit", "1000"]) == 0
        found.append({json.loads(line)["id"] for line in lines(capsys)})
    assert found[0] and found[0] == found[1]
