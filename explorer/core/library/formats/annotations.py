"""Export and import of the user library: W3C Web Annotation JSON-LD and friends.

Export formats (:data:`FORMATS`): ``csv``, ``json`` (a plain dump for
scripts), ``jsonld`` (W3C Web Annotation, written by :mod:`.jsonld`), ``md``
and ``html`` (a reading list with citations), and the event-list formats of
:mod:`.eventlists` (CSL-JSON, BibTeX, RIS, iCalendar, TimelineJS). Text in a
language (dates, labels, citations) is written in the ``lang`` passed in. In
JSON-LD every bookmark, note, tag, collection and saved search is one
``Annotation`` with ``id`` ``urn:uuid:…``, a ``motivation`` (``bookmarking``,
``commenting``, ``tagging``), UTC ``created``/``modified``, and as ``target``
the event ``urn:kroniek:event:<id>`` with its title, date, text and source
citation (schema.org terms, which the annotation context defines), so the
annotations stay readable without Kroniek:

* a bookmark has no body; a note has a ``TextualBody`` (purpose commenting);
* a tag has a ``TextualBody`` with purpose ``tagging``; its colour travels as a
  ``CssStylesheet`` with the target's ``styleClass``;
* a collection is a ``bookmarking`` annotation whose target is an
  ``OrderedCollection`` (ActivityStreams' ``as:OrderedCollection``, a term the
  annotation's own context adds, since the anno context defines no list type)
  whose ``items`` are the events, named by an ``identifying`` body;
* a saved search targets ``urn:kroniek:search`` and describes itself in a
  JSON ``TextualBody``.

Every export is written whole or not at all, never over the library, its
backups or the event database (:mod:`.writing`).

Import streams such a file (or any Web Annotation: one annotation, a list, a
page or a collection; see :mod:`.importing`), checks every annotation and
refuses the whole file with a clear message if anything is wrong; the merge
is one transaction: the same annotation id → the newer ``modified`` wins,
nothing is duplicated. Annotations on things that are not Kroniek events are
reported as skipped. A TimelineJS file becomes a collection (:mod:`.timelinejs`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from explorer.core.errors import UsageError
from explorer.core.events.store import EventStore
from explorer.core.library.connection import iso, utc_now
from explorer.core.library.formats import cite, eventlists, text, timelinejs, writing
from explorer.core.library.formats.importing import (
    AnnotationFileError,
    ImportRefused,
    ImportReport,
    Progress,
    import_data,
    import_file,
    parse_import,
)
from explorer.core.library.formats.jsonld import jsonld_chunks, to_jsonld
from explorer.core.library.library import Library
from explorer.core.library.models import EventLike, EventSnapshot, LibraryContents
from explorer.i18n import _

__all__ = [
    "FORMATS",
    "AnnotationFileError",
    "ImportRefused",
    "ImportReport",
    "Progress",
    "citation_for",
    "export_events",
    "export_library",
    "export_text",
    "import_any",
    "import_data",
    "import_file",
    "parse_import",
    "to_jsonld",
]

FORMATS = ("csv", "json", "jsonld", "md", "html", *eventlists.EVENT_FORMATS)


def prepare(
    lib: Library, store: EventStore | None = None
) -> tuple[LibraryContents, text.SourceInfo, set[str]]:
    """The library's contents with fresh event data, the source, and orphaned ids."""
    contents = lib.contents()
    if store is None:
        return contents, text.SourceInfo(), set()
    fresh = store.events(sorted(contents.events))
    for event_id, event in fresh.items():
        contents.events[event_id] = EventSnapshot.of(event)
    orphaned = {i for i in lib.events.annotated_ids() if i not in fresh}
    return contents, text.SourceInfo.from_store(store), orphaned


def export_chunks(
    lib: Library,
    fmt: str,
    *,
    store: EventStore | None = None,
    collection_id: int | None = None,
    progress: Progress | None = None,
    lang: str,
) -> tuple[Iterator[str], int]:
    """The export of *lib* in *fmt* as pieces of text, and how many items it holds.

    JSON-LD, the format that imports again, is produced an annotation at a
    time, so a library of any size exports in little memory.
    """
    if fmt not in FORMATS:
        raise UsageError(
            _("Unknown export format “{fmt}”; choose one of: {formats}.").format(
                fmt=fmt, formats=", ".join(FORMATS)
            )
        )
    contents, source, orphaned = prepare(lib, store)
    total = contents.item_count()
    if progress:
        progress(0, total)
    if fmt == "jsonld":
        pieces: Iterator[str] = jsonld_chunks(contents, source, iso(utc_now()), lang)
    elif fmt == "json":
        pieces = iter([text.to_json(contents, iso(utc_now()), orphaned)])
    elif fmt == "csv":
        pieces = iter([text.to_csv(contents, source, orphaned, lang)])
    elif fmt in eventlists.EVENT_FORMATS:
        ids = text.reading_list_ids(contents, collection_id)
        events = [contents.events.get(i, EventSnapshot(i)) for i in ids]
        rendered = eventlists.render(
            fmt,
            events,
            source,
            title=text.list_title(contents, collection_id, lang),
            groups=eventlists.groups(store, ids, lang),
            stamp=utc_now(),
            lang=lang,
        )
        pieces = iter([rendered])
        total = len(events)
    else:
        ids = text.reading_list_ids(contents, collection_id)
        entries = text.entries(contents, source, ids, orphaned, lang)
        if fmt == "md":
            page = text.reading_list_markdown(contents, entries, collection_id, lang)
        else:
            content_lang = source.wiki.split(".", 1)[0] or "nl"
            page = text.reading_list_html(contents, entries, collection_id, lang, content_lang)
        pieces = iter([page])
        total = len(entries)

    def reported() -> Iterator[str]:
        for done, piece in enumerate(pieces):
            if progress and done % 1000 == 0:
                progress(min(done, total), total)
            yield piece
        if progress:
            progress(total, total)

    return reported(), total


