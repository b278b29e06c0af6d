"""The timeline's time axis: which ticks to draw and how to label them.

Given the visible span ``[t0, t1)`` in continuous days (proleptic Gregorian
ordinals, so ``date.toordinal()`` is the start of that day) and a pixel width,
:func:`compute_axis` picks the finest unit -- day, week, month, quarter, year,
2, 5 or 10 years -- whose labels do not overlap, and returns:

* minor ticks, each labelled with the unit ("24", "feb", "K1", "2022");
* a context row naming the coarser period ("februari 2022", "2022"), whose
  label sticks to the left edge while its period is on screen, like a
  spreadsheet's frozen header.

All text comes from babel in the active locale, so switching language and
recomputing the axis is all a retranslation needs. Text widths are measured
through a callable, so the widget can pass real font metrics while the tests
use a fixed width per character.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from babel.dates import format_date, format_interval

from explorer.i18n import _, babel_locale

Measure = Callable[[str], float]

#: Space kept free after a label, so neighbours never touch.
LABEL_GAP = 10.0
#: Labels start this far right of their tick.
LABEL_INSET = 3.0

_FIRST_ORDINAL = date(1, 1, 1).toordinal()
_LAST_ORDINAL = date(9999, 12, 31).toordinal()


@dataclass(frozen=True)
class Tick:
    """One tick on the axis; ``strong`` ticks start a coarser period."""

    day: int
    x: float
    label: str
    strong: bool


@dataclass(frozen=True)
class ContextLabel:
    """A period of the coarser unit, labelled in the axis' second row."""

    x: float
    x_end: float
    label: str


@dataclass(frozen=True)
class Axis:
    """The ticks and labels for one visible span and width."""

    unit: str
    ticks: list[Tick]
    context: list[ContextLabel]


@dataclass(frozen=True)
class _Unit:
    name: str
    approx_days: float
    patterns: tuple[str, ...]  # label formats, longest first
    context: str | None  # the coarser unit named in the second row
    context_patterns: tuple[str, ...]


_UNITS = (
    _Unit("day", 1, ("EEE d MMM", "EEE d", "d"), "month", ("MMMM y", "MMM y")),
    _Unit("week", 7, ("d MMM", "d"), "month", ("MMMM y", "MMM y")),
    _Unit("month", 30.44, ("MMMM", "MMM"), "year", ("y",)),
    _Unit("quarter", 91.3, ("QQQ",), "year", ("y",)),
    _Unit("year", 365.25, ("y",), None, ()),
    _Unit("2 years", 730.5, ("y",), None, ()),
    _Unit("5 years", 1826.25, ("y",), None, ()),
    _Unit("decade", 3652.5, ("y",), None, ()),
    _Unit("20 years", 7305, ("y",), None, ()),
)


#: Calendar units (and their approximate length in days) for binning events.
BIN_UNITS = tuple((u.name, u.approx_days) for u in _UNITS)


@lru_cache(maxsize=8192)
def _label(ordinal: int, pattern: str, locale: str) -> str:
    return format_date(date.fromordinal(ordinal), pattern, locale=locale)


def format_label(day: int, pattern: str) -> str:
    """Format the date *day* (an ordinal) with a CLDR *pattern* in the active locale."""
    return _label(day, pattern, babel_locale())


def period_starts(unit: str, first: int, last: int) -> Iterator[int]:
    """Ordinals of every *unit* boundary from the one at or before *first* to *last*."""
    d = date.fromordinal(max(_FIRST_ORDINAL, min(first, _LAST_ORDINAL)))
    if unit == "day":
        cur = d.toordinal()
        while cur <= last:
            yield cur
            cur += 1
        return
    if unit == "week":
        cur = d.toordinal() - d.weekday()  # ISO weeks start on Monday
        while cur <= last:
            yield cur
            cur += 7
        return
    if unit in ("month", "quarter"):
        step = 1 if unit == "month" else 3
        y, m = d.year, d.month - (d.month - 1) % step
        while True:
            cur = date(y, m, 1).toordinal()
            if cur > last:
                return
            yield cur
            m += step
            if m > 12:
                y, m = y + 1, m - 12
            if y > 9999:
                return
    years = {"year": 1, "2 years": 2, "5 years": 5, "decade": 10, "20 years": 20}[unit]
    y = max(1, d.year - d.year % years)
    while y <= 9999:
        cur = date(y, 1, 1).toordinal()
        if cur > last:
            return
        yield cur
        y += years


