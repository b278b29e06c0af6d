"""``kroniek library``: export, import and restore the user library from the command line.

* ``kroniek library export --format csv|json|jsonld|md|html|csl-json|bibtex|ris|ical|timelinejs
  -o FILE`` (``-o -`` writes to standard output; ``--collection NAME`` limits
  a reading list or an event list to one collection);
* ``kroniek library import FILE`` merges W3C Web Annotation JSON-LD, or makes
  a collection of the events a TimelineJS file shows, and prints what it did;
* ``kroniek library restore [BACKUP]`` puts the newest good backup (or the one
  named) in place of a damaged library.

The library is the one in the user-data folder, or below ``--data-dir``.
Mistakes the user can fix raise :class:`UsageError` (exit 2); a damaged,
read-only or full library raises a :class:`KroniekError` (exit 1).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from explorer import i18n, paths
from explorer.core.errors import UsageError, shown
from explorer.i18n import _, ngettext

EXPORT_FORMATS = (
    "csv", "json", "jsonld", "md", "html", "csl-json", "bibtex", "ris", "ical", "timelinejs",
)  # fmt: skip


def add_parsers(subparsers: Any) -> None:
    """Add ``library`` with its ``export``, ``import`` and ``restore`` subcommands."""
    library = subparsers.add_parser("library", help=_("export or import your library"))
    inner = library.add_subparsers(dest="library_command", parser_class=type(library))

    export = inner.add_parser("export", help=_("write your library to a file"))
    export.add_argument(
        "--format",
        required=True,
        choices=EXPORT_FORMATS,
        help=_(
            "csv, json, jsonld (W3C Web Annotation), md or html (reading list), "
            "csl-json, bibtex or ris (citations), ical (calendar), timelinejs"
        ),
    )
    export.add_argument(
        "-o", "--output", required=True, metavar="FILE", help=_("file to write (- for stdout)")
    )
    export.add_argument("--collection", metavar="NAME", help=_("events of this collection only"))

    imp = inner.add_parser(
        "import", help=_("merge a W3C Web Annotation JSON-LD file or a TimelineJS file")
    )
    imp.add_argument("file", type=Path, metavar="FILE", help=_("file to import"))

    restore = inner.add_parser("restore", help=_("restore your library from a backup"))
    restore.add_argument(
        "backup", type=Path, nargs="?", metavar="BACKUP", help=_("backup file (default: newest)")
    )


def _event_db(args: argparse.Namespace) -> Path:
    db = getattr(args, "db", None)
    return Path(db) if db else paths.bundled_db()


def run_library(args: argparse.Namespace) -> int:
    """Run ``kroniek library …``; returns the exit status."""
    command = getattr(args, "library_command", None)
    if command is None:
        raise UsageError(_("Say what to do: kroniek library export, import or restore."))
    if command == "restore":
        return _restore(args)

    from explorer.core.events.store import EventStore
    from explorer.core.library.library import Library, LibraryCorruptError

    store = EventStore(_event_db(args))
    try:
        try:
            # Export only reads: a read-only data folder or a full disk must
            # not stop a user from getting their notes out.
            library = Library(auto_backup=command == "import", read_only=command == "export")
        except LibraryCorruptError as exc:
            hint = _("Run “kroniek library restore” to put the backup back.") if exc.backup else ""
            raise LibraryCorruptError(
                f"{exc.message} {hint}".strip(), exc.path or Path(), exc.backup
            ) from None
        try:
            if command == "export":
                return _export(args, library, store)
            return _import(args, library, store)
        finally:
            library.close()
    finally:
        store.close()


def _export(args: argparse.Namespace, library: Any, store: Any) -> int:
    from explorer.core.library.formats import annotations

    collection_id = None
    if args.collection:
        wanted = " ".join(args.collection.split()).casefold()
        matches = [c for c in library.collections.all() if c.name.casefold() == wanted]
        if not matches:
            raise UsageError(
                _("There is no collection “{name}”.").format(name=shown(args.collection))
            )
        collection_id = matches[0].id
    if args.output == "-":
        pieces, count = annotations.export_chunks(
            library, args.format, store=store, collection_id=collection_id, lang=i18n.language()
        )
        try:
            for piece in pieces:
                sys.stdout.write(piece)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise annotations.AnnotationFileError(
                _("Cannot write to standard output: {reason}").format(reason=exc.strerror or exc)
            ) from None
        return 0
    target = Path(args.output)
    count = annotations.export_library(
        library, args.format, target, store=store, collection_id=collection_id,
        lang=i18n.language(),
    )  # fmt: skip
    print(
        ngettext("Exported {n} item to {path}.", "Exported {n} items to {path}.", count).format(
            n=count, path=target
        )
    )
    return 0


def _import(args: argparse.Namespace, library: Any, store: Any) -> int:
    from explorer.core.library.formats import annotations

    report = annotations.import_any(library, args.file, store)
    for line in report.lines():
        print(line)
    return 0


def _restore(args: argparse.Namespace) -> int:
    from explorer.core.library.backup import restore_backup
    from explorer.core.library.connection import default_library_path
    from explorer.core.library.library import Library

    path = default_library_path()
    backup = args.backup
    if backup is not None and not backup.exists():
        raise UsageError(_("There is no backup file {path}.").format(path=backup))
    kept = restore_backup(path, backup)
    # Opening checks the restored copy the same way the window would.
    Library(path, auto_backup=False).close()
    if kept is None:
        print(_("Restored your library from the backup."))
    else:
        print(_("Restored your library; the damaged file is kept as {path}.").format(path=kept))
    return 0
