"""Import of W3C Web Annotation JSON-LD into the user library.

A file is read and checked whole before anything is written: not JSON, a
broken Web Annotation (:mod:`explorer.core.library.formats.validate`), a text
longer than Kroniek keeps, an id twice — any of these refuses the whole file
with :class:`ImportRefused`, whose one-line message names the first problem
and whose ``problems`` lists all of them. A valid file becomes library items
(:class:`_Reader`), merged in one transaction by :meth:`Library.merge`.
Annotations on anything but Kroniek events are left out and reported;
events the event database does not have are kept as orphaned.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explorer.core.errors import KroniekError, UsageError, one_line, shown
from explorer.core.library.connection import iso, utc_now
from explorer.core.library.formats.reading import (
    AnnotationStream,
    ReadRefused,
    quick_oversized,
    stream_file,
)
from explorer.core.library.formats.validate import (
    BARE_EVENT_ID,
    MAX_ANNOTATIONS,
    MAX_PROBLEMS,
    annotations_in,
    check_annotation,
    oversized,
    parse_datetime,
)
from explorer.core.library.library import Library
from explorer.core.library.models import (
    Bookmark,
    Collection,
    EventSnapshot,
    LibraryContents,
    MergeResult,
    Note,
    TagLink,
    search_from_spec,
)
from explorer.core.library.rules import (
    MAX_DESCRIPTION,
    MAX_ITEMS,
    MAX_NOTE,
    clean_color,
    clean_name,
    clean_tag,
)
from explorer.i18n import _, ngettext

EVENT_IRI = "urn:kroniek:event:"
SEARCH_IRI = "urn:kroniek:search"
COLLECTION_IRI = "urn:kroniek:collection"
GENERATOR_IRI = "urn:kroniek:app"
TAG_CLASS = "kroniek-tag"

#: ``progress(done, total)``; raising from it cancels (an import then writes nothing).
Progress = Callable[[int, int], None]


_CSS_COLOR = re.compile(r"#[0-9a-fA-F]{6}\b")
_CANONICAL_TIME = re.compile(
    r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z"
)


class AnnotationFileError(KroniekError):
    """A file to import or export cannot be read or written (exit status 1)."""


class ImportRefused(UsageError):
    """The file is not one Kroniek can import; nothing was written.

    ``str()`` is one line; :attr:`problems` lists every problem found.
    """

    def __init__(self, source: str, problems: list[str]) -> None:
        first = problems[0] if problems else _("unknown problem")
        message = _("{file} cannot be imported: {problem}").format(
            file=shown(source, 200), problem=first
        )
        more = len(problems) - 1
        if more > 0:
            message += " " + ngettext(
                "(and {n} more problem)", "(and {n} more problems)", more
            ).format(n=more)
        super().__init__(message)
        self.problems = [one_line(p) for p in problems]


@dataclass
class ImportReport:
    """What an import did: counts per kind, and what it left out and why."""

    source: str
    result: MergeResult = field(default_factory=MergeResult)
    #: One line per annotation that is not about a Kroniek event (the first 100).
    not_kroniek: list[str] = field(default_factory=list)
    #: How many annotations were left out in all (``not_kroniek`` keeps 100 lines).
    left_out: int = 0
    #: Event ids the event database does not have (kept, shown as orphaned).
    unknown_events: set[str] = field(default_factory=set)
    #: The items read from the file (what the merge was given).
    contents: LibraryContents = field(default_factory=LibraryContents, repr=False)

    @property
    def skipped(self) -> int:
        return self.result.total_skipped + max(self.left_out, len(self.not_kroniek))

    def summary(self) -> str:
        """One line: "Imported x.jsonld: 5 added, 2 updated, 3 skipped."."""
        return _("Imported {file}: {added} added, {updated} updated, {skipped} skipped.").format(
            file=self.source,
            added=self.result.total_added,
            updated=self.result.total_updated,
            skipped=self.skipped,
        )

    def lines(self) -> list[str]:
        """The summary and the details a user may want to read."""
        out = [self.summary()]
        if self.result.total_skipped:
            out.append(
                ngettext(
                    "{n} item was already in your library (same or newer).",
                    "{n} items were already in your library (same or newer).",
                    self.result.total_skipped,
                ).format(n=self.result.total_skipped)
            )
        if self.not_kroniek:
            left_out = max(self.left_out, len(self.not_kroniek))
            out.append(
                ngettext(
                    "{n} annotation is not about a Kroniek event and was left out:",
                    "{n} annotations are not about a Kroniek event and were left out:",
                    left_out,
                ).format(n=left_out)
            )
            out += ["  " + line for line in self.not_kroniek[:20]]
        if self.unknown_events:
            out.append(
                ngettext(
                    "{n} event is not in this event database; its annotations are kept "
                    "and shown as orphaned.",
                    "{n} events are not in this event database; their annotations are kept "
                    "and shown as orphaned.",
                    len(self.unknown_events),
                ).format(n=len(self.unknown_events))
            )
        return out


# -- import ---------------------------------------------------------------


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


class _Reader:
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
        lists = [t for t in targets if isinstance(t, dict) and "List" in _strings(t.get("type"))]
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


def parse_import(
    data: object,
    source: str,
    *,
    known_ids: Container[str] | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Check a parsed file and turn it into library items; nothing is written.

    Raises :class:`ImportRefused` listing every problem if anything is wrong.
    The report's ``result`` is empty until :func:`import_data` merges.
    """
    reason = oversized(data)
    if reason:
        raise ImportRefused(source, [reason])
    found, problems = annotations_in(data)
    if len(found) > MAX_ANNOTATIONS:
        raise ImportRefused(source, [_("more than {n} annotations").format(n=MAX_ANNOTATIONS)])
    if not found and not problems:
        problems.append(_("the file holds no annotations"))
    seen: set[str] = set()
    for index, (item, inherited) in enumerate(found, 1):
        label = item.get("id") if isinstance(item, dict) else None
        where = _("annotation {n}").format(n=index) + (
            f" ({shown(label)})" if isinstance(label, str) else ""
        )
        item_problems = check_annotation(item, where, context_inherited=inherited)
        problems += item_problems
        if not item_problems:
            if item["id"] in seen:
                problems.append(_("{where}: the id appears twice in the file").format(where=where))
            seen.add(item["id"])
        if len(problems) >= MAX_PROBLEMS:
            break
        if progress and index % 200 == 0:
            progress(index, len(found) * 2)
    if problems:
        raise ImportRefused(source, problems)
    reader = _Reader(known_ids)
    for index, (item, _inherited) in enumerate(found, 1):
        reader.read(item, _("annotation {n}").format(n=index) + f" ({shown(item['id'])})")
        if progress and index % 200 == 0:
            progress(len(found) + index, len(found) * 2)
    if reader.problems:
        raise ImportRefused(source, reader.problems)
    return ImportReport(
        source,
        MergeResult(),
        reader.not_kroniek,
        reader.left_out,
        reader.unknown,
        reader.contents,
    )


