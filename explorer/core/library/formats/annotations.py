"""Export and import of the user library: W3C Web Annotation JSON-LD and friends.

Export formats (:data:`FORMATS`): ``csv``, ``json`` (a plain dump for
scripts), ``jsonld`` (W3C Web Annotation), ``md`` and ``html`` (a reading list
with citations). In JSON-LD every bookmark, note, tag, collection and saved
search is one ``Annotation`` with ``id`` ``urn:uuid:…``, a ``motivation``
(``bookmarking``, ``commenting``, ``tagging``), UTC ``created``/``modified``,
and as ``target`` the event ``urn:kroniek:event:<id>`` with its title, date,
text and source citation (schema.org terms, which the annotation context
defines), so the annotations stay readable without Kroniek:

* a bookmark has no body; a note has a ``TextualBody`` (purpose commenting);
* a tag has a ``TextualBody`` with purpose ``tagging``; its colour travels as a
  ``CssStylesheet`` with the target's ``styleClass``;
* a collection is a ``bookmarking`` annotation whose target is a ``List`` of
  events, named by an ``identifying`` body;
* a saved search targets ``urn:kroniek:search`` and describes itself in a
  JSON ``TextualBody``.

Import reads such a file (or any Web Annotation: one annotation, a list, a
page or a collection), checks all of it first (:mod:`annotations_validate`)
and refuses the whole file with a clear message if anything is wrong; then
merges it in one transaction (:meth:`Library.merge`): the same annotation id
→ the newer ``modified`` wins, nothing is duplicated. Annotations on things
that are not Kroniek events are reported as skipped.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from explorer import __version__
from explorer.core.errors import UsageError
from explorer.core.events.store import EventStore
from explorer.core.library.connection import iso, utc_now
from explorer.core.library.formats import text, writing
from explorer.core.library.formats.importing import (
    COLLECTION_IRI,
    EVENT_IRI,
    GENERATOR_IRI,
    SEARCH_IRI,
    TAG_CLASS,
    AnnotationFileError,
    ImportRefused,
    ImportReport,
    Progress,
    import_data,
    import_file,
    parse_import,
)
from explorer.core.library.formats.validate import ANNO_CONTEXT
from explorer.core.library.library import Library
from explorer.core.library.models import EventLike, EventSnapshot, LibraryContents
from explorer.core.library.rules import MAX_NAME, MAX_NOTE, clip
from explorer.i18n import _

__all__ = [
    "FORMATS",
    "AnnotationFileError",
    "ImportRefused",
    "ImportReport",
    "Progress",
    "citation_for",
    "export_library",
    "export_text",
    "import_data",
    "import_file",
    "parse_import",
    "to_jsonld",
]

FORMATS = ("csv", "json", "jsonld", "md", "html")


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
    return contents, text.SourceInfo.from_meta(store.meta()), orphaned


def event_target(event: EventSnapshot, source: text.SourceInfo, accessed: date) -> dict[str, Any]:
    target: dict[str, Any] = {
        "type": "SpecificResource",
        "source": EVENT_IRI + event.id,
        "scope": source.url,
    }
    if event.title:
        target["schema:name"] = event.title
    if event.start:
        target["schema:temporalCoverage"] = event.start + (f"/{event.end}" if event.end else "")
    if event.text:
        target["schema:description"] = event.text
    if event.section:
        target["schema:articleSection"] = event.section
    target["schema:citation"] = text.citation(event, source, accessed)
    return target


def _anno(anno_id: str, motivation: str, created: str, modified: str) -> dict[str, Any]:
    return {
        "@context": ANNO_CONTEXT,
        "id": anno_id,
        "type": "Annotation",
        "motivation": motivation,
        "created": created,
        "modified": modified,
        "generator": GENERATOR_IRI,
    }


def _textual(value: str, purpose: str, fmt: str = "text/plain") -> dict[str, Any]:
    return {"type": "TextualBody", "purpose": purpose, "value": value, "format": fmt}


def to_jsonld(
    contents: LibraryContents, source: text.SourceInfo, accessed: date, generated: str
) -> dict[str, Any]:
    """The library as a W3C ``AnnotationCollection`` with one embedded page."""
    items = list(jsonld_items(contents, source, accessed))
    collection = jsonld_envelope(len(items), generated)
    collection["first"]["items"] = items
    return collection


def jsonld_items(
    contents: LibraryContents, source: text.SourceInfo, accessed: date
) -> Iterator[dict[str, Any]]:
    """The library's annotations one by one (an export streams them to the file)."""
    targets: dict[str, dict[str, Any]] = {}

    def target(event_id: str) -> dict[str, Any]:
        # Every note on an event has the same target: build it (and its
        # citation) once, hand out copies.
        if event_id not in targets:
            snap = contents.events.get(event_id, EventSnapshot(event_id))
            # An event database may hold a text of millions of characters;
            # an annotation must stay within what an import accepts.
            snap = replace(
                snap, title=clip(snap.title, MAX_NAME), text=clip(snap.text, MAX_NOTE),
                section=clip(snap.section, MAX_NAME),
            )  # fmt: skip
            targets[event_id] = event_target(snap, source, accessed)
        return dict(targets[event_id])

    yield from _items(contents, target)


