"""The Dutch temporal tagger: how the article writes dates, and year inference."""

from __future__ import annotations

import pytest

from explorer.ingest.temporal import Resolver, find_expressions
from explorer.ingest.timex import Point


def first(text: str, reference: Point | None = None) -> tuple[str, str, str, str]:
    resolver = Resolver(reference)
    for expression in find_expressions(text):
        timex = resolver.resolve(expression)
        if timex is not None:
            end = timex.end.iso() if timex.end else ""
            return timex.start.iso(), end, timex.precision, timex.qualifier
    raise AssertionError(f"no date in {text!r}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("op 24 februari 2022 kondigde poetin", ("2022-02-24", "", "day", "")),
        ("in november 2004 werd premier", ("2004-11", "", "month", "")),
        ("in 1994 stemde oekraïne ermee in", ("1994", "", "year", "")),
        ("begin december 2021 gaven de vs", ("2021-12", "", "month", "start")),
        ("medio maart 2022 was", ("2022-03", "", "month", "mid")),
        ("eind 2023 was de economie", ("2023", "", "year", "end")),
        ("rond 21 juni 2022 werd het gebied", ("2022-06-21", "", "day", "approx")),
        ("van februari tot april 2021, was er", ("2021-02", "2021-04", "month", "")),
        ("tussen maart en september 2022 had", ("2022-03", "2022-09", "month", "")),
        ("vermeende aanvallen (17–21 februari 2022)", ("2022-02-17", "2022-02-21", "day", "")),
        ("invasie (24 februari - 7 april 2022)", ("2022-02-24", "2022-04-07", "day", "")),
        ("in de nacht van 15 op 16 mei 2023 haalde", ("2023-05-15", "2023-05-16", "day", "")),
        ("in de nacht van 6 juni 2023 werd de dam", ("2023-06-06", "", "day", "")),
        ("op zaterdagochtend 24 juni 2023 trok", ("2023-06-24", "", "day", "")),
        ("in het najaar van 2023 vuurde", ("2023", "", "year", "end")),
        ("sinds 2014 leverden de navo", ("2014", "", "year", "")),
        ("de oorlog van 2014 tot 2022 duurde", ("2014", "2022", "year", "")),
        ("vanaf 2014 tot februari 2022, was de watertoevoer", ("2014", "2022", "year", "")),
        ("van maart 2014 tot eind 2021 was", ("2014", "2021", "year", "")),
    ],
)
def test_dates_as_the_article_writes_them(text: str, expected: tuple[str, ...]) -> None:
    assert first(text) == expected


def test_a_day_without_year_takes_the_year_of_what_was_just_read() -> None:
    assert first("op 3 juli werd loehansk", Point(2022, 6, 30))[0] == "2022-07-03"


def test_the_year_rolls_over_when_the_story_passes_new_year() -> None:
    assert first("op 12 december beweerde hij", Point(2021, 11, 12))[0] == "2021-12-12"
    assert first("op 5 januari meldde", Point(2022, 12, 20))[0] == "2023-01-05"
    assert first("op 20 december meldde", Point(2023, 1, 4))[0] == "2022-12-20"


def test_an_overnight_span_across_a_month_end() -> None:
    assert first("in de nacht van 31 mei op 1 juni 2023 vielen")[:2] == ("2023-05-31", "2023-06-01")


def test_relative_days_count_from_the_previous_date() -> None:
    assert first("de volgende dag riep het parlement", Point(2022, 2, 22))[0] == "2022-02-23"
    assert first("twee dagen later volgde", Point(2022, 2, 22))[0] == "2022-02-24"


@pytest.mark.parametrize(
    "text",
    [
        "meer dan 2000 soldaten sneuvelden",
        "een colonne van 1500 km lang",
        "ongeveer 30.000 inwoners",
        "op 31 februari gebeurde niets",  # no such day
    ],
)
def test_quantities_and_impossible_dates_are_not_dates(text: str) -> None:
    resolver = Resolver(Point(2022, 3, 1))
    assert [resolver.resolve(e) for e in find_expressions(text)] == []


def test_a_qualified_month_covers_only_part_of_the_month() -> None:
    resolver = Resolver()
    (expression,) = find_expressions("eind februari 2023 hadden")
    timex = resolver.resolve(expression)
    assert timex is not None
    first_day, last_day = timex.date_range()
    assert (first_day.isoformat(), last_day.isoformat()) == ("2023-02-20", "2023-02-28")


def test_two_separate_days_are_not_a_span_but_two_following_days_are() -> None:
    assert first("op 3 en 7 maart 2022 vonden gesprekken plaats")[:2] == ("2022-03-03", "")
    assert first("op 23 augustus en 14 september 2023 werden")[:2] == ("2023-08-23", "")
    assert first("op 5 en 6 december 2022 vielen drones aan")[:2] == ("2022-12-05", "2022-12-06")


def test_a_week_later_gives_the_month_of_that_week() -> None:
    assert first("een week later volgde een offensief", Point(2023, 9, 19))[:3] == (
        "2023-09", "", "month",
    )  # fmt: skip


def test_counting_from_the_invasion() -> None:
    from datetime import date

    resolver = Resolver(anchor=date(2022, 2, 24))
    (expression,) = find_expressions("op de tweede dag van de invasie meldden de vn")
    timex = resolver.resolve(expression)
    assert timex is not None and timex.start.iso() == "2022-02-25"


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("de stad werd eind 2022 / begin 2023 het doel", "2022-09-02", "2023-05-01"),
        ("rond de jaarwisseling van 2022 naar 2023 voerde", "2022-09-02", "2023-05-01"),
        ("eind juni en begin juli 2022 boekten", "2022-06-21", "2022-07-10"),
    ],
)
def test_a_window_from_the_end_of_one_period_to_the_start_of_the_next(
    text: str, first: str, last: str
) -> None:
    timex = Resolver().resolve(find_expressions(text)[0])
    assert timex is not None
    start, end = timex.date_range()
    assert (start.isoformat(), end.isoformat()) == (first, last)
