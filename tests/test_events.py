"""Choosing a sentence's main date and carrying the year along the article."""

from __future__ import annotations

from explorer.ingest.article import parse_article
from explorer.ingest.events import extract_events


def dates(source: str) -> list[tuple[str, str]]:
    return [(e.timex.start.iso(), e.timex.end.iso() if e.timex.end else "")
            for e in extract_events(parse_article(source))]  # fmt: skip


def test_a_comparison_with_an_earlier_date_is_not_the_sentences_date() -> None:
    source = (
        "== luchtoorlog ==\nop 31 december 2022 viel een raket.het was een van de dodelijkste "
        "aanvallen op russische doelen sinds 28 februari 2022.\n"
    )
    assert dates(source) == [("2022-12-31", "")]


def test_a_report_counts_the_day_of_what_it_reports() -> None:
    source = (
        "== misdaden ==\nop 8 maart 2022 maakte de ngo human rights watch bekend dat de "
        "troepen op 6 maart woonwijken bombardeerden.\n"
    )
    assert dates(source) == [("2022-03-06", "")]


def test_an_explanation_of_the_day_before_does_not_move_the_story() -> None:
    source = (
        "== opstand ==\nop zaterdagochtend 24 juni 2023 bezetten huurlingen rostov.de reden "
        "hiervoor was een aanval op vrijdagavond 23 juni 2023.die avond gaf hij op.\n"
    )
    assert dates(source) == [("2023-06-24", ""), ("2023-06-23", ""), ("2023-06-24", "")]


def test_a_new_topic_takes_its_year_from_its_own_written_dates() -> None:
    source = (
        "== winter ==\nop 5 maart 2023 viel de stad.\n"
        "== protesten ==\n=== demonstraties ===\nop 27 februari kwamen 100.000 mensen bijeen."
        "op 2 maart 2022 volgden er meer.\n"
    )
    assert dates(source)[1] == ("2022-02-27", "")


def test_a_dated_heading_sets_the_year_of_its_section() -> None:
    source = "== luchtoorlog ==\n=== 15 november 2022: raketten ===\nop 16 november viel er één.\n"
    assert dates(source) == [("2022-11-16", "")]


def test_a_forecast_is_dated_when_it_is_made_not_by_its_target() -> None:
    source = (
        "== tegenoffensief ==\nop 5 mei 2022 veranderde de strategie.volgens het hoofd van de "
        "inlichtingendienst zou rusland tegen het eind van 2022 verslagen zijn.\n"
    )
    assert dates(source) == [("2022-05-05", ""), ("2022-05", "")]


def test_a_flashback_in_a_dated_section_does_not_move_the_story() -> None:
    source = (
        "== luchtoorlog ==\n=== oktober 2023: raketaanval ===\nop 5 oktober 2023 viel een raket. "
        "het dorp werd in september 2022 heroverd. de president had het drie dagen eerder nog "
        "bezocht.\n"
    )
    assert dates(source)[-1] == ("2023-10-02", "")
