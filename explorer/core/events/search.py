"""Full-text and filtered search over the event database.

A search is planned once: :meth:`SearchEngine.plan` turns a
:class:`~explorer.core.events.query.Query` into a :class:`SearchPlan` -- the
FTS5 expressions (built by :func:`~explorer.core.events.query.plan`, every
token quoted, aliases ORed in), the date range, the facets the search knows
and the events found through the reader's notes. Everything after that takes
the plan: the SQL for the list (:meth:`SearchEngine.found`), a page of hits
for the command line (:meth:`SearchEngine.search`), the highlighting, and the
facet counts (:mod:`~explorer.core.events.facet_index`). User text only ever
travels as bound parameters.

The list a keystroke asks for runs **one** FTS5 query: in date order the
match is a subquery of the one statement; by relevance the FTS5 query ranks
at most :data:`RANK_LIMIT` + 1 matches (in a materialised CTE that the
statement also counts), and only when the words match more events than that
does a second statement give them in date order.

A search that a newer keystroke made stale can be stopped: pass a
:class:`CancelToken` and cancel it from any thread, or call
:meth:`SearchEngine.interrupt`; the running call then raises
:class:`SearchCancelled`.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from explorer.core.events.checks import database_file
from explorer.core.events.facets import FacetRegistry
from explorer.core.events.highlight import Span, highlight_spans
from explorer.core.events.hits import HIT_COLUMNS, Hit, SearchResult, hit_of
from explorer.core.events.query import (
    EMPTY_ALIASES,
    AliasIndex,
    MatchPlan,
    Query,
    date_range,
    plan,
)

if TYPE_CHECKING:
    from explorer.core.events.arrays import EventArrays
    from explorer.core.events.catalog import EventCatalog

#: bm25 weights for events_fts(text, title, stems, names): a word in the
#: headline counts most; a match through a stem or a linked name counts less.
BM25_WEIGHTS = (1.0, 3.0, 0.6, 0.8)

Params = list[object]


class SearchCancelled(Exception):
    """The search was cancelled before it finished (not an error to show)."""


class CancelToken:
    """Set from any thread to stop the search that was given this token."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@dataclass(frozen=True)
class SearchPlan:
    """A query worked out once: its FTS5 expressions, its dates, its facets, its note matches.

    Immutable, so it can go to the search thread as it is. ``facets`` holds the
    facets of this search, including those from the reader's library, so the
    thread counts them without touching the library.
    """

    query: Query
    match: MatchPlan
    first: str | None
    last: str | None
    facets: FacetRegistry
    #: Events whose notes (in the user library) match the text: they are found
    #: together with the events whose own text matches.
    note_ids: frozenset[str] = frozenset()

    def with_note_ids(self, ids: frozenset[str]) -> SearchPlan:
        return replace(self, note_ids=frozenset(ids))

    def with_facets(self, facets: FacetRegistry) -> SearchPlan:
        return replace(self, facets=facets)

    @property
    def has_text(self) -> bool:
        return self.match.match is not None or self.match.exclude is not None

    @property
    def matches_everything(self) -> bool:
        """No words that search, no dates, no facets: every event is in the list."""
        return not (self.has_text or self.first or self.last or self.query.facets)

    @property
    def base_key(self) -> tuple[object, ...]:
        """What the events before facet selections depend on (for reusing them)."""
        return (self.match.match, self.match.exclude, self.first, self.last, self.note_ids)


@dataclass(frozen=True)
class Found:
    """Every matching event of a search, by its seq.

    Ranked results come in order, with their ids; otherwise the seqs come in no
    particular order and the caller puts them in date order (the timeline
    already holds every event in that order, so no id needs to be fetched).
    """

    seqs: list[int]
    ranked: bool
    ids: list[str] | None = None


#: Ranking costs about a microsecond per match; above this many matches the
#: results come in date order instead (the result says so), which keeps the
#: first page of a common word on a million events well under 100 ms.
RANK_LIMIT = 10_000
#: Above this many matches a date-ordered page walks the date index and checks
#: each event against the match list, instead of sorting all matches.
SCAN_THRESHOLD = 3_000

Strategy = Literal["rank", "sort", "scan"]


