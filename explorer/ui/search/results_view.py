"""The result list on screen: one tab stop, a clear empty state, a fresh start at the top.

A table moves its current cell with Tab by default (and Home and End within
a row), so Tab never left the list and every second press selected another
event; here Tab leaves, and the arrow keys, Home and End move inside, as in
every list. When a search finds nothing the
list says so in its middle (with what to try), instead of staying blank. A
new result starts at its top unless the selected event is in it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from explorer.ui.plain import plain_label


class ResultsView(QTableView):
    """The list of found events (date, title), one row per event."""

    def __init__(self, model: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setTabKeyNavigation(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.setColumnWidth(0, 120)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.empty_state = plain_label(self.viewport())
        self.empty_state.setObjectName("emptyResults")
        self.empty_state.setWordWrap(True)
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_state.hide()
        model.modelReset.connect(self._follow_model)
        model.rowsInserted.connect(self._follow_model)
        model.rowsRemoved.connect(self._follow_model)

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        # Home and End go to the first and last result, as in any list (a
        # table would go to the first and last column of the row).
        if action in (
            QAbstractItemView.CursorAction.MoveHome,
            QAbstractItemView.CursorAction.MoveEnd,
        ):
            modifiers |= Qt.KeyboardModifier.ControlModifier
        return super().moveCursor(action, modifiers)

    def set_empty_text(self, text: str) -> None:
        """What the list says when a search finds nothing (the words searched for)."""
        self.empty_state.setText(text)
        self._follow_model()

    def _follow_model(self) -> None:
        model = self.model()
        empty = model is not None and model.rowCount() == 0
        self.empty_state.setVisible(empty and bool(self.empty_state.text()))
        self._place_empty_state()

    def _place_empty_state(self) -> None:
        area = self.viewport().rect().adjusted(12, 12, -12, -12)
        self.empty_state.setGeometry(area)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_empty_state()
