"""The values the temporal tagger produces: a calendar point, an expression, a resolved date.

Kept apart from :mod:`temporal` (which finds and resolves expressions) so
that both stay small; :mod:`temporal` re-exports them.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Point:
    """A calendar date at day, month or year precision."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.month is None:
            return date(self.year, 12, 31)
        if self.day is None:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, self.month, self.day)

    @classmethod
    def from_date(cls, d: date, precision: str = "day") -> Point:
        if precision == "year":
            return cls(d.year)
        if precision == "month":
            return cls(d.year, d.month)
        return cls(d.year, d.month, d.day)


@dataclass(frozen=True)
class Expression:
    """A date expression as written, before its year is known."""

    kind: str
    start: int
    end: int
    text: str
    y1: int | None = None
    m1: int | None = None
    d1: int | None = None
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    qualifier: str = ""
    rel_days: int = 0
    qualifier2: str = ""  # of the span's end: "eind 2022 / begin 2023"

    @property
    def has_year(self) -> bool:
        return self.y1 is not None or self.y2 is not None


@dataclass(frozen=True)
class Timex:
    """A resolved date: start, optional end, qualifier and where it was written."""

    start: Point
    end: Point | None
    qualifier: str
    inferred_year: bool
    expression: Expression

    @property
    def precision(self) -> str:
        return self.start.precision

    def date_range(self) -> tuple[date, date]:
        """First and last day the event can cover, narrowed by its qualifiers.

        A span's ends are narrowed apart: "eind 2022 / begin 2023" runs from
        the last third of 2022 to the first third of 2023, not over two years.
        """
        if self.end is None:
            return _narrow(self.start, self.qualifier)
        return _narrow(self.start, self.qualifier)[0], _narrow(
            self.end, self.expression.qualifier2
        )[1]


def _narrow(point: Point, qualifier: str) -> tuple[date, date]:
    """The days of *point*, or the third of them "begin", "medio" or "eind" names."""
    first, last = point.first_day(), point.last_day()
    if qualifier in ("start", "mid", "end"):
        third = ((last - first).days + 1) // 3
        if qualifier == "start":
            last = first + timedelta(days=third - 1)
        elif qualifier == "mid":
            first, last = first + timedelta(days=third), last - timedelta(days=third)
        else:
            first = last - timedelta(days=third - 1)
    return first, last
