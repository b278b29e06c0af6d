"""Facet counts: what the panel shows next to each category, place, actor and year.

Counting happens only in the in-memory index; filtering only in SQL. Both come
from the same facet specification, and the property test below holds every
count to what the search finds when that value is selected.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from fixtures_search import build
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.errors import UsageError
from explorer.core.events.catalog import EventCatalog, Place, place_groups
from explorer.core.events.facet_index import FacetCounter
from explorer.core.events.facets import Facet
from explorer.core.events.query import Query
from explorer.core.events.search import SearchEngine


@pytest.fixture(scope="module")
def conn() -> Iterator[sqlite3.Connection]:
    connection = build()
    yield connection
    connection.close()


@pytest.fixture
def counter(conn: sqlite3.Connection) -> FacetCounter:
    return FacetCounter(SearchEngine(conn))


def by_key(facets: list[Facet]) -> dict[str, dict[str, int]]:
    return {f.key: {v.value: v.count for v in f.walk()} for f in facets}


def test_category_counts_match_a_direct_count(
    counter: FacetCounter, conn: sqlite3.Connection
) -> None:
    counts = by_key(counter.facets(Query()))["category"]
    direct = dict(conn.execute("SELECT category, count(*) FROM events GROUP BY category"))
    assert {k: v for k, v in counts.items() if v} == direct


def test_places_come_as_country_oblast_place_and_count_each_event_once(
    counter: FacetCounter, conn: sqlite3.Connection
) -> None:
    (place,) = [f for f in counter.facets(Query(lang="en")) if f.key == "place"]
    ukraine = next(v for v in place.values if v.value == "country:UA")
    assert ukraine.label == "Ukraine"
    direct = conn.execute(
        "SELECT count(DISTINCT ep.seq) FROM event_places ep JOIN places p "
        "ON p.id = ep.place_id WHERE p.country = 'UA'"
    ).fetchone()[0]
    assert ukraine.count == direct
    charkiv = next(v for v in ukraine.children if v.value == "oblast:UA/Charkiv")
    assert [(c.label, c.count) for c in charkiv.children] == [("Kharkiv", 1)]
    # Moscow has no events at all: it is not offered.
    assert "moskou" not in by_key([place])["place"]


def test_labels_follow_the_language(counter: FacetCounter) -> None:
    nl = {f.key: f for f in counter.facets(Query(lang="nl"))}
    en = {f.key: f for f in counter.facets(Query(lang="en"))}
    assert "Gevechten" in [v.label for v in nl["category"].values]
    assert "Fighting" in [v.label for v in en["category"].values]
    people_nl = [c.label for g in nl["actor"].values for c in g.children]
    assert "Vladimir Poetin" in people_nl
    assert "Vladimir Putin" in [c.label for g in en["actor"].values for c in g.children]


def test_a_facet_counts_without_its_own_selection(counter: FacetCounter) -> None:
    query = Query(facets={"category": {"military"}})
    counts = by_key(counter.facets(query))
    # Other categories keep their numbers, so the reader can add them (OR).
    assert counts["category"]["diplomacy"] == 3
    # Other facets count only military events.
    assert sum(counts["precision"].values()) == 8


def test_or_within_a_facet_and_across_facets(counter: FacetCounter) -> None:
    engine = counter.engine
    either = Query(facets={"category": {"military", "nuclear"}})
    assert engine.count(either) == 9
    both = either.with_facet("year", {"2023"})
    assert set(engine.ids(both)) == {"ev-wagner", "ev-kachovka"}


def test_values_without_events_are_reported_with_zero(counter: FacetCounter) -> None:
    counts = by_key(counter.facets(Query("kachovka")))
    assert counts["category"]["diplomacy"] == 0
    assert counts["year"]["2014"] == 0 and counts["year"]["2023"] == 1


def test_months_appear_when_one_year_is_selected(counter: FacetCounter) -> None:
    assert "month" not in by_key(counter.facets(Query()))
    months = by_key(counter.facets(Query(facets={"year": {"2022"}}, lang="nl")))["month"]
    assert len(months) == 12
    # The month-precision sanctions event counts in March; the year-only 2014 event nowhere.
    assert months["2022-03"] == 4


def test_unknown_facets_are_usage_errors(counter: FacetCounter, conn: sqlite3.Connection) -> None:
    with pytest.raises(UsageError):
        counter.facets(Query(facets={"colour": {"red"}}))
    registry = counter.engine.registry
    assert registry.resolve("place", "Kharkiv") == "charkov"
    assert registry.resolve("place", "Oekraïne") == "country:UA"
    assert registry.resolve("category", "Fighting") == "military"
    assert registry.resolve("precision", "alleen maand") == "month"
    with pytest.raises(UsageError):
        registry.resolve("actor", "Napoleon")


SELECTIONS = st.fixed_dictionaries(
    {},
    optional={
        "category": st.sets(st.sampled_from(["military", "diplomacy", "overview", "x"])),
        "year": st.sets(st.sampled_from(["2014", "2022", "2023"])),
        "month": st.sets(st.sampled_from(["2022-02", "2022-03", "2023-06"])),
        "place": st.sets(
            st.sampled_from(["charkov", "country:UA", "oblast:UA/Krim", "country:BY"])
        ),
        "actor": st.sets(st.sampled_from(["rusland", "group:people", "group:organisations"])),
        "precision": st.sets(st.sampled_from(["day", "month", "year"])),
    },
)


def test_an_oblast_contains_itself_but_only_in_its_own_country() -> None:
    places = [
        Place("oblast-charkiv", "Oblast Charkiv", "Kharkiv Oblast", "UA", ""),
        Place("charkov", "Charkov", "Kharkiv", "UA", "oblast-charkiv"),
        Place("elsewhere", "Elders", "Elsewhere", "RU", ""),
        Place("oblast-charkiv-ru", "Namesake", "Namesake", "RU", ""),
    ]
    groups = place_groups(places)
    assert groups["oblast-charkiv"] == ("country:UA", "oblast:UA/oblast-charkiv")
    assert groups["charkov"] == ("country:UA", "oblast:UA/oblast-charkiv")
    assert groups["elsewhere"] == ("country:RU",)
    assert EventCatalog.members(groups, {"oblast:UA/oblast-charkiv"}) == {
        "oblast-charkiv",
        "charkov",
    }


@settings(max_examples=60)
@given(
    text=st.sampled_from(["", "rusland", "krim", "-rusland", "Kharkiv OR Kyiv", "2022"]),
    selections=SELECTIONS,
    date_from=st.sampled_from(["", "2022-03", "2021"]),
)
def test_every_count_is_what_the_search_finds_with_that_value_selected(
    conn: sqlite3.Connection, text: str, selections: dict[str, set[str]], date_from: str
) -> None:
    engine = SearchEngine(conn)
    query = Query(text, date_from=date_from, facets=selections)
    counts = by_key(FacetCounter(engine).facets(query))
    for key, values in counts.items():
        for value, count in values.items():
            # The index counts; the SQL condition filters: both from one spec.
            assert count == engine.count(query.with_facet(key, {value})), (key, value)
