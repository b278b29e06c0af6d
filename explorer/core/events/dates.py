"""Event dates in words, at their precision, in the language asked for.

"24 februari 2022" / "24 February 2022", "maart 2023" / "March 2023", "2014",
"begin december 2021" / "early December 2021", spans "17–21 februari 2022",
"eind juni–juli 2022". Month names and date patterns come from babel's CLDR
data for the locale; only the qualifier words (begin/midden/eind/rond) are our
own catalogue strings.

:func:`format_event_date` is the only place an event's date becomes text: the
result list, the detail view, the timeline's tooltips and the exports all call
it (the timeline through :func:`event_date_from_days`, which recovers the
date as written from the day columns it keeps in memory).
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from babel.dates import format_date

from explorer.core.errors import UsageError, shown
from explorer.i18n import _, locale_of, translator

#: Precision and qualifier as small integers (the timeline's numpy columns).
PRECISIONS = ("day", "month", "year")
QUALIFIERS = ("", "start", "mid", "end", "approx")


def parse_iso(value: str) -> tuple[int, int | None, int | None]:
    """Split ``2022``, ``2022-03`` or ``2022-03-04`` into (year, month, day)."""
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else None
    day = parts[2] if len(parts) > 2 else None
    return year, month, day


def _point(value: str, locale: str, day: str = "d MMMM y", month: str = "LLLL y") -> str:
    """One date at its precision with the given CLDR patterns for day and month."""
    y, m, d = parse_iso(value)
    if d is not None and m is not None:
        return str(format_date(date(y, m, d), day, locale=locale))
    if m is not None:
        return str(format_date(date(y, m, 1), month, locale=locale))
    return str(y)


def _qualified(text: str, qualifier: str, lang: str) -> str:
    tr = translator(lang)
    if qualifier == "start":
        return tr.gettext("early {date}").format(date=text)
    if qualifier == "mid":
        return tr.gettext("mid {date}").format(date=text)
    if qualifier == "end":
        return tr.gettext("late {date}").format(date=text)
    if qualifier == "approx":
        return tr.gettext("around {date}").format(date=text)
    return text


#: CLDR patterns per width: a day, a month, a day without its year, a month alone.
_PATTERNS = {
    False: ("d MMMM y", "LLLL y", "d MMMM", "LLLL"),
    True: ("d MMM y", "LLL y", "d MMM", "LLL"),
}


def _span(start: str, end: str, locale: str, short: bool) -> str:
    """Two dates of the same precision, saying the shared month and year once."""
    day, month, day_only, month_only = _PATTERNS[short]
    s_year, s_month, s_day = parse_iso(start)
    e_year, e_month, e_day = parse_iso(end)
    last = _point(end, locale, day, month)
    if s_month is None or e_month is None:
        return f"{s_year}–{e_year}"  # "2022–2023"
    if s_day is None or e_day is None:
        if s_year == e_year:  # "februari–april 2021"
            return f"{format_date(date(s_year, s_month, 1), month_only, locale=locale)}–{last}"
        return f"{_point(start, locale, day, month)} – {last}"
    if (s_year, s_month) == (e_year, e_month):  # "17–21 februari 2022"
        return f"{s_day}–{last}"
    if s_year == e_year:  # "20 maart – 12 april 2022"
        return f"{format_date(date(s_year, s_month, s_day), day_only, locale=locale)} – {last}"
    return f"{_point(start, locale, day, month)} – {last}"


def format_event_date(
    start: str, end: str, precision: str, qualifier: str = "", *, lang: str, short: bool = False
) -> str:
    """The date of an event in words in *lang*, e.g. "begin december 2021".

    A qualifier applies to the whole text, spans included ("eind juni–juli
    2022": the article's "eind juni en begin juli"). *short* abbreviates the
    month names for narrow columns ("eind jun–jul 2022"), saying the same.
    """
    if not start:
        return ""
    locale = locale_of(lang)
    if end and end != start:
        text = _span(start, end, locale, short)
    else:
        day, month = _PATTERNS[short][:2]
        text = _point(start, locale, day, month)
    return _qualified(text, qualifier, lang)


def event_date_from_days(
    day_min: int, day_max: int, precision: int, qualifier: int = 0
) -> tuple[str, str, str, str]:
    """``(start, end, precision, qualifier)`` as stored, from the timeline's columns.

    *day_min*/*day_max* are the first and last day the event can cover
    (ordinals); *precision* and *qualifier* index :data:`PRECISIONS` and
    :data:`QUALIFIERS`. A qualified month ("begin maart": 1–10 March) stays in
    its month and year, so the written date comes back exactly.
    """
    first = date.fromordinal(day_min)
    last = date.fromordinal(max(day_min, day_max))
    name = PRECISIONS[precision] if 0 <= precision < len(PRECISIONS) else "day"
    width = {"day": 10, "month": 7, "year": 4}[name]
    start, end = first.isoformat()[:width], last.isoformat()[:width]
    kind = QUALIFIERS[qualifier] if 0 <= qualifier < len(QUALIFIERS) else ""
    return start, "" if end == start else end, name, kind


def format_day(day: date, *, lang: str) -> str:
    """One calendar day written out: ``24 februari 2022``."""
    return str(format_date(day, "d MMMM y", locale=locale_of(lang)))


_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_date_bound(value: str, *, end: bool) -> str:
    """``2022`` -> ``2022-01-01`` (or ``2022-12-31`` as an *end*), likewise for months.

    Raises :class:`UsageError` for anything that is not a real year, month or day.
    """
    match = _DATE.fullmatch(value.strip())
    if match:
        year = int(match.group(1))
        month = int(match.group(2)) if match.group(2) else (12 if end else 1)
        if year >= 1 and 1 <= month <= 12:
            last = calendar.monthrange(year, month)[1]
            day = int(match.group(3)) if match.group(3) else (last if end else 1)
            if 1 <= day <= last:
                return f"{year:04d}-{month:02d}-{day:02d}"
    raise UsageError(
        _(
            "Not a date: “{value}”. Use a year, year-month or year-month-day, like 2022-03-04."
        ).format(value=shown(value))
    )


def _month_names() -> dict[str, int]:
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for locale in ("nl", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                names[str(name).lower().rstrip(".")] = number
    return names


def parse_user_date(text: str) -> tuple[date, str]:
    """A date typed by a person, with its precision: ISO (``2022-02-24``,
    ``2022-02``, ``2022``), day-month-year (``24-2-2022``) or words in Dutch or
    English (``24 februari 2022``, ``February 2022``).

    Raises :class:`~explorer.core.errors.UsageError` with a one-line message.
    """
    value = " ".join(text.strip().lower().replace(",", " ").split())
    months = _month_names()
    patterns: list[tuple[str, str]] = [
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", "ymd"),
        (r"(\d{4})-(\d{1,2})", "ym"),
        (r"(\d{4})", "y"),
        (r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", "dmy"),
        (r"(\d{1,2}) ([^\W\d_]+)\.? (\d{4})", "dMy"),
        (r"([^\W\d_]+)\.? (\d{1,2}) (\d{4})", "Mdy"),
        (r"([^\W\d_]+)\.? (\d{4})", "My"),
    ]
    for pattern, kind in patterns:
        m = re.fullmatch(pattern, value)
        if not m:
            continue
        g = m.groups()
        try:
            if kind == "ymd":
                return date(int(g[0]), int(g[1]), int(g[2])), "day"
            if kind == "ym":
                return date(int(g[0]), int(g[1]), 1), "month"
            if kind == "y":
                return date(int(g[0]), 1, 1), "year"
            if kind == "dmy":
                return date(int(g[2]), int(g[1]), int(g[0])), "day"
            if kind == "dMy" and g[1] in months:
                return date(int(g[2]), months[g[1]], int(g[0])), "day"
            if kind == "Mdy" and g[0] in months:
                return date(int(g[2]), months[g[0]], int(g[1])), "day"
            if kind == "My" and g[0] in months:
                return date(int(g[1]), months[g[0]], 1), "month"
        except ValueError:
            break
    raise UsageError(
        _("Not a date: “{value}”. Try 24 februari 2022, February 2022 or 2022-02-24.").format(
            value=text.strip()
        )
    )
