"""The ``kroniek`` command: the window by default, and subcommands beside it.

Every command accepts the global ``--db`` and ``--data-dir`` options. Bad input
ends in one line on stderr and a non-zero exit, never a traceback: mistakes the
user can fix exit 2, an unusable environment (a damaged database, an unreadable
file) exits 1.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from explorer import __version__, i18n, logs, paths
from explorer.core.errors import KroniekError, UsageError, shown
from explorer.i18n import _


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error instead of a usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: " + _("error") + f": {message}\n")


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("size must look like 1600x1000, not {text!r}").format(text=text)
        ) from None
    if not (200 <= w <= 10000 and 200 <= h <= 10000):
        raise argparse.ArgumentTypeError(_("size must be between 200 and 10000 pixels"))
    return w, h


def _view(text: str) -> tuple[float, float]:
    from explorer.core.events.dates import parse_date_bound

    try:
        first, last = text.split(":")
        a = date.fromisoformat(parse_date_bound(first, end=False)).toordinal()
        b = date.fromisoformat(parse_date_bound(last, end=True)).toordinal() + 1
    except (ValueError, UsageError):
        raise argparse.ArgumentTypeError(
            _("a view looks like 2022-02:2022-03, not {text!r}").format(text=text)
        ) from None
    return float(a), float(b)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kroniek", description=_("Offline timeline explorer."))
    parser.add_argument("--version", action="version", version=f"kroniek {__version__}")
    parser.add_argument("--db", type=Path, help=_("event database to open"))
    parser.add_argument("--data-dir", type=Path, help=_("folder for your library and settings"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=_("interface language"))
    parser.add_argument("--debug", action="store_true", help=_("verbose logging"))
    parser.add_argument("--screenshot", type=Path, metavar="FILE.png",
                        help=_("render the window to a PNG file and exit"))  # fmt: skip
    parser.add_argument(
        "--size",
        type=_size,
        default=(1600, 1000),
        metavar="WxH",
        help=_("window size of the screenshot, e.g. 1024x600 (default 1600x1000)"),
    )
    parser.add_argument("--query", default="", help=_("start with this search"))
    parser.add_argument("--select", default="", metavar="ID", help=_("start with this event"))
    parser.add_argument("--map", action="store_true", help=_("open the map pane"))
    parser.add_argument("--read", action="store_true",
                        help=_("open the reading pane (at the --select event)"))  # fmt: skip
    parser.add_argument(
        "--view",
        type=_view,
        metavar="FROM:TO",
        help=_("show this period on the timeline, e.g. 2022-02:2022-03"),
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    info = sub.add_parser("info", help=_("describe the event database"))
    info.add_argument("--json", action="store_true", help=_("print JSON"))

    build = sub.add_parser("build-db", help=_("rebuild the event database from db/"))
    build.add_argument("--source", type=Path, help=_("article text to read"))
    build.add_argument("--output", type=Path, help=_("database file to write"))

    cite = sub.add_parser("cite", help=_("print a citation of one event"))
    cite.add_argument("event_id", metavar="EVENT_ID", help=_("the event's id"))
    cite.add_argument(
        "--style",
        choices=CITATION_STYLES,
        default="apa",
        help=_("citation style (default: apa; ugent is a Dutch style for history)"),
    )
    # SUPPRESS: do not overwrite a global --lang that the main parser may set.
    cite.add_argument(
        "--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS,
        help=_("language of the citation"),
    )  # fmt: skip

    from explorer import cli_library, cli_places, cli_search

    cli_search.add_parsers(sub)
    cli_places.add_parser(sub)
    cli_library.add_parsers(sub)
    return parser


#: The keys of ``explorer.core.library.formats.cite.STYLES`` (not imported here,
#: so that ``kroniek --help`` stays quick); a test keeps them equal.
CITATION_STYLES = ("apa", "chicago", "ugent")


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else paths.bundled_db()


def _run_info(args: argparse.Namespace) -> int:
    from explorer.core.events.store import EventStore

    store = EventStore(_db_path(args))
    info = store.info()
    store.close()
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
        return 0
    rows = [
        (_("Database"), info["db_path"]),
        (_("Events"), i18n.format_number(info["events"])),
        (_("Places"), i18n.format_number(info["places"])),
        (_("Actors"), i18n.format_number(info["actors"])),
        (_("Categories"), i18n.format_number(info["categories"])),
        (_("Schema version"), str(info["schema_version"])),
        (_("Built"), info["built"]),
        (_("Source"), f"{info['source']['title']} ({info['source']['wiki']})"),
        (_("Licence"), info["source"]["licence"]),
    ]
    width = max(len(label) for label, _value in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return 0


def _run_build(args: argparse.Namespace) -> int:
    from explorer.ingest.build import BuildError, main_build

    target = args.output or (Path(args.db) if args.db else paths.bundled_db())
    try:
        return main_build(paths.db_dir(), target, args.source)
    except BuildError as exc:
        raise UsageError(str(exc)) from None


def _run_cite(args: argparse.Namespace) -> int:
    from explorer.core.events.store import EventStore
    from explorer.core.library.formats.annotations import citation_for

    store = EventStore(_db_path(args))
    try:
        event = store.event(args.event_id)
        if event is None:
            raise UsageError(
                _("There is no event “{id}” in {path}.").format(
                    id=shown(args.event_id), path=store.path
                )
            )
        print(citation_for(event, store, args.style, lang=i18n.language()))
    finally:
        store.close()
    return 0


def _run_command(args: argparse.Namespace) -> int:
    if args.command == "info":
        return _run_info(args)
    if args.command == "build-db":
        return _run_build(args)
    if args.command == "cite":
        return _run_cite(args)
    if args.command == "library":
        from explorer import cli_library

        return cli_library.run_library(args)
    from explorer import cli_search
    from explorer.core.events.store import connect_readonly

    conn = connect_readonly(_db_path(args))
    try:
        if args.command == "search":
            return cli_search.run_search(args, conn)
        if args.command == "places":
            from explorer import cli_places

            return cli_places.run_places(args, conn)
        return cli_search.run_facets(args, conn)
    finally:
        conn.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``kroniek`` and ``python -m explorer``."""
    # A file name that is not valid UTF-8 reaches Python as lone surrogates;
    # printing it must never end in a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    if args.data_dir:
        paths.set_data_dir(Path(args.data_dir))
    logs.configure(debug=args.debug)
    i18n.set_language(args.lang or i18n.system_language())
    try:
        if args.command:
            return _run_command(args)
        from explorer.app import run_gui

        return run_gui(args)
    except UsageError as exc:
        print(f"kroniek: {exc}", file=sys.stderr)
        return 2
    except KroniekError as exc:
        print(f"kroniek: {exc}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as exc:
        # The file opened and looked right, but a page inside is damaged.
        where = args.db or paths.bundled_db()
        print(
            "kroniek: "
            + _("Event database {path} is damaged or not a database ({reason}).").format(
                path=where, reason=exc
            ),
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        print("kroniek: " + _("interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
