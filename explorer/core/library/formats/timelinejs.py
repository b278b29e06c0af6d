"""TimelineJS: export a list of events as its JSON, and import such a file.

Export follows the documented format (https://timeline.knightlab.com/docs/json-format.html):
one slide per event with ``unique_id`` (the event id), ``start_date`` and,
for a span, ``end_date`` as date objects at the event's precision (a month
event has no ``day``), the date in words with its qualifier as
``display_date``, ``text.headline`` (the short title) and ``text.text`` (the
whole sentence, marked Dutch, then the source credit with a link to the
section), ``group`` = the event's category. ``eras`` are the article's
sections that name their period in the heading ("Eerste fase: … (24 februari
- 7 april 2022)"), the outermost ones only, where they overlap the events. The
title slide names the list and credits the article and its licence. Text is
HTML-escaped: TimelineJS renders HTML.

Import makes a *collection of matching events*, not a new event database: a
TimelineJS file carries only dates and text, nowhere near what an event
database holds (sections, places, actors, offsets into the article), and a
librarian who gets a timeline back wants to find its events in Kroniek. A
slide matches the event whose id is its ``unique_id`` (a Kroniek export comes
back exactly); otherwise the event with the same start date whose title or
text says the same as the slide's headline and text. Slides that match
nothing are listed in the report and left out. The collection is named after
the title slide (or the file) and merged like any import: all at once or not
at all, and importing the same file again changes nothing.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from explorer.core.errors import UsageError, shown
from explorer.core.events.dates import parse_iso
from explorer.core.library.connection import iso, utc_now
from explorer.core.library.formats import text
from explorer.core.library.formats.reading import ReadRefused, stream_file
from explorer.core.library.formats.source import SourceInfo
from explorer.core.library.formats.validate import oversized
from explorer.core.library.formats.wiki import heading_period
from explorer.core.library.library import Library
from explorer.core.library.lists import collection_word
from explorer.core.library.models import (
    Collection,
    EventLike,
    EventSnapshot,
    LibraryContents,
    MergeResult,
)
from explorer.core.library.rules import MAX_NAME, check_collection_size, clean_name
from explorer.i18n import _, ngettext, translator

#: The fields the format documents, per object (json-format.html); a test checks
#: every export against them.
SLIDE_FIELDS = frozenset(
    {"start_date", "end_date", "text", "media", "group", "display_date", "background",
     "autolink", "unique_id"}
)  # fmt: skip
DATE_FIELDS = frozenset(
    {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date", "format"}
)
ERA_FIELDS = frozenset({"start_date", "end_date", "text"})
TEXT_FIELDS = frozenset({"headline", "text"})
TOP_FIELDS = frozenset({"events", "title", "eras", "scale"})
MAX_SLIDES = 100_000


def date_object(value: str, display: str = "") -> dict[str, Any]:
    """``2022-02-24`` → ``{"year": 2022, "month": 2, "day": 24}``; ``2022-03`` has no day."""
    year, month, day = parse_iso(value)
    out: dict[str, Any] = {"year": year}
    if month is not None:
        out["month"] = month
    if day is not None:
        out["day"] = day
    if display:
        out["display_date"] = display
    return out


def _credit(event: EventSnapshot, source: SourceInfo, lang: str) -> str:
    url = source.section_url(event.section)
    cited = text.linked(
        text.citation(event, source, lang),
        url,
        lambda u: f'<a href="{html.escape(u)}">{html.escape(u)}</a>',
        html.escape,
    )
    label = html.escape(translator(lang).gettext("Source"))
    return f'<p class="kroniek-source">{label}: {cited}</p>'


def slide(
    event: EventSnapshot,
    source: SourceInfo,
    lang: str,
    group: str = "",
    content_lang: str = "nl",
) -> dict[str, Any]:
    """One slide: the date and the credit in *lang*, the event's text in *content_lang*."""
    out: dict[str, Any] = {"unique_id": event.id, "start_date": date_object(event.start)}
    if event.end:
        out["end_date"] = date_object(event.end)
    out["display_date"] = text.event_date(event, lang)
    body = f'<p lang="{html.escape(content_lang)}">{html.escape(event.text)}</p>'
    out["text"] = {
        "headline": html.escape(text.event_title(event, lang)),
        "text": body + _credit(event, source, lang),
    }
    if group:
        out["group"] = group
    return out