def import_data(
    lib: Library,
    data: object,
    source: str = "",
    *,
    known_ids: Container[str] | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Check and merge parsed JSON-LD into *lib*: all of it, or nothing."""
    report = parse_import(data, source, known_ids=known_ids, progress=progress)
    if report.contents.item_count():
        report.result = lib.merge(report.contents)
    if progress:
        progress(1, 1)
    return report


def import_file(
    lib: Library,
    path: Path,
    *,
    known_ids: Container[str] | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a W3C Web Annotation JSON-LD file (see the module docstring).

    The file is streamed (:mod:`.reading`): each annotation is checked, read
    and merged in batches inside one transaction, so time and memory grow with
    the file, not faster; any problem anywhere rolls everything back.
    """
    source = path.name
    try:
        stream, close = stream_file(path)
    except ReadRefused as exc:
        raise ImportRefused(source, [exc.reason]) from None
    try:
        reader = _Reader(known_ids)
        report = ImportReport(source)
        try:
            report.result = lib.merge_batches(_batches(stream, reader, source, progress))
        except ReadRefused as exc:
            raise ImportRefused(source, [exc.reason]) from None
    except OSError as exc:
        raise AnnotationFileError(
            _("Cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from None
    finally:
        close()
    report.not_kroniek, report.left_out = reader.not_kroniek, reader.left_out
    report.unknown_events = reader.unknown
    if progress:
        progress(1, 1)
    return report


#: Annotations merged per batch: large enough to be fast, small enough to be light.
BATCH = 2000


def _batches(
    stream: AnnotationStream, reader: _Reader, source: str, progress: Progress | None
) -> Iterator[LibraryContents]:
    """Check, read and hand out the file's items in batches; raise on any problem."""
    problems: list[str] = []
    seen: set[bytes] = set()
    count = 0
    annotation_n = _("annotation {n}")
    for count, (item, inherited) in enumerate(stream, 1):
        if count > MAX_ITEMS:
            raise ImportRefused(source, [_("more than {n} annotations").format(n=MAX_ITEMS)])
        label = item.get("id") if isinstance(item, dict) else None
        where = annotation_n.format(n=count) + (
            f" ({shown(label)})" if isinstance(label, str) else ""
        )
        reason = quick_oversized(stream.last, item)
        found = [f"{where}: {reason}"] if reason else []
        found = found or check_annotation(item, where, context_inherited=inherited)
        if not found:
            digest = hashlib.blake2b(item["id"].encode(), digest_size=16).digest()
            if digest in seen:
                found.append(_("{where}: the id appears twice in the file").format(where=where))
            seen.add(digest)
        problems += found
        if not problems:
            reader.read(item, where)
            problems += reader.problems
        if len(problems) >= MAX_PROBLEMS:
            break
        if progress and count % 500 == 0:
            progress(stream.done, max(stream.total, stream.done))
        if not problems and reader.contents.item_count() >= BATCH:
            yield reader.take()
    problems = stream.problems + problems
    if not count and not problems:
        problems.append(_("the file holds no annotations"))
    if problems:
        raise ImportRefused(source, problems)
    yield reader.take()
