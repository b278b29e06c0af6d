"""Searching the events: what a reader finds for what they type."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from fixtures_search import build

from explorer.core.errors import UsageError
from explorer.core.events.query import Query
from explorer.core.events.search import (
    CancelToken,
    SearchCancelled,
    SearchEngine,
    highlight_spans,
    mark,
    snippet,
)


@pytest.fixture
def engine() -> Iterator[SearchEngine]:
    conn = build()
    yield SearchEngine(conn)
    conn.close()


def found(engine: SearchEngine, text: str, **kw: object) -> set[str]:
    return set(engine.ids(Query(text, **kw)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("english", "dutch", "event"),
    [
        ("Kharkiv", "charkov", "ev-charkov"),
        ("Kyiv", "kiev", "ev-kiev"),
        ("Putin", "poetin", "ev-poetin"),
        ("NATO", "navo", "ev-navo"),
        ("Belarus", "wit-rusland", "ev-witrusland"),
        ("Crimea", "krim", "ev-krimbrug"),
        ("Wagner", "wagnergroep", "ev-wagner"),
        ("Przewodow", "przewodów", "ev-przewodow"),
        ("snake island", "slangeneiland", "ev-slangeneiland"),
        ("united nations", "verenigde naties", "ev-vn"),
    ],
)
def test_english_and_dutch_names_find_the_same_events(
    engine: SearchEngine, english: str, dutch: str, event: str
) -> None:
    assert event in found(engine, english)
    assert found(engine, english) == found(engine, dutch)


def test_searching_kharkiv_in_english_shows_the_28_february_bombing(engine: SearchEngine) -> None:
    result = engine.search(Query("Kharkiv", lang="en"))
    assert [h.id for h in result.hits] == ["ev-charkov"]
    hit = result.hits[0]
    assert hit.start == "2022-02-28" and hit.precision == "day"
    assert mark(hit.text, hit.text_spans) == (
        "Op 28 februari 2022 werd [Charkov] zwaar gebombardeerd door Russische troepen."
    )


@pytest.mark.parametrize(
    ("text", "event", "marked"),
    [
        ("gebombardeerd", "ev-charkov", "[gebombardeerd]"),  # through the stem
        ("kerncentrales", "ev-kerncentrale", "[kerncentrale]"),  # plural finds singular
        ("krim", "ev-krimbrug", "[Krimbrug]"),  # the start of a compound
        ("kachovka", "ev-kachovka", "[Kachovkadam]"),
        ("oekraine", "ev-witrusland", "[Oekraïne]"),  # without the diaeresis
    ],
)
def test_inflections_compounds_and_diacritics_are_found_and_marked(
    engine: SearchEngine, text: str, event: str, marked: str
) -> None:
    hits = {h.id: h for h in engine.page(Query(text), limit=100)}
    assert event in hits
    assert marked in mark(hits[event].text, hits[event].text_spans)


def test_several_words_must_all_match(engine: SearchEngine) -> None:
    assert found(engine, "charkov gebombardeerd") == {"ev-charkov"}
    assert found(engine, "charkov kiev") == set()
    assert found(engine, "charkov OR kiev") == {"ev-charkov", "ev-kiev"}


def test_excluded_words_leave_events_out(engine: SearchEngine) -> None:
    assert "ev-krimbrug" not in found(engine, "krim -krimbrug")
    assert "ev-annexatie" in found(engine, "krim -krimbrug")
    everything = found(engine, "")
    assert found(engine, "-krim") == everything - found(engine, "krim")


def test_a_phrase_matches_words_in_order(engine: SearchEngine) -> None:
    assert found(engine, '"verenigde naties"') == {"ev-vn"}
    assert found(engine, '"naties verenigde"') == set()


def test_relevance_puts_the_best_match_first_and_date_sort_is_chronological(
    engine: SearchEngine,
) -> None:
    by_date = engine.ids(Query("rusland", sort="date"))
    starts = {h.id: h.date_min for h in engine.page(Query("rusland"), limit=100)}
    assert [starts[i] for i in by_date] == sorted(starts[i] for i in by_date)
    # The word itself ranks above a compound that merely starts with it.
    assert engine.ids(Query("krim")) == ["ev-annexatie", "ev-krimbrug"]


@pytest.mark.parametrize(
    ("date_from", "date_to", "inside", "outside"),
    [
        ("2022-03", "2022-03", {"ev-navo", "ev-sancties", "ev-kerncentrale"}, {"ev-charkov"}),
        ("2022-03-04", "2022-03-04", {"ev-kerncentrale", "ev-sancties"}, {"ev-navo"}),
        ("2014", "2014", {"ev-annexatie"}, {"ev-troepenopbouw"}),
        ("2021-12-05", "", {"ev-troepenopbouw", "ev-wagner"}, {"ev-annexatie"}),
    ],
)
def test_a_date_range_selects_events_that_overlap_it(
    engine: SearchEngine, date_from: str, date_to: str, inside: set[str], outside: set[str]
) -> None:
    ids = found(engine, "", date_from=date_from, date_to=date_to)
    assert inside <= ids and not (outside & ids)


def test_bad_dates_and_facets_are_usage_errors(engine: SearchEngine) -> None:
    with pytest.raises(UsageError):
        engine.search(Query("kiev", date_from="2022-02-30"))
    with pytest.raises(UsageError, match="after"):
        engine.search(Query("kiev", date_from="2023", date_to="2022"))
    with pytest.raises(UsageError, match="Unknown facet"):
        engine.search(Query("kiev", facets={"colour": {"red"}}))


def test_counts_and_pages_agree(engine: SearchEngine) -> None:
    query = Query("", sort="date")
    total = engine.count(query)
    pages = [h.id for offset in range(0, total, 5) for h in engine.page(query, offset, 5)]
    assert pages == engine.ids(query) and len(pages) == total == 16
    assert engine.search(query, limit=5).total == 16


def test_user_text_never_reaches_sql(engine: SearchEngine) -> None:
    for text in ["'; DROP TABLE events; --", '" OR 1=1 --', "kiev) OR (1", "NEAR(a b)"]:
        engine.search(Query(text))
    assert engine.count(Query("")) == 16


def test_a_cancelled_search_stops(engine: SearchEngine) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(SearchCancelled):
        engine.search(Query("kiev"), cancel=token)


def test_a_running_search_can_be_interrupted_from_another_thread(engine: SearchEngine) -> None:
    token = CancelToken()
    timer = threading.Timer(0.05, token.cancel)
    timer.start()
    slow = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    with pytest.raises(SearchCancelled), engine.guard(token):
        engine.conn.execute(slow).fetchone()
    timer.cancel()


def test_highlight_marks_aliases_stems_and_phrases(engine: SearchEngine) -> None:
    text = "Charkov en Kiev werden gebombardeerd; de Verenigde Naties protesteerden."
    spans = engine.highlight(Query('Kharkiv bombarderen "verenigde naties"'), text)
    assert mark(text, spans) == (
        "[Charkov] en Kiev werden [gebombardeerd]; de [Verenigde Naties] protesteerden."
    )
    assert highlight_spans((), text) == []


def test_a_snippet_keeps_the_match_in_view() -> None:
    text = "woord " * 60 + "Charkov " + "woord " * 60
    start = text.index("Charkov")
    short, spans = snippet(text, [(start, start + 7)], width=80)
    assert len(short) <= 82 and short.startswith("…") and short.endswith("…")
    assert [short[s:e] for s, e in spans] == ["Charkov"]
