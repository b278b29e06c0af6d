"""Exports of a list of events (a collection, every annotated event, or the
window's current results) in the formats other tools read.

* ``csl-json`` — CSL-JSON items (Zotero, Mendeley, pandoc, citeproc);
* ``bibtex`` — biblatex ``@online`` entries;
* ``ris`` — RIS records (EndNote, Zotero, reference managers);
* ``ical`` — an iCalendar file of all-day events;
* ``timelinejs`` — TimelineJS JSON, ready to publish.

Each is one function of the events, the source article and (for the last two)
the events' category labels; see :mod:`.cite`, :mod:`.bibliographic`,
:mod:`.ical`, :mod:`.timelinejs`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Protocol

from explorer.core.library.formats import bibliographic, cite, ical, timelinejs
from explorer.core.library.formats.source import SourceInfo
from explorer.core.library.models import EventSnapshot

EVENT_FORMATS = ("csl-json", "bibtex", "ris", "ical", "timelinejs")
#: The usual file name extension of each format.
SUFFIXES = {"csl-json": "json", "bibtex": "bib", "ris": "ris", "ical": "ics", "timelinejs": "json"}


class CategorySource(Protocol):
    """What :func:`groups` needs of the event database (``EventStore`` fits)."""

    def events(self, ids: list[str]) -> Mapping[str, object]: ...
    def categories(self) -> list[dict[str, str]]: ...


def groups(store: CategorySource | None, ids: Iterable[str], lang: str) -> dict[str, str]:
    """Event id → its category's label in *lang*."""
    if store is None:
        return {}
    labels = {
        c["key"]: c["label_nl"] if lang == "nl" else c["label_en"] for c in store.categories()
    }
    out = {}
    for event_id, event in store.events(list(ids)).items():
        label = labels.get(str(getattr(event, "category", "")), "")
        if label:
            out[event_id] = label
    return out


def render(
    fmt: str,
    events: Sequence[EventSnapshot],
    source: SourceInfo,
    *,
    title: str,
    groups: Mapping[str, str],
    stamp: datetime,
    lang: str,
) -> str:
    """*events* in *fmt* (one of :data:`EVENT_FORMATS`), written in *lang*."""
    if fmt == "ical":
        return ical.to_ical(events, source, title=title, groups=groups, stamp=stamp, lang=lang)
    if fmt == "timelinejs":
        return timelinejs.render(events, source, title=title, groups=groups, lang=lang)
    refs = [cite.reference(e, source, lang) for e in events]
    if fmt == "csl-json":
        return json.dumps(cite.to_csl_json(refs), ensure_ascii=False, indent=2) + "\n"
    if fmt == "bibtex":
        return bibliographic.to_bibtex(refs)
    if fmt == "ris":
        return bibliographic.to_ris(refs)
    raise ValueError(fmt)
