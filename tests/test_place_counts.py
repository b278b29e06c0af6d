"""The map's counts: events per place in a span, under a search, without a pass per event."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core.events.facet_index import FacetCounter
from explorer.core.events.place_counts import PlaceTimes, load_places, matching, place_times
from explorer.core.events.query import Query
from explorer.core.events.search import SearchEngine
from explorer.core.events.store import EventStore, connect_readonly


@pytest.fixture(scope="module")
def engine(bundled_db: object) -> Iterator[SearchEngine]:
    from explorer import paths

    conn = connect_readonly(paths.bundled_db())
    yield SearchEngine(conn)
    conn.close()


@pytest.fixture(scope="module")
def times(engine: SearchEngine) -> PlaceTimes:
    counter = FacetCounter(engine)
    return place_times(counter.index, engine.registry, engine.conn)


def by_sql(conn: sqlite3.Connection, place: str, first: str, last: str) -> int:
    """Events naming *place* that overlap first..last (inclusive days), counted in SQL."""
    sql = (
        "SELECT count(*) FROM events e JOIN event_places ep ON ep.event_id = e.id "
        "WHERE ep.place_id = ? AND e.date_max >= ? AND e.date_min <= ?"
    )
    return int(conn.execute(sql, (place, first, last)).fetchone()[0])


def day(iso: str) -> float:
    return float(date.fromisoformat(iso).toordinal())


def test_kharkiv_in_the_first_weeks_of_the_invasion_counts_as_sql_does(
    engine: SearchEngine, times: PlaceTimes
) -> None:
    counts = times.matching(None).counts_by_value(day("2022-02-24"), day("2022-04-01"))
    expected = by_sql(engine.conn, "kharkiv", "2022-02-24", "2022-03-31")
    assert expected > 0
    assert counts["kharkiv"] == expected


@given(
    st.integers(date(2013, 1, 1).toordinal(), date(2024, 12, 1).toordinal()),
    st.integers(1, 800),
)
def test_any_span_counts_what_overlaps_it(t0: int, length: int) -> None:
    from explorer import paths

    conn = connect_readonly(paths.bundled_db())
    try:
        engine = SearchEngine(conn)
        counts = _times(engine).matching(None).counts_by_value(t0, t0 + length)
        first = date.fromordinal(t0).isoformat()
        last = date.fromordinal(t0 + length - 1).isoformat()
        for place in ("kyiv", "kharkiv", "mariupol", "crimea", "moscow"):
            assert counts.get(place, 0) == by_sql(conn, place, first, last)
    finally:
        conn.close()


_CACHE: dict[str, PlaceTimes] = {}


def _times(engine: SearchEngine) -> PlaceTimes:
    if "t" not in _CACHE:
        _CACHE["t"] = place_times(FacetCounter(engine).index, engine.registry, engine.conn)
    return _CACHE["t"]


def test_a_search_counts_only_its_matches_and_an_oblast_counts_each_event_once(
    engine: SearchEngine, times: PlaceTimes
) -> None:
    plan = engine.plan(Query(text="raket"))
    counter = FacetCounter(engine)
    mask = matching(counter.index, plan.facets, plan.query, counter.base(plan), engine.conn)
    counts = times.matching(mask).counts_by_value()
    everything = times.matching(None).counts_by_value()
    assert 0 < counts["kyiv"] < everything["kyiv"]
    found = set(engine.found(plan).seqs)
    kyiv = engine.conn.execute(
        "SELECT e.seq FROM events e JOIN event_places ep ON ep.event_id = e.id "
        "WHERE ep.place_id = 'kyiv'"
    )
    assert counts["kyiv"] == len(found & {r[0] for r in kyiv})
    oblast = engine.conn.execute(
        "SELECT count(DISTINCT ep.event_id) FROM event_places ep JOIN places p "
        "ON p.id = ep.place_id WHERE p.id = 'kharkiv-oblast' OR p.oblast = 'kharkiv-oblast'"
    ).fetchone()[0]
    assert everything["oblast:UA/kharkiv-oblast"] == oblast


def test_a_place_facet_narrows_the_map_to_its_events(
    engine: SearchEngine, times: PlaceTimes
) -> None:
    plan = engine.plan(Query(facets={"place": frozenset({"kharkiv"})}))
    counter = FacetCounter(engine)
    mask = matching(counter.index, plan.facets, plan.query, counter.base(plan), engine.conn)
    counts = times.matching(mask).counts_by_value()
    assert counts["kharkiv"] == times.matching(None).counts_by_value()["kharkiv"]
    assert counts.get("lviv", 0) < times.matching(None).counts_by_value()["lviv"]


def test_the_first_events_in_view_are_those_of_the_place_in_date_order(
    engine: SearchEngine, times: PlaceTimes
) -> None:
    t0, t1 = day("2022-02-24"), day("2022-06-01")
    seqs = times.matching(None).first_seqs("kharkiv", t0, t1, limit=3)
    assert len(seqs) == 3
    rows = [
        engine.conn.execute(
            "SELECT e.date_min, e.date_max, ep.place_id FROM events e JOIN event_places ep "
            "ON ep.event_id = e.id AND ep.place_id = 'kharkiv' WHERE e.seq = ?",
            (s,),
        ).fetchone()
        for s in seqs
    ]
    assert all(r is not None and r[1] >= "2022-02-24" and r[0] < "2022-06-01" for r in rows)
    assert times.matching(None).first_seqs("no-such-place", t0, t1) == []


def test_every_place_has_names_a_kind_and_coordinates(store: EventStore) -> None:
    places = {p.id: p for p in load_places(store.conn)}
    kyiv = places["kyiv"]
    assert (kyiv.name_nl, kyiv.name_en, kyiv.kind, kyiv.coords) == ("Kiev", "Kyiv", "city", "point")
    assert kyiv.lat is not None and 50 < kyiv.lat < 51
    assert all(p.lat is not None and p.lon is not None for p in places.values())


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from explorer.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_places_command_counts_what_the_search_command_finds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    span = ["--from", "2022-01-01", "--to", "2023-12-31"]
    code, out, _err = run_cli(capsys, "places", "raket", *span, "--json")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows == sorted(rows, key=lambda r: (-r["count"], r["id"]))
    kyiv = next(r for r in rows if r["id"] == "kyiv")
    assert kyiv["name_nl"] == "Kiev" and kyiv["coords"] == "point" and kyiv["kind"] == "city"
    assert 50 < kyiv["lat"] < 51 and 30 < kyiv["lon"] < 31 and kyiv["total"] > kyiv["count"]
    code, out, _err = run_cli(
        capsys, "search", "raket", *span, "--facet", "place=kyiv", "--limit", "1000", "--json"
    )
    assert kyiv["count"] == len(out.splitlines()) > 0


def test_the_places_command_names_places_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _err = run_cli(capsys, "--lang", "nl", "places", "--facet", "place=Kharkiv")
    assert code == 0
    assert "Charkov" in out and "kharkiv" in out and out.rstrip().endswith("plaatsen")


@pytest.mark.parametrize(
    "args",
    [["--from", "2022-13"], ["--facet", "place=Atlantis"], ["--facet", "place"], ["--to", "x"]],
)
def test_the_places_command_refuses_bad_input_in_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code, out, err = run_cli(capsys, "places", *args, "--json")
    assert code == 2 and out == ""
    assert err.startswith("kroniek") and len(err.strip().splitlines()) == 1
