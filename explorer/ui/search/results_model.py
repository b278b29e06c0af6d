"""The result list's model: a table over event ids, rows fetched lazily.

The model holds only the ordered ids of the current result (any size: a
million ids is a few megabytes); dates and titles are read from the store a
page at a time when a view asks for them and kept in a small cache, as Anki's
browser table does.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from explorer.core.events.dates import format_event_date
from explorer.core.events.store import Event
from explorer.i18n import _, language
from explorer.ui.plain import clipped, tooltip

PAGE = 200
CACHE_PAGES = 64

Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[list[str]], dict[str, Event]]


class ResultsModel(QAbstractTableModel):
    """Columns: date, title. Rows: the ids of the current search result."""

    DATE, TITLE = range(2)
    EventIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, fetch: Fetch, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._ids: Sequence[str] = []
        self._row_of: dict[str, int] | None = None
        self._lookup: Callable[[str], int | None] | None = None
        self._pages: OrderedDict[int, list[Event | None]] = OrderedDict()
        self._marks: Callable[[str], str] = lambda _id: ""

    # -- contents -----------------------------------------------------------
    def set_ids(
        self, ids: Sequence[str], lookup: Callable[[str], int | None] | None = None
    ) -> None:
        """Show *ids* in this order. *lookup* finds an id's row without building an
        index (used when *ids* is the timeline's own array of every event)."""
        self.beginResetModel()
        self._ids = ids
        self._row_of = None
        self._lookup = lookup
        self._pages.clear()
        self.endResetModel()

    def set_marks(self, marks: Callable[[str], str]) -> None:
        """A function giving a short mark (★) to show before a title."""
        self._marks = marks
        if len(self._ids):
            self.dataChanged.emit(self.index(0, self.TITLE), self.index(len(self._ids) - 1, 1))

    def ids(self) -> Sequence[str]:
        return self._ids

    def event_id(self, row: int) -> str:
        return str(self._ids[row]) if 0 <= row < len(self._ids) else ""

    def row_of(self, event_id: str) -> int:
        if self._lookup is not None:
            row = self._lookup(event_id)
            return -1 if row is None else row
        if self._row_of is None:
            self._row_of = {eid: row for row, eid in enumerate(self._ids)}
        return self._row_of.get(event_id, -1)

    def retranslate(self) -> None:
        """Dates are formatted in the UI language; redraw everything."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)
        if len(self._ids):
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, 1))

    def _event(self, row: int) -> Event | None:
        page_no = row // PAGE
        page = self._pages.get(page_no)
        if page is None:
            ids = [str(i) for i in self._ids[page_no * PAGE : (page_no + 1) * PAGE]]
            found = self._fetch(ids)
            page = [found.get(eid) for eid in ids]
            self._pages[page_no] = page
            while len(self._pages) > CACHE_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page[row - page_no * PAGE]

    # -- Qt model API -------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == self.EventIdRole:
            return str(self._ids[index.row()])
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        event = self._event(index.row())
        if event is None:
            return None
        if index.column() == self.DATE:
            # The column abbreviates month names; the tooltip writes them out.
            short = role != Qt.ItemDataRole.ToolTipRole
            return format_event_date(
                event.start, event.end, event.precision, event.qualifier,
                lang=language(), short=short,
            )  # fmt: skip
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(event.text)
        mark, title = self._marks(event.id), clipped(event.title, 300)
        return f"{mark} {title}" if mark else title

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Date"), _("Event"))[section] if section in (0, 1) else None
