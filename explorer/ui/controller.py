"""What the window does: search, filter, select, navigate, export.

The controller owns the current :class:`~explorer.core.events.query.Query`. Every
change — a keystroke, a facet, a chip removed, a range brushed — makes a new
query that goes to the :class:`SearchController`; its result updates the list,
dims the timeline, refreshes the facet counts and the status bar in one go.
Selection is one event id shared by the timeline, the list and the detail view.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QItemSelectionModel, QObject, QPoint, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog

from explorer import i18n
from explorer.core.errors import UsageError
from explorer.core.events.dates import format_event_date, parse_user_date
from explorer.core.events.query import Query
from explorer.core.events.search import SearchEngine
from explorer.core.events.store import EventStore
from explorer.core.library.facets import LibrarySnapshot
from explorer.core.timeline.data import TimelineData
from explorer.i18n import _, format_number, ngettext
from explorer.ui import settings as keys
from explorer.ui.detail import DetailContent
from explorer.ui.library.controller import LibraryController
from explorer.ui.mainwindow import MainWindow
from explorer.ui.plain import show_message
from explorer.ui.search.results_model import ResultsModel
from explorer.ui.search.worker import FacetOutcome, SearchController, SearchOutcome


class Controller(QObject):
    """Connects the core (store, search) to the window's widgets."""

    search_finished = Signal()
    selection_shown = Signal(str)

    def __init__(
        self,
        store: EventStore,
        data: TimelineData,
        window: MainWindow,
        model: ResultsModel,
        searches: SearchController,
        librarian: LibraryController,
    ) -> None:
        super().__init__(window)
        self.librarian = librarian
        self.store = store
        self.data = data
        self.window = window
        self.model = model
        self.searches = searches
        self.engine = SearchEngine(store.conn)
        self.total = store.count()
        self.query = Query(lang=i18n.language(), sort=window.sort_box.currentData() or "date")
        self.matching = self.total
        self.selected = ""
        self._syncing = False
        #: Set when the window closes: late signals from dying widgets are ignored.
        self.closed = False
        self._categories = {c["key"]: c for c in store.categories()}
        self._source = store.info()["source"]
        #: Replaced by tests: (title, label, text) -> (answer, accepted).
        self.ask_text: Callable[[str, str, str], tuple[str, bool]] = self._ask_text
        #: Replaced by tests: (title, filter) -> chosen path or "".
        self.ask_save_path: Callable[[str, str], str] = self._ask_save_path

    # -- searching ----------------------------------------------------------
    def submit(self, query: Query) -> None:
        self.query = query
        self.librarian.current_query = query
        self.searches.submit(self._with_notes(query), LibrarySnapshot.of(self.librarian.library))

    def _with_notes(self, query: Query) -> Query:
        """The query, also finding events whose notes match its text."""
        if not query.text.strip():
            return query
        try:
            match = self.engine.plan(query).match
        except (UsageError, sqlite3.Error):
            return query  # the worker reports the bad query or the damaged database
        if match is None:
            return query
        return query.with_note_ids(self.librarian.library.notes.matching_event_ids(match))

    def text_edited(self, text: str) -> None:
        self.submit(replace(self.query, text=text, as_you_type=True))

    def sort_changed(self) -> None:
        sort = self.window.sort_box.currentData() or "date"
        self.window.settings.set(keys.SORT, sort)
        self.submit(self.query.with_sort(sort))

    def toggle_facet(self, key: str, value: str) -> None:
        self.submit(self.query.toggled(key, value))

    def remove_facet(self, key: str, value: str) -> None:
        values = self.query.facets.get(key, frozenset()) - {value}
        self.submit(self.query.with_facet(key, values) if values else self.query.without_facet(key))

    def brush(self, first: object, last: object) -> None:
        """A range dragged on the timeline becomes a date filter."""
        if isinstance(first, date) and isinstance(last, date):
            a, b = sorted((first, last))
            self.submit(self.query.with_dates(a.isoformat(), b.isoformat()))

    def clear_dates(self) -> None:
        self.submit(self.query.with_dates("", ""))

    def clear_all(self) -> None:
        self.window.search_field.blockSignals(True)
        self.window.search_field.clear()
        self.window.search_field.blockSignals(False)
        self.submit(Query(lang=self.query.lang, sort=self.query.sort))

    def results_ready(self, outcome: SearchOutcome) -> None:
        """Step one of a search: the list, the timeline and the status bar."""
        if self.closed:
            return
        window = self.window
        if outcome.error:
            window.search_message.setText(outcome.error)
            window.search_message.show()
            self.search_finished.emit()
            return
        window.search_message.hide()
        if outcome.ids is None:
            # Everything matches: the timeline's own array is the list, in date order.
            self.model.set_ids(self.data.ids, self.data.index_of)
            self.matching = self.total
        else:
            self.model.set_ids(outcome.ids)
            self.matching = len(outcome.ids)
        self.data.set_match(outcome.match)
        window.timeline.refresh()
        window.overview.refresh()
        self._update_status()
        if self.selected and self.model.row_of(self.selected) >= 0:
            self._select_row(self.selected)

    def facets_ready(self, outcome: FacetOutcome) -> None:
        """Step two: the facet counts and the chips of the active filters."""
        if self.closed:
            return
        if outcome.facets is None:
            # Counts come once the facet index has loaded (large databases).
            self.window.facets.set_counting(True)
        else:
            self.window.facets.set_counting(False)
            self.window.facets.set_facets(outcome.facets, self._date_chip(outcome.query))
        self.search_finished.emit()

    def recount(self) -> None:
        """The facet index is ready: count the facets of the current search."""
        if not self.closed:
            self.submit(self.query)

    def _date_chip(self, query: Query) -> str:
        if not (query.date_from or query.date_to):
            return ""
        first = format_event_date(query.date_from, "", "day") if query.date_from else "…"
        last = format_event_date(query.date_to, "", "day") if query.date_to else "…"
        return f"{first} – {last}"

    def _update_status(self) -> None:
        if self.matching == self.total:
            text = ngettext("{n} event", "{n} events", self.total).format(
                n=format_number(self.total)
            )
        else:
            text = ngettext(
                "{n} of {total} event matches", "{n} of {total} events match", self.total
            ).format(n=format_number(self.matching), total=format_number(self.total))
        self.window.status_counts.setText(text)

    # -- selection ----------------------------------------------------------
    def select(self, event_id: str) -> None:
        """Make *event_id* the selection everywhere ('' clears it)."""
        if self._syncing or self.closed:
            return
        self._syncing = True
        try:
            self.selected = event_id
            if event_id and self.window.timeline.selected_id() != event_id:
                self.window.timeline.select_event(event_id)
            self._select_row(event_id)
            self._show_detail(event_id)
            self.librarian.show_event(event_id)
        finally:
            self._syncing = False
        self.selection_shown.emit(event_id)

    def list_selection_changed(self) -> None:
        rows = self.window.results.selectionModel().selectedRows()
        if rows:
            self.select(self.model.event_id(rows[0].row()))

    def _select_row(self, event_id: str) -> None:
        view = self.window.results
        row = self.model.row_of(event_id) if event_id else -1
        selection = view.selectionModel()
        if row < 0:
            selection.clearSelection()
            return
        index = self.model.index(row, 0)
        selection.select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        view.scrollTo(index)

    def _show_detail(self, event_id: str) -> None:
        event = self.store.event(event_id) if event_id else None
        if event is None:
            self.window.detail.show_event(None)
            return
        category = self._categories.get(event.category, {})
        label = category.get("label_en" if i18n.language() == "en" else "label_nl", "")
        previous, following = self.store.neighbours(event)
        content = DetailContent(
            event=event,
            entities=self.store.entities(event.id),
            context=self.store.context(event),
            category_label=label,
            category_color=category.get("color", "#888888"),
            source=self._source,
            highlights=self.engine.highlight(self.query, event.text) if self.query.text else [],
            has_previous=previous is not None,
            has_next=following is not None,
        )
        self.window.detail.show_event(content)

    def step(self, forward: bool) -> None:
        """Select the next or previous event in time."""
        if self.selected:
            event = self.store.event(self.selected)
            if event is not None:
                previous, following = self.store.neighbours(event)
                target = following if forward else previous
                if target:
                    self.select(target)
                    return
        if self.model.rowCount():
            self.select(self.model.event_id(0))

    def facet_link(self, key: str, value: str) -> None:
        """A place or actor clicked in the detail view filters by it."""
        if value not in self.query.facets.get(key, frozenset()):
            self.toggle_facet(key, value)

    def open_event(self, event_id: str) -> None:
        """Select an event from the library panel, showing it on the timeline."""
        if self.store.event(event_id) is None:
            self.window.statusBar().showMessage(
                _("This event is no longer in the database; its notes are kept."), 8000
            )
            return
        self.select(event_id)
        self.window.timeline.zoom_to_selection()

    # -- the reader's library -------------------------------------------------
    def library_changed(self) -> None:
        """Marks in the list and on the timeline, and the library facets, follow."""
        self.librarian.update_marks()
        self.model.set_marks(self.librarian.mark)
        self.data.set_marks(self.librarian.marked_ids())
        self.window.timeline.refresh()
        self.submit(self.query)

    def restore_search(self, query: object, view_start: str, view_end: str) -> None:
        assert isinstance(query, Query)
        self.window.search_field.blockSignals(True)
        self.window.search_field.setText(query.text)
        self.window.search_field.blockSignals(False)
        self.submit(replace(query, lang=i18n.language(), as_you_type=False))
        if view_start and view_end:
            a = date.fromisoformat(view_start).toordinal()
            b = date.fromisoformat(view_end).toordinal()
            self.window.timeline.set_view(float(a), float(b))

    def citation_copied(self, text: str) -> None:
        if text:
            self.window.statusBar().showMessage(
                _("Citation copied: {text}").format(text=text), 8000
            )

    def event_menu(self, event_id: str, where: QPoint) -> None:
        """The right-click menu of an event; its actions apply to that event."""
        if event_id:
            self.select(event_id)

        def zoom_to_event() -> None:
            self.select(event_id)
            self.window.timeline.zoom_to_selection()

        self.librarian.context_menu(event_id, where, [(_("Zoom to event"), zoom_to_event)])

    def list_menu(self, pos: QPoint) -> None:
        view = self.window.results
        index = view.indexAt(pos)
        if index.isValid():
            event_id = self.model.event_id(index.row())
            self.select(event_id)
            self.event_menu(event_id, view.viewport().mapToGlobal(pos))

    def view_changed(self, t0: float, t1: float) -> None:
        first = date.fromordinal(max(1, int(t0))).isoformat()
        last = date.fromordinal(max(1, int(t1))).isoformat()
        self.librarian.current_view = (first, last)

    # -- navigation ---------------------------------------------------------
    def go_to_date(self) -> None:
        text, ok = self.ask_text(_("Go to date"), _("Date (e.g. 24 februari 2022, 2022-03):"), "")
        if not ok or not text.strip():
            return
        try:
            day, precision = parse_user_date(text)
        except UsageError as error:
            show_message(self.window, "warning", _("Go to date"), str(error))
            return
        timeline = self.window.timeline
        timeline.go_to_date(day)
        span = {"day": 14, "month": 62, "year": 400}[precision]
        middle = day.toordinal() + {"day": 0.5, "month": 15, "year": 182}[precision]
        timeline.set_view(middle - span / 2, middle + span / 2)

    def zoom(self, factor: float) -> None:
        self.window.timeline.zoom(factor)

    def language_chosen(self, lang: str) -> None:
        if lang != i18n.language():
            i18n.set_language(lang)

    def language_changed(self, lang: str) -> None:
        """After a switch: every text again, facet labels in the new language."""
        self.window.settings.set(keys.LANGUAGE, lang)
        self.window.retranslate()
        (self.window.act_dutch if lang == "nl" else self.window.act_english).setChecked(True)
        self._update_status()
        self._show_detail(self.selected)
        self.submit(replace(self.query, lang=lang, as_you_type=False))

    # -- export -------------------------------------------------------------
    def export(self, kind: str) -> None:
        filters = {
            "png": _("PNG image (*.png)"),
            "svg": _("SVG drawing (*.svg)"),
            "pdf": _("PDF document (*.pdf)"),
        }
        path = self.ask_save_path(_("Export timeline view"), filters[kind])
        if not path:
            return
        if not path.lower().endswith("." + kind):
            path += "." + kind
        timeline = self.window.timeline
        try:
            if kind == "png":
                if not timeline.render_to_image(path):
                    raise OSError(_("the image could not be written"))
            elif kind == "svg":
                timeline.export_svg(path)
            else:
                timeline.export_pdf(path)
        except OSError as error:
            reason = _("Could not write {path}: {reason}").format(path=path, reason=error)
            show_message(self.window, "warning", _("Export failed"), reason)
            return
        self.window.statusBar().showMessage(_("Saved {path}").format(path=path), 5000)

    def print_view(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self.window)
        if dialog.exec():
            self.window.timeline.print_view(printer)

    # -- dialogs (replaceable in tests) -------------------------------------
    def _ask_text(self, title: str, label: str, text: str) -> tuple[str, bool]:
        return QInputDialog.getText(self.window, title, label, text=text)

    def _ask_save_path(self, title: str, file_filter: str) -> str:
        path, _chosen = QFileDialog.getSaveFileName(self.window, title, "", file_filter)
        return path


def default_view(data: TimelineData) -> tuple[float, float] | None:
    """The first view: the war years when the data has them, else everything."""
    last = data.last_day
    if last is None:
        return None
    start = date(2021, 10, 1).toordinal()
    if last < start:
        return None
    return float(start), float(max(last + 30, start + 365))
