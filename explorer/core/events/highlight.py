"""Which characters of a text matched a search, for highlighting and snippets.

Highlighting is done in Python with the same tokeniser and stemmer as the
index, so it also marks words that matched through their stem or an alias
("Kharkiv" marks "Charkov") and works on any text, such as the detail view's.
"""

from __future__ import annotations

from collections.abc import Sequence

from explorer.core.events.query import Pattern
from explorer.core.events.stemming import stem_word, token_spans

Span = tuple[int, int]


def highlight_spans(patterns: Sequence[Pattern], text: str) -> list[Span]:
    """Merged, sorted character ranges of *text* matched by any pattern."""
    if not patterns or not text:
        return []
    words = token_spans(text)
    stems: list[str] | None = None
    found: list[Span] = []
    for i in range(len(words)):
        for pattern in patterns:
            n = len(pattern.words)
            if i + n > len(words):
                continue
            if pattern.stemmed and stems is None:
                stems = [stem_word(w[2]) for w in words]
            ok = True
            for k, wanted in enumerate(pattern.words):
                token = stems[i + k] if pattern.stemmed and stems is not None else words[i + k][2]
                last = pattern.prefix and k == n - 1
                ok = token.startswith(wanted) if last else token == wanted
                if not ok:
                    break
            if ok:
                found.append((words[i][0], words[i + n - 1][1]))
    return _merge(found)


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, spans: Sequence[Span], width: int = 160) -> tuple[str, list[Span]]:
    """A window of about *width* characters around the first match, spans shifted.

    Cut at word boundaries and marked with "…" where text was left out.
    """
    if len(text) <= width:
        return text, list(spans)
    centre = spans[0][0] if spans else 0
    start = max(0, min(centre - width // 3, len(text) - width))
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < centre else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    kept = [(s + shift, e + shift) for s, e in spans if s >= start and e <= end]
    return prefix + text[start:end] + suffix, kept


def mark(text: str, spans: Sequence[Span], before: str = "[", after: str = "]") -> str:
    """*text* with each span wrapped in *before*/*after* (for plain-text output)."""
    out: list[str] = []
    position = 0
    for start, end in spans:
        out += [text[position:start], before, text[start:end], after]
        position = end
    out.append(text[position:])
    return "".join(out)
