"""The ``kroniek search`` and ``kroniek facets`` commands.

Both run exactly the search the window runs (:class:`~explorer.core.events.search.SearchEngine`
and :class:`~explorer.core.events.facets.FacetCounter`) and print it:

``kroniek search QUERY [--lang nl|en] [--from DATE] [--to DATE] [--facet KEY=VALUE ...]
[--sort relevance|date] [--limit N] [--json]``
    Plain output is an aligned table (date at its precision, title, id) and a
    count line. ``--json`` prints one JSON object per event and line, with
    ``id``, ``start``, ``end``, ``precision``, ``qualifier``, ``date_min``,
    ``date_max``, ``category``, ``title``, ``text``, ``score`` and
    ``highlights`` (``[start, end]`` character ranges of ``text`` that matched).

``kroniek facets [QUERY] [same options as search, without --limit]``
    Plain output lists each facet's values with counts (values with no events
    left out, places and actors indented under their groups). ``--json``
    prints one JSON object per facet and line: ``{"facet", "title",
    "selected", "values"}``; each value is ``{"value", "label", "count",
    "selected", "children"}`` and every value is listed, zero counts too.

``--facet`` takes a facet key (category, year, month, place, actor,
precision) and a value: an id, a Dutch or English name, or the value as the
JSON output shows it (``place=country:UA``, ``actor=group:people``).
Repeating a key ORs its values; different keys AND. Bad input raises
:class:`~explorer.core.errors.UsageError`, which ``explorer.cli`` prints as
one line before exiting with status 2.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from typing import Any, TextIO

from explorer.core.errors import UsageError
from explorer.core.events.dates import format_event_date
from explorer.core.events.facets import Facet, FacetValue
from explorer.core.events.hits import Hit
from explorer.core.events.query import SORTS, Query
from explorer.core.events.search import SearchEngine
from explorer.i18n import _, language, ngettext


def add_parsers(subparsers: Any) -> None:
    """Register ``search`` and ``facets`` on *subparsers* (from ``add_subparsers``).

    Each sets ``handler`` to :func:`run_search` / :func:`run_facets`.
    """
    search = subparsers.add_parser(
        "search", help=_("search the events"), description=_("Search the events.")
    )
    search.add_argument("query", help=_("words to search for"))
    add_filters(search)
    search.add_argument(
        "--limit", type=int, default=20, metavar="N", help=_("show at most N events")
    )
    search.set_defaults(handler=run_search)
    facets = subparsers.add_parser(
        "facets",
        help=_("count events per category, place, actor, year"),
        description=_("Show facet values with counts for a search."),
    )
    facets.add_argument("query", nargs="?", default="", help=_("words to search for"))
    add_filters(facets)
    facets.set_defaults(handler=run_facets)


def add_filters(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: do not overwrite a global --lang that the main parser may set.
    parser.add_argument(
        "--lang", choices=("nl", "en"), default=argparse.SUPPRESS, help=_("language of labels")
    )
    parser.add_argument("--from", dest="date_from", default="", metavar="DATE")
    parser.add_argument("--to", dest="date_to", default="", metavar="DATE")
    parser.add_argument(
        "--facet", action="append", default=[], metavar="KEY=VALUE", help=_("narrow by a facet")
    )
    parser.add_argument("--sort", choices=SORTS, default="relevance")
    parser.add_argument("--json", action="store_true", help=_("print JSON lines"))


def build_query(args: argparse.Namespace, engine: SearchEngine) -> Query:
    """The :class:`Query` the arguments describe; raises :class:`UsageError`."""
    selections: dict[str, set[str]] = {}
    for item in args.facet:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise UsageError(
                _(
                    "Write a facet as KEY=VALUE, for example category=military, not “{item}”."
                ).format(item=item)
            )
        canonical = engine.registry.resolve(key.strip(), value)
        selections.setdefault(key.strip(), set()).add(canonical)
    lang = getattr(args, "lang", None) or language()
    query = Query(
        text=args.query or "",
        date_from=args.date_from,
        date_to=args.date_to,
        facets={k: frozenset(v) for k, v in selections.items()},
        sort=args.sort,
        lang=lang,
    )
    engine.plan(query)  # bad dates and text fail here, before any output
    return query


def run_search(
    args: argparse.Namespace, conn: sqlite3.Connection, out: TextIO | None = None
) -> int:
    """Print the events matching the arguments; returns the exit status."""
    out = out or sys.stdout
    if args.limit < 1:
        raise UsageError(_("--limit must be at least 1."))
    engine = SearchEngine(conn)
    query = build_query(args, engine)
    result = engine.search(query, limit=args.limit)
    if args.json:
        for hit in result.hits:
            out.write(json.dumps(hit_json(hit), ensure_ascii=False) + "\n")
        return 0
    dates = [format_when(h, query.lang) for h in result.hits]
    width = max((len(d) for d in dates), default=0)
    for when, hit in zip(dates, result.hits, strict=True):
        out.write(f"{when.ljust(width)}  {hit.title}  ({hit.id})\n")
    shown = len(result.hits)
    if shown < result.total:
        line = _("{shown} of {total} events").format(shown=shown, total=result.total)
    else:
        line = ngettext("{n} event", "{n} events", result.total).format(n=result.total)
    if not result.ranked:
        line += " " + _("(too many to rank by relevance; sorted by date)")
    out.write(line + "\n")
    return 0


def run_facets(
    args: argparse.Namespace, conn: sqlite3.Connection, out: TextIO | None = None
) -> int:
    """Print every facet with its counts for the arguments' search."""
    out = out or sys.stdout
    engine = SearchEngine(conn)
    query = build_query(args, engine)
    # Counting needs numpy: loaded only by the command that counts.
    from explorer.core.events.facet_index import FacetCounter

    facets = FacetCounter(engine).facets(query)
    for facet in facets:
        if args.json:
            out.write(json.dumps(facet_json(facet), ensure_ascii=False) + "\n")
            continue
        out.write(facet.title + "\n")
        _write_values(out, facet.values, 1)
    return 0


def _write_values(out: TextIO, values: tuple[FacetValue, ...], depth: int) -> None:
    for value in values:
        if value.count == 0 and not value.selected:
            continue
        mark = "*" if value.selected else " "
        label = "  " * depth + value.label
        out.write(f"{mark}{label:<48} {value.count:>8}\n")
        _write_values(out, value.children, depth + 1)


def hit_json(hit: Hit) -> dict[str, object]:
    return {
        "id": hit.id,
        "start": hit.start,
        "end": hit.end,
        "precision": hit.precision,
        "qualifier": hit.qualifier,
        "date_min": hit.date_min,
        "date_max": hit.date_max,
        "category": hit.category,
        "title": hit.title,
        "text": hit.text,
        "score": hit.score,
        "highlights": [list(span) for span in hit.text_spans],
    }


def facet_json(facet: Facet) -> dict[str, object]:
    return {
        "facet": facet.key,
        "title": facet.title,
        "selected": sorted(facet.selected),
        "values": [_value_json(v) for v in facet.values],
    }


def _value_json(value: FacetValue) -> dict[str, object]:
    return {
        "value": value.value,
        "label": value.label,
        "count": value.count,
        "selected": value.selected,
        "children": [_value_json(c) for c in value.children],
    }


def format_when(hit: Hit, lang: str) -> str:
    """The event's date as the window's list writes it ("28 feb 2022", "eind jun–jul 2022")."""
    try:
        return format_event_date(
            hit.start, hit.end, hit.precision, hit.qualifier, lang=lang, short=True
        )
    except ValueError:
        return hit.start
