"""Turn the article's sentences into dated events.

Walks the article in reading order, carrying a reference date: section
headings that name a date set it ("=== 15 november 2022: … ==="), and every
dated sentence moves it to its own main date, so "op 3 juli" takes its year
from what the reader has just read. The main date of a sentence is its first
date expression that can be resolved; later ones are usually context ("in
december 2023 moesten de eu-landen toegeven dat zij pas voor maart 2024…").
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from explorer.ingest.article import REFERENCE_SECTIONS, Article, Section, Sentence
from explorer.ingest.temporal import Resolver, find_expressions
from explorer.ingest.timex import Expression, Point, Timex


@dataclass(frozen=True)
class DraftEvent:
    """An event before entities, capitals and titles are added."""

    id: str
    seq: int
    sentence: Sentence
    timex: Timex
    source_start: int
    source_end: int

    @property
    def section(self) -> Section:
        return self.sentence.section


def event_id(text: str, occurrence: int = 0) -> str:
    """A stable id: the same sentence text gives the same id on every rebuild.

    *occurrence* separates identical sentences (and two events of one sentence)
    so ids stay unique without depending on position in the article.
    """
    digest = hashlib.sha1(f"{text.strip()}\x00{occurrence}".encode()).hexdigest()
    return "e" + digest[:11]


# Context before an expression that makes it background rather than the
# sentence's own date: a comparison ("voor het eerst sinds 1939", "de zwaarste
# aanval sinds 28 februari"), a year inside a modifier or relative clause
# ("de, in 2014 geannexeerde, krim", "die in 2014 milities leidde"), a treaty
# name ("het genocideverdrag van 1948") or a planned date ("gepland op …").
_COMPARISON = re.compile(r"(?:voor\s+het\s+eerst|\w+ste\b[^,.;]{0,70})\s+sinds\s+$")
# "sinds de eerste dag van de oorlog … 14.000 doden": a running total, not a date.
_SINCE = re.compile(r"\bsinds\s+$")
# A sentence that explains what came before ("de reden hiervoor was …", "dit
# was een reactie op …") may name an earlier date; it does not move the story.
_EXPLAINS = re.compile(
    r"^(?:de\s+reden|dit\s+was|dat\s+was|dit\s+waren|het\s+was\s+een\s+reactie)\b"
)
_MODIFIER = re.compile(r"\b(?:de|het|een|die|dat)\s*,?\s+(?:in|vanaf|sinds)\s+$")
_TREATY = re.compile(r"\w*(?:verdrag|conventie)\s+van\s+$")
_PLANNED_BEFORE = re.compile(r"\b(?:gepland|pas)\s+(?:\w+\s+){0,2}$")
_PLANNED_AFTER = re.compile(r"^\s+(?:\w+\s+)?gepland")
_REPORT = re.compile(
    r"\b(?:werd(?:en)?\s+bekend|maakte(?:n)?\s+(?:[\w'-]+\s+){0,6}bekend|meldde(?:n)?|berichtte(?:n)?|"
    r"bevestigde(?:n)?|rapporteerde(?:n)?|onthulde(?:n)?)\b[^.;]*?\bdat\b"
)
_OPEN_BOUND = re.compile(r"\b(?:sinds|vanaf|tot|sedert)\s+$")
# A forecast or deadline names the date it is about, not the day it was made:
# "zou rusland tegen het eind van 2022 verslagen zijn", "het omslagpunt zou
# volgens hem eind augustus zijn". "zou op 5 maart raketten hebben afgevuurd"
# reports a past event and keeps its date.
_MODAL = re.compile(r"\b(?:zou|zouden|zal|zullen)\b[^,.;:]{0,70}$")
_DEADLINE = re.compile(r"\b(?:tegen|uiterlijk|voor)\s+$")
_PAST_REPORT = re.compile(r"\b(?:hebben|zijn)\s+\w+|\b(?:ge\w+|\w+en)\s+(?:hebben|zijn)\b")


def is_forecast(text: str, expression: Expression) -> bool:
    """True when *expression* is the target of a forecast or deadline in *text*."""
    before = text[: expression.start]
    if not _MODAL.search(before[-90:]):
        return False
    if _DEADLINE.search(before[-12:]):
        return True
    rest = re.split(r"[,.;:]", text[expression.end :], maxsplit=1)[0]
    return not _PAST_REPORT.search(rest)


def is_background(text: str, expression: Expression) -> bool:
    """True when *expression* is context for the sentence, not its date."""
    before = text[: expression.start]
    if _COMPARISON.search(before[-100:]) or _TREATY.search(before[-40:]):
        return True
    if expression.kind == "anchor" and _SINCE.search(before[-10:]):
        return True
    if _PLANNED_BEFORE.search(before[-30:]) or _PLANNED_AFTER.match(text[expression.end :]):
        return True
    year_only = expression.m1 is None and expression.kind in ("year", "yearspan")
    return year_only and bool(_MODIFIER.search(before[-30:]))


def main_timex(text: str, resolver: Resolver) -> Timex | None:
    """The date of the sentence's main happening.

    Normally the first date that is not background. When that date is a report
    ("op 8 maart maakte hrw bekend dat … op 6 maart …"), the earlier date of the
    reported happening counts instead.
    """
    resolved: list[Timex] = []
    forecasts: list[Expression] = []
    for expression in find_expressions(text):
        if is_forecast(text, expression):
            forecasts.append(expression)
            continue
        if is_background(text, expression):
            continue
        timex = resolver.resolve(expression)
        if timex is not None:
            resolved.append(timex)
    if not resolved and forecasts and resolver.reference is not None:
        # A forecast is news when it is made: the month the story has reached.
        ref = resolver.reference
        point = Point(ref.year, ref.month) if ref.month is not None else Point(ref.year)
        return Timex(point, None, "", True, forecasts[0])
    if not resolved:
        return None
    main = resolved[0]
    if main.precision == "year":
        return main
    report = _REPORT.search(text, main.expression.end)
    if report and report.start() - main.expression.end < 60:
        for later in resolved[1:]:
            expression = later.expression
            if expression.start < report.end() or later.precision == "year":
                continue
            if _OPEN_BOUND.search(text[: expression.start][-12:]):
                continue
            if later.start.first_day() < main.start.first_day():
                return later
            break
    return main


def _first_explicit(sentences: list[Sentence]) -> Point | None:
    """The first day- or month-precise date with a written year among *sentences*."""
    probe = Resolver()
    for sentence in sentences:
        for expression in find_expressions(sentence.text):
            if expression.y1 is None or expression.m1 is None:
                continue
            if is_background(sentence.text, expression):
                continue
            timex = probe.resolve(expression)
            if timex is not None:
                return timex.start
    return None


def _heading_date(section: Section) -> Point | None:
    probe = Resolver()
    for expression in find_expressions(section.title):
        if expression.has_year:
            timex = probe.resolve(expression)
            if timex is not None:
                return timex.start
    return None


def _anchor(article: Article) -> date | None:
    """The day the article's subject begins: the first full date of its lead."""
    probe = Resolver()
    for sentence in article.sentences:
        if sentence.section.id != 0:
            break
        for expression in find_expressions(sentence.text):
            timex = probe.resolve(expression)
            if timex is not None and timex.precision == "day" and not timex.inferred_year:
                return timex.start.first_day()
    return None