def _is_strong(unit: str, day: int) -> bool:
    """Whether a tick also starts the next coarser period (drawn longer)."""
    d = date.fromordinal(day)
    if unit in ("day", "week"):
        return d.day <= (7 if unit == "week" else 1)
    if unit in ("month", "quarter"):
        return d.month == 1
    return d.year % (10 if unit in ("year", "2 years", "5 years") else 50) == 0


def compute_axis(t0: float, t1: float, width: float, measure: Measure) -> Axis:
    """Ticks and labels for the span ``[t0, t1)`` drawn across *width* pixels.

    The finest unit wins whose labels all fit between their neighbours'
    ticks; inside a unit the longest label pattern that fits is used.
    """
    if width <= 0 or not t1 > t0 or not math.isfinite(t0) or not math.isfinite(t1):
        return Axis("none", [], [])
    scale = width / (t1 - t0)
    first, last = math.floor(t0), math.ceil(t1)

    def x_of(day: int) -> float:
        return (day - t0) * scale

    for unit in _UNITS:
        # Cheap filter before formatting: even the shortest label needs room.
        if unit.approx_days * scale < measure("00") + LABEL_GAP:
            continue
        if (last - first) / unit.approx_days > width / 4:
            continue
        starts = [s for s in period_starts(unit.name, first, last) if s < t1]
        if len(starts) > width / 4:
            continue
        for pattern in unit.patterns:
            labels = [format_label(s, pattern) for s in starts]
            if _labels_fit([x_of(s) for s in starts], labels, measure):
                ticks = [
                    Tick(s, x_of(s), lab, _is_strong(unit.name, s))
                    for s, lab in zip(starts, labels, strict=True)
                ]
                return Axis(unit.name, ticks, _context(unit, first, last, x_of, width, measure))
    return Axis("none", [], [])


def _labels_fit(xs: list[float], labels: list[str], measure: Measure) -> bool:
    for i in range(len(xs) - 1):
        if xs[i] + LABEL_INSET + measure(labels[i]) + LABEL_GAP > xs[i + 1] + LABEL_INSET:
            return False
    return True


def _context(
    unit: _Unit,
    first: int,
    last: int,
    x_of: Callable[[int], float],
    width: float,
    measure: Measure,
) -> list[ContextLabel]:
    if unit.context is None:
        return []
    starts = list(period_starts(unit.context, first, last))
    out = []
    for k, s in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else _next_period(unit.context, s)
        x0 = max(x_of(s), 0.0) + LABEL_INSET
        x1 = min(x_of(end), width)
        for pattern in unit.context_patterns:
            label = format_label(s, pattern)
            if x0 + measure(label) + LABEL_INSET <= x1:
                out.append(ContextLabel(x0, x1, label))
                break
    return out


def _next_period(unit: str, start: int) -> int:
    d = date.fromordinal(start)
    if unit == "month":
        return date(d.year + d.month // 12, d.month % 12 + 1, 1).toordinal()
    return date(d.year + 1, 1, 1).toordinal()


# -- dates of events, as people read them --------------------------------------


def _qualified(text: str, qualifier: int) -> str:
    if qualifier == 1:
        return _("early {date}").format(date=text)
    if qualifier == 2:
        return _("mid {date}").format(date=text)
    if qualifier == 3:
        return _("late {date}").format(date=text)
    if qualifier == 4:
        return _("around {date}").format(date=text)
    return text


def format_event_span(day_min: int, day_max: int, precision: int, qualifier: int = 0) -> str:
    """An event's date at its precision in the active locale.

    ``24 februari 2022``, ``17–21 februari 2022``, ``begin maart 2022``,
    ``februari – april 2021``, ``2014``. *precision* is 0 (day), 1 (month) or
    2 (year); *qualifier* 0 none, 1 start, 2 mid, 3 end, 4 approx.
    """
    locale = babel_locale()
    a, b = date.fromordinal(day_min), date.fromordinal(max(day_min, day_max))
    if precision == 0:
        if a == b:
            text = format_date(a, "d MMMM y", locale=locale)
        else:
            text = format_interval(a, b, "yMMMMd", locale=locale)
    elif precision == 1:
        last_of_first_month = date(a.year + a.month // 12, a.month % 12 + 1, 1) - timedelta(1)
        if b <= last_of_first_month:
            text = format_date(a, "LLLL y", locale=locale)
        else:
            text = format_interval(a, b, "yMMMM", locale=locale)
    else:
        text = str(a.year) if a.year == b.year else f"{a.year}–{b.year}"
    return _qualified(text, qualifier)


def format_day(day: float) -> str:
    """The calendar day containing *day*, written out: ``24 februari 2022``."""
    return format_date(date.fromordinal(math.floor(day)), "d MMMM y", locale=babel_locale())
