"""Full-text and filtered search over the event database.

:class:`SearchEngine` turns a :class:`~explorer.core.events.query.Query` into one
parameterised SQL statement: an FTS5 ``MATCH`` (built by
:func:`~explorer.core.events.query.build_match`, every token quoted) joined to
``events``, the date range as an overlap test, and one condition per selected
facet from the :class:`~explorer.core.events.facets.FacetRegistry`. User text only
ever travels as bound parameters.

Results come as ids in order (for a virtual list), a total count, or a page of
:class:`Hit` rows with character ranges to highlight. Highlighting is done in
Python with the same tokeniser and stemmer as the index, so it also marks
words that matched through their stem or an alias ("Kharkiv" marks
"Charkov") and works on any text, such as the detail view's.

A search that a newer keystroke made stale can be stopped: pass a
:class:`CancelToken` and cancel it from any thread, or call
:meth:`SearchEngine.interrupt`; the running call then raises
:class:`SearchCancelled`.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from explorer.core.events.facets import FacetRegistry, default_registry
from explorer.core.events.query import (
    AliasIndex,
    MatchPlan,
    Pattern,
    Query,
    date_range,
    plan,
)
from explorer.core.events.stemming import stem_word, token_spans

if TYPE_CHECKING:
    from explorer.core.events.facet_index import FacetIndex

#: bm25 weights for events_fts(text, title, stems, names): a word in the
#: headline counts most; a match through a stem or a linked name counts less.
BM25_WEIGHTS = (1.0, 3.0, 0.6, 0.8)

Span = tuple[int, int]
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
class Hit:
    """One event in a result page, with the ranges that matched the query."""

    id: str
    seq: int
    start: str
    end: str
    precision: str
    qualifier: str
    date_min: str
    date_max: str
    category: str
    title: str
    text: str
    #: bm25 score (lower is better); 0.0 when the query has no words.
    score: float
    title_spans: tuple[Span, ...]
    text_spans: tuple[Span, ...]


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: tuple[Hit, ...]
    #: False when there were too many matches to rank (see RANK_LIMIT): date order.
    ranked: bool = True


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


_HIT_COLUMNS = (
    'e.id, e.seq, e.start, e."end", e.precision, e.qualifier, e.date_min, e.date_max, '
    "e.category, e.title, e.text"
)
_BY_DATE = "e.date_min, e.date_max, e.seq"
_MATCHING = "SELECT rowid FROM events_fts WHERE events_fts MATCH ?"
_NOTE_IDS = "(SELECT value FROM json_each(?))"


class SearchEngine:
    """Runs queries against one connection to an event database."""

    def __init__(self, conn: sqlite3.Connection, registry: FacetRegistry | None = None) -> None:
        self.conn = conn
        self.registry = registry if registry is not None else default_registry()
        self._aliases: AliasIndex | None = None
        #: Facet counts in memory, loaded by the first FacetCounter that needs it.
        self.facet_index: FacetIndex | None = None
        # The result list asks for page after page of one query: count it once.
        self._last_count: tuple[Query, int] | None = None

    # -- building ---------------------------------------------------------

    @property
    def aliases(self) -> AliasIndex:
        """Every spelling of every place and actor (loaded once)."""
        if self._aliases is None:
            self._aliases = load_aliases(self.conn)
        return self._aliases

    def plan(self, query: Query) -> MatchPlan:
        return plan(query, self.aliases)

    def compile(
        self,
        query: Query,
        *,
        with_facets: bool = True,
        strategy: Strategy = "sort",
    ) -> Compiled:
        """SQL pieces for *query*.

        *strategy* only matters when the query has words: ``rank`` orders by
        bm25, ``sort`` sorts the matches by date, ``scan`` walks the date index
        (fast for many matches). Raises
        :class:`~explorer.core.errors.UsageError` (or its subclass
        ``QueryError``) for a bad date, facet key or search text.
        """
        match_plan = self.plan(query)
        first, last = date_range(query)
        where: list[str] = []
        params: Params = []
        cte, source, order = "", "events e", _BY_DATE
        cte_params: Params = []
        ranked = match_plan.match is not None and strategy == "rank"
        if ranked:
            weights = ", ".join(str(w) for w in BM25_WEIGHTS)
            if query.note_ids:
                # Events found through the reader's notes rank after text matches.
                cte = (
                    "WITH raw(seq, score) AS (SELECT rowid, "
                    f"bm25(events_fts, {weights}) FROM events_fts WHERE events_fts MATCH ? "
                    f"UNION ALL SELECT seq, 0.0 FROM events WHERE id IN {_NOTE_IDS}), "
                    "hits(seq, score) AS (SELECT seq, min(score) FROM raw GROUP BY seq) "
                )
                cte_params += [match_plan.match, json.dumps(sorted(query.note_ids))]
            else:
                cte = (
                    "WITH hits(seq, score) AS (SELECT rowid, "
                    f"bm25(events_fts, {weights}) FROM events_fts WHERE events_fts MATCH ?) "
                )
                cte_params.append(match_plan.match)
            source = "hits JOIN events e ON e.seq = hits.seq"
            order = "hits.score, " + _BY_DATE
        elif match_plan.match is not None:
            # The unary + keeps SQLite from probing the seq index for each
            # match, so it walks events in date order and stops at the page.
            seq = "+e.seq" if strategy == "scan" else "e.seq"
            if query.note_ids:
                where.append(f"({seq} IN ({_MATCHING}) OR e.id IN {_NOTE_IDS})")
                params += [match_plan.match, json.dumps(sorted(query.note_ids))]
            else:
                where.append(f"{seq} IN ({_MATCHING})")
                params.append(match_plan.match)
        if match_plan.exclude is not None:
            where.append(f"e.seq NOT IN ({_MATCHING})")
            params.append(match_plan.exclude)
        # Overlap: the event may cover any day between date_min and date_max.
        if first is not None:
            where.append("e.date_max >= ?")
            params.append(first)
        if last is not None:
            where.append("e.date_min <= ?")
            params.append(last)
        if with_facets:
            for key, values in query.facets.items():
                sql, facet_params = self.registry.condition(key, values)
                where.append(sql)
                params.extend(facet_params)
        return Compiled(match_plan, cte, cte_params, source, tuple(where), params, order, ranked)

    def _strategy(self, query: Query, cancel: CancelToken | None) -> Strategy:
        if not query.text.strip():
            return "sort"
        total = self.count(query, cancel)
        if query.sort == "relevance" and total <= RANK_LIMIT:
            return "rank"
        return "scan" if total > SCAN_THRESHOLD else "sort"

    # -- running ----------------------------------------------------------

    def count(self, query: Query, cancel: CancelToken | None = None) -> int:
        """How many events match *query*."""
        if self._last_count is not None and self._last_count[0] == query:
            return self._last_count[1]
        compiled = self.compile(query)
        params: Params
        if compiled.plan.match is not None and len(compiled.where) == 1 and not query.note_ids:
            # Only words: FTS5 counts its own matches without touching events.
            sql = "SELECT count(*) FROM events_fts WHERE events_fts MATCH ?"
            params = [compiled.plan.match]
        else:
            sql, params = compiled.select("count(*)", ordered=False), compiled.params
        with self.guard(cancel):
            total = int(self.conn.execute(sql, params).fetchone()[0])
        self._last_count = (query, total)
        return total

    def ids(self, query: Query, cancel: CancelToken | None = None) -> list[str]:
        """Every matching event id, in result order (for a virtual list).

        Walking the date index ("scan") pays off for one page of a huge result,
        not for all of it: the whole list sorts its matches instead.
        """
        strategy = self._strategy(query, cancel)
        compiled = self.compile(query, strategy="sort" if strategy == "scan" else strategy)
        with self.guard(cancel):
            rows = self.conn.execute(compiled.select("e.id"), compiled.params).fetchall()
        return [r[0] for r in rows]

    def page(
        self, query: Query, offset: int = 0, limit: int = 50, cancel: CancelToken | None = None
    ) -> list[Hit]:
        """Rows *offset* … *offset+limit* of the results, with highlight ranges."""
        return list(self.search(query, offset, limit, cancel).hits)

    def search(
        self, query: Query, offset: int = 0, limit: int = 50, cancel: CancelToken | None = None
    ) -> SearchResult:
        """A page of hits and the total, as the result list and CLI show them."""
        compiled = self.compile(query, strategy=self._strategy(query, cancel))
        sql = compiled.select(f"{_HIT_COLUMNS}, {compiled.score}", paged=True)
        with self.guard(cancel):
            rows = self.conn.execute(sql, [*compiled.params, limit, offset]).fetchall()
        patterns = compiled.plan.patterns
        hits = tuple(
            Hit(
                id=row[0],
                seq=row[1],
                start=row[2],
                end=row[3],
                precision=row[4],
                qualifier=row[5],
                date_min=row[6],
                date_max=row[7],
                category=row[8],
                title=row[9],
                text=row[10],
                score=float(row[11]),
                title_spans=tuple(highlight_spans(patterns, row[9])),
                text_spans=tuple(highlight_spans(patterns, row[10])),
            )
            for row in rows
        )
        # When the whole result fits on the first page, it is its own count.
        whole = offset == 0 and len(hits) < limit
        total = len(hits) if whole else self.count(query, cancel)
        ranked = compiled.ranked or query.sort == "date" or compiled.plan.match is None
        return SearchResult(total, hits, ranked)

    def clear_cache(self) -> None:
        """Forget the last count (for benchmarks, or after the database changed)."""
        self._last_count = None

    def highlight(self, query: Query, text: str) -> list[Span]:
        """Character ranges of *text* that match *query* (for the detail view)."""
        return highlight_spans(self.plan(query).patterns, text)

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


# --- highlighting ------------------------------------------------------------


def highlight_spans(patterns: Sequence[Pattern], text: str) -> list[Span]:
    """Merged, sorted character ranges of *text* matched by any pattern."""
    if not patterns or not text:
        return []
    words = token_spans(text)
    stems: list[str] | None = None
    found: list[Span] = []
    for i in range(len(words)):
        for pattern in patterns:
            n = len(pattern.words)
            if i + n > len(words):
                continue
            if pattern.stemmed and stems is None:
                stems = [stem_word(w[2]) for w in words]
            ok = True
            for k, wanted in enumerate(pattern.words):
                token = stems[i + k] if pattern.stemmed and stems is not None else words[i + k][2]
                last = pattern.prefix and k == n - 1
                ok = token.startswith(wanted) if last else token == wanted
                if not ok:
                    break
            if ok:
                found.append((words[i][0], words[i + n - 1][1]))
    return _merge(found)


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, spans: Sequence[Span], width: int = 160) -> tuple[str, list[Span]]:
    """A window of about *width* characters around the first match, spans shifted.

    Cut at word boundaries and marked with "…" where text was left out.
    """
    if len(text) <= width:
        return text, list(spans)
    centre = spans[0][0] if spans else 0
    start = max(0, min(centre - width // 3, len(text) - width))
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < centre else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    kept = [(s + shift, e + shift) for s, e in spans if s >= start and e <= end]
    return prefix + text[start:end] + suffix, kept


def mark(text: str, spans: Sequence[Span], before: str = "[", after: str = "]") -> str:
    """*text* with each span wrapped in *before*/*after* (for plain-text output)."""
    out: list[str] = []
    position = 0
    for start, end in spans:
        out += [text[position:start], before, text[start:end], after]
        position = end
    out.append(text[position:])
    return "".join(out)
