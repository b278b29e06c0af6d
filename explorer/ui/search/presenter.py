"""Shows the session's search in the window: list, dimming, counts, chips, status line.

:class:`SearchPresenter` listens to the :class:`~.session.SearchSession` and
updates the widgets it was given -- and only those. The search field follows
the query too, so a restored or cleared search shows its text.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QLineEdit

from explorer.core.events.dates import format_event_date
from explorer.core.events.query import Query
from explorer.core.events.search import SearchPlan
from explorer.core.library.facets import LibrarySnapshot
from explorer.core.timeline.data import TimelineData
from explorer.i18n import _, format_number, language, ngettext
from explorer.ui.plain import clipped
from explorer.ui.search.facet_panel import FacetPanel
from explorer.ui.search.results_model import ResultsModel
from explorer.ui.search.results_view import ResultsView
from explorer.ui.search.session import SearchSession
from explorer.ui.search.worker import FacetOutcome, SearchOutcome
from explorer.ui.timeline.legend import CategoryLegend
from explorer.ui.timeline.overview import OverviewBand
from explorer.ui.timeline.view import TimelineView

#: Timeline mark bits: bookmarked, annotated (a note or a tag).
BOOKMARKED, ANNOTATED = 1, 2


def marks_of(library: LibrarySnapshot) -> dict[str, int]:
    """Event id -> mark bits for the timeline."""
    marks = dict.fromkeys(library.bookmarked, BOOKMARKED)
    for event_id in library.annotated:
        marks[event_id] = marks.get(event_id, 0) | ANNOTATED
    return marks


def list_mark(marks: dict[str, int], event_id: str) -> str:
    """The mark shown before a title in the result list: ★ bookmarked, ✎ annotated."""
    bits = marks.get(event_id, 0)
    return ("★" if bits & BOOKMARKED else "") + ("✎" if bits & ANNOTATED else "")


def date_chip(query: Query, lang: str) -> str:
    """The chip of an active date range: "1 March 2022 – …"."""
    if not (query.date_from or query.date_to):
        return ""

    def written(value: str) -> str:
        return format_event_date(value, "", "day", lang=lang) if value else "…"

    return f"{written(query.date_from)} – {written(query.date_to)}"


class SearchPresenter(QObject):
    """Puts each step of a search on screen."""

    def __init__(
        self,
        session: SearchSession,
        data: TimelineData,
        model: ResultsModel,
        *,
        field: QLineEdit,
        message: QLabel,
        status: QLabel,
        facets: FacetPanel,
        results: ResultsView,
        legend: CategoryLegend,
        timeline: TimelineView,
        overview: OverviewBand,
        total: int,
    ) -> None:
        super().__init__(session)
        self.session = session
        self.data = data
        self.model = model
        self.field = field
        self.message = message
        self.status = status
        self.facets = facets
        self.results = results
        self.legend = legend
        self.timeline = timeline
        self.overview = overview
        self.total = total
        self.matching = total
        self.closed = False
        session.query_changed.connect(self._show_query)
        session.results_changed.connect(self._show_results)
        session.facets_changed.connect(self._show_facets)
        session.library_changed.connect(self.show_marks)

    def _show_query(self, plan: SearchPlan) -> None:
        if self.field.text() != plan.query.text:
            self.field.blockSignals(True)
            self.field.setText(plan.query.text)
            self.field.blockSignals(False)
        self.legend.set_selected(frozenset(plan.query.facets.get("category", frozenset())))

    def _show_results(self, outcome: SearchOutcome) -> None:
        """Step one of a search: the list, the timeline and the status bar."""
        if self.closed:
            return
        if outcome.error:
            self.message.setText(outcome.error)
            self.message.show()
            return
        self.message.hide()
        if outcome.ids is None:
            # Everything matches: the timeline's own array is the list, in date order.
            self.model.set_ids(self.data.ids, self.data.index_of)
            self.matching = self.total
        else:
            self.model.set_ids(outcome.ids)
            self.matching = len(outcome.ids)
        # A new result starts at its top (the selection, if it is in it, is
        # scrolled to next by the SelectionController).
        self.results.scrollToTop()
        self.results.set_empty_text(self._empty_text())
        self.data.set_match(outcome.match)
        self.timeline.refresh()
        self.overview.refresh()
        self.show_status()

    def _show_facets(self, outcome: FacetOutcome) -> None:
        """Step two: the facet counts and the chips of the active filters."""
        if self.closed:
            return
        if outcome.facets is None:
            # Counts come once the facet index has loaded (large databases).
            self.facets.set_counting(True)
        else:
            self.facets.set_counting(False)
            self.facets.set_facets(outcome.facets, date_chip(outcome.query, outcome.query.lang))

    def show_marks(self, library: LibrarySnapshot) -> None:
        """Stars and pencils in the list and on the timeline."""
        if self.closed:
            return
        marks = marks_of(library)
        self.model.set_marks(lambda event_id: list_mark(marks, event_id))
        self.data.set_marks(marks)
        self.timeline.refresh()

    def _empty_text(self) -> str:
        """What the list says when nothing matches: what was searched, what to try."""
        query = self.session.query
        if query.text.strip():
            head = _("No events match “{text}”.").format(text=clipped(query.text.strip(), 200))
        else:
            head = _("No events match these filters.")
        return (
            head
            + "\n\n"
            + _(
                "Try fewer or other words, or remove a filter; Ctrl+Shift+Backspace clears "
                "the search and every filter."
            )
        )

    def show_status(self) -> None:
        """The number of events (matching), in the interface language."""
        lang = language()
        total = format_number(self.total, lang)
        if self.matching == self.total:
            text = ngettext("{n} event", "{n} events", self.total).format(n=total)
        else:
            text = ngettext(
                "{n} of {total} event matches", "{n} of {total} events match", self.total
            ).format(n=format_number(self.matching, lang), total=total)
        self.status.setText(text)
