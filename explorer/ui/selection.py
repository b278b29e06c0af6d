"""One selected event, shown everywhere: timeline, result list, detail view, annotations.

:class:`SelectionController` turns the session's ``selection_changed`` into
what each widget shows, and the widgets' own selections into
:meth:`~.search.session.SearchSession.select`. "Next" and "previous" -- the
window's ``Ctrl+]`` and the detail view's buttons -- use
:func:`explorer.core.timeline.navigation.step`, the rule the timeline's own
``]`` key uses, so every way of stepping agrees.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QObject
from PySide6.QtWidgets import QTableView

from explorer.core.events.highlight import highlight_spans
from explorer.core.events.store import DatabaseError, EventStore
from explorer.core.timeline import navigation
from explorer.core.timeline.data import TimelineData
from explorer.i18n import language
from explorer.ui.detail import DetailContent, DetailView
from explorer.ui.search.results_model import ResultsModel
from explorer.ui.search.session import SearchSession
from explorer.ui.search.worker import SearchOutcome
from explorer.ui.timeline.view import TimelineView


class SelectionController(QObject):
    """Keeps the timeline, the list, the detail view and the annotations on one event."""

    def __init__(
        self,
        session: SearchSession,
        store: EventStore,
        data: TimelineData,
        model: ResultsModel,
        *,
        results: QTableView,
        timeline: TimelineView,
        detail: DetailView,
        show_annotations: Callable[[str], None],
    ) -> None:
        super().__init__(session)
        self.session = session
        self.store = store
        self.data = data
        self.model = model
        self.results = results
        self.timeline = timeline
        self.detail = detail
        self.show_annotations = show_annotations
        self.closed = False
        self._categories = {c["key"]: c for c in store.categories()}
        self._source = store.source()
        session.selection_changed.connect(self._show)
        session.results_changed.connect(self._reselect_row)

    # -- input from the widgets ---------------------------------------------------

    def list_selection_changed(self) -> None:
        rows = self.results.selectionModel().selectedRows()
        if rows and not self.closed:
            self.session.select(self.model.event_id(rows[0].row()))

    def step(self, forward: bool) -> None:
        """Select the next or previous matching event in time."""
        index = self.data.index_of(self.session.selected) if self.session.selected else None
        target = navigation.step(self.data, index, forward, self.session.view)
        if target is not None:
            self.session.select(self.data.id_at(target))

    def zoom_to(self, event_id: str) -> None:
        """Select *event_id* and zoom the timeline to it."""
        self.session.select(event_id)
        self.timeline.zoom_to_selection()

    # -- showing ------------------------------------------------------------------

    def _show(self, event_id: str) -> None:
        if self.closed:
            return
        if event_id and self.timeline.selected_id() != event_id:
            self.timeline.select_event(event_id)
        elif not event_id:
            self.timeline.select_event("")
        self._select_row(event_id)
        self.show_detail()
        self.show_annotations(event_id)

    def _reselect_row(self, outcome: SearchOutcome) -> None:
        selected = self.session.selected
        if not self.closed and not outcome.error and selected and self.model.row_of(selected) >= 0:
            self._select_row(selected)

    def _select_row(self, event_id: str) -> None:
        row = self.model.row_of(event_id) if event_id else -1
        selection = self.results.selectionModel()
        if row < 0:
            selection.clearSelection()
            return
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag
        selection.select(index, flags.ClearAndSelect | flags.Rows)
        selection.setCurrentIndex(index, flags.NoUpdate)
        self.results.scrollTo(index)

    def retranslate(self) -> None:
        """After a language switch: the detail view and the annotations again."""
        self.show_detail()
        self.show_annotations(self.session.selected)

    def show_detail(self) -> None:
        """The selected event in the detail view (again after a language switch)."""
        event_id = self.session.selected
        try:
            event = self.store.event(event_id) if event_id else None
        except DatabaseError as error:  # a crafted value: the store says which, in one line
            self.detail.show_problem(str(error))
            return
        if event is None:
            self.detail.show_event(None)
            return
        category = self._categories.get(event.category, {})
        label = category.get("label_en" if language() == "en" else "label_nl", "")
        plan = self.session.plan
        index = self.data.index_of(event.id)
        self.detail.show_event(
            DetailContent(
                event=event,
                entities=self.store.entities(event.id),
                context=self.store.context(event),
                category_label=label,
                category_color=category.get("color", "#888888"),
                source=self._source,
                highlights=highlight_spans(plan.match.patterns, event.text) if plan else [],
                has_previous=navigation.has_step(self.data, index, False),
                has_next=navigation.has_step(self.data, index, True),
            )
        )
