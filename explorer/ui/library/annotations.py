"""The reader's own layer on one event: star, tags, collections, notes, citation.

Shown under the detail view. Notes save themselves a moment after typing stops
(and when the panel moves to another event), so there is no save button and no
way to lose a note by selecting something else. Every change goes through the
:class:`~explorer.ui.library.controller.LibraryController`, which writes it to
the user library in a transaction and reports failures in a dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.core.library.formats.cite import STYLES
from explorer.core.library.models import Note, Tag
from explorer.core.library.rules import new_anno_id
from explorer.i18n import _, babel_locale
from explorer.ui.flow import FlowLayout
from explorer.ui.plain import menu_text, plain_label, tooltip

AUTOSAVE_MS = 700


def _when(stamp: str) -> str:
    """A UTC ISO stamp as local, localised date and time."""
    from datetime import datetime

    from babel.dates import format_datetime

    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return stamp
    return str(format_datetime(moment, "medium", locale=babel_locale()))


class NoteEditor(QWidget):
    """One note: its text, when it was written and changed, and a delete button.

    A new note starts as a draft (no ``note`` yet); it is created in the
    library with its first words, so an empty note is never stored.
    """

    created = Signal(object, str)  # this editor, body
    changed = Signal(int, str)  # note id, body
    delete_requested = Signal(object)  # this editor

    def __init__(self, note: Note | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = note
        #: The id a new note is saved under; the same for every autosave of this
        #: draft, so a draft kept on a full disk is saved once, not once per pause.
        self.draft_id = new_anno_id()
        self.edit = QPlainTextEdit(self)
        self.edit.setPlainText(note.body if note else "")
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 4 + 12)
        self.stamp = plain_label(self)
        self.delete_button = QToolButton(self)
        self.delete_button.clicked.connect(lambda: self.delete_requested.emit(self))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)
        self.edit.textChanged.connect(self._timer.start)
        row = QHBoxLayout()
        row.addWidget(self.stamp, 1)
        row.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.delete_button.setText(_("Delete note"))
        self.edit.setAccessibleName(_("Note"))
        self.edit.setPlaceholderText(_("Write your note; it is saved as you type."))
        if self.note is None:
            self.stamp.setText(_("New note, not saved until you write something"))
        else:
            self.stamp.setText(
                _("Written {created} · changed {modified}").format(
                    created=_when(self.note.created), modified=_when(self.note.modified)
                )
            )

    def pending(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> None:
        """Save now if there are unsaved changes (an emptied note keeps its text)."""
        self._timer.stop()
        body = self.edit.toPlainText()
        if not body.strip():
            return
        if self.note is None:
            self.created.emit(self, body)
        elif body != self.note.body:
            self.changed.emit(self.note.id, body)

    def saved(self, note: Note) -> None:
        self.note = note
        self.retranslate()


def citation_styles_menu(parent: QWidget, chosen: Callable[[str], object]) -> QMenu:
    """A menu of the citation styles; picking one calls *chosen* with its key.

    The styles' names are their own (APA, Chicago, …), the same in every language.
    """
    menu = QMenu(parent)
    for key, (_file, name) in STYLES.items():
        menu.addAction(name).triggered.connect(lambda _checked=False, k=key: chosen(k))
    return menu


class AnnotationsPanel(QWidget):
    """Star, tags, collections, notes and citation for the selected event."""

    bookmark_toggled = Signal()
    tag_added = Signal(str)
    tag_removed = Signal(str)
    note_created = Signal(object, str)  # editor, body
    note_changed = Signal(int, str)
    note_deleted = Signal(object)  # editor
    collection_chosen = Signal(int)  # collection id (added, or removed if in it), 0: a new one
    citation_requested = Signal(str)  # a style key, or "" for the last one used
    #: What the event has now: (bookmarked, has a note), for the menus' labels.
    marks_shown = Signal(bool, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.event_id = ""
        self.star = QPushButton(self)
        self.star.setCheckable(True)
        self.star.clicked.connect(self.bookmark_toggled)
        self.collect = QToolButton(self)
        self.collect.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.collect_menu = QMenu(self)
        self.collect.setMenu(self.collect_menu)
        self.cite = QToolButton(self)
        self.cite.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.cite.clicked.connect(lambda: self.citation_requested.emit(""))
        self.cite.setMenu(citation_styles_menu(self, self.citation_requested.emit))
        self.add_note_button = QPushButton(self)
        self.add_note_button.clicked.connect(self.add_or_edit_note)
        self.tags_label = QLabel(self)
        self.tag_chip_row = QWidget(self)
        self.tag_chips = QHBoxLayout(self.tag_chip_row)
        self.tag_chips.setContentsMargins(0, 0, 0, 0)
        self.tag_chips.setSpacing(4)
        self.tag_field = QLineEdit(self)
        self.tag_field.setClearButtonEnabled(True)
        self.tag_field.setMinimumWidth(200)
        self.tag_field.returnPressed.connect(self._add_tag)
        self.completions = QStringListModel(self)
        completer = QCompleter(self.completions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tag_field.setCompleter(completer)
        self.notes_box = QVBoxLayout()
        self.notes_box.setContentsMargins(0, 0, 0, 0)
        self.editors: list[NoteEditor] = []

        # Rows that wrap: in a narrow detail pane no button is squeezed or cut.
        buttons = FlowLayout()
        for button in (self.star, self.collect, self.cite, self.add_note_button):
            buttons.addWidget(button)
        tags = FlowLayout()
        tags.addWidget(self.tags_label)
        tags.addWidget(self.tag_chip_row)
        tags.addWidget(self.tag_field)
        inner = QWidget(self)
        inner.setLayout(self.notes_box)
        scroll = QScrollArea(self)
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.hide()  # shown with the first note (see _fit_notes)
        self.notes_scroll = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(buttons)
        layout.addLayout(tags)
        layout.addWidget(scroll)
        self.setEnabled(False)
        self.retranslate()

    def retranslate(self) -> None:
        self._update_star()
        self.collect.setText(_("Add to collection"))
        self.collect.setAccessibleName(_("Add to collection"))
        self.cite.setText(_("Copy citation"))
        self.cite.setAccessibleName(_("Copy citation"))
        self.cite.setToolTip(
            _("Copy a citation of this event to the clipboard; the arrow offers the styles")
        )
        self._update_note_button()
        self.tags_label.setText(_("Tags:"))
        self.tag_field.setPlaceholderText(_("Add a tag and press Enter"))
        self.tag_field.setAccessibleName(_("Add a tag"))
        for editor in self.editors:
            editor.retranslate()

    def _update_note_button(self) -> None:
        """ "Add note" while the event has none, "Edit note" once it has one."""
        if self.has_note():
            self.add_note_button.setText(_("Edit note"))
            self.add_note_button.setToolTip(_("Go to this event's note (Ctrl+Shift+N)"))
        else:
            self.add_note_button.setText(_("Add note"))
            self.add_note_button.setToolTip(_("Add a note to this event (Ctrl+Shift+N)"))

    def has_note(self) -> bool:
        return any(editor.note is not None for editor in self.editors)

    def add_or_edit_note(self) -> None:
        """Focus the event's note if it has one, else start a new one."""
        saved = [editor for editor in self.editors if editor.note is not None]
        if saved:
            saved[0].edit.setFocus()
            self.notes_scroll.ensureWidgetVisible(saved[0])
        else:
            drafts = [editor for editor in self.editors if editor.note is None]
            if drafts:
                drafts[0].edit.setFocus()
            else:
                self.add_editor(None)

    def _update_star(self) -> None:
        on = self.star.isChecked()
        self.star.setText(_("★ Remove bookmark") if on else _("☆ Bookmark"))
        self.star.setToolTip(_("Remove the bookmark (Ctrl+D)") if on else _("Bookmark (Ctrl+D)"))
        self.star.setAccessibleName(_("Bookmark this event"))

    # -- contents -----------------------------------------------------------
    def show_annotations(
        self,
        event_id: str,
        bookmarked: bool,
        tags: list[Tag],
        notes: list[Note],
        all_tags: list[str],
        collections: list[tuple[int, str, bool]],
    ) -> None:
        """Show *event_id*'s annotations (saving any note still being typed first)."""
        self.flush()
        self.event_id = event_id
        self.setEnabled(bool(event_id))
        self.star.setChecked(bookmarked)
        self._update_star()
        self._set_tags(tags)
        self.completions.setStringList(all_tags)
        self._set_notes(notes)
        self._update_note_button()
        self.marks_shown.emit(bookmarked, self.has_note())
        self.collect_menu.clear()
        for cid, name, member in collections:
            # Ticked: the event is in it; picking a ticked one takes it out again.
            action = self.collect_menu.addAction(menu_text(name))
            action.setCheckable(True)
            action.setChecked(member)
            action.triggered.connect(lambda _c=False, i=cid: self.collection_chosen.emit(i))
        if collections:
            self.collect_menu.addSeparator()
        new = self.collect_menu.addAction(_("New collection…"))
        new.triggered.connect(lambda: self.collection_chosen.emit(0))

    def _set_tags(self, tags: list[Tag]) -> None:
        while self.tag_chips.count():
            taken = self.tag_chips.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        for tag in tags:
            chip = QToolButton(self)
            chip.setText(f"{tag.name}  ×")
            chip.setToolTip(tooltip(_("Remove tag “{tag}”").format(tag=tag.name)))
            chip.setAccessibleName(_("Remove tag “{tag}”").format(tag=tag.name))
            if tag.color:
                chip.setStyleSheet(f"QToolButton {{ border-left: 4px solid {tag.color}; }}")
            chip.clicked.connect(lambda _c=False, n=tag.name: self.tag_removed.emit(n))
            self.tag_chips.addWidget(chip)

    def _set_notes(self, notes: list[Note]) -> None:
        for editor in self.editors:
            editor.setParent(None)
            editor.deleteLater()
        self.editors = []
        for note in notes:
            self.add_editor(note, focus=False)
        self._fit_notes()

    def add_editor(self, note: Note | None, focus: bool = True) -> NoteEditor:
        """An editor for *note*, or a draft for a new note when *note* is None."""
        editor = NoteEditor(note, self)
        editor.created.connect(self.note_created)
        editor.changed.connect(self.note_changed)
        editor.delete_requested.connect(self.note_deleted)
        self.notes_box.addWidget(editor)
        self.editors.append(editor)
        self._fit_notes()
        if focus:
            editor.edit.setFocus()
        return editor

    def note_saved(self, note: Note) -> None:
        for editor in self.editors:
            if editor.note is not None and editor.note.id == note.id:
                editor.saved(note)
        self._update_note_button()
        self.marks_shown.emit(self.star.isChecked(), self.has_note())

    def remove_editor(self, editor: NoteEditor) -> None:
        if editor in self.editors:
            self.editors.remove(editor)
            editor.setParent(None)
            editor.deleteLater()
            self._fit_notes()

    def _fit_notes(self) -> None:
        """The notes take the room they need (at most 220 pixels, then they scroll)
        and none without a note, so on a low window the event's text keeps it."""
        self.notes_scroll.setVisible(bool(self.editors))
        inner = self.notes_scroll.widget()
        if inner is not None:
            self.notes_scroll.setMaximumHeight(min(220, inner.sizeHint().height() + 2))

    def flush(self) -> None:
        """Save every note that has unsaved typing."""
        for editor in self.editors:
            editor.flush()

    def _add_tag(self) -> None:
        name = " ".join(self.tag_field.text().split())
        if name:
            self.tag_field.clear()
            self.tag_added.emit(name)