def eras(source: SourceInfo, first: date, last: date) -> list[dict[str, Any]]:
    """The article's dated sections that overlap *first*…*last*, outermost only."""
    dated = []
    for heading in source.headings.all():
        period = heading_period(heading.text)
        if period and period[0] <= last and period[1] >= first:
            dated.append((heading, period))
    ids = {h.id for h, _p in dated}
    parents = {h.id: h.parent_id for h in source.headings.all()}

    def nested(section_id: int) -> bool:
        parent = parents.get(section_id)
        while parent is not None:
            if parent in ids:
                return True
            parent = parents.get(parent)
        return False

    out = []
    for heading, (start, end) in dated:
        if nested(heading.id):
            continue
        out.append(
            {
                "start_date": date_object(start.isoformat()),
                "end_date": date_object(end.isoformat()),
                "text": {"headline": html.escape(heading.text)},
            }
        )
    return out


def _bounds(event: EventSnapshot) -> tuple[date, date]:
    from explorer.core.library.formats.ical import all_day_span

    first, after = all_day_span(event)
    return first, date.fromordinal(after.toordinal() - 1)


def to_timelinejs(
    events: Sequence[EventSnapshot],
    source: SourceInfo,
    *,
    title: str,
    groups: Mapping[str, str],
    lang: str,
    content_lang: str = "nl",
) -> dict[str, Any]:
    """The TimelineJS data object for *events* in *lang* (*groups*: event id →
    category label)."""
    slides = []
    spans = []
    for event in events:
        if not event.start:
            continue
        try:
            spans.append(_bounds(event))
        except ValueError:
            continue
        slides.append(slide(event, source, lang, groups.get(event.id, ""), content_lang))
    licence = (
        f'<a href="{html.escape(source.licence_url)}">{html.escape(source.licence)}</a>'
        if source.licence_url
        else html.escape(source.licence)
    )
    article = f'<a href="{html.escape(source.url)}">{html.escape(source.title)}</a>'
    credit = (
        translator(lang)
        .gettext("Text from the Wikipedia article {article} ({wiki}), licence {licence}.")
        .format(article=article, wiki=html.escape(source.wiki), licence=licence)
    )
    data: dict[str, Any] = {
        "title": {"text": {"headline": html.escape(title), "text": f"<p>{credit}</p>"}},
        "events": slides,
        "scale": "human",
    }
    if spans:
        found = eras(source, min(s[0] for s in spans), max(s[1] for s in spans))
        if found:
            data["eras"] = found
    return data


def render(
    events: Sequence[EventSnapshot],
    source: SourceInfo,
    *,
    title: str,
    groups: Mapping[str, str],
    lang: str,
) -> str:
    data = to_timelinejs(events, source, title=title, groups=groups, lang=lang)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- import ---------------------------------------------------------------


class EventFinder(Protocol):
    """What import needs of the event database (``EventStore`` fits)."""

    def event(self, event_id: str) -> Any: ...
    def events_starting(self, start: str, limit: int = ...) -> Sequence[Any]: ...


def read_timelinejs(path: Path) -> dict[str, Any] | None:
    """The TimelineJS data object in *path*, or None when the file is something else.

    Read with the import's checked, bounded reader (:mod:`.reading`: a regular
    file of a sane size, at most one value of ``MAX_ITEM_CHARS``); a file that
    is not valid JSON is left to the annotation import to refuse. A timeline
    with text Kroniek cannot store (a lone surrogate, a giant string, deep
    nesting) is refused here.
    """
    try:
        stream, close = stream_file(path)
    except ReadRefused:
        return None
    try:
        values = iter(stream)
        first, _inherited = next(values, (None, False))
        if not is_timelinejs(first) or next(values, None) is not None or stream.problems:
            return None
    except ReadRefused:
        return None
    finally:
        close()
    assert isinstance(first, dict)
    reason = oversized(first)
    if reason:
        raise UsageError(_("{file} cannot be imported: {problem}").format(
            file=shown(path.name, 200), problem=reason
        ))  # fmt: skip
    return first


def is_timelinejs(data: object) -> bool:
    """True for a TimelineJS data object: ``events`` of slides, no ``@context``."""
    return (
        isinstance(data, dict)
        and "@context" not in data
        and isinstance(data.get("events"), list)
        and all(isinstance(s, dict) and "start_date" in s for s in data["events"][:50])
    )


_TAG = re.compile(r"<[^>]*>")


def _plain(value: object) -> str:
    """HTML text as plain, folded words for comparing."""
    if not isinstance(value, str):
        return ""
    flat = html.unescape(_TAG.sub(" ", value)).casefold()
    flat = unicodedata.normalize("NFKD", flat)
    return " ".join(re.findall(r"\w+", "".join(c for c in flat if not unicodedata.combining(c))))


def _iso(value: object) -> str | None:
    """A TimelineJS date object as an ISO date at its precision, or None."""
    if not isinstance(value, dict):
        return None
    try:
        year = int(value["year"])
        month = int(value["month"]) if value.get("month") not in (None, "") else None
        day = int(value["day"]) if value.get("day") not in (None, "") else None
        if month is None:
            return f"{year:04d}"
        if day is None:
            date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        return date(year, month, day).isoformat()
    except (KeyError, TypeError, ValueError):
        return None


