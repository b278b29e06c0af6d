"""Short headlines for events, for the timeline and the result list.

The fallback when :mod:`headlines` finds no main clause in Frog's analysis.
A headline is the event's own words, not a summary. Dutch puts the verb right
after a fronted date ("Op 8 oktober 2022 benoemde Rusland …"), so dropping the
date phrase would leave a verb-first fragment; instead the year is dropped from
a fronted day or month date (the timeline shows it) and the rest is kept. The
sentence is then cut at the first clause boundary that leaves a readable
phrase, or at a word boundary — never mid-word, and never ending on a little
word such as "de" or "van" — with an ellipsis.
"""

from __future__ import annotations

import re

MAX_TITLE = 70
MIN_CLAUSE = 30

_CLAUSE_BREAKS = re.compile(
    r"[,;:]\s|\s[–-]\s|\s\(|\s(?:waarbij|waarna|nadat|omdat|terwijl|waardoor|waarin|zodat)\s"
)
_TRAILING_SMALL = re.compile(
    r"(?:\s+(?:de|het|een|van|in|op|met|en|of|aan|voor|door|bij|tot|te|om|naar|uit|over|"
    r"dat|die|dit|zijn|haar|hun|als|ook|nog|er|zich|werd|werden|was|is|had|hadden|the|'s))+$",
    re.IGNORECASE,
)


def _cut(body: str) -> str:
    for m in _CLAUSE_BREAKS.finditer(body, MIN_CLAUSE, MAX_TITLE):
        return body[: m.start()].rstrip(" ,;:") + "…"
    space = body.rfind(" ", 0, MAX_TITLE - 1)
    head = body[: space if space > MIN_CLAUSE else MAX_TITLE - 1]
    shorter = _TRAILING_SMALL.sub("", head)
    if len(shorter) > MIN_CLAUSE:
        head = shorter
    return head.rstrip(" ,;:'\"(") + "…"


def make_title(text: str, date_start: int | None = None, date_end: int | None = None,
               precision: str = "day") -> str:  # fmt: skip
    """A headline from the event *text*; *date_start/end* locate its date phrase."""
    body = " ".join(text.split()).rstrip(" .")
    if date_start is not None and date_end is not None and date_start <= 4 and precision != "year":
        # "Op 8 oktober 2022 benoemde …" → "Op 8 oktober benoemde …"
        phrase = body[:date_end]
        shortened = re.sub(r"\s+(?:19|20)\d\d\b", "", phrase)
        body = shortened.rstrip(",") + body[date_end:]
    if len(body) > MAX_TITLE:
        body = _cut(body)
    # A quotation opened but not closed within the cut reads as broken.
    opened = len(re.findall(r"(?:^|\s)'(?=\w)", body))
    closed = len(re.findall(r"(?<=[\w.!?])'(?!\w)", body))
    if body.endswith("…") and opened > closed:
        body = body[:-1] + "'…"
    return body[:1].upper() + body[1:]
