"""Parsing what people type into the search field: any input is safe."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.errors import UsageError
from explorer.core.events.query import (
    MAX_QUERY_CHARS,
    AliasIndex,
    FacetSelections,
    Query,
    QueryError,
    build_match,
    describe,
    parse_date_bound,
    parse_text,
)

ALIASES = AliasIndex(
    [
        ("Charkov", "place:charkov"),
        ("Kharkiv", "place:charkov"),
        ("Slangeneiland", "place:slang"),
        ("Snake Island", "place:slang"),
        ("Wit-Rusland", "place:by"),
        ("Belarus", "place:by"),
    ]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("charkov", "charkov"),
        ("Charkov  gebombardeerd", "charkov gebombardeerd"),
        ("kerncentr*", "kerncentr*"),
        ('"verenigde naties"', '"verenigde naties"'),
        ('"verenigde naties', '"verenigde naties"'),  # unclosed quote runs to the end
        ("-rusland poetin", "poetin -rusland"),
        ('-"wit rusland" kiev', 'kiev -"wit rusland"'),
        ("navo OR nato", "navo | nato"),
        ("navo AND nato", "navo nato"),
        ("wit-rusland", '"wit rusland"'),
        ("Przewodów", "przewodow"),
        ("title:krim (kiev)", '"title krim" kiev'),
        ("NEAR(kiev charkov)", "near kiev charkov"),
        ("*", ""),
        ('"', ""),
        ("- OR AND NOT", ""),
        ("\x00kiev\x07", "kiev"),
    ],
)
def test_the_search_text_is_split_into_terms(text: str, expected: str) -> None:
    assert describe(parse_text(text)) == expected


def test_the_word_being_typed_matches_as_a_prefix() -> None:
    assert describe(parse_text("krimbr", as_you_type=True)) == "krimbr*"
    assert describe(parse_text("krimbrug ", as_you_type=True)) == "krimbrug"
    # A single letter would match half the index; it waits for the next key.
    assert describe(parse_text("kiev b", as_you_type=True)) == "kiev"
    assert describe(parse_text("b", as_you_type=True)) == ""


def test_every_token_is_quoted_in_the_fts_expression() -> None:
    plan = build_match(parse_text('Kharkiv "snake island" -belarus x*'), ALIASES)
    assert plan.match is not None
    assert '"kharkiv"' in plan.match and '"charkov"*' in plan.match
    assert '"slangeneiland"' in plan.match
    assert ") NOT ((" in plan.match and '"belarus"' in plan.match
    assert '"wit rusland"' in plan.match
    assert '"x"*' not in plan.match  # a one-letter prefix is too broad to search


def test_two_words_that_form_an_alias_are_searched_as_that_alias() -> None:
    plan = build_match(parse_text("snake island"), ALIASES)
    assert plan.match is not None and '"slangeneiland"' in plan.match
    assert " AND " not in plan.match


def test_only_exclusions_are_kept_apart_for_the_engine() -> None:
    plan = build_match(parse_text("-rusland"))
    assert plan.match is None and plan.exclude is not None


def test_overlong_text_is_refused_with_a_clear_message() -> None:
    with pytest.raises(QueryError, match="too long"):
        parse_text("kiev " * 100_000)
    with pytest.raises(QueryError, match="Too many words"):
        parse_text(" ".join(f"w{i}" for i in range(40)))


FTS_NOISE = st.sampled_from(['"', "*", ":", "(", ")", "-", "NEAR", "AND", "OR", "NOT", "^", " "])


@settings(max_examples=300)
@given(st.lists(st.one_of(st.text(), FTS_NOISE), max_size=12).map("".join))
def test_any_text_either_searches_or_raises_a_query_error(text: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(a, stems)")
    conn.execute("INSERT INTO t VALUES ('kiev charkov', 'kiev charkov')")
    try:
        plan = build_match(parse_text(text, as_you_type=True), ALIASES)
    except QueryError as error:
        assert str(error) and "\n" not in str(error)
        return
    for expression in (plan.match, plan.exclude):
        if expression is not None:
            # FTS5 accepts what we built: no syntax error can reach the user.
            conn.execute("SELECT rowid FROM t WHERE t MATCH ?", [expression]).fetchall()


@given(st.text(max_size=MAX_QUERY_CHARS))
def test_parsing_is_deterministic(text: str) -> None:
    assert parse_text(text) == parse_text(text)


@pytest.mark.parametrize(
    ("value", "end", "day"),
    [
        ("2022", False, "2022-01-01"),
        ("2022", True, "2022-12-31"),
        ("2022-02", True, "2022-02-28"),
        ("2024-02", True, "2024-02-29"),
        ("2022-3-4", False, "2022-03-04"),
    ],
)
def test_dates_may_be_a_year_a_month_or_a_day(value: str, end: bool, day: str) -> None:
    assert parse_date_bound(value, end=end) == day


@pytest.mark.parametrize("value", ["2022-13", "2022-02-30", "maart", "22", "2022-03-04x", ""])
def test_a_bad_date_is_a_usage_error(value: str) -> None:
    with pytest.raises(UsageError, match="Not a date"):
        parse_date_bound(value, end=False)


def test_queries_are_values() -> None:
    a = Query("kiev", facets={"category": {"military"}})
    b = Query("kiev").toggled("category", "military")
    assert a == b and hash(a) == hash(b)
    assert b.toggled("category", "military") == Query("kiev")
    assert Query(facets={"year": set()}).facets == FacetSelections()
    assert b.cleared_filters() == Query("kiev")
