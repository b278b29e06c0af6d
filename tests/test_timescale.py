"""The time axis: units that adapt to the zoom, labels that never overlap, in both languages."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer import i18n
from explorer.core.timeline.timescale import LABEL_GAP, compute_axis, format_event_span


def measure(text: str) -> float:
    return 7.0 * len(text)


def d(y: int, m: int = 1, day: int = 1) -> int:
    return date(y, m, day).toordinal()


def axis_for(start: int, end: int, width: float = 1600):
    return compute_axis(start, end, width, measure)


def test_whole_range_is_labelled_in_years() -> None:
    axis = axis_for(d(1989), d(2026))
    assert axis.unit in ("year", "2 years")
    assert "2022" in [t.label for t in axis.ticks]


def test_a_year_shows_weeks_or_months_under_the_year() -> None:
    axis = axis_for(d(2022), d(2023))
    assert axis.unit in ("week", "month")
    assert next(c.label for c in axis.context).startswith(("January 2022", "2022"))


def test_february_2022_shows_days_named_with_the_month() -> None:
    axis = axis_for(d(2022, 2), d(2022, 3))
    assert axis.unit == "day"
    assert "February 2022" in [c.label for c in axis.context]
    assert any(t.label.endswith("24") for t in axis.ticks)


def test_two_days_show_weekday_and_month() -> None:
    axis = axis_for(d(2022, 2, 24), d(2022, 2, 26))
    assert [t.label for t in axis.ticks if t.x >= 0] == ["Thu 24 Feb", "Fri 25 Feb"]


def test_dutch_labels() -> None:
    i18n.set_language("nl")
    axis = axis_for(d(2022, 2, 24), d(2022, 2, 26))
    assert [t.label for t in axis.ticks if t.x >= 0] == ["do 24 feb", "vr 25 feb"]
    axis = axis_for(d(2022, 2), d(2022, 3))
    assert "februari 2022" in [c.label for c in axis.context]


@settings(max_examples=200)
@given(
    start=st.floats(min_value=d(1989), max_value=d(2025)),
    span=st.floats(min_value=2, max_value=40 * 365.25),
    width=st.integers(min_value=200, max_value=3000),
)
def test_labels_never_overlap(start: float, span: float, width: int) -> None:
    axis = compute_axis(start, start + span, width, measure)
    ticks = axis.ticks
    assert ticks, "every zoom level has ticks"
    for a, b in itertools.pairwise(ticks):
        assert a.x + measure(a.label) + LABEL_GAP <= b.x + 1e-6
    for a, b in zip(axis.context, axis.context[1:], strict=False):
        assert a.x + measure(a.label) <= b.x


def test_context_label_sticks_to_the_left_edge() -> None:
    axis = axis_for(d(2022, 2, 10), d(2022, 3, 10))
    assert axis.context[0].label == "February 2022"
    assert 0 <= axis.context[0].x < 10


@pytest.mark.parametrize(
    ("args", "en", "nl"),
    [
        ((d(2022, 2, 24), d(2022, 2, 24), 0, 0), "24 February 2022", "24 februari 2022"),
        ((d(2022, 3, 1), d(2022, 3, 31), 1, 1), "early March 2022", "begin maart 2022"),
        ((d(2014, 1, 1), d(2014, 12, 31), 2, 0), "2014", "2014"),
    ],
)
def test_event_dates_read_naturally(args: tuple[int, int, int, int], en: str, nl: str) -> None:
    assert format_event_span(*args) == en
    i18n.set_language("nl")
    # Month names come from babel; the qualifier word from the catalogue.
    assert format_event_span(*args).endswith(nl.split(" ", 1)[-1] if args[3] else nl)
