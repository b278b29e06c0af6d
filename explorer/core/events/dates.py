"""Event dates in words, at their precision, in the active language.

"24 februari 2022" / "24 February 2022", "maart 2023" / "March 2023", "2014",
"begin december 2021" / "early December 2021", spans "17–21 februari 2022".
Month names and date patterns come from babel's CLDR data for the locale;
only the qualifier words (begin/midden/eind/rond) are our own catalogue strings.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from explorer.i18n import _, babel_locale


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


def _qualified(text: str, qualifier: str) -> str:
    if qualifier == "start":
        return _("early {date}").format(date=text)
    if qualifier == "mid":
        return _("mid {date}").format(date=text)
    if qualifier == "end":
        return _("late {date}").format(date=text)
    if qualifier == "approx":
        return _("around {date}").format(date=text)
    return text


def format_event_date(start: str, end: str, precision: str, qualifier: str = "") -> str:
    """The date of an event in words, e.g. "begin december 2021"."""
    locale = babel_locale()
    if not start:
        return ""
    if end:
        s_year, s_month, s_day = parse_iso(start)
        e_year, e_month, e_day = parse_iso(end)
        if precision == "day" and s_day and e_day and (s_year, s_month) == (e_year, e_month):
            # "17–21 februari 2022": the month and year once, after the range.
            return f"{s_day}–{_point(end, locale)}"
        if s_year == e_year and s_month and e_month and precision == "month":
            first = str(format_date(date(s_year, s_month, 1), "LLLL", locale=locale))
            return f"{first}–{_point(end, locale)}"
        return f"{_point(start, locale)} – {_point(end, locale)}"
    return _qualified(_point(start, locale), qualifier)


def format_short_date(start: str, precision: str) -> str:
    """A compact date for list columns: "24 feb 2022", "mrt 2023", "2014"."""
    return _point(start, babel_locale(), "d MMM y", "LLL y")


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
    import re

    from explorer.core.errors import UsageError

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
