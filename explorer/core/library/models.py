"""The values the user library hands out: bookmarks, notes, tags, collections, searches.

All are frozen dataclasses, safe to keep in a Qt model. ``anno_id`` is each
item's stable identity across libraries (``urn:uuid:…`` for items made in
Kroniek); export writes it as the Web Annotation ``id`` and import merges on it.
Times are UTC ISO 8601 strings with milliseconds and a ``Z``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Protocol

from explorer.core.errors import UsageError, shown
from explorer.core.events.dates import parse_date_bound
from explorer.core.events.query import SORTS, FacetSelections, Query
from explorer.i18n import _


class EventLike(Protocol):
    """What the library remembers of an event (``explorer.core.events.store.Event`` fits)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def start(self) -> str: ...
    @property
    def end(self) -> str: ...
    @property
    def precision(self) -> str: ...
    @property
    def qualifier(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def section(self) -> str: ...
    @property
    def source_start(self) -> int: ...
    @property
    def source_end(self) -> int: ...


@dataclass(frozen=True)
class EventSnapshot:
    """An event as the library last saw it; shown for orphaned notes.

    ``title`` is empty when the library never saw the event itself (only its
    id, e.g. from an imported annotation of another tool).
    """

    id: str
    title: str = ""
    start: str = ""
    end: str = ""
    precision: str = ""
    qualifier: str = ""
    text: str = ""
    section: str = ""
    source_start: int | None = None
    source_end: int | None = None

    def row(self, seen: str) -> tuple[object, ...]:
        """The values of the library's ``events`` table, in column order."""
        return (
            self.id, self.title, self.start, self.end, self.precision, self.qualifier,
            self.text, self.section, self.source_start, self.source_end, seen,
        )  # fmt: skip

    @classmethod
    def of(cls, event: EventLike) -> EventSnapshot:
        return cls(
            event.id,
            event.title,
            event.start,
            event.end,
            event.precision,
            event.qualifier,
            event.text,
            event.section,
            event.source_start,
            event.source_end,
        )


@dataclass(frozen=True)
class Bookmark:
    anno_id: str
    event_id: str
    created: str
    modified: str


@dataclass(frozen=True)
class Note:
    """One note on an event; an event can have several."""

    id: int
    anno_id: str
    event_id: str
    body: str
    created: str
    modified: str


@dataclass(frozen=True)
class Tag:
    """A tag with its colour (``#rrggbb`` or empty) and how many events carry it."""

    id: int
    name: str
    color: str
    count: int = 0


@dataclass(frozen=True)
class TagLink:
    """One tag on one event (a ``tagging`` annotation when exported)."""

    anno_id: str
    event_id: str
    tag: str
    color: str
    created: str
    modified: str


@dataclass(frozen=True)
class Collection:
    """A named, ordered list of events."""

    id: int
    anno_id: str
    name: str
    description: str
    created: str
    modified: str
    event_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class SavedSearch:
    """A search to restore in one click: the query (text, dates, facets, sort)
    and the timeline's visible window (ISO dates, empty for "fit all")."""

    id: int
    anno_id: str
    name: str
    query: Query
    view_start: str = ""
    view_end: str = ""
    created: str = ""
    modified: str = ""

    def spec(self) -> dict[str, Any]:
        """The JSON-able description stored in the library and in exports."""
        q = self.query
        return {
            "text": q.text,
            "date_from": q.date_from,
            "date_to": q.date_to,
            "facets": {k: sorted(v) for k, v in q.facets.items()},
            "sort": q.sort,
            "lang": q.lang,
            "view_start": self.view_start,
            "view_end": self.view_end,
        }

    def spec_json(self) -> str:
        return json.dumps(self.spec(), ensure_ascii=False, sort_keys=True)


def search_from_spec(
    spec: object,
    *,
    id: int = 0,
    anno_id: str = "",
    name: str = "",
    created: str = "",
    modified: str = "",
) -> SavedSearch:
    """Rebuild a saved search from its spec; :class:`UsageError` if malformed."""
    bad = UsageError(_("The saved search “{name}” is malformed.").format(name=shown(name)))
    if not isinstance(spec, dict):
        raise bad
    strings = ("text", "date_from", "date_to", "sort", "lang", "view_start", "view_end")
    if any(not isinstance(spec.get(k, ""), str) for k in strings):
        raise bad
    facets = spec.get("facets", {})
    if not isinstance(facets, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(x, str) for x in v)
        for k, v in facets.items()
    ):
        raise bad
    sort = spec.get("sort", "relevance")
    if sort not in SORTS:
        raise bad
    query = Query(
        text=spec.get("text", ""),
        date_from=spec.get("date_from", ""),
        date_to=spec.get("date_to", ""),
        facets=FacetSelections(facets),
        sort=sort,
        lang=spec.get("lang", "nl") or "nl",
    )
    view_start, view_end = _view(spec.get("view_start", ""), spec.get("view_end", ""))
    return SavedSearch(id, anno_id, name, query, view_start, view_end, created, modified)


def _view(start: str, end: str) -> tuple[str, str]:
    """The saved timeline window as two ISO days (a year or month widens to
    its first and last day), or ("", "") — "fit all" — unless both ends are
    real dates in order. A file or a hand-edited library may hold anything."""
    try:
        first = parse_date_bound(start, end=False)
        last = parse_date_bound(end, end=True)
    except UsageError:
        return "", ""
    return (first, last) if first < last else ("", "")


@dataclass(frozen=True)
class OrphanedEvent:
    """An annotated event the current event database does not have (any more)."""

    snapshot: EventSnapshot
    notes: tuple[Note, ...]
    tags: tuple[str, ...]
    bookmarked: bool


@dataclass(frozen=True)
class NoteHit:
    """A note that matched a search, best first (``score`` is FTS5's bm25)."""

    note_id: int
    event_id: str
    score: float


@dataclass
class LibraryContents:
    """Everything in a library, as export reads it and import merges it."""

    events: dict[str, EventSnapshot] = field(default_factory=dict)
    bookmarks: list[Bookmark] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    tag_links: list[TagLink] = field(default_factory=list)
    #: Tags with their colours, including tags on no event.
    tags: list[Tag] = field(default_factory=list)
    collections: list[Collection] = field(default_factory=list)
    searches: list[SavedSearch] = field(default_factory=list)

    def item_count(self) -> int:
        return (
            len(self.bookmarks)
            + len(self.notes)
            + len(self.tag_links)
            + len(self.collections)
            + len(self.searches)
        )


KINDS = ("bookmark", "note", "tag", "collection", "search")


@dataclass
class MergeResult:
    """What an import did, per kind of item: added, updated, skipped."""

    added: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    skipped: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    @property
    def total_updated(self) -> int:
        return sum(self.updated.values())

    @property
    def total_skipped(self) -> int:
        return sum(self.skipped.values())
