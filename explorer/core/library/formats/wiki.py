"""The article's sections as Wikipedia shows them: headings, anchors, periods.

A citation of one event points at its section: ``…/Russische_invasie_van_Oekra%C3%AFne
#Eerste_fase:_noordelijk_front``. MediaWiki makes a heading's anchor from its
text as written (spaces become underscores; a repeated heading gets ``_2``,
``_3`` in reading order) and browsers match it case-sensitively. The vendored
article is all lower case, so the headings are cased here the way the event
database's own text (its capitals restored at build time) writes each word:
"invasie van oekraïne" becomes "invasie van Oekraïne" because the sentences
say "Oekraïne". A word the sentences never write with a capital stays lower case.

Some headings name their period, "Eerste fase: … (24 februari - 7 april 2022)";
:func:`heading_period` reads it, for the eras of a TimelineJS export.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol
from urllib.parse import quote

from explorer.core.errors import UsageError
from explorer.core.events.dates import parse_user_date

PATH_SEPARATOR = " › "
#: What RFC 3986 allows in a fragment besides letters, digits and "-._~".
_FRAGMENT_SAFE = "!$&'()*+,;=:@/?"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


class SectionSource(Protocol):
    """What :meth:`Headings.from_store` needs (``EventStore`` fits)."""

    def sections(self) -> list[tuple[int, int | None, int, str, str]]: ...
    def sample_texts(self, limit: int = ...) -> list[str]: ...


def anchor(heading: str) -> str:
    """The URL fragment MediaWiki gives *heading*: underscores, percent-encoded."""
    return quote("_".join(heading.split()), safe=_FRAGMENT_SAFE)


def learn_casing(texts: Iterable[str]) -> dict[str, str]:
    """Lower-case word → its usual written form, for words written with capitals
    more often than without, not counting the first word of a sentence."""
    forms: dict[str, Counter[str]] = {}
    for text in texts:
        for match in _WORD.finditer(text):
            before = text[: match.start()].rstrip()
            if not before or before[-1] in ".!?:“\"'(":
                continue  # a sentence start says nothing about the word
            word = match.group()
            forms.setdefault(word.lower(), Counter())[word] += 1
    cased: dict[str, str] = {}
    for lower, counts in forms.items():
        form, n = counts.most_common(1)[0]
        if form != lower and n > counts.get(lower, 0):
            cased[lower] = form
    return cased


def case_heading(title: str, casing: dict[str, str]) -> str:
    """*title* with each word cased as the article writes it, first letter capital."""
    text = _WORD.sub(lambda m: casing.get(m.group().lower(), m.group()), title)
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Heading:
    """One section: its heading as displayed, its anchor and its place in the tree."""

    id: int
    parent_id: int | None
    level: int
    text: str
    anchor: str
    path: str


class Headings:
    """The article's sections by heading path (``events.section``)."""

    def __init__(self, headings: Iterable[Heading] = ()) -> None:
        self.by_path = {h.path: h for h in headings}

    @classmethod
    def from_store(cls, store: SectionSource) -> Headings:
        rows = store.sections()
        if not rows:
            return cls()
        casing = learn_casing(store.sample_texts())
        seen: Counter[str] = Counter()
        out = []
        for sid, parent, level, title, path in rows:
            if not title:  # the lead has no heading and no anchor
                continue
            text = case_heading(title, casing)
            base = anchor(text)
            seen[base] += 1
            # MediaWiki numbers repeated headings: the second is "_2".
            frag = base if seen[base] == 1 else f"{base}_{seen[base]}"
            out.append(Heading(sid, parent, level, text, frag, path))
        return cls(out)

    def heading(self, path: str) -> str:
        """The last heading of *path* as displayed (or "" for the lead)."""
        found = self.by_path.get(path)
        if found:
            return found.text
        last = path.rsplit(PATH_SEPARATOR, 1)[-1].strip()
        return "" if last in ("", "Inleiding") else last

    def anchor(self, path: str) -> str:
        found = self.by_path.get(path)
        if found:
            return found.anchor
        heading = self.heading(path)
        return anchor(heading) if heading else ""

    def all(self) -> list[Heading]:
        """Every heading in reading order."""
        return list(self.by_path.values())


_PERIOD = re.compile(r"\(([^()]*\d{4})\)\s*$")
_RANGE = re.compile(r"\s+[-–]\s+|(?<=\d)[-–](?=\d)")


def _bound(text: str, year: str, *, end: bool) -> date | None:
    text = text.strip()
    if not re.search(r"\d{4}", text):
        text = f"{text} {year}"
    try:
        day, precision = parse_user_date(text)
    except UsageError:
        return None
    if not end or precision == "day":
        return day
    if precision == "month":
        following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        return following - timedelta(days=1)
    return date(day.year, 12, 31)


def heading_period(heading: str) -> tuple[date, date] | None:
    """The period a heading names at its end, "(24 februari - 7 april 2022)",
    "(17–21 februari 2022)", "(juli 2023)", as first and last day; else None."""
    found = _PERIOD.search(heading)
    if not found:
        return None
    inner = found.group(1)
    parts = _RANGE.split(inner, maxsplit=1)
    year = re.findall(r"\d{4}", inner)[-1]
    if len(parts) == 1:
        first, last = _bound(inner, year, end=False), _bound(inner, year, end=True)
    else:
        head, tail = parts
        if head.strip().isdigit():  # "17–21 februari 2022": the month comes after
            head = f"{head} {tail.strip().split(' ', 1)[1]}" if " " in tail.strip() else head
        first, last = _bound(head, year, end=False), _bound(tail, year, end=True)
    if first is None or last is None or last < first:
        return None
    return first, last
