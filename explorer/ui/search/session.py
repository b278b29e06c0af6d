"""The search session: the one owner of what the reader is looking at.

:class:`SearchSession` holds the current query and its plan, the visible span
of the timeline, the selected event and a snapshot of the reader's library.
Widgets and controllers change them only through its methods and learn about
changes only from its signals (all past tense), so no part reads or pokes
another's attributes.

A change of the query is planned **once** here, on the GUI thread
(:meth:`~explorer.core.events.search.SearchEngine.plan`: text to FTS5,
dates, facet keys checked), the reader's notes are searched once with the
plan's expression, and the plan goes to the search thread as it is. The
library snapshot is taken when the library changes, not per keystroke; its
facets join each plan as immutable facets of that search. A change in the
library that cannot change the list (a bookmark toggled while no library
facet is selected) only recounts the facets.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from explorer.core.errors import KroniekError, UsageError
from explorer.core.events.facets import FacetRegistry
from explorer.core.events.query import Query, Sort
from explorer.core.events.search import SearchEngine, SearchPlan
from explorer.core.library.facets import LibrarySnapshot, library_facets
from explorer.ui.search.worker import FacetOutcome, SearchController, SearchOutcome

#: Finds the events whose notes match an FTS5 expression (the user library).
NoteSearch = Callable[[str], set[str]]

#: Facets whose values come from the reader's library.
LIBRARY_FACETS = frozenset({"mine", "tag"})


class SearchSession(QObject):
    """Query, plan, view, selection and library snapshot, with signals for each change."""

    #: A new search was planned and submitted (its SearchPlan).
    query_changed = Signal(object)
    #: The list of a search arrived (a SearchOutcome; it may carry an error).
    results_changed = Signal(object)
    #: The facet counts of a search arrived (a FacetOutcome; ``facets`` None: still loading).
    facets_changed = Signal(object)
    #: Both steps of the newest search were delivered (or it failed).
    search_finished = Signal()
    selection_changed = Signal(str)
    view_changed = Signal(float, float)
    #: The reader's library changed (the new LibrarySnapshot).
    library_changed = Signal(object)

    def __init__(
        self,
        engine: SearchEngine,
        searches: SearchController,
        notes: NoteSearch,
        library: LibrarySnapshot,
        query: Query,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._searches = searches
        self._notes = notes
        self._library = library
        #: The facets of every search until the library changes (read on first use).
        self._facets: FacetRegistry | None = None
        self._query = query
        self._plan: SearchPlan | None = None
        self._view: tuple[float, float] = (0.0, 0.0)
        self._selected = ""
        searches.results_ready.connect(self._results_ready)
        searches.facets_ready.connect(self._facets_ready)
        searches.facets_available.connect(self.recount)

    # -- what the session holds ---------------------------------------------------

    @property
    def query(self) -> Query:
        return self._query

    @property
    def plan(self) -> SearchPlan | None:
        """The plan of the current query (None before the first search, or if it failed)."""
        return self._plan

    @property
    def view(self) -> tuple[float, float]:
        return self._view

    @property
    def selected(self) -> str:
        return self._selected

    @property
    def library(self) -> LibrarySnapshot:
        return self._library

    def busy(self) -> bool:
        return self._searches.busy()

    # -- searching ----------------------------------------------------------------

    def search(self, query: Query) -> None:
        """Make *query* current: plan it once, find note matches once, search."""
        self._query = query
        try:
            if self._facets is None:
                self._facets = self._engine.registry.with_specs(*library_facets(self._library))
            plan = self._engine.plan(query, self._facets)
        except (UsageError, sqlite3.Error) as error:
            self._plan = None
            self._searches.cancel()  # an older search must not cover the message
            self.results_changed.emit(SearchOutcome(0, None, [], error=str(error)))
            self.search_finished.emit()
            return
        if plan.match.match is not None:
            plan = plan.with_note_ids(frozenset(self._note_ids(plan.match.match)))
        self._plan = plan
        self._searches.submit(plan)
        self.query_changed.emit(plan)

    def _note_ids(self, expression: str) -> set[str]:
        try:
            return self._notes(expression)
        except (KroniekError, sqlite3.Error):
            return set()  # the library reports its own trouble; the search goes on

    def start(self) -> None:
        """The first search, when the window opens."""
        self.search(self._query)

    def recount(self) -> None:
        """Count the facets of the current search again (the facet index became ready)."""
        if self._plan is not None:
            self._searches.submit(self._plan, counts_only=True)

    def want_places(self, wanted: bool) -> None:
        """The map opened (or closed): searches count events per place from now on
        (``FacetOutcome.places``), the current one's counted at once."""
        self._searches.want_places(wanted)
        if wanted:
            self.recount()

    def edit_text(self, text: str) -> None:
        self.search(replace(self._query, text=text, as_you_type=True))

    def set_sort(self, sort: Sort) -> None:
        self.search(self._query.with_sort(sort))

    def toggle_facet(self, key: str, value: str) -> None:
        self.search(self._query.toggled(key, value))

    def add_facet(self, key: str, value: str) -> None:
        """Select *value* of facet *key* (a place clicked in the detail view)."""
        if value not in self._query.facets.get(key, frozenset()):
            self.toggle_facet(key, value)

    def remove_facet(self, key: str, value: str) -> None:
        values = self._query.facets.get(key, frozenset()) - {value}
        query = self._query
        self.search(query.with_facet(key, values) if values else query.without_facet(key))

    def set_dates(self, first: str, last: str) -> None:
        self.search(self._query.with_dates(first, last))

    def clear_dates(self) -> None:
        self.set_dates("", "")

    def clear_all(self) -> None:
        """No text, no filters (the sort and the language stay)."""
        self.search(Query(lang=self._query.lang, sort=self._query.sort))

    def set_language(self, lang: str) -> None:
        self.search(replace(self._query, lang=lang, as_you_type=False))

    def restore(self, query: Query) -> None:
        """A saved search, in the current language, with its last word whole."""
        self.search(replace(query, lang=self._query.lang, as_you_type=False))

    def _results_ready(self, outcome: SearchOutcome) -> None:
        self.results_changed.emit(outcome)
        if outcome.error:
            self.search_finished.emit()

    def _facets_ready(self, outcome: FacetOutcome) -> None:
        self.facets_changed.emit(outcome)
        self.search_finished.emit()

    # -- the reader's library -------------------------------------------------------

    def set_library(self, library: LibrarySnapshot) -> None:
        """The library changed: new marks, new counts; a new list only if it can differ."""
        if library == self._library:
            return
        self._library = library
        self._facets = None
        self.library_changed.emit(library)
        if self._plan is None:
            return
        # The plan's registry already read the database; only the library's facets are new.
        self._facets = self._plan.facets.with_specs(*library_facets(library))
        plan = self._plan.with_facets(self._facets)
        notes = self._plan.note_ids
        if plan.match.match is not None:
            notes = frozenset(self._note_ids(plan.match.match))
        if notes != self._plan.note_ids or LIBRARY_FACETS & set(self._query.facets):
            self._plan = plan.with_note_ids(notes)
            self._searches.submit(self._plan)
            self.query_changed.emit(self._plan)
        else:
            self._plan = plan
            self._searches.submit(plan, counts_only=True)

    # -- selection and view -----------------------------------------------------------

    def select(self, event_id: str) -> None:
        """Make *event_id* the selection everywhere ('' clears it)."""
        if event_id != self._selected:
            self._selected = event_id
            self.selection_changed.emit(event_id)

    def set_view(self, t0: float, t1: float) -> None:
        if (t0, t1) != self._view:
            self._view = (t0, t1)
            self.view_changed.emit(t0, t1)
