"""The article tells some happenings twice: link those events ("also told in …").

The lead summarises what later sections tell in full, and some sections repeat
a report from another angle ("Op 8 april meldden Britse inlichtingendiensten
…" under the northern front and again under the withdrawal). Two events are
told twice when they stand in different sections, share most of their
content words (Jaccard at least 0.4, and at least five words) and their dates
lie within two weeks of each other. Both stay in the timeline, each linked to
the other; when their date ranges do not overlap the link says so, because
one of the two dates is wrong and a reader should see both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import combinations

MIN_SIMILARITY = 0.4
MIN_SHARED = 5
MAX_GAP_DAYS = 14
# Function words carry no content; numbers and names do.
_STOP = frozenset(
    [
        "de",
        "het",
        "een",
        "van",
        "in",
        "op",
        "en",
        "met",
        "voor",
        "door",
        "aan",
        "dat",
        "die",
        "dit",
        "deze",
        "zijn",
        "werd",
        "werden",
        "was",
        "waren",
        "heeft",
        "hebben",
        "had",
        "hadden",
        "om",
        "te",
        "tot",
        "bij",
        "uit",
        "naar",
        "als",
        "ook",
        "nog",
        "niet",
        "maar",
        "over",
        "meer",
        "dan",
        "zich",
        "er",
        "ze",
        "zij",
        "hij",
        "wat",
        "waar",
        "wie",
        "worden",
        "wordt",
        "zou",
        "zouden",
        "kon",
        "konden",
        "onder",
        "tegen",
        "na",
        "sinds",
        "vanaf",
        "tijdens",
        "rond",
        "alle",
        "veel",
        "zo",
        "toen",
        "hun",
        "haar",
        "zijn",
    ]
)
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Told:
    """What the duplicate finder needs of an event."""

    id: str
    section_id: int
    date_min: date
    date_max: date
    text: str


@dataclass(frozen=True)
class Link:
    """Event *event_id* is also told as *other_id*; *note* records a date conflict."""

    event_id: str
    other_id: str
    note: str


def content_words(text: str) -> frozenset[str]:
    return frozenset(
        w for w in _WORD.findall(text.lower()) if w not in _STOP and (len(w) > 2 or w.isdigit())
    )


def _gap(a: Told, b: Told) -> int:
    return max(0, (b.date_min - a.date_max).days, (a.date_min - b.date_max).days)


def told_twice(events: list[Told]) -> list[Link]:
    """Links both ways between every pair of events that tell one happening."""
    words = {e.id: content_words(e.text) for e in events}
    links: list[Link] = []
    for a, b in combinations(events, 2):
        if a.section_id == b.section_id:
            continue
        shared = words[a.id] & words[b.id]
        union = words[a.id] | words[b.id]
        if len(shared) < MIN_SHARED or len(shared) < MIN_SIMILARITY * len(union):
            continue
        gap = _gap(a, b)
        if gap > MAX_GAP_DAYS:
            continue
        note = ""
        if gap > 0:
            note = f"dates differ: {_span(a)} and {_span(b)}"
        links += [Link(a.id, b.id, note), Link(b.id, a.id, note)]
    return sorted(links, key=lambda link: (link.event_id, link.other_id))


def _span(event: Told) -> str:
    if event.date_min == event.date_max:
        return event.date_min.isoformat()
    return f"{event.date_min.isoformat()}/{event.date_max.isoformat()}"
