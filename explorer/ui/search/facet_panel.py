"""The facet panel: values with live counts, active filters as removable chips.

Each facet (category, place, actor, year, month, precision, and the user's
bookmarks and tags) is a branch of one tree; values are checkable and show
their count for the current search without the facet's own selection. Values
with no matching events stay visible but greyed. Under the tree (so the tree
never moves when the first one appears) every active filter is a chip with a
× that removes it, and "Clear all" removes them all.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.core.events.facets import Facet, FacetValue
from explorer.i18n import _, format_number
from explorer.ui.flow import FlowLayout
from explorer.ui.plain import clipped, tooltip

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2


class FlowRow(QWidget):
    """Chips laid out left to right, wrapping onto new lines as needed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = FlowLayout(self, spacing=2)

    def set_widgets(self, widgets: list[QWidget]) -> None:
        self._layout.clear()
        for widget in widgets:
            self._layout.addWidget(widget)
        self.setVisible(bool(widgets))
        self.updateGeometry()


class FacetPanel(QWidget):
    """Shows facets; tells the window when a value is toggled or filters cleared."""

    facet_toggled = Signal(str, str)  # key, value
    facet_removed = Signal(str, str)
    date_range_removed = Signal()
    all_cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.clear_button = QPushButton(self)
        self.clear_button.clicked.connect(self.all_cleared)
        self.chips = FlowRow(self)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(2)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemChanged.connect(self._on_item_changed)
        self.tree.itemActivated.connect(self._on_item_activated)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        # Chips sit under the tree: when the first one appears the tree keeps
        # its place, so a quick second click still lands on the facet aimed at.
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.chips)
        layout.addWidget(self.empty)
        self._facets: list[Facet] = []
        self._chips: list[tuple[str, str, str]] = []
        self._date_chip = ""
        self._expanded: set[str] = {"category"}
        self._updating = False
        self._counting = False
        self.setMinimumWidth(240)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Filters"))
        self.clear_button.setText(_("Clear all"))
        self.clear_button.setToolTip(_("Remove every filter and the search text"))
        self.tree.setAccessibleName(_("Facets"))
        self.empty.setText(
            _("Counting the filters for a large database…")
            if self._counting
            else _("Facet counts appear here once the database is open.")
        )
        self._rebuild_chips()

    # -- contents -----------------------------------------------------------
    @property
    def counting(self) -> bool:
        """Whether counts are on their way (a large database is being indexed)."""
        return self._counting

    def set_counting(self, counting: bool) -> None:
        """Say that counts are on their way (a large database is being indexed)."""
        self._counting = counting
        self.empty.setText(
            _("Counting the filters for a large database…")
            if counting
            else _("Facet counts appear here once the database is open.")
        )
        self.empty.setVisible(counting or not self._facets)

    def set_facets(self, facets: list[Facet], date_chip: str = "") -> None:
        """Show *facets* (from the search worker) and the active date range."""
        self._remember_expansion()
        self._facets = facets
        self._date_chip = date_chip
        self._updating = True
        self.tree.clear()
        for facet in facets:
            top = QTreeWidgetItem(self.tree, [facet.title, ""])
            top.setData(0, KEY_ROLE, facet.key)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            bold = top.font(0)
            bold.setBold(True)
            top.setFont(0, bold)
            for value in facet.values:
                self._add_value(top, value)
            top.setExpanded(facet.key in self._expanded or bool(facet.selected))
        self._updating = False
        self.empty.setVisible(not facets)
        self._chips = [
            (v.key, v.value, v.label) for facet in facets for v in facet.walk() if v.selected
        ]
        self._rebuild_chips()

    def _add_value(self, parent: QTreeWidgetItem, value: FacetValue) -> None:
        item = QTreeWidgetItem(parent, [value.label, format_number(value.count)])
        item.setData(0, KEY_ROLE, value.key)
        item.setData(0, VALUE_ROLE, value.value)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked if value.selected else Qt.CheckState.Unchecked)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if value.count == 0 and not value.selected:
            grey = QBrush(
                self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            )
            item.setForeground(0, grey)
            item.setForeground(1, grey)
        item.setToolTip(0, tooltip(_("{label}: {count} events").format(
            label=value.label, count=format_number(value.count))))  # fmt: skip
        for child in value.children:
            self._add_value(item, child)
        if any(c.selected for c in value.children):
            item.setExpanded(True)

    def _remember_expansion(self) -> None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            key = str(top.data(0, KEY_ROLE))
            if top.isExpanded():
                self._expanded.add(key)
            else:
                self._expanded.discard(key)

    def _rebuild_chips(self) -> None:
        widgets: list[QWidget] = []
        for key, value, label in self._chips:
            widgets.append(self._chip(label, self._remover(key, value)))
        if self._date_chip:
            widgets.append(self._chip(self._date_chip, lambda: self.date_range_removed.emit()))
        self.chips.set_widgets(widgets)
        self.clear_button.setEnabled(bool(widgets))

    def _remover(self, key: str, value: str) -> Callable[[], None]:
        return lambda: self.facet_removed.emit(key, value)

    def _chip(self, label: str, on_remove: Callable[[], None]) -> QToolButton:
        chip = QToolButton(self)
        chip.setText(f"{clipped(label, 80)}  ×")
        chip.setToolTip(tooltip(_("Remove filter “{label}”").format(label=label)))
        chip.setAccessibleName(_("Remove filter “{label}”").format(label=label))
        chip.setAutoRaise(False)
        chip.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        # clicked(bool) would hand its "checked" flag to the lambda's first
        # default argument (the facet key), and Qt cannot emit a bool as a str.
        chip.clicked.connect(lambda _checked=False: on_remove())
        return chip

    def chip_labels(self) -> list[str]:
        labels = [label for _k, _v, label in self._chips]
        return labels + ([self._date_chip] if self._date_chip else [])

    def find_item(self, key: str, value: str) -> QTreeWidgetItem | None:
        """The tree item for a facet value (tests and keyboard use)."""
        for i in range(self.tree.topLevelItemCount()):
            stack = [self.tree.topLevelItem(i)]
            while stack:
                item = stack.pop()
                if item is None:
                    continue
                if item.data(0, KEY_ROLE) == key and item.data(0, VALUE_ROLE) == value:
                    return item
                stack.extend(item.child(j) for j in range(item.childCount()))
        return None

    # -- user actions -------------------------------------------------------
    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._updating or column != 0 or item.data(0, VALUE_ROLE) is None:
            return
        self.facet_toggled.emit(str(item.data(0, KEY_ROLE)), str(item.data(0, VALUE_ROLE)))

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, VALUE_ROLE) is None:
            item.setExpanded(not item.isExpanded())
            return
        checked = item.checkState(0) == Qt.CheckState.Checked
        item.setCheckState(0, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
