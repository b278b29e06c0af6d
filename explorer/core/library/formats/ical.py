"""iCalendar (RFC 5545) export of events, for calendar programs.

Every event is an all-day ``VEVENT`` covering exactly what its date says:
one day for "24 februari 2022", the whole month for "maart 2022" (1 March up
to, not including, 1 April: ``DTEND`` of an all-day event is exclusive), the
whole year for "2014", and first to last for a span. A qualifier ("begin
maart") cannot be said in iCalendar; the date in words, which has it, opens the
description. ``UID`` is the event id, so a calendar that imports the file
twice updates the events instead of doubling them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta

from explorer import __version__
from explorer.core.events.dates import parse_iso
from explorer.core.library.formats import text
from explorer.core.library.formats.source import SourceInfo
from explorer.core.library.models import EventSnapshot

PRODID = f"-//Kroniek//Kroniek {__version__}//NL"
UID_DOMAIN = "kroniek.invalid"


def _first(value: str) -> date:
    year, month, day = parse_iso(value)
    return date(year, month or 1, day or 1)


def _after(value: str) -> date:
    """The first day after the period *value* names (day, month or year)."""
    year, month, day = parse_iso(value)
    if day is not None and month is not None:
        return date(year, month, day) + timedelta(days=1)
    if month is not None:
        return date(year + month // 12, month % 12 + 1, 1)
    return date(year + 1, 1, 1)


def all_day_span(event: EventSnapshot) -> tuple[date, date]:
    """``DTSTART`` and the exclusive ``DTEND`` of *event* as an all-day event."""
    return _first(event.start), _after(event.end or event.start)


def to_ical(
    events: Sequence[EventSnapshot],
    source: SourceInfo,
    *,
    title: str,
    groups: Mapping[str, str],
    stamp: datetime,
    lang: str,
) -> str:
    """The events as one ``VCALENDAR`` with dates and citations in *lang*; *groups*
    maps event ids to category labels."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", title)
    for event in events:
        if not event.start:
            continue  # an orphaned event whose date was never seen
        try:
            first, after = all_day_span(event)
        except ValueError:
            continue
        item = Event()
        item.add("uid", f"{event.id}@{UID_DOMAIN}")
        item.add("dtstamp", stamp)
        item.add("dtstart", first)
        item.add("dtend", after)
        item.add("summary", text.event_title(event, lang))
        when = text.event_date(event, lang)
        parts = [p for p in (when, event.text, text.citation(event, source, lang)) if p]
        item.add("description", "\n\n".join(parts))
        item.add("url", source.section_url(event.section))
        if event.id in groups:
            item.add("categories", [groups[event.id]])
        calendar.add_component(item)
    return str(calendar.to_ical().decode("utf-8"))
