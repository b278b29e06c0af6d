"""The library as W3C Web Annotation JSON-LD (see :mod:`.annotations` for the
mapping): whole, as a dict (:func:`to_jsonld`), or as text an annotation at a
time (:func:`jsonld_chunks`), so that a library of any size exports in little
memory. Targets carry the event's title, date, text and citation in the
language asked for, clipped to what an import accepts.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from explorer import __version__
from explorer.core.library.formats import text
from explorer.core.library.formats.items import (
    COLLECTION_IRI,
    EVENT_IRI,
    GENERATOR_IRI,
    SEARCH_IRI,
    TAG_CLASS,
)
from explorer.core.library.formats.validate import ANNO_CONTEXT
from explorer.core.library.models import EventSnapshot, LibraryContents
from explorer.core.library.rules import MAX_NAME, MAX_NOTE, clip
from explorer.i18n import translator

#: The context of a collection annotation: the anno context has no term for an
#: ordered list of targets, so it adds ActivityStreams' OrderedCollection.
COLLECTION_CONTEXT: list[Any] = [ANNO_CONTEXT, {"OrderedCollection": "as:OrderedCollection"}]


def event_target(event: EventSnapshot, source: text.SourceInfo, lang: str) -> dict[str, Any]:
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
    target["schema:citation"] = text.citation(event, source, lang)
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
    contents: LibraryContents, source: text.SourceInfo, generated: str, lang: str
) -> dict[str, Any]:
    """The library as a W3C ``AnnotationCollection`` with one embedded page."""
    items = list(jsonld_items(contents, source, lang))
    collection = jsonld_envelope(len(items), generated, lang)
    collection["first"]["items"] = items
    return collection


def jsonld_items(
    contents: LibraryContents, source: text.SourceInfo, lang: str
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
            targets[event_id] = event_target(snap, source, lang)
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
            {"type": "OrderedCollection", "items": [target(i) for i in c.event_ids]}
            if c.event_ids
            else COLLECTION_IRI
        )
        anno = {**_anno(c.anno_id, "bookmarking", c.created, c.modified)}
        if c.event_ids:
            anno["@context"] = COLLECTION_CONTEXT
        yield {**anno, "body": bodies, "target": goal}
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


def jsonld_envelope(total: int, generated: str, lang: str) -> dict[str, Any]:
    """The AnnotationCollection around the items, with an empty embedded page."""
    return {
        "@context": ANNO_CONTEXT,
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": "AnnotationCollection",
        "label": translator(lang).gettext("Kroniek library"),
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
    contents: LibraryContents, source: text.SourceInfo, generated: str, lang: str
) -> Iterator[str]:
    """The JSON-LD export as text, an annotation at a time: memory stays small."""
    envelope = jsonld_envelope(contents.item_count(), generated, lang)
    head = json.dumps(envelope, ensure_ascii=False, indent=2)
    before, _sep, after = head.rpartition('"items": []')
    yield before + '"items": ['
    first = True
    for item in jsonld_items(contents, source, lang):
        yield ("\n" if first else ",\n") + json.dumps(item, ensure_ascii=False)
        first = False
    yield "\n      ]" + after + "\n"