def _flashback(main: Timex, section: Section) -> bool:
    """A date well before the one its section's heading names is background.

    "=== oktober 2023: raketaanval op supermarkt ===" … "het dorp werd in
    september 2022 heroverd. president zelensky had het drie dagen eerder nog
    bezocht": the second sentence's "three days earlier" counts from the
    attack, not from the recapture.
    """
    heading = _heading_date(section)
    if heading is None:
        return False
    return (heading.first_day() - main.start.last_day()).days > 31


def extract_events(article: Article) -> list[DraftEvent]:
    """Every dated sentence of the article as a draft event, in reading order.

    At each new section the reference date is set from the heading if it names
    one, else from the first fully written date in the section (a reader of a
    thematic section that starts "op 27 februari" knows its year from what the
    section goes on to say), and for a top-level section from the first such
    date in any of its subsections; otherwise the previous reference carries on,
    as subsections of one topic usually continue its story.
    """
    by_section: dict[int, list[Sentence]] = {}
    for sentence in article.sentences:
        by_section.setdefault(sentence.section.id, []).append(sentence)

    resolver = Resolver(anchor=_anchor(article))
    # The reference each section ends its own text with: a subsection without
    # dates of its own starts from its parent's, not from a dated sibling's
    # heading ("=== maart 2023: … ===" says nothing about the next sibling).
    scope: dict[int, Point | None] = {}
    events: list[DraftEvent] = []
    seen: dict[str, int] = {}
    current: Section | None = None
    for sentence in article.sentences:
        section = sentence.section
        if current is None or section.id != current.id:
            current = section
            reference = _heading_date(section) or _first_explicit(by_section[section.id])
            if reference is None and section.parent_id is not None:
                reference = scope.get(section.parent_id)
            if reference is None and section.level == 2:
                # A new top-level topic often goes back in time; its first written
                # date anywhere below tells the reader which year it is about.
                reference = _first_explicit(
                    [s for s in article.sentences if section.start <= s.start < section.end]
                )
            if reference is not None:
                resolver.set_reference(reference)
            scope[section.id] = resolver.reference
        if any(title in REFERENCE_SECTIONS for title in section.path):
            continue
        main = main_timex(sentence.text, resolver)
        if main is None:
            continue
        reference = resolver.reference
        stepping_back = reference is not None and main.start.first_day() < reference.first_day()
        if not (stepping_back and (_EXPLAINS.match(sentence.text) or _flashback(main, section))):
            resolver.advance(main)
        scope[section.id] = resolver.reference
        occurrence = seen.get(sentence.text, 0)
        seen[sentence.text] = occurrence + 1
        events.append(
            DraftEvent(
                id=event_id(sentence.text, occurrence),
                seq=len(events) + 1,
                sentence=sentence,
                timex=main,
                source_start=sentence.start,
                source_end=sentence.end,
            )
        )
    return events
