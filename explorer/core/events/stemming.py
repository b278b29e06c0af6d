"""Dutch stemming for the search index and for queries.

The ``stems`` column of ``events_fts`` holds every word of an event's text run
through Snowball's Dutch stemmer, so that "gebombardeerd" finds "bombardeerde"
and "kerncentrales" finds "kerncentrale". The build fills the column with
:func:`stem_text`, and the search stems each query word with :func:`stem_word`;
both go through the same tokeniser so that they always agree.

Tokenisation follows FTS5's ``unicode61 remove_diacritics 2`` closely enough
for search: runs of letters and digits, lower-cased, with diacritics removed.
Diacritics are removed *before* stemming. Snowball's Dutch algorithm starts by
replacing accented vowels anyway, and folding first means that "przewodów",
"Przewodow" and "oekraiense" stem exactly like their accented spellings.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

# Letters and digits, like unicode61's default token characters (L*, N*);
# the underscore, which Python's \w includes, is a separator in FTS5.
_TOKEN = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _dutch() -> Any:
    """Snowball's Dutch stemmer, made on first use: importing snowballstemmer loads
    all its languages (20 ms), which a start with no search text does not need."""
    import snowballstemmer

    return snowballstemmer.stemmer("dutch")


def fold(text: str) -> str:
    """Lower-case *text* and strip its diacritics ("Oekraïne" -> "oekraine")."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Words repeat endlessly in a corpus, whole texts do not: cache only words.
_fold_word = lru_cache(maxsize=65536)(fold)


def tokens(text: str) -> list[str]:
    """The folded search tokens of *text*, in order."""
    return _TOKEN.findall(fold(text))


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """Each token of *text* as ``(start, end, folded)`` character offsets.

    Offsets refer to *text* itself (not to a normalised copy), so the result
    can highlight matches in the displayed string.
    """
    return [(m.start(), m.end(), _fold_word(m.group())) for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=262144)
def _stem_folded(word: str) -> str:
    if word.isdigit():
        return word  # the stemmer leaves numbers as they are, only slower
    stem: str = _dutch().stemWord(word)
    return stem


def stem_word(word: str) -> str:
    """The Dutch stem of one word, folded first ("Gebombardeerd" -> "bombardeer")."""
    return _stem_folded(_fold_word(word))


def stem_text(text: str) -> str:
    """Every word of *text* stemmed and joined by single spaces (deterministic)."""
    return " ".join(_stem_folded(token) for token in tokens(text))
