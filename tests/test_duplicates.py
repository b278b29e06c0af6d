"""Happenings the article tells twice are linked, and a date conflict between them is shown."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from explorer.ingest.duplicates import Told, told_twice


def told(eid: str, section: int, day: date, text: str) -> Told:
    return Told(eid, section, day, day, text)


def test_the_same_report_in_two_sections_is_linked_both_ways() -> None:
    a = told(
        "a",
        1,
        date(2022, 4, 8),
        "Op 8 april 2022 meldden Britse militaire "
        "inlichtingendiensten dat het Russische leger zich had teruggetrokken uit het noorden",
    )
    b = told(
        "b",
        2,
        date(2022, 4, 8),
        "In de ochtend van 8 april meldden Britse militaire "
        "inlichtingendiensten dat het Russische leger zich had teruggetrokken uit het noorden",
    )
    links = told_twice([a, b])
    assert [(k.event_id, k.other_id, k.note) for k in links] == [("a", "b", ""), ("b", "a", "")]


def test_two_similar_sentences_of_one_section_are_a_story_not_a_repeat() -> None:
    text = "Op 8 april meldden Britse inlichtingendiensten dat het Russische leger zich terugtrok"
    assert (
        told_twice([told("a", 1, date(2022, 4, 8), text), told("b", 1, date(2022, 4, 8), text)])
        == []
    )


def test_a_repeat_months_apart_is_another_happening() -> None:
    text = "Er vielen zeker twintig doden bij een Russische raketaanval op een winkelcentrum"
    assert (
        told_twice([told("a", 1, date(2022, 6, 27), text), told("b", 2, date(2023, 6, 27), text)])
        == []
    )


def test_the_database_shows_the_date_conflict_of_a_report_told_twice(bundled_db: Path) -> None:
    conn = sqlite3.connect(bundled_db)
    notes = [n for (n,) in conn.execute("SELECT note FROM event_links WHERE note != ''")]
    pairs = conn.execute("SELECT COUNT(*) / 2 FROM event_links").fetchone()[0]
    assert pairs >= 9
    assert "dates differ: 2022-06-02 and 2022-05-26" in notes
