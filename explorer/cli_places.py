"""The ``kroniek places`` command: the places of a search's events, with counts.

``kroniek places [QUERY] [--lang nl|en] [--from DATE] [--to DATE]
[--facet KEY=VALUE ...] [--all] [--json]``

It runs the search the window runs (the same query, the same facet
selections, ``--from``/``--to`` select events whose dates overlap) and counts
its events per place the way the map does
(:class:`~explorer.core.events.place_counts.PlaceTimes`). Places are listed by
number of events, most first; ``--all`` adds the places the search does not
name. ``--json`` prints one object per place and line: ``id``, ``name_nl``,
``name_en``, ``kind``, ``country``, ``oblast``, ``lat``, ``lon``, ``coords``
(``point``, ``area`` or ``within``: see docs/schema.md), ``count`` (events of
the search) and ``total`` (events in the database). Plain output is a table
of count, name in the interface language, kind and id.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from typing import Any, TextIO

from explorer.cli_search import add_filters, build_query
from explorer.core.events.catalog import label_in
from explorer.core.events.search import SearchEngine
from explorer.i18n import _, ngettext


def add_parser(subparsers: Any) -> None:
    """Register ``places`` on *subparsers*."""
    places = subparsers.add_parser(
        "places",
        help=_("list places with their number of events"),
        description=_("List the places of a search's events with their coordinates and counts."),
    )
    places.add_argument("query", nargs="?", default="", help=_("words to search for"))
    add_filters(places)
    places.add_argument(
        "--all", action="store_true", help=_("also list places the search does not name")
    )
    places.set_defaults(handler=run_places)


def run_places(
    args: argparse.Namespace, conn: sqlite3.Connection, out: TextIO | None = None
) -> int:
    """Print the places of the arguments' search; returns the exit status."""
    out = out or sys.stdout
    engine = SearchEngine(conn)
    query = build_query(args, engine)
    plan = engine.plan(query)
    # Counting needs numpy: loaded only by the commands that count.
    from explorer.core.events.facet_index import FacetCounter
    from explorer.core.events.place_counts import load_places, matching, place_times

    counter = FacetCounter(engine)
    mask = matching(counter.index, plan.facets, plan.query, counter.base(plan), conn)
    times = place_times(counter.index, plan.facets, conn)
    counts = times.matching(mask).counts_by_value()
    totals = dict(zip(times.values, (int(n) for n in times.totals), strict=True))
    rows = [p for p in load_places(conn) if args.all or counts.get(p.id, 0) > 0]
    rows.sort(key=lambda p: (-counts.get(p.id, 0), p.id))
    if args.json:
        for p in rows:
            line = {
                "id": p.id, "name_nl": p.name_nl, "name_en": p.name_en, "kind": p.kind,
                "country": p.country, "oblast": p.oblast, "lat": p.lat, "lon": p.lon,
                "coords": p.coords, "count": counts.get(p.id, 0), "total": totals.get(p.id, 0),
            }  # fmt: skip
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
        return 0
    for p in rows:
        name = label_in(query.lang, p.name_nl, p.name_en)
        out.write(f"{counts.get(p.id, 0):>8}  {name:<36} {p.kind:<12} {p.id}\n")
    out.write(ngettext("{n} place", "{n} places", len(rows)).format(n=len(rows)) + "\n")
    return 0