def _likeness(a: str, b: str) -> float:
    """How alike two folded texts are: 1 when equal, the share of shared words else."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) / len(wa | wb)


#: Below this likeness a slide on the right date is still someone else's text.
MIN_LIKENESS = 0.5


def match_slide(item: dict[str, Any], finder: EventFinder) -> EventLike | None:
    """The event *item* shows: by its ``unique_id``, else the event of that start
    date whose title or text is most like the slide's headline or text."""
    unique = item.get("unique_id")
    if isinstance(unique, str) and unique:
        found = finder.event(unique)
        if found is not None:
            return found  # type: ignore[no-any-return]
    start = _iso(item.get("start_date"))
    if start is None:
        return None
    words = item["text"] if isinstance(item.get("text"), dict) else {}
    headline, body = _plain(words.get("headline")), _plain(words.get("text"))
    best, best_score = None, MIN_LIKENESS
    for candidate in finder.events_starting(start):
        title, sentence = _plain(candidate.title), _plain(candidate.text)
        score = max(
            _likeness(headline, title), _likeness(body, sentence), _likeness(headline, sentence)
        )
        if score > best_score or (score == best_score and best is None):
            best, best_score = candidate, score
    return best


@dataclass
class TimelineImportReport:
    """What importing a TimelineJS file did."""

    source: str
    collection: str
    matched: int = 0
    unmatched: list[str] = field(default_factory=list)
    result: MergeResult = field(default_factory=MergeResult)

    def lines(self) -> list[str]:
        out = [
            ngettext(
                "Imported {file}: {n} event in the collection “{name}”.",
                "Imported {file}: {n} events in the collection “{name}”.",
                self.matched,
            ).format(file=self.source, n=self.matched, name=self.collection)
        ]
        if self.result.skipped["collection"]:
            out.append(_("The collection was already in your library; nothing was changed."))
        if self.unmatched:
            out.append(
                ngettext(
                    "{n} slide matches no event in the event database and was left out:",
                    "{n} slides match no event in the event database and were left out:",
                    len(self.unmatched),
                ).format(n=len(self.unmatched))
            )
            out += ["  " + line for line in self.unmatched[:20]]
        return out


def import_timeline(
    lib: Library,
    data: object,
    source: str,
    finder: EventFinder,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> TimelineImportReport:
    """Make a collection of the events *data*'s slides are about (see the module)."""
    if not is_timelinejs(data):
        raise UsageError(
            _("{file} is not a TimelineJS file (no “events” list of slides).").format(
                file=shown(source)
            )
        )
    assert isinstance(data, dict)
    slides = data["events"]
    if len(slides) > MAX_SLIDES:
        raise UsageError(
            _("{file} has more than {n} slides.").format(file=shown(source), n=MAX_SLIDES)
        )
    title = data.get("title")
    heading = ""
    if isinstance(title, dict) and isinstance(title.get("text"), dict):
        heading = " ".join(
            html.unescape(_TAG.sub(" ", str(title["text"].get("headline", "")))).split()
        )
    try:
        name = clean_name(
            heading[:MAX_NAME] or source.rsplit(".", 1)[0][:MAX_NAME], collection_word()
        )
    except UsageError:
        name = _("Imported timeline")
    report = TimelineImportReport(source, name)
    ids: list[str] = []
    events: dict[str, EventSnapshot] = {}
    for index, item in enumerate(slides, 1):
        found = match_slide(item, finder)
        if found is None:
            words = item["text"] if isinstance(item.get("text"), dict) else {}
            label = _plain(words.get("headline")) or _plain(words.get("text"))[:60]
            report.unmatched.append(
                _("slide {n}").format(n=index) + (f" ({shown(label, 80)})" if label else "")
            )
        elif found.id not in events:
            ids.append(found.id)
            events[found.id] = EventSnapshot.of(found)
        if progress and index % 200 == 0:
            progress(index, len(slides) + 1)
    report.matched = len(ids)
    if ids:
        check_collection_size(len(ids))
        now = iso(utc_now())
        anno_id = (
            f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, json.dumps(['timelinejs', name, ids]))}"
        )
        if any(c.anno_id == anno_id for c in lib.collections.all()):
            # The same file again: the merge would only bump the modified time.
            report.result.skipped["collection"] = 1
        else:
            contents = LibraryContents(
                events=events,
                collections=[Collection(0, anno_id, name, "", now, now, tuple(ids))],
            )
            report.result = lib.merge(contents)
    if progress:
        progress(1, 1)
    return report
