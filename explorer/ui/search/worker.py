"""Runs searches off the GUI thread and drops the ones a newer keystroke made stale.

The window submits a :class:`~explorer.core.events.query.Query` on every change. A
worker thread with its own read-only connection answers in two steps: first
the matching events (their ids in result order and a match mask for the
timeline, both computed in the worker so the GUI thread only swaps arrays),
then the facet counts, which can take longer. Submitting again cancels the
running search through its :class:`~explorer.core.events.search.CancelToken`, so
typing never waits for an old result, and only the newest one is delivered.

A query without text, dates or filters matches everything: then no ids are
fetched at all and the list shows the timeline's own date order.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QObject, QThread, Signal, Slot

from explorer.core.errors import UsageError
from explorer.core.events.facets import Facet, FacetCounter
from explorer.core.events.query import Query
from explorer.core.events.search import CancelToken, SearchCancelled, SearchEngine
from explorer.core.events.store import connect_readonly
from explorer.core.library.facets import LibrarySnapshot, MineFacet, TagFacet
from explorer.core.timeline.data import TimelineData


def is_unfiltered(query: Query) -> bool:
    return not (query.text.strip() or query.date_from or query.date_to or query.facets)


def _matches_everything(engine: SearchEngine, query: Query) -> bool:
    """Text that searches nothing (one letter while typing) and no other filter."""
    if query.date_from or query.date_to or query.facets:
        return False
    plan = engine.plan(query)
    return plan.match is None and plan.exclude is None


@dataclass(frozen=True)
class SearchOutcome:
    """Step one: the matching events. ``ids`` is None when every event matches."""

    generation: int
    query: Query
    ids: list[str] | None = None
    match: npt.NDArray[np.bool_] | None = None
    error: str = ""

    @property
    def count(self) -> int | None:
        return None if self.ids is None else len(self.ids)


@dataclass(frozen=True)
class FacetOutcome:
    """Step two: the facet counts for the same query (None: still being prepared)."""

    generation: int
    query: Query
    facets: list[Facet] | None = field(default_factory=list)


#: Above this many events the facet index is built in a thread of its own, so
#: that searches are answered while it loads (seconds at a million events).
BACKGROUND_INDEX = 50_000


class _Worker(QObject):
    found = Signal(object)
    counted = Signal(object)
    index_built = Signal()

    def __init__(self, db_path: Path, data: TimelineData) -> None:
        super().__init__()
        self._db_path = db_path
        self._data = data
        self._engine: SearchEngine | None = None
        self._index_thread: threading.Thread | None = None
        self._index_conn: sqlite3.Connection | None = None
        self._mine = MineFacet(LibrarySnapshot())
        self._tags = TagFacet(LibrarySnapshot())

    def _get_engine(self) -> SearchEngine:
        if self._engine is None:
            conn = connect_readonly(self._db_path)
            self._engine = SearchEngine(conn)
            self._engine.registry.add(self._mine)
            self._engine.registry.add(self._tags)
        return self._engine

    def _match(self, ids: list[str]) -> npt.NDArray[np.bool_]:
        return self._data.match_from_ids(ids)

    @Slot(object, int, object, object)
    def run(
        self, query: Query, generation: int, token: CancelToken, library: LibrarySnapshot
    ) -> None:
        if token.cancelled:
            return
        # The library's facets count from the snapshot sent with this query.
        self._mine.library = library
        self._tags.library = library
        try:
            engine = self._get_engine()
            if is_unfiltered(query) or _matches_everything(engine, query):
                outcome = SearchOutcome(generation, query)
                # Build the id index now, while nobody waits, not on the first keystroke.
                self._data.index_of("")
            else:
                ids = engine.ids(query, token)
                if token.cancelled:
                    return
                outcome = SearchOutcome(generation, query, ids, self._match(ids))
            self.found.emit(outcome)
            if not self._index_ready(engine):
                self.counted.emit(FacetOutcome(generation, query, None))
                return
            facets = FacetCounter(engine).facets(query, token)
        except SearchCancelled:
            return
        except (UsageError, sqlite3.Error) as error:
            self.found.emit(SearchOutcome(generation, query, [], error=str(error)))
            return
        if not token.cancelled:
            self.counted.emit(FacetOutcome(generation, query, facets))

    def _index_ready(self, engine: SearchEngine) -> bool:
        """True when facets can be counted now; else start building the index."""
        if engine.facet_index is not None or len(self._data) <= BACKGROUND_INDEX:
            return True
        if self._index_thread is None:
            self._index_thread = threading.Thread(
                target=self._build_index, args=(engine,), name="kroniek-facet-index", daemon=True
            )
            self._index_thread.start()
        return False

    def _build_index(self, engine: SearchEngine) -> None:
        from explorer.core.events.facet_index import FacetIndex

        conn = connect_readonly(self._db_path)
        self._index_conn = conn
        try:
            index = FacetIndex.load(conn)
        except sqlite3.Error:
            return  # interrupted at shutdown, or a damaged file the search reports
        finally:
            self._index_conn = None
            conn.close()
        engine.facet_index = index
        self.index_built.emit()

    @Slot()
    def close(self) -> None:
        if self._engine is not None:
            self._engine.conn.close()
            self._engine = None

    def interrupt(self) -> None:
        """Stop the statements running in the worker and the index builder (any thread)."""
        engine = self._engine
        if engine is not None:
            engine.interrupt()
        index_conn = self._index_conn
        if index_conn is not None:
            index_conn.interrupt()
        if self._index_thread is not None:
            self._index_thread.join()


class SearchController(QObject):
    """Submit queries; receive the newest outcomes in the GUI thread."""

    results_ready = Signal(object)
    facets_ready = Signal(object)
    #: The facet index finished loading: the current query's counts can come now.
    facets_available = Signal()
    _requested = Signal(object, int, object, object)
    _closing = Signal()

    def __init__(self, db_path: Path, data: TimelineData, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._delivered_generation = 0
        self._token: CancelToken | None = None
        self._thread = QThread(self)
        self._thread.setObjectName("kroniek-search")
        self._worker = _Worker(db_path, data)
        self._worker.moveToThread(self._thread)
        self._requested.connect(self._worker.run)
        self._closing.connect(self._worker.close)
        self._worker.found.connect(self._found)
        self._worker.counted.connect(self._counted)
        self._worker.index_built.connect(self.facets_available)
        self._thread.start()

    def submit(self, query: Query, library: LibrarySnapshot | None = None) -> int:
        """Start searching *query*; any older search still running is cancelled.

        *library* carries the user's bookmarks, notes and tags for their facets.
        """
        if self._token is not None:
            self._token.cancel()
        self._generation += 1
        self._token = CancelToken()
        self._requested.emit(query, self._generation, self._token, library or LibrarySnapshot())
        return self._generation

    @property
    def generation(self) -> int:
        return self._generation

    def busy(self) -> bool:
        """True while the newest submitted search has not been fully delivered."""
        return self._delivered_generation != self._generation

    def _found(self, outcome: SearchOutcome) -> None:
        if outcome.generation == self._generation:
            if outcome.error:
                self._delivered_generation = outcome.generation
            self.results_ready.emit(outcome)

    def _counted(self, outcome: FacetOutcome) -> None:
        if outcome.generation == self._generation:
            self._delivered_generation = outcome.generation
            self.facets_ready.emit(outcome)

    def shutdown(self) -> None:
        """Stop the worker: cancel and interrupt what runs, then wait for the thread.

        The wait has no time limit on purpose: destroying a running QThread
        aborts the process, and every step the worker takes is bounded.
        """
        if self._token is not None:
            self._token.cancel()
        if self._thread.isRunning():
            self._worker.interrupt()
            self._closing.emit()
            self._thread.quit()
            self._thread.wait()
