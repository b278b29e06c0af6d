"""Find-in-text and search highlights over the whole article.

Find ignores case and diacritics ("przewodow" finds "Przewodów", "oekraine"
finds "Oekraïne") and keeps every offset in place, so a match is a range of
the piece's own text. Highlights use the search's own patterns
(:func:`explorer.core.events.highlight.highlight_spans`), so the article marks
what the list matched: stems and aliases included.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from explorer.core.article.text import ArticleText
from explorer.core.events.highlight import highlight_spans
from explorer.core.events.query import Pattern

#: Find stops counting here: a one-letter query in a long article is no use.
MAX_FOUND = 5000


@dataclass(frozen=True)
class Found:
    """A range of one piece's text: the piece's index in the article and offsets."""

    index: int
    start: int
    end: int


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base[0] if base else ch


def fold(text: str) -> str:
    """*text* in lower case without diacritics, one character for each character."""
    return "".join(_fold_char(c) for c in text).replace("’", "'")


class ArticleFinder:
    """Finds a phrase in the article; the folded text is made once."""

    def __init__(self, article: ArticleText) -> None:
        self._folded = [fold(p.text) for p in article.pieces]

    def find(self, query: str) -> list[Found]:
        """Every occurrence of *query* (whitespace collapsed), in reading order."""
        needle = fold(" ".join(query.split()))
        found: list[Found] = []
        if not needle:
            return found
        for i, text in enumerate(self._folded):
            at = text.find(needle)
            while at >= 0:
                found.append(Found(i, at, at + len(needle)))
                if len(found) >= MAX_FOUND:
                    return found
                at = text.find(needle, at + 1)
        return found


def highlights(article: ArticleText, patterns: Sequence[Pattern]) -> list[Found]:
    """The ranges of the article a search's *patterns* match, in reading order."""
    if not patterns:
        return []
    return [
        Found(i, start, end)
        for i, piece in enumerate(article.pieces)
        for start, end in highlight_spans(patterns, piece.text)
    ]
