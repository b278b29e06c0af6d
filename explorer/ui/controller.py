"""What the window's commands do: go to a date, zoom, export, print, menus, language.

The search itself lives in :class:`~explorer.ui.search.session.SearchSession`,
what it shows in :class:`~explorer.ui.search.presenter.SearchPresenter` and
the selection in :class:`~explorer.ui.selection.SelectionController`. The
:class:`Controller` handles the rest of the menus and dialogs, with the
widgets it needs handed to it, and asks through replaceable functions
(``ask_text``, ``ask_save_path``) so tests can answer for the user.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QStatusBar,
    QTableView,
    QWidget,
)

from explorer import i18n
from explorer.core.errors import UsageError
from explorer.core.events.dates import parse_user_date
from explorer.core.events.query import Query, Sort
from explorer.core.events.store import EventStore
from explorer.i18n import _
from explorer.ui.library.controller import LibraryController
from explorer.ui.plain import show_message
from explorer.ui.search.results_model import ResultsModel
from explorer.ui.search.session import SearchSession
from explorer.ui.selection import SelectionController
from explorer.ui.timeline.view import TimelineView

#: How wide the view is after "go to date", by the precision typed (days).
GO_TO_SPAN = {"day": 14, "month": 62, "year": 400}
GO_TO_MIDDLE = {"day": 0.5, "month": 15, "year": 182}


class Controller(QObject):
    """The window's commands, given the widgets and services they act on."""

    def __init__(
        self,
        session: SearchSession,
        selection: SelectionController,
        librarian: LibraryController,
        store: EventStore,
        model: ResultsModel,
        *,
        parent: QWidget,
        status: QStatusBar,
        timeline: TimelineView,
        results: QTableView,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.selection = selection
        self.librarian = librarian
        self.store = store
        self.model = model
        self.parent_widget = parent
        self.status = status
        self.timeline = timeline
        self.results = results
        #: Replaced by tests: (title, label, text) -> (answer, accepted).
        self.ask_text: Callable[[str, str, str], tuple[str, bool]] = self._ask_text
        #: Replaced by tests: (title, filter) -> chosen path or "".
        self.ask_save_path: Callable[[str, str], str] = self._ask_save_path

    # -- events -----------------------------------------------------------------

    def open_event(self, event_id: str) -> None:
        """Show an event opened from the library panel or by Enter: select it, zoom to it."""
        if not self.store.has_event(event_id):
            self.status.showMessage(
                _("This event is no longer in the database; its notes are kept."), 8000
            )
            return
        self.selection.zoom_to(event_id)

    def event_menu(self, event_id: str, where: QPoint) -> None:
        """The right-click menu of an event; its actions apply to that event."""
        if event_id:
            self.session.select(event_id)
        self.librarian.context_menu(
            event_id, where, [(_("Zoom to event"), lambda: self.selection.zoom_to(event_id))]
        )

    def list_menu(self, pos: QPoint) -> None:
        index = self.results.indexAt(pos)
        if index.isValid():
            event_id = self.model.event_id(index.row())
            self.session.select(event_id)
            self.event_menu(event_id, self.results.viewport().mapToGlobal(pos))

    def citation_copied(self, text: str) -> None:
        """Say so in one line that ends before the match counter on the right."""
        if not text:
            return
        message = _("Citation copied: {text}").format(text=" ".join(text.split()))
        counters = [w for w in self.status.findChildren(QLabel) if w.isVisible()]
        room = self.status.width() - sum(w.width() for w in counters) - 40
        fitted = self.status.fontMetrics().elidedText(
            message, Qt.TextElideMode.ElideRight, max(room, 80)
        )
        self.status.showMessage(fitted, 8000)

    def restore_search(self, query: object, view_start: str, view_end: str) -> None:
        """A saved search from the library: its query and its view of the timeline."""
        assert isinstance(query, Query)
        self.session.restore(query)
        if view_start and view_end:
            a = date.fromisoformat(view_start).toordinal()
            b = date.fromisoformat(view_end).toordinal()
            self.timeline.set_view(float(a), float(b))

    def sort_chosen(self, sort: Sort) -> None:
        self.session.set_sort(sort)

    # -- navigation ---------------------------------------------------------------

    def go_to_date(self) -> None:
        text, ok = self.ask_text(_("Go to date"), _("Date (e.g. 24 February 2022, 2022-03):"), "")
        if not ok or not text.strip():
            return
        try:
            day, precision = parse_user_date(text)
        except UsageError as error:
            show_message(self.parent_widget, "warning", _("Go to date"), str(error))
            return
        self.timeline.go_to_date(day)
        span = GO_TO_SPAN[precision]
        middle = day.toordinal() + GO_TO_MIDDLE[precision]
        self.timeline.set_view(middle - span / 2, middle + span / 2)

    def language_chosen(self, lang: str) -> None:
        if lang != i18n.language():
            i18n.set_language(lang)

    # -- export -------------------------------------------------------------------

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
        # The exports (and Qt's print support under them) load on first use.
        from explorer.ui.timeline import export as timeline_export

        try:
            if kind == "png":
                if not timeline_export.save_image(self.timeline, path):
                    raise OSError(_("the image could not be written"))
            elif kind == "svg":
                timeline_export.save_svg(self.timeline, path)
            else:
                timeline_export.save_pdf(self.timeline, path)
        except OSError as error:
            reason = _("Could not write {path}: {reason}").format(path=path, reason=error)
            show_message(self.parent_widget, "warning", _("Export failed"), reason)
            return
        self.status.showMessage(_("Saved {path}").format(path=path), 5000)

    def print_view(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from explorer.ui.timeline import export as timeline_export

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self.parent_widget)
        if dialog.exec():
            timeline_export.print_view(self.timeline, printer)

    # -- dialogs (replaceable in tests) ---------------------------------------------

    def _ask_text(self, title: str, label: str, text: str) -> tuple[str, bool]:
        return QInputDialog.getText(self.parent_widget, title, label, text=text)

    def _ask_save_path(self, title: str, file_filter: str) -> str:
        path, _chosen = QFileDialog.getSaveFileName(self.parent_widget, title, "", file_filter)
        return path


def default_view(first_day: int | None, last_day: int | None) -> tuple[float, float] | None:
    """The first view: the war years when the data has them, else everything."""
    if last_day is None or first_day is None:
        return None
    start = date(2021, 10, 1).toordinal()
    if last_day < start:
        return None
    return float(start), float(max(last_day + 30, start + 365))
