"""Import of W3C Web Annotation JSON-LD into the user library.

A file is streamed (:mod:`.reading`: regular file, bounded size, one
annotation at a time); each annotation is checked (W3C model, Kroniek's
limits, an id twice), turned into library items (:class:`~.items.Reader`) and
merged in batches inside one transaction (:meth:`Library.merge_batches`). Any
problem anywhere refuses the whole file with :class:`ImportRefused` — its
one-line message names the first problem, ``problems`` lists them — and the
transaction rolls back, so nothing is written. Annotations on anything but
Kroniek events are left out and reported; events the event database does not
have are kept as orphaned. :func:`parse_import` checks already-parsed data
without writing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from explorer.core.errors import KroniekError, UsageError, one_line, shown

# The IRIs are re-exported: the exporter and older callers import them here.
from explorer.core.library.formats.items import COLLECTION_IRI as COLLECTION_IRI
from explorer.core.library.formats.items import EVENT_IRI as EVENT_IRI
from explorer.core.library.formats.items import GENERATOR_IRI as GENERATOR_IRI
from explorer.core.library.formats.items import SEARCH_IRI as SEARCH_IRI
from explorer.core.library.formats.items import TAG_CLASS as TAG_CLASS
from explorer.core.library.formats.items import Reader
from explorer.core.library.formats.items import event_ref as event_ref
from explorer.core.library.formats.items import snapshot_of as snapshot_of
from explorer.core.library.formats.reading import (
    AnnotationStream,
    ReadRefused,
    quick_oversized,
    stream_file,
)
from explorer.core.library.formats.validate import (
    MAX_ANNOTATIONS,
    MAX_PROBLEMS,
    annotations_in,
    check_annotation,
    oversized,
)
from explorer.core.library.library import Library
from explorer.core.library.models import (
    LibraryContents,
    MergeResult,
)
from explorer.core.library.rules import (
    MAX_ITEMS,
)
from explorer.i18n import _, ngettext

#: ``progress(done, total)``; raising from it cancels (an import then writes nothing).
Progress = Callable[[int, int], None]


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
    reader = Reader(known_ids)
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
        reader = Reader(known_ids)
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
    stream: AnnotationStream, reader: Reader, source: str, progress: Progress | None
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
