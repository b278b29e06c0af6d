"""Turning checked Web Annotations into library items.

:class:`Reader` reads annotations that passed the W3C checks
(:mod:`.validate`) and makes bookmarks, notes, tag links, collections and
saved searches of them, collecting Kroniek-level problems (a name too long, an
empty note) and what it leaves out (annotations on anything but Kroniek
events). Used by :mod:`.importing`, on a whole parsed file or a stream.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Container
from typing import Any

from explorer.core.errors import UsageError
from explorer.core.library.connection import iso, utc_now
from explorer.core.library.formats.validate import BARE_EVENT_ID, parse_datetime
from explorer.core.library.models import (
    Bookmark,
    Collection,
    EventSnapshot,
    LibraryContents,
    Note,
    TagLink,
    search_from_spec,
)
from explorer.core.library.rules import (
    MAX_DESCRIPTION,
    MAX_NOTE,
    clean_color,
    clean_name,
    clean_tag,
)
from explorer.i18n import _

EVENT_IRI = "urn:kroniek:event:"
SEARCH_IRI = "urn:kroniek:search"
COLLECTION_IRI = "urn:kroniek:collection"
#: A collection's target type: ``OrderedCollection``; exports before it wrote
#: ``List``, which the anno context does not define (still read).
LIST_TYPES = frozenset({"OrderedCollection", "List"})
GENERATOR_IRI = "urn:kroniek:app"
TAG_CLASS = "kroniek-tag"

_CSS_COLOR = re.compile(r"#[0-9a-fA-F]{6}\b")
_CANONICAL_TIME = re.compile(
    r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z"
)


def event_ref(value: object) -> str | None:
    """The Kroniek event id a target points at (IRI or bare id), else None."""
    if isinstance(value, dict):
        if "items" in value:
            return None
        value = value.get("source", value.get("id"))
        if isinstance(value, dict):
            value = value.get("id")
    if not isinstance(value, str):
        return None
    if value.startswith(EVENT_IRI):
        value = value[len(EVENT_IRI) :]
    return value if BARE_EVENT_ID.fullmatch(value) else None


def snapshot_of(event_id: str, target: object) -> EventSnapshot:
    """What a target says about its event (our exports carry title, date, text)."""
    if not isinstance(target, dict):
        return EventSnapshot(event_id)

    def get(key: str) -> str:
        value = target.get(key, "")
        return value[:MAX_NOTE] if isinstance(value, str) else ""

    start, _sep, end = get("schema:temporalCoverage").partition("/")
    precision = {4: "year", 7: "month", 10: "day"}.get(len(start), "")
    if not precision:
        start = end = ""
    return EventSnapshot(
        event_id,
        get("schema:name"),
        start,
        end,
        precision,
        "",
        get("schema:description"),
        get("schema:articleSection"),
    )


def _many(value: object) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _strings(value: object) -> set[str]:
    return {v for v in _many(value) if isinstance(v, str)}


class Reader:
    """Turns valid annotations into library items, collecting Kroniek-level problems."""

    def __init__(self, known_ids: Container[str] | None) -> None:
        self.known_ids = known_ids
        self.contents = LibraryContents()
        self.problems: list[str] = []
        self.not_kroniek: list[str] = []
        self.left_out = 0
        self.unknown: set[str] = set()
        self._checked: set[str] = set()
        self.now = iso(utc_now())

    def _event(self, event_id: str, target: object) -> str:
        known = self.contents.events.get(event_id)
        if known is None or not known.title:
            snap = snapshot_of(event_id, target)
            if known is None or snap.title:
                self.contents.events[event_id] = snap
        if self.known_ids is not None and event_id not in self._checked:
            self._checked.add(event_id)
            if event_id not in self.known_ids:
                self.unknown.add(event_id)
        return event_id

    def leave_out(self, line: str) -> None:
        self.left_out += 1
        if len(self.not_kroniek) < 100:
            self.not_kroniek.append(line)

    def take(self) -> LibraryContents:
        """The items read since the last call (a batch to merge)."""
        batch, self.contents = self.contents, LibraryContents()
        return batch

    def _times(self, anno: dict[str, Any]) -> tuple[str, str]:
        def norm(key: str) -> str:
            value = anno.get(key)
            if not isinstance(value, str):
                return ""
            if _CANONICAL_TIME.fullmatch(value):
                return value  # already what iso() writes (Kroniek's own exports)
            moment = parse_datetime(value)
            return iso(moment) if moment else ""

        created = norm("created") or norm("modified") or self.now
        return created, norm("modified") or created

    def read(self, anno: dict[str, Any], where: str) -> None:
        anno_id: str = anno["id"]
        created, modified = self._times(anno)
        motivations = _strings(anno.get("motivation"))
        bodies = _many(anno["body"]) if "body" in anno else []
        if isinstance(anno.get("bodyValue"), str):
            bodies.append({"type": "TextualBody", "value": anno["bodyValue"]})
        textual = [
            (_strings(b.get("purpose")), b["value"], b.get("format", ""))
            for b in bodies
            if isinstance(b, dict) and isinstance(b.get("value"), str)
        ]
        names = [v for p, v, _f in textual if "identifying" in p]
        targets = _many(anno["target"])
        made: list[tuple[str, Any]] = []

        def fail(message: str) -> None:
            self.problems.append(f"{where}: {message}")

        if SEARCH_IRI in targets:
            specs = [v for p, v, f in textual if f == "application/json"]
            if not names or not specs:
                fail(_("a saved search needs a name and its JSON description"))
                return
            try:
                name = clean_name(names[0], _("saved search"))
                search = search_from_spec(
                    json.loads(specs[0]),
                    anno_id=anno_id,
                    name=name,
                    created=created,
                    modified=modified,
                )
            except (UsageError, ValueError, RecursionError) as exc:
                fail(str(exc))
                return
            self.contents.searches.append(search)
            return
        lists = [t for t in targets if isinstance(t, dict) and LIST_TYPES & _strings(t.get("type"))]
        if (lists or COLLECTION_IRI in targets) and names:
            members = [item for t in lists for item in t.get("items", [])]
            ids = [event_ref(item) for item in members]
            if any(i is None for i in ids):
                self.leave_out(_("{id}: a list that is not only Kroniek events").format(id=anno_id))
                return
            describing = [v for p, v, _f in textual if "describing" in p]
            try:
                name = clean_name(names[0], _("collection"))
            except UsageError as exc:
                fail(str(exc))
                return
            event_ids = [self._event(str(i), m) for i, m in zip(ids, members, strict=True)]
            description = describing[0][:MAX_DESCRIPTION] if describing else ""
            self.contents.collections.append(
                Collection(0, anno_id, name, description, created, modified, tuple(event_ids))
            )
            return
        events = [(event_ref(t), t) for t in targets]
        found = [(i, t) for i, t in events if i is not None]
        if not found:
            self.leave_out(_("{id}: its target is not a Kroniek event").format(id=anno_id))
            return
        tagging = "tagging" in motivations
        tags = [v for p, v, _f in textual if "tagging" in p or (tagging and not p)]
        notes = [
            v
            for p, v, _f in textual
            if not p & {"tagging", "identifying"} and not (tagging and not p)
        ]
        color = self._color(anno.get("stylesheet"))
        for event_id, target in found:
            self._event(event_id, target)
            if "bookmarking" in motivations:
                made.append(("bookmark", event_id))
            made += [("tag", (event_id, t)) for t in tags]
            made += [("note", (event_id, n)) for n in notes]
        if not made:
            self.leave_out(
                _("{id}: nothing Kroniek can keep (motivation: {motivation})").format(
                    id=anno_id, motivation=", ".join(sorted(motivations)) or "—"
                )
            )
            return
        for kind, value in made:
            item_id = anno_id if len(made) == 1 else _derived(anno_id, kind, value)
            try:
                self._add(kind, value, item_id, color, created, modified)
            except UsageError as exc:
                fail(str(exc))

    def _color(self, stylesheet: object) -> str:
        if isinstance(stylesheet, dict) and isinstance(stylesheet.get("value"), str):
            match = _CSS_COLOR.search(stylesheet["value"])
            if match:
                return match.group().lower()
        return ""

    def _add(
        self, kind: str, value: Any, item_id: str, color: str, created: str, modified: str
    ) -> None:
        c = self.contents
        if kind == "bookmark":
            c.bookmarks.append(Bookmark(item_id, value, created, modified))
        elif kind == "tag":
            event_id, name = value
            c.tag_links.append(
                TagLink(item_id, event_id, clean_tag(name), clean_color(color), created, modified)
            )
        else:
            event_id, body = value
            if not body.strip():
                raise UsageError(_("a note is empty"))
            if len(body) > MAX_NOTE:
                raise UsageError(_("a note is longer than {n} characters").format(n=MAX_NOTE))
            c.notes.append(Note(0, item_id, event_id, body, created, modified))


def _derived(anno_id: str, kind: str, value: Any) -> str:
    """A stable id for one of several items made from one annotation, so that
    importing the same file again matches them."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, json.dumps([anno_id, kind, value]))}"