@dataclass(frozen=True)
class Compiled:
    """A query turned into SQL pieces over ``events AS e``."""

    plan: MatchPlan
    #: ``WITH hits…`` or empty, and its parameters.
    cte: str
    cte_params: Params
    #: ``hits JOIN events e …`` or ``events e``.
    source: str
    where: tuple[str, ...]
    where_params: Params
    order: str
    ranked: bool

    def select(self, columns: str, *, ordered: bool = True, paged: bool = False) -> str:
        sql = f"{self.cte}SELECT {columns} FROM {self.source}"
        if self.where:
            sql += " WHERE " + " AND ".join(self.where)
        if ordered:
            sql += f" ORDER BY {self.order}"
        if paged:
            sql += " LIMIT ? OFFSET ?"
        return sql

    @property
    def params(self) -> Params:
        return [*self.cte_params, *self.where_params]

    @property
    def score(self) -> str:
        return "hits.score" if self.ranked else "0.0"


#: Date order, as the timeline keeps events (the events_order index serves it).
_BY_DATE = "e.date_min, e.seq"
_MATCHING = "SELECT rowid FROM events_fts WHERE events_fts MATCH ?"
_NOTE_IDS = "(SELECT value FROM json_each(?))"
_WEIGHTS = ", ".join(str(w) for w in BM25_WEIGHTS)


