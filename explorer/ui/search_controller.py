"""Runs searches off the GUI thread and drops the ones a newer keystroke made stale.

The window submits a :class:`~explorer.core.query.Query` on every change. A
worker thread with its own read-only connection computes the matching ids and
the facet counts; submitting again cancels the running search (through its
:class:`~explorer.core.search.CancelToken`) so typing never waits for an old
result, and only the newest result is delivered.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from explorer.core.errors import UsageError
from explorer.core.facets import Facet, FacetCounter
from explorer.core.library_facets import LibrarySnapshot, MineFacet, TagFacet
from explorer.core.query import Query
from explorer.core.search import CancelToken, SearchCancelled, SearchEngine
from explorer.core.store import connect_readonly


@dataclass(frozen=True)
class SearchOutcome:
    generation: int
    query: Query
    ids: list[str] = field(default_factory=list)
    facets: list[Facet] = field(default_factory=list)
    error: str = ""


class _Worker(QObject):
    finished = Signal(object)

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self._db_path = db_path
        self._engine: SearchEngine | None = None
        self._mine = MineFacet(LibrarySnapshot())
        self._tags = TagFacet(LibrarySnapshot())

    def _get_engine(self) -> SearchEngine:
        if self._engine is None:
            conn = connect_readonly(self._db_path)
            self._engine = SearchEngine(conn)
            self._engine.registry.add(self._mine)
            self._engine.registry.add(self._tags)
        return self._engine

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
            ids = engine.ids(query, token)
            if token.cancelled:
                return
            facets = FacetCounter(engine).facets(query)
        except SearchCancelled:
            return
        except UsageError as error:
            self.finished.emit(SearchOutcome(generation, query, error=str(error)))
            return
        except sqlite3.Error as error:
            self.finished.emit(SearchOutcome(generation, query, error=str(error)))
            return
        if not token.cancelled:
            self.finished.emit(SearchOutcome(generation, query, ids, facets))

    @Slot()
    def close(self) -> None:
        if self._engine is not None:
            self._engine.conn.close()
            self._engine = None


class SearchController(QObject):
    """Submit queries; receive the newest :class:`SearchOutcome` in the GUI thread."""

    results_ready = Signal(object)
    _requested = Signal(object, int, object, object)
    _closing = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._delivered_generation = 0
        self._token: CancelToken | None = None
        self.last_query: Query | None = None
        self._thread = QThread(self)
        self._thread.setObjectName("kroniek-search")
        self._worker = _Worker(db_path)
        self._worker.moveToThread(self._thread)
        self._requested.connect(self._worker.run)
        self._closing.connect(self._worker.close)
        self._worker.finished.connect(self._delivered)
        self._thread.start()

    def submit(self, query: Query, library: LibrarySnapshot | None = None) -> int:
        """Start searching *query*; any older search still running is cancelled.

        *library* carries the user's bookmarks, notes and tags for their facets.
        """
        if self._token is not None:
            self._token.cancel()
        self._generation += 1
        self._token = CancelToken()
        self.last_query = query
        self._requested.emit(query, self._generation, self._token, library or LibrarySnapshot())
        return self._generation

    @property
    def generation(self) -> int:
        return self._generation

    def busy(self) -> bool:
        """True while the newest submitted search has not been delivered."""
        return self._delivered_generation != self._generation

    def _delivered(self, outcome: SearchOutcome) -> None:
        if outcome.generation == self._generation:
            self._delivered_generation = outcome.generation
            self.results_ready.emit(outcome)

    def shutdown(self) -> None:
        if self._token is not None:
            self._token.cancel()
        if self._thread.isRunning():
            self._closing.emit()
            self._thread.quit()
            self._thread.wait(5000)
