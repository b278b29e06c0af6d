"""The "My library" panel: bookmarks, collections, saved searches, tags, notes.

Each page lists what the reader has made; double-clicking (or Enter on) an
entry opens it: an event is selected, a saved search restored, a tag used as a
filter. Collections are reordered by dragging. Export and import sit at the
bottom. The panel only shows and asks; the library controller does the work.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolBox,
    QVBoxLayout,
    QWidget,
)

from explorer.core.events.dates import format_event_date
from explorer.core.events.store import Event
from explorer.core.library.models import Collection, Note, SavedSearch, Tag
from explorer.i18n import _, format_number, language
from explorer.ui.flow import FlowLayout
from explorer.ui.plain import plain_label, tooltip

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _event_line(event: Event | None, event_id: str, fallback: str = "") -> str:
    if event is None:
        title = fallback or event_id
        return _("{title} (no longer in the database)").format(title=title)
    when = format_event_date(
        event.start, event.end, event.precision, event.qualifier, lang=language(), short=True
    )
    return f"{when} — {event.title}"


class LibraryPanel(QWidget):
    """Lists of the reader's own things, with buttons to manage them."""

    event_opened = Signal(str)
    search_restored = Signal(int)
    search_save_requested = Signal()
    search_rename_requested = Signal(int)
    search_delete_requested = Signal(int)
    tag_filter_requested = Signal(str)
    tag_rename_requested = Signal(str)
    tag_merge_requested = Signal(str)
    tag_color_requested = Signal(str)
    tag_delete_requested = Signal(str)
    collection_new_requested = Signal()
    collection_rename_requested = Signal(int)
    collection_delete_requested = Signal(int)
    collection_reordered = Signal(int, list)
    collection_item_removed = Signal(int, str)
    export_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._collections: list[Collection] = []
        self._events: dict[str, Event] = {}
        self._shown: tuple[Any, ...] | None = None
        self.toolbox = QToolBox(self)
        self.bookmarks = self._list()
        self.notes = self._list()
        self.searches = self._list()
        self.tags = self._list()
        self.collection_box = QComboBox(self)
        self.collection_box.currentIndexChanged.connect(self._show_collection)
        self.collection_items = self._list()
        self.collection_items.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.collection_items.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.collection_items.model().rowsMoved.connect(self._collection_moved)
        self.buttons: dict[str, QPushButton] = {}
        for key in (
            "save_search", "rename_search", "delete_search", "new_collection",
            "rename_collection", "delete_collection", "remove_item", "rename_tag",
            "merge_tag", "color_tag", "delete_tag", "export", "import",
        ):  # fmt: skip
            self.buttons[key] = QPushButton(self)
        self._connect_buttons()
        self.pages = {
            "bookmarks": self._page(self.bookmarks),
            "collections": self._page(
                self.collection_box,
                self.collection_items,
                ["new_collection", "rename_collection", "delete_collection", "remove_item"],
            ),
            "searches": self._page(
                self.searches, None, ["save_search", "rename_search", "delete_search"]
            ),
            "tags": self._page(
                self.tags, None, ["rename_tag", "merge_tag", "color_tag", "delete_tag"]
            ),
            "notes": self._page(self.notes),
        }
        for page in self.pages.values():
            self.toolbox.addItem(page, "")
        bottom = FlowLayout()
        bottom.addWidget(self.buttons["export"])
        bottom.addWidget(self.buttons["import"])
        self.state = plain_label(self)
        self.state.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.toolbox, 1)
        layout.addWidget(self.state)
        layout.addLayout(bottom)
        self._counts = {key: 0 for key in self.pages}
        self.bookmarks.itemActivated.connect(self._open_event)
        self.notes.itemActivated.connect(self._open_event)
        self.collection_items.itemActivated.connect(self._open_event)
        self.searches.itemActivated.connect(
            lambda item: self.search_restored.emit(int(item.data(ID_ROLE)))
        )
        self.tags.itemActivated.connect(
            lambda item: self.tag_filter_requested.emit(str(item.data(ID_ROLE)))
        )
        self.retranslate()

    def _list(self) -> QListWidget:
        widget = QListWidget(self)
        widget.setAlternatingRowColors(True)
        widget.setUniformItemSizes(True)
        # Long titles end in "…" (the tooltip has them whole), never in a scroll bar.
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.setTextElideMode(Qt.TextElideMode.ElideRight)
        return widget

    def _page(
        self, first: QWidget, second: QWidget | None = None, buttons: list[str] | None = None
    ) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(first, 0 if second else 1)
        if second is not None:
            layout.addWidget(second, 1)
        if buttons:
            # Wrapping rows: a narrow panel puts buttons on two lines instead of
            # squeezing them to a few pixels or cutting their text.
            row = FlowLayout()
            for key in buttons:
                row.addWidget(self.buttons[key])
            layout.addLayout(row)
        return page

    def _connect_buttons(self) -> None:
        b = self.buttons
        b["save_search"].clicked.connect(self.search_save_requested)
        b["rename_search"].clicked.connect(
            lambda: self._with_id(self.searches, self.search_rename_requested)
        )
        b["delete_search"].clicked.connect(
            lambda: self._with_id(self.searches, self.search_delete_requested)
        )
        b["new_collection"].clicked.connect(self.collection_new_requested)
        b["rename_collection"].clicked.connect(
            lambda: self._with_collection(self.collection_rename_requested)
        )
        b["delete_collection"].clicked.connect(
            lambda: self._with_collection(self.collection_delete_requested)
        )
        b["remove_item"].clicked.connect(self._remove_item)
        b["rename_tag"].clicked.connect(lambda: self._with_tag(self.tag_rename_requested))
        b["merge_tag"].clicked.connect(lambda: self._with_tag(self.tag_merge_requested))
        b["color_tag"].clicked.connect(lambda: self._with_tag(self.tag_color_requested))
        b["delete_tag"].clicked.connect(lambda: self._with_tag(self.tag_delete_requested))
        b["export"].clicked.connect(self.export_requested)
        b["import"].clicked.connect(self.import_requested)  # fmt: skip

    def retranslate(self) -> None:
        texts = {
            "save_search": _("Save current search…"),
            "rename_search": _("Rename…"),
            "delete_search": _("Delete"),
            "new_collection": _("New…"),
            "rename_collection": _("Rename…"),
            "delete_collection": _("Delete"),
            "remove_item": _("Remove event"),
            "rename_tag": _("Rename…"),
            "merge_tag": _("Merge into…"),
            "color_tag": _("Colour…"),
            "delete_tag": _("Delete"),
            "export": _("Export…"),
            "import": _("Import…"),
        }
        for key, text in texts.items():
            self.buttons[key].setText(text)
        self.buttons["export"].setToolTip(
            _("Save your library as CSV, JSON, Web Annotations or a reading list")
        )
        self.buttons["import"].setToolTip(_("Merge annotations exported from Kroniek"))
        self._retitle()
        if self._shown is not None:
            self.show_library(*self._shown)  # dates and "(no longer …)" in the new language
        self.bookmarks.setAccessibleName(_("Bookmarked events"))
        self.notes.setAccessibleName(_("Notes"))
        self.searches.setAccessibleName(_("Saved searches"))
        self.tags.setAccessibleName(_("Tags"))
        self.collection_box.setAccessibleName(_("Collection"))
        self.collection_items.setAccessibleName(_("Events in the collection, in order"))

    def _retitle(self) -> None:
        titles = {
            "bookmarks": _("Bookmarks ({n})"),
            "collections": _("Collections ({n})"),
            "searches": _("Saved searches ({n})"),
            "tags": _("Tags ({n})"),
            "notes": _("Notes ({n})"),
        }
        for i, key in enumerate(self.pages):
            n = format_number(self._counts[key])
            self.toolbox.setItemText(i, titles[key].format(n=n))

    # -- contents -----------------------------------------------------------
    def show_library(
        self,
        bookmarks: list[tuple[str, str]],
        notes: list[tuple[Note, str]],
        searches: list[SavedSearch],
        tags: list[Tag],
        collections: list[Collection],
        events: dict[str, Event],
        state: str = "",
    ) -> None:
        """Fill every page. *bookmarks* and *notes* carry a fallback title each."""
        self._shown = (bookmarks, notes, searches, tags, collections, events, state)
        self.bookmarks.clear()
        for event_id, fallback in bookmarks:
            self._event_item(self.bookmarks, events.get(event_id), event_id, fallback)
        self.notes.clear()
        for note, fallback in notes:
            line = note.body.strip().splitlines()[0] if note.body.strip() else _("(empty note)")
            head = _event_line(events.get(note.event_id), note.event_id, fallback)
            item = QListWidgetItem(f"{head}\n    {line[:120]}")
            item.setData(ID_ROLE, note.event_id)
            item.setToolTip(tooltip(f"{head}\n{line[:400]}"))
            self.notes.addItem(item)
        self.searches.clear()
        for search in searches:
            item = QListWidgetItem(search.name)
            item.setData(ID_ROLE, search.id)
            item.setToolTip(tooltip(search.query.text or _("(no search text)")))
            self.searches.addItem(item)
        self.tags.clear()
        for tag in tags:
            item = QListWidgetItem(f"{tag.name} ({format_number(tag.count)})")
            item.setData(ID_ROLE, tag.name)
            if tag.color:
                swatch = QPixmap(12, 12)
                swatch.fill(QColor(tag.color))
                item.setIcon(swatch)
            self.tags.addItem(item)
        current = self.current_collection()
        self._collections = collections
        self._events = events
        self.collection_box.blockSignals(True)
        self.collection_box.clear()
        for collection in collections:
            self.collection_box.addItem(collection.name, collection.id)
        index = self.collection_box.findData(current)
        self.collection_box.setCurrentIndex(index if index >= 0 else 0)
        self.collection_box.blockSignals(False)
        self._show_collection()
        self._counts = {
            "bookmarks": len(bookmarks),
            "collections": len(collections),
            "searches": len(searches),
            "tags": len(tags),
            "notes": len(notes),
        }
        self._retitle()
        self.state.setText(state)
        self.state.setVisible(bool(state))

    def _event_item(
        self, target: QListWidget, event: Event | None, event_id: str, fallback: str
    ) -> None:
        line = _event_line(event, event_id, fallback)
        item = QListWidgetItem(line)
        item.setData(ID_ROLE, event_id)
        item.setToolTip(tooltip(line))
        target.addItem(item)

    def current_collection(self) -> int:
        value = self.collection_box.currentData()
        return int(value) if value is not None else 0

    def select_collection(self, collection_id: int) -> None:
        index = self.collection_box.findData(collection_id)
        if index >= 0:
            self.collection_box.setCurrentIndex(index)

    def _show_collection(self) -> None:
        self.collection_items.clear()
        wanted = self.current_collection()
        for collection in self._collections:
            if collection.id == wanted:
                for event_id in collection.event_ids:
                    self._event_item(
                        self.collection_items, self._events.get(event_id), event_id, ""
                    )
        for key in ("rename_collection", "delete_collection", "remove_item"):
            self.buttons[key].setEnabled(bool(wanted))

    def collection_order(self) -> list[str]:
        items = self.collection_items
        return [str(items.item(i).data(ID_ROLE)) for i in range(items.count())]

    # -- user actions -------------------------------------------------------
    def _open_event(self, item: QListWidgetItem) -> None:
        self.event_opened.emit(str(item.data(ID_ROLE)))

    def _collection_moved(self, *_args: object) -> None:
        if self.current_collection():
            self.collection_reordered.emit(self.current_collection(), self.collection_order())

    def _remove_item(self) -> None:
        item = self.collection_items.currentItem()
        if item is not None and self.current_collection():
            self.collection_item_removed.emit(self.current_collection(), str(item.data(ID_ROLE)))

    def _with_id(self, widget: QListWidget, signal: SignalInstance) -> None:
        item = widget.currentItem()
        if item is not None:
            signal.emit(int(item.data(ID_ROLE)))

    def _with_tag(self, signal: SignalInstance) -> None:
        item = self.tags.currentItem()
        if item is not None:
            signal.emit(str(item.data(ID_ROLE)))

    def _with_collection(self, signal: SignalInstance) -> None:
        if self.current_collection():
            signal.emit(self.current_collection())