def _items(
    contents: LibraryContents, target: Callable[[str], dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    for b in contents.bookmarks:
        yield (
            {**_anno(b.anno_id, "bookmarking", b.created, b.modified), "target": target(b.event_id)}
        )
    for n in contents.notes:
        yield (
            {
                **_anno(n.anno_id, "commenting", n.created, n.modified),
                "body": _textual(n.body, "commenting"),
                "target": target(n.event_id),
            }
        )
    for t in contents.tag_links:
        anno = {
            **_anno(t.anno_id, "tagging", t.created, t.modified),
            "body": {"type": "TextualBody", "purpose": "tagging", "value": t.tag},
            "target": target(t.event_id),
        }
        if t.color:
            anno["stylesheet"] = {
                "type": "CssStylesheet",
                "value": f".{TAG_CLASS} {{ color: {t.color}; }}",
            }
            anno["target"]["styleClass"] = TAG_CLASS
        yield (anno)
    for c in contents.collections:
        bodies = [_textual(c.name, "identifying")]
        if c.description:
            bodies.append(_textual(c.description, "describing"))
        goal: Any = (
            {"type": "List", "items": [target(i) for i in c.event_ids]}
            if c.event_ids
            else COLLECTION_IRI
        )
        yield (
            {
                **_anno(c.anno_id, "bookmarking", c.created, c.modified),
                "body": bodies,
                "target": goal,
            }
        )
    for s in contents.searches:
        bodies = [
            _textual(s.name, "identifying"),
            _textual(s.spec_json(), "describing", "application/json"),
        ]
        yield (
            {
                **_anno(s.anno_id, "bookmarking", s.created, s.modified),
                "body": bodies,
                "target": SEARCH_IRI,
            }
        )


def jsonld_envelope(total: int, generated: str) -> dict[str, Any]:
    """The AnnotationCollection around the items, with an empty embedded page."""
    return {
        "@context": ANNO_CONTEXT,
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": "AnnotationCollection",
        "label": _("Kroniek library"),
        "generator": {"id": GENERATOR_IRI, "type": "Software", "name": f"Kroniek {__version__}"},
        "generated": generated,
        "total": total,
        "first": {
            "id": f"urn:uuid:{uuid.uuid4()}",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": [],
        },
    }


def jsonld_chunks(
    contents: LibraryContents, source: text.SourceInfo, accessed: date, generated: str
) -> Iterator[str]:
    """The JSON-LD export as text, an annotation at a time: memory stays small."""
    head = json.dumps(jsonld_envelope(contents.item_count(), generated), ensure_ascii=False,
                      indent=2)  # fmt: skip
    before, _sep, after = head.rpartition('"items": []')
    yield before + '"items": ['
    first = True
    for item in jsonld_items(contents, source, accessed):
        yield ("\n" if first else ",\n") + json.dumps(item, ensure_ascii=False)
        first = False
    yield "\n      ]" + after + "\n"


def export_chunks(
    lib: Library,
    fmt: str,
    *,
    store: EventStore | None = None,
    collection_id: int | None = None,
    accessed: date | None = None,
    progress: Progress | None = None,
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
    accessed = accessed or date.today()
    total = contents.item_count()
    if progress:
        progress(0, total)
    if fmt == "jsonld":
        pieces: Iterator[str] = jsonld_chunks(contents, source, accessed, iso(utc_now()))
    elif fmt == "json":
        pieces = iter([text.to_json(contents, iso(utc_now()), orphaned)])
    elif fmt == "csv":
        pieces = iter([text.to_csv(contents, source, accessed, orphaned)])
    else:
        ids = text.reading_list_ids(contents, collection_id)
        entries = text.entries(contents, source, accessed, ids, orphaned)
        render = text.reading_list_markdown if fmt == "md" else text.reading_list_html
        pieces = iter([render(contents, entries, collection_id)])
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
    accessed: date | None = None,
    progress: Progress | None = None,
) -> tuple[str, int]:
    """The export of *lib* in *fmt* and how many items (or events) it holds."""
    pieces, total = export_chunks(
        lib, fmt, store=store, collection_id=collection_id, accessed=accessed, progress=progress
    )
    return "".join(pieces), total


def export_library(
    lib: Library,
    fmt: str,
    dest: Path,
    *,
    store: EventStore | None = None,
    collection_id: int | None = None,
    accessed: date | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the export to *dest* (whole or not at all); returns the item count.

    Never over the library or the event database (:func:`writing.check_target`).
    """
    protected = [(lib.path, _("your library"))]
    protected += [(backup, _("a backup of your library")) for backup in lib.backups()]
    if store is not None:
        protected.append((store.path, _("the event database")))
    writing.check_target(dest, protected)
    pieces, count = export_chunks(
        lib, fmt, store=store, collection_id=collection_id, accessed=accessed, progress=progress
    )
    try:
        writing.write_whole(dest, pieces)
    except OSError as exc:
        raise AnnotationFileError(
            _("Cannot write {path}: {reason}").format(path=dest, reason=exc.strerror or exc)
        ) from None
    return count


def citation_for(
    event: EventLike | EventSnapshot, store: EventStore | None = None, accessed: date | None = None
) -> str:
    """The citation to copy for one event (APA-like, with licence and access date)."""
    snap = event if isinstance(event, EventSnapshot) else EventSnapshot.of(event)
    source = text.SourceInfo.from_meta(store.meta()) if store else text.SourceInfo()
    return text.citation(snap, source, accessed or date.today())
