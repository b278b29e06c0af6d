"""A page of search results as the command line shows them: hits with what matched."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explorer.core.events.checks import check_event
from explorer.core.events.highlight import Span, highlight_spans
from explorer.core.events.query import Pattern


@dataclass(frozen=True)
class Hit:
    """One event in a result page, with the ranges that matched the query."""

    id: str
    seq: int
    start: str
    end: str
    precision: str
    qualifier: str
    date_min: str
    date_max: str
    category: str
    title: str
    text: str
    #: bm25 score (lower is better); 0.0 when the query has no words.
    score: float
    title_spans: tuple[Span, ...]
    text_spans: tuple[Span, ...]


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: tuple[Hit, ...]
    #: False when there were too many matches to rank (see RANK_LIMIT): date order.
    ranked: bool = True


HIT_COLUMNS = (
    'e.id, e.seq, e.start, e."end", e.precision, e.qualifier, e.date_min, e.date_max, '
    "e.category, e.title, e.text"
)


_NAMES = ("id", "seq", "start", "end", "precision", "qualifier", "date_min", "date_max",
          "category", "title", "text")  # fmt: skip


def hit_of(row: Sequence[Any], patterns: tuple[Pattern, ...], path: Path | str) -> Hit:
    """A row of ``_HIT_COLUMNS`` and a score, with what matched marked.

    The row is checked first (:func:`~explorer.core.events.checks.check_event`):
    a value Kroniek cannot show is a DatabaseError naming it.
    """
    check_event(dict(zip(_NAMES, row, strict=False)), path)
    title, text = str(row[9]), str(row[10])
    return Hit(
        id=str(row[0]),
        seq=int(row[1]),
        start=str(row[2]),
        end=str(row[3]),
        precision=str(row[4]),
        qualifier=str(row[5]),
        date_min=str(row[6]),
        date_max=str(row[7]),
        category=str(row[8]),
        title=title,
        text=text,
        score=float(row[11]),
        title_spans=tuple(highlight_spans(patterns, title)),
        text_spans=tuple(highlight_spans(patterns, text)),
    )
