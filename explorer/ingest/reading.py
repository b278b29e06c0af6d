"""The whole article as the reading pane shows it: headings and sentences, capitals restored.

The running app does no language processing, so the build stores the article
once more, in reading order (``article_text``): every heading and every
sentence, truecased like the event texts, with its section, paragraph and
source offsets, the event it became, and -- for a sentence that names a date
but became no event -- why the build passed it over. The names the gazetteer
finds in each piece are stored with their offsets (``article_names``), so a
reader of the English interface sees "Kharkiv" for "Charkov" without the app
matching names itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from explorer.ingest.analysis import ANALYSIS_DIR, FROG_FILE, read_analysis
from explorer.ingest.article import REFERENCE_SECTIONS, Article, Section
from explorer.ingest.entities import Gazetteer
from explorer.ingest.events import DraftEvent, is_background, is_forecast
from explorer.ingest.glossary import (
    Dictionary,
    GlossResolver,
    gloss_tables,
    lemma_table,
    written_as_names,
)
from explorer.ingest.temporal import find_expressions
from explorer.ingest.truecase import TrueCaser

#: Why a sentence with a date became no event (``article_text.skipped``).
SKIP_REASONS = ("reference", "background", "forecast", "unresolved")


@dataclass(frozen=True)
class Piece:
    """One heading or sentence of the article as stored in ``article_text``."""

    seq: int
    kind: str  # "heading" or "sentence"
    section_id: int
    paragraph_id: int | None
    sentence_id: int | None
    level: int
    text: str
    source_start: int
    source_end: int
    event_id: str | None = None
    skipped: str = ""
    date_start: int | None = None
    date_end: int | None = None

    def row(self) -> dict[str, object]:
        return dict(vars(self))


def heading_text(section: Section, casing: TrueCaser, gazetteer: Gazetteer) -> str:
    """A heading truecased like the event texts, its first letter a capital."""
    title = casing.apply(section.title, gazetteer.find(section.title))
    return title[:1].upper() + title[1:]


def skip_reason(text: str, section: Section) -> tuple[str, int | None, int | None]:
    """Why a sentence that became no event did so, and where its first date is.

    ``("", None, None)`` for a sentence without a date expression. A reference
    section (literature, links) is never dated; a date that is only
    background ("voor het eerst sinds 1939") or only a forecast's target is
    not the sentence's own; any other date could not be resolved from context.
    """
    expressions = find_expressions(text)
    if not expressions:
        return "", None, None
    first = expressions[0]
    if any(title in REFERENCE_SECTIONS for title in section.path):
        return "reference", first.start, first.end
    own = [e for e in expressions if not is_forecast(text, e) and not is_background(text, e)]
    if own:
        return "unresolved", own[0].start, own[0].end
    if any(is_background(text, e) for e in expressions):
        return "background", first.start, first.end
    return "forecast", first.start, first.end


def article_pieces(
    article: Article, drafts: list[DraftEvent], casing: TrueCaser, gazetteer: Gazetteer
) -> list[Piece]:
    """Every heading and sentence of *article* in reading order."""
    events = {d.sentence.id: d for d in drafts}
    pieces: list[Piece] = []
    sentences = iter(article.sentences)
    pending = next(sentences, None)
    for section in article.sections:
        if section.id:
            title_at = article.text.find(section.title, section.start)
            pieces.append(
                Piece(len(pieces) + 1, "heading", section.id, None, None, section.level,
                      heading_text(section, casing, gazetteer), title_at,
                      title_at + len(section.title))
            )  # fmt: skip
        while pending is not None and pending.section.id == section.id:
            s = pending
            text = casing.apply(s.text, gazetteer.find(s.text))
            draft = events.get(s.id)
            start: int | None
            end: int | None
            if draft is not None:
                expression = draft.timex.expression
                skipped, start, end = "", expression.start, expression.end
            else:
                skipped, start, end = skip_reason(s.text, s.section)
            pieces.append(
                Piece(len(pieces) + 1, "sentence", section.id, s.paragraph.id, s.id,
                      section.level, text, s.start, s.end,
                      draft.id if draft else None, skipped, start, end)
            )  # fmt: skip
            pending = next(sentences, None)
    return pieces


def name_rows(pieces: list[Piece], gazetteer: Gazetteer) -> Iterator[dict[str, object]]:
    """The places and actors each piece names, offsets into its text."""
    for piece in pieces:
        seen: set[int] = set()
        for m in gazetteer.find(piece.text.lower()):
            # One span may name two entities (a city and its oblast); keep the first.
            if m.start in seen:
                continue
            seen.add(m.start)
            yield {
                "seq": piece.seq,
                "char_start": m.start,
                "char_end": m.end,
                "entity_type": m.entity_type,
                "entity_id": m.entity_id,
            }


def write_reading_tables(
    db: sqlite_utils.Database,
    db_dir: Path,
    article: Article,
    drafts: list[DraftEvent],
    casing: TrueCaser,
    gazetteer: Gazetteer,
) -> str:
    """Write ``article_text``, ``article_names``, the glossary and its attribution.

    Returns the build figure: the share of the article's word tokens with a gloss.
    """
    pieces = article_pieces(article, drafts, casing, gazetteer)
    names = list(name_rows(pieces, gazetteer))
    db.table("article_text").insert_all(p.row() for p in pieces)
    db.table("article_names").insert_all(names)
    spans: dict[int, list[tuple[int, int]]] = {}
    for n in names:
        spans.setdefault(int(str(n["seq"])), []).append(
            (int(str(n["char_start"])), int(str(n["char_end"])))
        )
    texts = [p.text for p in pieces]
    dictionary = Dictionary.load(db_dir)
    lemmas = lemma_table(read_analysis(db_dir / ANALYSIS_DIR / FROG_FILE).values())
    resolver = GlossResolver(lemmas, dictionary.entries.keys(), written_as_names(texts))
    glossed = gloss_tables(texts, [spans.get(p.seq, []) for p in pieces], resolver, dictionary)
    db.table("glossary").insert_all(glossed.entries)
    db.table("glossary_forms").insert_all(glossed.forms)
    db.table("meta").insert_all(
        {"key": f"glossary_{key}", "value": value}
        for key, value in sorted(dictionary.attribution.items())
    )
    return glossed.figure()