def export_text(
    lib: Library,
    fmt: str,
    *,
    store: EventStore | None = None,
    collection_id: int | None = None,
    progress: Progress | None = None,
    lang: str,
) -> tuple[str, int]:
    """The export of *lib* in *fmt* and how many items (or events) it holds."""
    pieces, total = export_chunks(
        lib, fmt, store=store, collection_id=collection_id, progress=progress, lang=lang
    )
    return "".join(pieces), total


def _check_target(dest: Path, lib: Library | None, store: EventStore | None) -> None:
    """Refuse to write over the library, its backups or the event database."""
    protected = []
    if lib is not None:
        protected.append((lib.path, _("your library")))
        protected += [(backup, _("a backup of your library")) for backup in lib.backups()]
    if store is not None:
        protected.append((store.path, _("the event database")))
    writing.check_target(dest, protected)


def export_library(
    lib: Library,
    fmt: str,
    dest: Path,
    *,
    store: EventStore | None = None,
    collection_id: int | None = None,
    progress: Progress | None = None,
    lang: str,
) -> int:
    """Write the export to *dest* (whole or not at all); returns the item count.

    Never over the library or the event database (:func:`writing.check_target`).
    """
    _check_target(dest, lib, store)
    pieces, count = export_chunks(
        lib, fmt, store=store, collection_id=collection_id, progress=progress, lang=lang
    )
    _write(dest, pieces)
    return count


def export_events(
    store: EventStore,
    event_ids: Sequence[str],
    fmt: str,
    dest: Path,
    *,
    title: str,
    lang: str,
    lib: Library | None = None,
) -> int:
    """Write the events *event_ids* (e.g. the window's results) in one of the
    event-list formats, written in *lang*, to *dest*; returns how many events it
    holds. Never over the event database, nor over *lib* or its backups."""
    if fmt not in eventlists.EVENT_FORMATS:
        raise UsageError(
            _("Unknown export format “{fmt}”; choose one of: {formats}.").format(
                fmt=fmt, formats=", ".join(eventlists.EVENT_FORMATS)
            )
        )
    _check_target(dest, lib, store)
    found = store.events(list(event_ids))
    events = [EventSnapshot.of(found[i]) for i in event_ids if i in found]
    out = eventlists.render(
        fmt,
        events,
        text.SourceInfo.from_store(store),
        title=title,
        groups=eventlists.groups(store, [e.id for e in events], lang),
        stamp=utc_now(),
        lang=lang,
    )
    _write(dest, iter([out]))
    return len(events)


def _write(dest: Path, pieces: Iterator[str]) -> None:
    try:
        writing.write_whole(dest, pieces)
    except OSError as exc:
        raise AnnotationFileError(
            _("Cannot write {path}: {reason}").format(path=dest, reason=exc.strerror or exc)
        ) from None


def citation_for(
    event: EventLike | EventSnapshot,
    store: EventStore | None = None,
    style: str = cite.DEFAULT_STYLE,
    *,
    lang: str,
) -> str:
    """The citation to copy for one event: its text as a quotation, then its
    source in *style* and *lang*."""
    snap = event if isinstance(event, EventSnapshot) else EventSnapshot.of(event)
    source = text.SourceInfo.from_store(store) if store else text.SourceInfo()
    return cite.formatted_citation(cite.reference(snap, source, lang), style, lang)


class KnownIds:
    """Asks the event database whether it has an event, once per id."""

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self._seen: dict[str, bool] = {}

    def __contains__(self, event_id: object) -> bool:
        if not isinstance(event_id, str):
            return False
        if event_id not in self._seen:
            self._seen[event_id] = self.store.event(event_id) is not None
        return self._seen[event_id]


def import_any(
    lib: Library, path: Path, store: EventStore, *, progress: Progress | None = None
) -> ImportReport | timelinejs.TimelineImportReport:
    """Import *path*: a TimelineJS file becomes a collection of the events it
    shows (:mod:`.timelinejs`); anything else is streamed as W3C Web Annotations."""
    timeline = timelinejs.read_timelinejs(path)
    if timeline is not None:
        return timelinejs.import_timeline(lib, timeline, path.name, store, progress=progress)
    return import_file(lib, path, known_ids=KnownIds(store), progress=progress)
