"""Short headlines for events, for the timeline and the result list.

A headline is the event's own words, not a summary: the leading date phrase
("Op 24 februari 2022 …") is dropped because the timeline already shows the
date, then the sentence is cut at the first clause boundary that leaves a
readable phrase, or at a word boundary with an ellipsis. Never mid-word.
"""

from __future__ import annotations

import re

MAX_TITLE = 72
MIN_CLAUSE = 28

# A leading prepositional date phrase and the comma that may follow it.
_LEADING = re.compile(r"^(?:op|in|rond|omstreeks|vanaf|sinds|tegen|tot|tussen|van|na|per)?\s*$")
_CLAUSE_BREAKS = re.compile(r"[,;:]\s|\s[–-]\s|\s\(|\s(?:waarbij|waarna|nadat|omdat|terwijl|waardoor)\s")


def make_title(text: str, date_start: int | None = None, date_end: int | None = None) -> str:
    """A headline from the event *text*; *date_start/end* locate its date phrase."""
    body = text.strip()
    if date_start is not None and date_end is not None:
        before = body[:date_start]
        if _LEADING.match(before.lower()):
            body = body[date_end:].lstrip(" ,")
    body = body.rstrip(" .")
    if not body:
        body = text.strip().rstrip(".")
    if len(body) > MAX_TITLE:
        cut = None
        for m in _CLAUSE_BREAKS.finditer(body, MIN_CLAUSE, MAX_TITLE + 1):
            cut = m.start()
            break
        if cut is not None:
            body = body[:cut].rstrip(" ,;:") + "…"
        else:
            space = body.rfind(" ", 0, MAX_TITLE)
            body = body[: space if space > MIN_CLAUSE else MAX_TITLE].rstrip(" ,;:") + "…"
    # Quotes opened but not closed inside the cut look broken; close them.
    if body.count("'") % 2 == 1:
        body = body.replace("…", "'…") if body.endswith("…") else body + "'"
    return body[:1].upper() + body[1:]
