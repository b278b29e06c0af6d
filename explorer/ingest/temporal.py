"""A Dutch temporal tagger for the article's way of writing dates.

Two steps. :func:`find_expressions` finds date expressions in one lower-cased
sentence — full dates, days and months whose year is left to context, months
and years alone, spans ("17–21 februari 2022", "van februari tot april 2021",
"in de nacht van 3 op 4 maart"), qualifiers ("begin december 2021", "medio
maart", "eind 2023", "rond 21 juni"), weekday forms ("op zaterdagochtend 24 juni
2023") and a few relative ones ("de volgende dag"). :class:`Resolver` then fills
in missing years from context: the previous dated sentence or the section
heading, choosing the year that puts the date nearest to that reference, so a
narrative that passes New Year rolls over ("op 12 december" after November 2021,
"op 5 januari" after it).

Month and weekday names come from babel's CLDR data, not hand lists.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from babel.dates import get_day_names, get_month_names

from explorer.ingest.timex import Expression, Point, Timex

__all__ = ["MONTHS", "Expression", "Point", "Resolver", "Timex", "find_expressions"]

_LOCALE = "nl"
MONTHS: dict[str, int] = {
    str(name).lower(): number for number, name in get_month_names("wide", locale=_LOCALE).items()
}
# Abbreviated forms ("sept.", "feb.") as CLDR writes them, without the dot.
for _number, _name in get_month_names("abbreviated", locale=_LOCALE).items():
    MONTHS.setdefault(str(_name).lower().rstrip("."), _number)
MONTHS.pop("mei.", None)
WEEKDAYS = [str(name).lower() for name in get_day_names("wide", locale=_LOCALE).values()]

_WIDE = {str(n).lower() for n in get_month_names("wide", locale=_LOCALE).values()}
_full_months = sorted(_WIDE, key=len, reverse=True)
_short_months = sorted(set(MONTHS) - set(_full_months), key=len, reverse=True)
# Full month names stand alone; abbreviations ("feb.", "sept.") only next to a day.
_MONTH_FULL = "(?:{})".format("|".join(_full_months))
_MONTH = r"(?:{}|(?:{})\.?)".format("|".join(_full_months), "|".join(_short_months))
_WEEKDAY = r"(?:{})(?:ochtend|middag|avond|nacht|morgen)?".format("|".join(WEEKDAYS))
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:e|ste|de)?"
_YEAR = r"(?:1[89]\d\d|20[0-4]\d)"
_DASH = r"\s*(?:-|–|—|/)\s*"


def _to(name: str) -> str:
    """A range connector, captured so "3 en 7 maart" can be told from "3-7 maart"."""
    return rf"(?:\s*(?P<{name}>-|–|—|/)\s*|\s+(?P<{name}w>tot\s+en\s+met|t/m|tot|en|op|naar)\s+)"


QUALIFIER_WORDS: dict[str, str] = {
    "begin": "start", "vroeg": "start", "eerst": "start", "voorjaar": "start",
    "lente": "start", "medio": "mid", "midden": "mid", "half": "mid", "halverwege": "mid",
    "zomer": "mid", "eind": "end", "einde": "end", "eindje": "end", "laat": "end",
    "najaar": "end", "herfst": "end", "rond": "approx", "omstreeks": "approx",
    "ongeveer": "approx", "circa": "approx", "ca.": "approx", "winter": "", "jaarwisseling": "",
}  # fmt: skip


def _qual(name: str) -> str:
    return (
        rf"(?P<{name}>begin|vroeg\s+in|medio|midden|half|halverwege|eind|einde|laat\s+in|rond"
        r"|omstreeks|ongeveer|circa|ca\.|(?:in\s+)?(?:het|de)\s+(?:voorjaar|lente|zomer|najaar"
        r"|herfst|winter)|(?:het\s+)?(?:voorjaar|zomer|najaar|herfst|winter)|in\s+de\s+loop\s+van"
        r"|(?:in\s+)?(?:het\s+)?(?:begin|midden|eind|einde)|in\s+de\s+(?:eerste|tweede|derde"
        r"|vierde|laatste)\s+week|de\s+jaarwisseling)(?:\s+van)?\s+"
    )


def _g(name: str, body: str) -> str:
    return f"(?P<{name}>{body})"


_ORDINALS = {
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6,
    "zevende": 7, "achtste": 8, "negende": 9, "tiende": 10,
}  # fmt: skip
_ORDINAL_WORDS = "|".join(_ORDINALS)
_COUNT = r"(?:een|één|twee|drie|vier|vijf|zes|zeven|\d{1,2})"
_PART_OF_DAY = r"(?:dag|avond|ochtend|morgen|middag|nacht)"

# Each pattern is tried at every position; the longest match wins.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "in de nacht van 3 op 4 maart (2022)", "nacht van 31 mei op 1 juni"
    (
        "night",
        re.compile(
            rf"(?:in\s+)?de\s+nacht\s+van\s+(?:{_WEEKDAY}\s+)?{_g('d1', _DAY)}"
            rf"(?:\s+{_g('m1', _MONTH)})?(?:\s+{_g('y1', _YEAR)})?\s+op\s+(?:{_WEEKDAY}\s+)?"
            rf"{_g('d2', _DAY)}\s+{_g('m2', _MONTH)}(?:\s+{_g('y2', _YEAR)})?"
        ),
    ),
    # "24 februari - 7 april 2022", "van 24 februari 2022 tot 7 april 2022", "5 en 6 december"
    (
        "dayspan",
        re.compile(
            rf"(?:(?:van|tussen)\s+)?(?:{_WEEKDAY}\s+)?{_g('d1', _DAY)}(?:\s+{_g('m1', _MONTH)})?"
            rf"(?:\s+{_g('y1', _YEAR)})?{_to('conn')}(?:{_WEEKDAY}\s+)?{_g('d2', _DAY)}\s+"
            rf"{_g('m2', _MONTH)}(?:\s+{_g('y2', _YEAR)})?"
        ),
    ),
    # "op zaterdagochtend 24 juni 2023", "(op) 3 maart", "rond 21 juni"
    (
        "day",
        re.compile(
            rf"(?:(?P<qual>rond|omstreeks|ongeveer|circa|ca\.)\s+)?(?:{_WEEKDAY},?\s+)?"
            rf"{_g('d1', _DAY)}\s+{_g('m1', _MONTH)}(?:\s+{_g('y1', _YEAR)})?"
        ),
    ),
    # "van februari tot april 2021", "eind juni en begin juli 2022", "maart-mei 2022"
    (
        "monthspan",
        re.compile(
            rf"(?:(?:van|tussen|vanaf)\s+)?(?:{_qual('qual')})?{_g('m1', _MONTH_FULL)}"
            rf"(?:\s+{_g('y1', _YEAR)})?{_to('conn')}(?:{_qual('qual2')})?{_g('m2', _MONTH_FULL)}"
            rf"(?:\s+{_g('y2', _YEAR)})?"
        ),
    ),
    # "in juni, juli en augustus 2023"
    (
        "monthspan",
        re.compile(
            rf"{_g('m1', _MONTH_FULL)}(?:,\s*{_MONTH_FULL})+,?\s+en\s+{_g('m2', _MONTH_FULL)}"
            rf"(?:\s+{_g('y2', _YEAR)})?"
        ),
    ),
    # "begin december 2021", "medio maart", "in de tweede week van mei", "maart 2023"
    (
        "month",
        re.compile(rf"(?:{_qual('qual')})?{_g('m1', _MONTH_FULL)}(?:\s+{_g('y1', _YEAR)})?"),
    ),
    # "2022-2023", "van 2014 tot 2022", "eind 2022 / begin 2023", "de winter van 2022/23"
    (
        "yearspan",
        re.compile(
            rf"(?:(?:van|tussen)\s+)?(?:{_qual('qual')})?{_g('y1', _YEAR)}"
            rf"(?:{_DASH}|\s+(?:tot\s+en\s+met|tot|en|naar)\s+)(?:{_qual('qual2')})?"
            rf"(?:{_g('y2', _YEAR)}|{_g('y2s', r'[0-9]{2}')}(?![0-9]))"
        ),
    ),
    # "vanaf 2014 tot februari 2022", "van maart 2014 tot 2022": a span of years whose
    # one end names its month; at the coarser precision, the years
    (
        "yearspan",
        re.compile(
            rf"(?:van|vanaf|tussen)\s+(?:{_qual('qual')})?(?:{_MONTH_FULL}\s+)?{_g('y1', _YEAR)}"
            rf"\s+(?:tot\s+en\s+met|tot|en)\s+(?:{_qual('qual2')})?(?:{_MONTH_FULL}\s+)?"
            rf"{_g('y2', _YEAR)}"
        ),
    ),
    # "eind 2023", "in het najaar van 2023", "sinds 2014", "in 1994"
    ("year", re.compile(rf"(?:{_qual('qual')})?{_g('y1', _YEAR)}")),
    # Same day as the reference: "diezelfde avond", "later op de dag", "'s avonds"
    (
        "relday",
        re.compile(
            rf"(?P<same>(?:op\s+)?(?:die|diezelfde|dezelfde|datzelfde|dat|hetzelfde)\s+"
            rf"(?:{_PART_OF_DAY}|moment)|later\s+(?:op|die)\s+(?:de\s+)?{_PART_OF_DAY}"
            rf"|(?:aan|tegen)\s+het\s+einde?\s+van\s+de\s+{_PART_OF_DAY}"
            r"|'s\s+(?:avonds|ochtends|middags|nachts|morgens)"
            r"|(?:op\s+)?(?:vrijwel\s+)?(?:datzelfde|hetzelfde)\s+moment)"
        ),
    ),
    # "de volgende dag", "twee dagen later", "een dag na de aanslag", "drie dagen eerder"
    (
        "relday",
        re.compile(
            rf"(?:(?:op\s+)?de\s+(?P<next>volgende)\s+{_PART_OF_DAY}"
            r"|(?:op\s+)?de\s+dag\s+(?P<after>erna|daarna|daarop|na\s+(?:de|het)\b)"
            r"|(?:op\s+)?de\s+dag\s+(?P<before>ervoor|daarvoor)"
            rf"|(?P<n>{_COUNT})\s+dag(?:en)?\s+(?P<dir>later|daarna|erna|eerder|daarvoor|ervoor"
            r"|na\s+(?:de|het)\b(?!\s+(?:begin\s+van\s+de\s+)?(?:invasie|oorlog))))"
        ),
    ),
    # "later die week", "een week later": the month of that week
    (
        "relweek",
        re.compile(rf"later\s+die\s+week|(?P<n>{_COUNT})\s+(?:week|weken)\s+(?:later|daarna|erna)"),
    ),
    # Counted from the invasion: "op de eerste dag van de invasie", "een dag na de invasie"
    (
        "anchor",
        re.compile(
            rf"(?:op\s+|vanaf\s+)?de\s+(?P<ord>{_ORDINAL_WORDS})\s+dag\s+van\s+de\s+"
            r"(?:invasie|oorlog)|(?P<zero>vanaf|bij|(?:direct|meteen|onmiddellijk|kort)\s+na)\s+het\s+"
            r"begin\s+van\s+de\s+"
            rf"(?:invasie|oorlog)(?!\s+(?:in|op|van)\s+\d)|(?P<n>{_COUNT})\s+dag(?:en)?\s+na\s+(?:het\s+begin\s+van\s+)?"
            r"de\s+(?:invasie|oorlog)"
        ),
    ),
]

_NUMBER_WORDS = {
    "een": 1,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
}
# A number followed by one of these is a quantity, not a year ("2000 soldaten").
_QUANTITY_AFTER = re.compile(
    r"\s*(?:km|kilometer|meter|m\b|ton|mensen|man|soldaten|militairen|doden|slachtoffers|"
    r"burgers|inwoners|euro|dollar|roebel|procent|%|stuks?|vaten|raketten|drones|tanks|"
    r"granaten|kinderen|vluchtelingen|gevangenen|reservisten|keer|x\b)"
)
_YEAR_CUES = re.compile(
    r"(?:\b(?:in|sinds|vanaf|van|tot|na|voor|rond|omstreeks|eind|einde|begin|medio|jaar|"
    r"per|uit|tussen|en|of|het|de|t/m|najaar|voorjaar|zomer|winter|herfst|lente|sedert|"
    r"halverwege|midden|januari|februari|maart|april|mei|juni|juli|augustus|september|"
    r"oktober|november|december|jaren)\s+|[(,–-]\s*)$"
)


def _day(value: str | None) -> int | None:
    if value is None:
        return None
    return int(re.match(r"\d+", value).group())  # type: ignore[union-attr]  # callers pass digits


def _month(value: str | None) -> int | None:
    return None if value is None else MONTHS[value.rstrip(".")]


def _qualifier(value: str | None) -> str:
    if not value:
        return ""
    for word in value.split():
        if word in QUALIFIER_WORDS:
            return QUALIFIER_WORDS[word]
    return ""


def _valid_day(year: int | None, month: int | None, day: int | None) -> bool:
    if day is None or month is None:
        return True
    return 1 <= day <= calendar.monthrange(year or 2000, month)[1]


def _count(value: str | None) -> int:
    if not value:
        return 1
    return int(value) if value.isdigit() else _NUMBER_WORDS.get(value, 1)


def _relative_days(kind: str, groups: dict[str, str | None]) -> int:
    """Offset in days from the reference (or from the anchor for ``anchor``)."""
    if kind == "anchor":
        if groups.get("ord"):
            return _ORDINALS[groups["ord"] or ""] - 1
        return _count(groups.get("n")) if groups.get("n") else 0
    if kind == "relweek":
        return 7 * _count(groups.get("n")) if groups.get("n") else 3
    if groups.get("same"):
        return 0
    if groups.get("next") or groups.get("after"):
        return 1
    if groups.get("before"):
        return -1
    direction = groups.get("dir") or ""
    n = _count(groups.get("n"))
    return -n if direction in ("eerder", "daarvoor", "ervoor") else n


def _consecutive(
    year: int | None, m1: int | None, d1: int | None, m2: int | None, d2: int | None
) -> bool:
    """True if day 2 follows day 1 directly ("5 en 6 december", "31 mei en 1 juni")."""
    if None in (m1, d1, m2, d2):
        return False
    try:
        first = date(year or 2001, m1 or 1, d1 or 1)
        second = date(first.year + (1 if (m2 or 0) < (m1 or 0) else 0), m2 or 1, d2 or 1)
    except ValueError:
        return False
    return (second - first).days == 1


def _to_expression(kind: str, m: re.Match[str]) -> Expression | None:
    groups = m.groupdict()
    y1 = int(groups["y1"]) if groups.get("y1") else None
    y2 = int(groups["y2"]) if groups.get("y2") else None
    if groups.get("y2s") and y1 is not None:
        # "2022/23": the century of the first year.
        y2 = y1 // 100 * 100 + int(groups["y2s"] or 0)
    m1, m2 = _month(groups.get("m1")), _month(groups.get("m2"))
    d1, d2 = _day(groups.get("d1")), _day(groups.get("d2"))
    if kind in ("night", "dayspan") and m1 is None:
        m1 = m2
    if kind in ("monthspan", "night", "dayspan") and y1 is None:
        y1 = y2
    if kind == "night" and m1 == m2 and d1 is not None and d2 is not None and d2 < d1:
        # "de nacht van 31 op 1 juni": the first night belongs to the month before.
        m1 = 12 if m2 == 1 else (m2 or 1) - 1
    if kind == "dayspan" and groups.get("connw") == "en" and not _consecutive(y1, m1, d1, m2, d2):
        # "op 3 en 7 maart", "op 23 augustus en 14 september" name two separate
        # days, not a span: the first counts. "5 en 6 december" is a span.
        kind, d2, m2, y2 = "day", None, None, None
    if not (_valid_day(y1, m1, d1) and _valid_day(y2, m2, d2)):
        return None
    rel = _relative_days(kind, groups) if kind in ("relday", "relweek", "anchor") else 0
    qualifier, qualifier2 = _qualifier(groups.get("qual")), _qualifier(groups.get("qual2"))
    if kind == "yearspan" and re.search(r"winter|jaarwisseling", groups.get("qual") or ""):
        # "de winter van 2022/23", "de jaarwisseling van 2022 naar 2023": end of one, start of next
        qualifier, qualifier2 = "end", "start"
    return Expression(
        kind=kind,
        start=m.start(),
        end=m.end(),
        text=m.group(0),
        y1=y1,
        m1=m1,
        d1=d1,
        y2=y2,
        m2=m2,
        d2=d2,
        qualifier=qualifier,
        rel_days=rel,
        qualifier2=qualifier2,
    )


def _is_word_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "./") and not (after.isalnum() or after == "/")


def _bare_year_is_date(text: str, m: re.Match[str]) -> bool:
    """A year with no month needs a cue ("in 2014", "sinds 2014") and no unit."""
    if _QUANTITY_AFTER.match(text, m.end()):
        return False
    if m.groupdict().get("qual") or re.match(r"(?:van|vanaf|tussen)\s", m.group(0)):
        return True
    return bool(_YEAR_CUES.search(text[max(0, m.start() - 20) : m.start()]))


def find_expressions(text: str) -> list[Expression]:
    """All non-overlapping date expressions in *text*, left to right."""
    found: list[Expression] = []
    pos = 0
    candidates: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if not m.group(0).strip() or not _is_word_boundary(text, m.start(), m.end()):
                continue
            if kind in ("year", "yearspan") and not _bare_year_is_date(text, m):
                continue
            candidates.append((m.start(), -(m.end() - m.start()), kind, m))
    candidates.sort(key=lambda c: (c[0], c[1]))
    for start, _neg_len, kind, m in candidates:
        if start < pos:
            continue
        expression = _to_expression(kind, m)
        pos = m.end()  # an impossible date ("31 februari") is consumed, not re-read
        if expression is not None:
            found.append(expression)
    return found


@dataclass
class Resolver:
    """Turns expressions into dates, carrying the reference date along the article.

    ``reference`` is the last day- or month-precise date the reader has seen;
    a year alone ("in 2014", "sinds 1939") does not replace it, because such
    years are usually background, but it is kept as ``year_hint`` for a day or
    month that follows before any precise date. ``anchor`` is the day the
    article's subject begins (the invasion), for "op de eerste dag van de
    invasie".
    """

    reference: Point | None = None
    year_hint: int | None = None
    anchor: date | None = None

    def set_reference(self, point: Point | None) -> None:
        self.reference = point
        self.year_hint = None

    def _infer_year(self, month: int) -> int:
        ref = self.reference
        if ref is None or ref.month is None:
            if self.year_hint is not None:
                return self.year_hint
            if ref is not None:
                return ref.year
            return self.anchor.year if self.anchor else date.today().year
        # Same year, unless the story has just passed New Year in either direction:
        # "op 5 januari" after October rolls forward, "op 20 december" after
        # February looks back.
        delta = month - ref.month
        if delta <= -7:
            return ref.year + 1
        if delta >= 9:
            return ref.year - 1
        return ref.year

    def resolve(self, e: Expression) -> Timex | None:
        """The dates of *e*, or None when its year cannot be known."""
        if e.kind in ("relday", "relweek", "anchor"):
            return self._resolve_relative(e)
        inferred = False
        y1, y2 = e.y1, e.y2
        if e.m1 is not None and y1 is None:
            y1, inferred = self._infer_year(e.m1), True
        if y1 is None:
            return None
        if e.m2 is not None and y2 is None:
            y2 = y1 if (e.m2, e.d2 or 0) >= (e.m1 or 0, e.d1 or 0) else y1 + 1
        start = Point(y1, e.m1, e.d1)
        end: Point | None = None
        if e.kind in ("night", "dayspan"):
            end = Point(y2 or y1, e.m2, e.d2)
        elif e.kind == "monthspan":
            end = Point(y2 or y1, e.m2)
        elif e.kind == "yearspan":
            end = Point(y2 or y1)
        if end is not None and (end == start or end.first_day() < start.first_day()):
            end = None
        return Timex(start, end, e.qualifier, inferred, e)

    def _resolve_relative(self, e: Expression) -> Timex | None:
        if e.kind == "anchor":
            if self.anchor is None:
                return None
            return Timex(Point.from_date(self.anchor + timedelta(days=e.rel_days)), None, "",
                         True, e)  # fmt: skip
        ref = self.reference
        if ref is None or ref.month is None:
            return None
        if ref.day is None:
            # "diezelfde dag" after "begin mei": that month is all we know.
            return Timex(Point(ref.year, ref.month), None, "", True, e)
        day = ref.first_day() + timedelta(days=e.rel_days)
        precision = "month" if e.kind == "relweek" else "day"
        return Timex(Point.from_date(day, precision), None, "", True, e)

    def advance(self, timex: Timex) -> None:
        """Let *timex* be the reference for the dates that follow it."""
        if timex.precision == "year":
            self.year_hint = timex.start.year
            return
        self.reference = timex.start
        self.year_hint = None