class SearchEngine:
    """Runs searches against one connection to an event database."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        registry: FacetRegistry | None = None,
        catalog: EventCatalog | None = None,
        arrays: EventArrays | None = None,
    ) -> None:
        self.conn = conn
        self._arrays = arrays
        self._catalog = catalog
        self._registry = registry
        self._aliases: AliasIndex | None = None
        # The result list asks for page after page of one query: count it once.
        self._last_count: tuple[SearchPlan, int] | None = None

    # -- what the database offers -----------------------------------------------

    @property
    def arrays(self) -> EventArrays:
        """The database's stored arrays (read and checked once, unless given)."""
        if self._arrays is None:
            from explorer.core.events.arrays import read_arrays

            self._arrays = read_arrays(self.conn)
        return self._arrays

    @property
    def catalog(self) -> EventCatalog:
        """Categories, places, actors and years of this database (read once)."""
        if self._catalog is None:
            from explorer.core.events.catalog import EventCatalog

            self._catalog = EventCatalog.load(self.conn, self.arrays)
        return self._catalog

    @property
    def registry(self) -> FacetRegistry:
        """The built-in facets of this database."""
        if self._registry is None:
            from explorer.core.events.facet_kinds import default_registry

            self._registry = default_registry(self.catalog)
        return self._registry

    @property
    def aliases(self) -> AliasIndex:
        """Every spelling of every place and actor (loaded once)."""
        if self._aliases is None:
            self._aliases = load_aliases(self.conn)
        return self._aliases

    def adopt_aliases(self, aliases: AliasIndex) -> None:
        """Use *aliases* loaded elsewhere (the search thread, after the first search)."""
        if self._aliases is None:
            self._aliases = aliases

    # -- planning -------------------------------------------------------------

    def plan(self, query: Query, facets: FacetRegistry | None = None) -> SearchPlan:
        """Work *query* out once. Raises :class:`~explorer.core.errors.UsageError`
        (or its subclass ``QueryError``) for a bad date, facet key or search text."""
        registry = facets if facets is not None else self.registry
        registry.check(query)
        first, last = date_range(query)
        # No words, no aliases to look up: the window opens without loading them.
        aliases = self.aliases if query.text.strip() else EMPTY_ALIASES
        return SearchPlan(query, plan(query, aliases), first, last, registry)

    def _planned(self, query: Query | SearchPlan) -> SearchPlan:
        return query if isinstance(query, SearchPlan) else self.plan(query)

    def compile(
        self, search: SearchPlan, *, with_facets: bool = True, strategy: Strategy = "sort"
    ) -> Compiled:
        """SQL pieces for *search*.

        *strategy* only matters when the query has words: ``rank`` orders by
        bm25, ``sort`` sorts the matches by date, ``scan`` walks the date index
        (fast for many matches).
        """
        match_plan = search.match
        where: list[str] = []
        params: Params = []
        cte, source, order = "", "events e", _BY_DATE
        cte_params: Params = []
        notes = json.dumps(sorted(search.note_ids))
        ranked = match_plan.match is not None and strategy == "rank"
        if ranked:
            if search.note_ids:
                # Events found through the reader's notes rank after text matches.
                cte = (
                    f"WITH raw(seq, score) AS (SELECT rowid, bm25(events_fts, {_WEIGHTS}) "
                    "FROM events_fts WHERE events_fts MATCH ? "
                    f"UNION ALL SELECT seq, 0.0 FROM events WHERE id IN {_NOTE_IDS}), "
                    "hits(seq, score) AS (SELECT seq, min(score) FROM raw GROUP BY seq) "
                )
                cte_params += [match_plan.match, notes]
            else:
                cte = (
                    f"WITH hits(seq, score) AS (SELECT rowid, bm25(events_fts, {_WEIGHTS}) "
                    "FROM events_fts WHERE events_fts MATCH ?) "
                )
                cte_params.append(match_plan.match)
            source = "hits JOIN events e ON e.seq = hits.seq"
            order = "hits.score, " + _BY_DATE
        elif match_plan.match is not None:
            # The unary + keeps SQLite from probing the seq index for each
            # match, so it walks events in date order and stops at the page.
            seq = "+e.seq" if strategy == "scan" else "e.seq"
            if search.note_ids:
                where.append(f"({seq} IN ({_MATCHING}) OR e.id IN {_NOTE_IDS})")
                params += [match_plan.match, notes]
            else:
                where.append(f"{seq} IN ({_MATCHING})")
                params.append(match_plan.match)
        self._filters(search, where, params, with_facets)
        return Compiled(match_plan, cte, cte_params, source, tuple(where), params, order, ranked)

    def _filters(
        self, search: SearchPlan, where: list[str], params: Params, with_facets: bool
    ) -> None:
        """Exclusions, the date overlap test and the facet conditions."""
        if search.match.exclude is not None:
            where.append(f"e.seq NOT IN ({_MATCHING})")
            params.append(search.match.exclude)
        # Overlap: the event may cover any day between date_min and date_max.
        if search.first is not None:
            where.append("e.date_max >= ?")
            params.append(search.first)
        if search.last is not None:
            where.append("e.date_min <= ?")
            params.append(search.last)
        if with_facets:
            for key, values in search.query.facets.items():
                sql, facet_params = search.facets.condition(key, values)
                where.append(sql)
                params.extend(facet_params)

    # -- the list a keystroke asks for ------------------------------------------

    def found(self, search: SearchPlan, cancel: CancelToken | None = None) -> Found:
        """Every matching event, with one FTS5 query (see the module).

        Unranked, the seqs come unordered: sorting and fetching ids in SQL is
        what the caller can skip (the window maps seqs to its timeline order).
        """
        if search.query.sort == "relevance" and search.match.match is not None:
            ranked = self._ranked(search, cancel)
            if ranked is not None:
                return ranked
        match = search.match
        alone = not (search.note_ids or search.query.facets or match.exclude)
        if match.match is not None and alone and (search.first, search.last) == (None, None):
            # Words alone: the FTS5 rowids are the seqs. Joining events would read a row
            # of the table per match (seq is its rowid since schema 2); a seq without an
            # event is left out where seqs become positions.
            return Found(self.text_seqs(match.match, cancel), search.query.sort == "date")
        compiled = self.compile(search)
        sql = compiled.select("e.seq", ordered=False)
        with self.guard(cancel):
            seqs = [r[0] for r in self.conn.execute(sql, compiled.params)]
        return Found(seqs, ranked=match.match is None or search.query.sort == "date")

    def _ranked(self, search: SearchPlan, cancel: CancelToken | None) -> Found | None:
        """The matches by relevance, or None when the words match too many to rank."""
        where: list[str] = []
        params: Params = []
        self._filters(search, where, params, with_facets=True)
        notes = ""
        cte_params: Params = [search.match.match, RANK_LIMIT + 1]
        if search.note_ids:
            notes = f" UNION ALL SELECT seq, 0.0 FROM events WHERE id IN {_NOTE_IDS}"
            cte_params.append(json.dumps(sorted(search.note_ids)))
        sql = (
            f"WITH fts(seq, score) AS MATERIALIZED (SELECT rowid, bm25(events_fts, {_WEIGHTS})"
            " FROM events_fts WHERE events_fts MATCH ? LIMIT ?), "
            f"hits(seq, score) AS (SELECT seq, min(score) FROM (SELECT seq, score FROM fts{notes})"
            " GROUP BY seq) "
            "SELECT e.seq, e.id, (SELECT count(*) FROM fts) FROM hits JOIN events e"
            " ON e.seq = hits.seq" + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY hits.score, {_BY_DATE}"
        )  # fmt: skip
        with self.guard(cancel):
            rows = self.conn.execute(sql, [*cte_params, *params]).fetchall()
        if rows and rows[0][2] > RANK_LIMIT:
            return None
        return Found([r[0] for r in rows], True, [r[1] for r in rows])

    def text_seqs(self, expression: str, cancel: CancelToken | None = None) -> list[int]:
        """The seqs of the events whose text matches an FTS5 *expression* (one FTS5 query)."""
        with self.guard(cancel):
            return [r[0] for r in self.conn.execute(_MATCHING, [expression])]

    # -- pages, counts and ids (the command line, the tests) ----------------------

    def _strategy(self, search: SearchPlan, cancel: CancelToken | None) -> Strategy:
        if not search.query.text.strip():
            return "sort"
        total = self.count(search, cancel)
        if search.query.sort == "relevance" and total <= RANK_LIMIT:
            return "rank"
        return "scan" if total > SCAN_THRESHOLD else "sort"

    def count(self, query: Query | SearchPlan, cancel: CancelToken | None = None) -> int:
        """How many events match."""
        search = self._planned(query)
        if self._last_count is not None and self._last_count[0] == search:
            return self._last_count[1]
        compiled = self.compile(search)
        params: Params
        if compiled.plan.match is not None and len(compiled.where) == 1 and not search.note_ids:
            # Only words: FTS5 counts its own matches without touching events.
            sql = "SELECT count(*) FROM events_fts WHERE events_fts MATCH ?"
            params = [compiled.plan.match]
        else:
            sql, params = compiled.select("count(*)", ordered=False), compiled.params
        with self.guard(cancel):
            total = int(self.conn.execute(sql, params).fetchone()[0])
        self._last_count = (search, total)
        return total

    def ids(self, query: Query | SearchPlan, cancel: CancelToken | None = None) -> list[str]:
        """Every matching event id, in result order (the same order the window shows)."""
        search = self._planned(query)
        found = self.found(search, cancel)
        if found.ids is not None:
            return found.ids
        compiled = self.compile(search)
        with self.guard(cancel):
            return [r[0] for r in self.conn.execute(compiled.select("e.id"), compiled.params)]

    def page(
        self,
        query: Query | SearchPlan,
        offset: int = 0,
        limit: int = 50,
        cancel: CancelToken | None = None,
    ) -> list[Hit]:
        """Rows *offset* … *offset+limit* of the results, with highlight ranges."""
        return list(self.search(query, offset, limit, cancel).hits)

    def search(
        self,
        query: Query | SearchPlan,
        offset: int = 0,
        limit: int = 50,
        cancel: CancelToken | None = None,
    ) -> SearchResult:
        """A page of hits and the total, as the command line shows them."""
        search = self._planned(query)
        compiled = self.compile(search, strategy=self._strategy(search, cancel))
        sql = compiled.select(f"{HIT_COLUMNS}, {compiled.score}", paged=True)
        with self.guard(cancel):
            rows = self.conn.execute(sql, [*compiled.params, limit, offset]).fetchall()
        patterns = compiled.plan.patterns
        path = database_file(self.conn)
        hits = tuple(hit_of(row, patterns, path) for row in rows)
        # When the whole result fits on the first page, it is its own count.
        whole = offset == 0 and len(hits) < limit
        total = len(hits) if whole else self.count(search, cancel)
        ranked = compiled.ranked or search.query.sort == "date" or compiled.plan.match is None
        return SearchResult(total, hits, ranked)

    def clear_cache(self) -> None:
        """Forget the last count (for benchmarks, or after the database changed)."""
        self._last_count = None

    def highlight(self, query: Query | SearchPlan, text: str) -> list[Span]:
        """Character ranges of *text* that match (for the detail view)."""
        return highlight_spans(self._planned(query).match.patterns, text)

    def interrupt(self) -> None:
        """Stop whatever this engine's connection is running (thread-safe)."""
        self.conn.interrupt()

    @contextmanager
    def guard(self, cancel: CancelToken | None) -> Iterator[None]:
        """Run statements so that *cancel* (or :meth:`interrupt`) can stop them."""
        if cancel is not None:
            if cancel.cancelled:
                raise SearchCancelled
            # A non-zero return from the progress handler aborts the statement.
            self.conn.set_progress_handler(lambda: int(cancel.cancelled), 2000)
        try:
            yield
        except sqlite3.OperationalError as error:
            if "interrupt" in str(error).lower():
                raise SearchCancelled from error
            raise
        finally:
            if cancel is not None:
                self.conn.set_progress_handler(None, 0)


def load_aliases(conn: sqlite3.Connection) -> AliasIndex:
    """The alias table plus both names of every place and actor."""
    rows = conn.execute(
        "SELECT alias, entity_type || ':' || entity_id FROM aliases "
        "UNION ALL SELECT norm, entity_type || ':' || entity_id FROM aliases "
        "UNION ALL SELECT name_nl, 'place:' || id FROM places "
        "UNION ALL SELECT name_en, 'place:' || id FROM places "
        "UNION ALL SELECT name_nl, 'actor:' || id FROM actors "
        "UNION ALL SELECT name_en, 'actor:' || id FROM actors"
    ).fetchall()
    return AliasIndex((str(text), str(entity)) for text, entity in rows)
