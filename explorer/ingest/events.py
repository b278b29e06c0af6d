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
from dataclasses import dataclass

from explorer.ingest.article import REFERENCE_SECTIONS, Article, Section, Sentence
from explorer.ingest.temporal import Resolver, Timex, find_expressions


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


def _heading_reference(section: Section, resolver: Resolver) -> None:
    for expression in find_expressions(section.title):
        if expression.has_year:
            timex = resolver.resolve(expression)
            if timex is not None:
                resolver.advance(timex)
                return


def extract_events(article: Article) -> list[DraftEvent]:
    """Every dated sentence of the article as a draft event, in reading order."""
    resolver = Resolver()
    events: list[DraftEvent] = []
    seen: dict[str, int] = {}
    current_section = -1
    for sentence in article.sentences:
        section = sentence.section
        if section.id != current_section:
            current_section = section.id
            _heading_reference(section, resolver)
        if any(title in REFERENCE_SECTIONS for title in section.path):
            continue
        main: Timex | None = None
        for expression in find_expressions(sentence.text):
            main = resolver.resolve(expression)
            if main is not None:
                break
        if main is None:
            continue
        resolver.advance(main)
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
