"""Runs searches off the GUI thread and drops the ones a newer keystroke made stale.

The session submits a :class:`~explorer.core.events.search.SearchPlan` -- the
query already worked out on the GUI thread, with the facets of that search
(the user library's among them, frozen). A worker thread with its own
read-only connection answers in two steps: first the matching events (their
ids in result order and a match mask for the timeline, both computed in the
worker so the GUI thread only swaps arrays), then the facet counts, which can
take longer. Submitting again cancels the running search through its
:class:`~explorer.core.events.search.CancelToken`, so typing never waits for
an old result, and only the newest one is delivered.

The list runs one FTS5 query; the counts reuse its events when nothing is
selected, and a search that only needs new counts (a bookmark toggled) reuses
the events of the last search's text and dates: no FTS5 query at all. The
counts come from the database's stored arrays, which the window already read:
they are ready with the first search, whatever the size of the database.

A plan without text, dates or filters matches everything: then no ids are
fetched at all and the list shows the timeline's own date order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QObject, QThread, Signal, Slot

from explorer.core.errors import UsageError
from explorer.core.events.arrays import EventArrays
from explorer.core.events.facet_index import FacetCounter, FacetIndex, count
from explorer.core.events.facets import Facet, FacetRegistry
from explorer.core.events.place_counts import PlaceCounts, PlaceTimes, matching, place_times
from explorer.core.events.query import Query
from explorer.core.events.search import CancelToken, SearchCancelled, SearchEngine, SearchPlan
from explorer.core.events.stemming import stem_word
from explorer.core.events.store import connect_readonly
from explorer.core.timeline.data import TimelineData


@dataclass(frozen=True)
class SearchOutcome:
    """Step one: the matching events. ``ids`` is None when every event matches."""

    generation: int
    plan: SearchPlan | None
    ids: Sequence[str] | None = None
    match: npt.NDArray[np.bool_] | None = None
    error: str = ""

    @property
    def count(self) -> int | None:
        return None if self.ids is None else len(self.ids)


@dataclass(frozen=True)
class FacetOutcome:
    """Step two: the facet counts for the same plan.

    ``places`` counts the matching events per place in any span of time (the
    map's counts); only when the map asked for them (``SearchController.want_places``).
    """

    generation: int
    plan: SearchPlan
    facets: list[Facet]
    places: PlaceCounts | None = None

    @property
    def query(self) -> Query:
        return self.plan.query


class _Worker(QObject):
    found = Signal(object)
    counted = Signal(object)
    aliases_loaded = Signal(object)

    def __init__(self, db_path: Path, data: TimelineData, arrays: EventArrays) -> None:
        super().__init__()
        self._db_path = db_path
        self._data = data
        self._arrays = arrays
        self._engine: SearchEngine | None = None
        self._index = FacetIndex(arrays)
        #: The events before facet selections of the last search, and what they depend on.
        self._base: tuple[tuple[object, ...], npt.NDArray[np.bool_]] | None = None
        #: Whether searches also count events per place for the map (set by the GUI thread).
        self.places_wanted = False
        self._times: PlaceTimes | None = None
        self._places: tuple[tuple[object, ...], PlaceCounts] | None = None

    def _get_engine(self) -> SearchEngine:
        if self._engine is None:
            # The window checked the file and read its arrays; this is a second connection.
            conn = connect_readonly(self._db_path)
            self._engine = SearchEngine(conn, arrays=self._arrays)
        return self._engine

    @Slot(object)
    def prepare(self, registry: FacetRegistry) -> None:
        """Make the built-in facets' links while the window is being built.

        Nothing is counted here: the first search, queued right behind, counts
        (and loads the labels it presents) once.
        """
        try:
            self._index.prepare(registry, self._get_engine().conn)
        except (UsageError, sqlite3.Error):
            return  # the first search reports it

    @Slot()
    def load_aliases(self) -> None:
        """Load the aliases (hundreds of milliseconds at a million events) after the
        first search and hand them over, so the first keystroke does not wait for them.

        The stemmer, which a start without search text does not load, is loaded
        here too, for the same keystroke.
        """
        stem_word("oorlog")
        try:
            self.aliases_loaded.emit(self._get_engine().aliases)
        except (UsageError, sqlite3.Error):
            return  # the next search reports it

    @Slot(object, int, object, bool)
    def run(self, plan: SearchPlan, generation: int, token: CancelToken, counts_only: bool) -> None:
        if token.cancelled:
            return
        try:
            engine = self._get_engine()
            found: list[int] | None = None
            if counts_only:
                pass
            elif plan.matches_everything:
                self.found.emit(SearchOutcome(generation, plan))
            else:
                result = engine.found(plan, token)
                if token.cancelled:
                    return
                found = result.seqs
                positions = self._data.positions_of_seqs(found)
                if result.ids is None:
                    positions.sort()  # the timeline's order is date order
                ids = self._data.ids_at(positions)
                match = self._data.match_at(positions)
                self.found.emit(SearchOutcome(generation, plan, ids, match))
            facets = self._count(engine, plan, token, found)
            places = self._place_counts(engine, plan) if self.places_wanted else None
        except SearchCancelled:
            return
        except (UsageError, sqlite3.Error) as error:
            self.found.emit(SearchOutcome(generation, plan, [], error=str(error)))
            return
        if not token.cancelled:
            self.counted.emit(FacetOutcome(generation, plan, facets, places))

    def _count(
        self, engine: SearchEngine, plan: SearchPlan, token: CancelToken, found: list[int] | None
    ) -> list[Facet]:
        if self._base is not None and self._base[0] == plan.base_key:
            base = self._base[1]
        else:
            base = FacetCounter(engine, self._index).base(plan, token, found)
            self._base = (plan.base_key, base)
        return count(self._index, plan.facets, plan.query, base, engine.conn)

    def _place_counts(self, engine: SearchEngine, plan: SearchPlan) -> PlaceCounts | None:
        """The matching events' links to places, ready to count any span (the map's)."""
        assert self._base is not None
        key = (plan.base_key, plan.query.facets)
        if self._places is not None and self._places[0] == key:
            return self._places[1]
        if not any(spec.key == "place" for spec in plan.facets):
            return None
        if self._times is None:
            self._times = place_times(self._index, plan.facets, engine.conn)
        mask = matching(self._index, plan.facets, plan.query, self._base[1], engine.conn)
        counts = self._times.matching(None if mask.all() else mask)
        self._places = (key, counts)
        return counts

    @Slot()
    def close(self) -> None:
        if self._engine is not None:
            self._engine.conn.close()
            self._engine = None

    def interrupt(self) -> None:
        """Stop the statement running in the worker (any thread)."""
        engine = self._engine
        if engine is not None:
            engine.interrupt()


class SearchController(QObject):
    """Submit plans; receive the newest outcomes in the GUI thread."""

    results_ready = Signal(object)
    facets_ready = Signal(object)
    #: The aliases (an ``AliasIndex``), loaded by the thread after the first search.
    aliases_ready = Signal(object)
    _requested = Signal(object, int, object, bool)
    _preparing = Signal(object)
    _loading_aliases = Signal()
    _closing = Signal()

    def __init__(
        self,
        db_path: Path,
        data: TimelineData,
        arrays: EventArrays,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._generation = 0
        self._delivered_generation = 0
        self._list_pending = False
        self._token: CancelToken | None = None
        self._thread = QThread(self)
        self._thread.setObjectName("kroniek-search")
        self._worker = _Worker(db_path, data, arrays)
        self._worker.moveToThread(self._thread)
        self._requested.connect(self._worker.run)
        self._preparing.connect(self._worker.prepare)
        self._loading_aliases.connect(self._worker.load_aliases)
        self._worker.aliases_loaded.connect(self.aliases_ready)
        self._closing.connect(self._worker.close)
        self._worker.found.connect(self._found)
        self._worker.counted.connect(self._counted)
        self._thread.start()

    def prepare(self, registry: FacetRegistry) -> None:
        """Let the thread make the facets' links now, before the first search asks."""
        self._preparing.emit(registry)

    def load_aliases(self) -> None:
        """Let the thread load the aliases once the searches asked so far are done."""
        self._loading_aliases.emit()

    def want_places(self, wanted: bool) -> None:
        """Count events per place with every search from now on (the map is open), or stop."""
        self._worker.places_wanted = wanted

    def submit(self, plan: SearchPlan, *, counts_only: bool = False) -> int:
        """Start searching *plan*; any older search still running is cancelled.

        With *counts_only* only the facet counts are recomputed (the list stays
        as it is) -- unless the list of a search still running would be lost.
        """
        if self._token is not None:
            self._token.cancel()
        counts_only = counts_only and not self._list_pending
        self._list_pending = not counts_only
        self._generation += 1
        self._token = CancelToken()
        self._requested.emit(plan, self._generation, self._token, counts_only)
        return self._generation

    def cancel(self) -> None:
        """Drop the running search: its outcomes, if any still come, are not delivered."""
        if self._token is not None:
            self._token.cancel()
        self._generation += 1
        self._delivered_generation = self._generation
        self._list_pending = False

    @property
    def generation(self) -> int:
        return self._generation

    def busy(self) -> bool:
        """True while the newest submitted search has not been fully delivered."""
        return self._delivered_generation != self._generation

    def _found(self, outcome: SearchOutcome) -> None:
        if outcome.generation == self._generation:
            self._list_pending = False
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
