"""What the librarian's tools do: bookmarks, notes, tags, collections, searches.

Every change goes to the user library in its own transaction; a failure (disk
full, read-only folder, a name already taken) becomes a dialog and the app
keeps running with what it had. After each change the panel, the detail view's
annotations, the list's marks, the timeline's marks and the facet counts are
refreshed together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QMenu, QProgressDialog, QWidget

from explorer.core.errors import KroniekError, UsageError
from explorer.core.events.store import EventStore
from explorer.core.library.formats import cite
from explorer.core.library.library import Library
from explorer.core.library.models import Collection
from explorer.core.library.snapshots import EventRef
from explorer.i18n import _, language, ngettext
from explorer.ui.library.annotations import AnnotationsPanel, citation_styles_menu
from explorer.ui.library.dialogs import Dialogs
from explorer.ui.library.file_formats import event_filters, format_of, library_filters
from explorer.ui.library.panel import LibraryPanel
from explorer.ui.plain import clipped
from explorer.ui.search.session import SearchSession

T = TypeVar("T")

#: How often changes the disk refused are tried again while Kroniek runs.
RETRY_MS = 15_000
#: Characters of a selection in the article a new note quotes at most.
QUOTE = 1_000


class LibraryController(QObject):
    """Connects the user library to the panels, the list and the timeline."""

    changed = Signal()
    #: A short confirmation for the status bar ("Added to “Kyiv”").
    status_message = Signal(str)
    search_restore_requested = Signal(object, str, str)  # Query, view start, view end

    def __init__(
        self,
        library: Library,
        store: EventStore,
        panel: LibraryPanel,
        annotations_panel: AnnotationsPanel,
        parent_widget: QWidget,
        session: SearchSession,
    ) -> None:
        super().__init__(parent_widget)
        self.library = library
        self.store = store
        self.panel = panel
        self.annotations = annotations_panel
        self.parent_widget = parent_widget
        self.event_id = ""
        self._dialog: QProgressDialog | None = None
        #: The current search and view, which "save search" keeps.
        self.session = session
        #: The style "Copy citation" uses; the last one picked from a styles menu.
        self.citation_style = cite.DEFAULT_STYLE
        dialogs = Dialogs(parent_widget)
        #: Replaced by tests: (title, label, text) -> (answer, accepted).
        self.ask_text: Callable[[str, str, str], tuple[str, bool]] = dialogs.ask_text
        #: Replaced by tests: (title, label, items) -> (answer, accepted).
        self.ask_item: Callable[[str, str, list[str]], tuple[str, bool]] = dialogs.ask_item
        #: Replaced by tests: (title, question) -> yes?
        self.confirm: Callable[[str, str], bool] = dialogs.confirm
        #: Replaced by tests: (title, filter) -> path or "".
        self.ask_save_path: Callable[[str, str], str] = dialogs.ask_save_path
        self.ask_open_path: Callable[[str, str], str] = dialogs.ask_open_path
        self.ask_color: Callable[[str], str] = lambda name: dialogs.ask_color(
            name, (tag.color if (tag := self.library.tags.get(name)) else "")
        )
        #: Replaced by tests: (title, message) shown to the user.
        self.inform: Callable[[str, str], None] = dialogs.inform
        self.warn: Callable[[str, str], None] = dialogs.warn
        # Changes the disk refused are kept and tried again until they are
        # saved or Kroniek quits (the panel promises so).
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self.retry_unsaved)

    # -- safety net ---------------------------------------------------------
    def _safely(self, action: Callable[[], T]) -> T | None:
        """Run a library change; tell the user if it fails, and carry on."""
        try:
            result = action()
        except UsageError as error:
            self.warn(_("Not possible"), str(error))
            return None
        except KroniekError as error:
            self._not_saved(_("Your library could not be saved"), error)
            return None
        self.refresh()
        return result

    def _not_saved(self, title: str, error: KroniekError) -> None:
        message = str(error)
        if self.library.unsaved():
            if self.retry_timer.isActive():
                # Told already (an autosave every pause would repeat it): the
                # panel says changes are kept while the timer keeps trying.
                self._fill_panel()
                return
            message += " " + _(
                "The change is kept and saved as soon as that is possible again, "
                "until you quit Kroniek."
            )
            if not self.library.read_only:
                self.retry_timer.start()
            self._fill_panel()
        self.warn(title, message)

    def retry_unsaved(self) -> None:
        """Try again to save the kept changes (every few seconds while any are kept)."""
        if not self.library.unsaved():
            self.retry_timer.stop()
            return
        try:
            self.library.retry_unsaved()
        except KroniekError:
            return  # still refused: keep them, try again later
        except Exception:
            self.refresh()  # a kept change became impossible; it was dropped
            raise
        self.retry_timer.stop()
        self.refresh()

    def close(self) -> None:
        """Close the library (a last try to save kept changes); say what is lost."""
        self.retry_timer.stop()
        lost = self.library.close()
        if lost:
            self.warn(
                _("Some changes could not be saved"),
                _("These changes could not be saved and are lost: {changes}").format(
                    changes="; ".join(lost)
                ),
            )

    # -- refresh ------------------------------------------------------------
    def refresh(self) -> None:
        """Show the library's current contents everywhere."""
        self._fill_panel()
        self.show_event(self.event_id)
        self.changed.emit()

    def _fill_panel(self) -> None:
        lib = self.library
        snapshots = lib.events.get()
        notes = lib.notes.all()
        bookmarks = lib.bookmarks.all()
        collections = lib.collections.all()
        ids = {b.event_id for b in bookmarks} | {n.event_id for n in notes}
        ids |= {e for c in collections for e in c.event_ids}

        def fallback(event_id: str) -> str:
            snap = snapshots.get(event_id)
            return snap.title if snap else ""

        state = ""
        if lib.read_only:
            state = _("Your library is read-only: {reason}").format(reason=lib.read_only_reason)
        elif lib.unsaved():
            state = _("Some changes could not be saved yet; Kroniek keeps trying until you quit.")
        self.panel.show_library(
            [(b.event_id, fallback(b.event_id)) for b in bookmarks],
            [(n, fallback(n.event_id)) for n in notes],
            lib.searches.all(),
            lib.tags.all(),
            collections,
            self.store.events(sorted(ids)),
            state,
        )

    def show_event(self, event_id: str) -> None:
        """Show the annotations of *event_id* under the detail view."""
        self.annotations.flush()  # typing on the previous event is saved to that event
        self.event_id = event_id
        lib = self.library
        self.annotations.show_annotations(
            event_id,
            event_id in lib.bookmarks if event_id else False,
            lib.tags.of_event(event_id) if event_id else [],
            lib.notes.all(event_id) if event_id else [],
            [t.name for t in lib.tags.all()],
            [(c.id, c.name, event_id in c.event_ids) for c in lib.collections.all()],
        )

    # -- annotations on the selected event ----------------------------------
    def _event(self, event_id: str) -> EventRef:
        """The event as the database has it, or just its id if the database lost it."""
        return self.store.event(event_id) or event_id

    def toggle_bookmark(self, event_id: str | None = None) -> None:
        target = event_id or self.event_id
        if target:
            self._safely(lambda: self.library.bookmarks.toggle(self._event(target)))

    def add_tag(self, name: str) -> None:
        if self.event_id:
            target = self._event(self.event_id)
            self._safely(lambda: self.library.tags.tag(target, name))

    def remove_tag(self, name: str) -> None:
        if self.event_id:
            self._safely(lambda: self.library.tags.untag(self.event_id, name))

    def add_note(self, quote: str = "") -> None:
        """Open a new note on the selected event (saved once written); with *quote*
        (text selected in the article) the note starts with it, quoted, and is saved."""
        if not self.event_id:
            return
        editor = self.annotations.add_editor(None)
        if quote.strip():
            editor.edit.setPlainText(f"“{clipped(' '.join(quote.split()), QUOTE)}”\n")
            editor.edit.moveCursor(QTextCursor.MoveOperation.End)

    def create_note(self, editor: object, body: str) -> None:
        """A draft note got its first words: store it."""
        from explorer.ui.library.annotations import NoteEditor

        if not self.event_id or not isinstance(editor, NoteEditor):
            return
        target = self._event(self.event_id)
        try:
            note = self.library.notes.add(target, body, anno_id=editor.draft_id)
        except UsageError as error:
            self.warn(_("Your note could not be saved"), str(error))
            return
        except KroniekError as error:
            self._not_saved(_("Your note could not be saved"), error)
            return
        editor.saved(note)
        self.annotations.note_saved(note)  # "Add note" becomes "Edit note"
        self._fill_panel()
        self.changed.emit()

    def change_note(self, note_id: int, body: str) -> None:
        """Autosave of a note: update the lists, but leave the editors alone."""
        try:
            note = self.library.notes.update(note_id, body)
        except UsageError as error:
            self.warn(_("Your note could not be saved"), str(error))
            return
        except KroniekError as error:
            self._not_saved(_("Your note could not be saved"), error)
            return
        self.annotations.note_saved(note)
        self._fill_panel()
        self.changed.emit()

    def delete_note(self, editor: object) -> None:
        from explorer.ui.library.annotations import NoteEditor

        if not isinstance(editor, NoteEditor):
            return
        if editor.note is None:
            self.annotations.remove_editor(editor)  # an unsaved draft: nothing to ask
            return
        note_id = editor.note.id
        if self.confirm(_("Delete note"), _("Delete this note? This cannot be undone.")):
            self._safely(lambda: self.library.notes.delete(note_id))

    def add_to_collection(self, collection_id: int) -> None:
        """Put the event in the collection -- or take it out, if it is in it already."""
        if not self.event_id:
            return
        if collection_id == 0:
            created = self.new_collection()
            if created is None:
                return
            collection_id = created.id
        found = self.library.collections.get(collection_id)
        name = found.name if found else ""
        event_id, target = self.event_id, self._event(self.event_id)
        inside = found is not None and event_id in found.event_ids

        def change() -> bool:
            if inside:
                self.library.collections.remove(collection_id, event_id)
            else:
                self.library.collections.add(collection_id, target)
            return True

        done = self._safely(change)
        self.panel.select_collection(collection_id)
        if done:
            template = _("Removed from “{name}”") if inside else _("Added to “{name}”")
            self.status_message.emit(template.format(name=name))

    def copy_citation(self, event_id: str | None = None, style: str = "") -> str:
        """Copy the citation of *event_id* (default: the selected event) in
        *style*, or in the style used last."""
        if style:
            self.citation_style = style
        event = self.store.event(event_id or self.event_id)
        if event is None:
            return ""
        from explorer.core.library.formats import annotations as exchange

        text = exchange.citation_for(event, self.store, self.citation_style, lang=language())
        QGuiApplication.clipboard().setText(text)
        return text

    # -- panel actions ------------------------------------------------------
    def save_search(self) -> None:
        query, (t0, t1) = self.session.query, self.session.view
        name, ok = self.ask_text(_("Save search"), _("Name of the search:"), query.text)
        if ok and name.strip():
            start = date.fromordinal(max(1, int(t0))).isoformat()
            end = date.fromordinal(max(1, int(t1))).isoformat()
            self._safely(lambda: self.library.searches.save(name.strip(), query, start, end))

    def restore_search(self, search_id: int) -> None:
        saved = self.library.searches.get(search_id)
        if saved is not None:
            self.search_restore_requested.emit(saved.query, saved.view_start, saved.view_end)

    def rename_search(self, search_id: int) -> None:
        saved = self.library.searches.get(search_id)
        if saved is None:
            return
        name, ok = self.ask_text(_("Rename search"), _("New name:"), saved.name)
        if ok and name.strip():
            self._safely(lambda: self.library.searches.rename(search_id, name.strip()))

    def delete_search(self, search_id: int) -> None:
        if self.confirm(_("Delete search"), _("Delete this saved search?")):
            self._safely(lambda: self.library.searches.delete(search_id))

    def rename_tag(self, name: str) -> None:
        new, ok = self.ask_text(_("Rename tag"), _("New name for “{tag}”:").format(tag=name), name)
        if ok and new.strip() and new.strip() != name:
            self._safely(lambda: self.library.tags.rename(name, new.strip()))

    def merge_tag(self, name: str) -> None:
        others = [t.name for t in self.library.tags.all() if t.name != name]
        if not others:
            self.inform(_("Merge tags"), _("There is no other tag to merge into."))
            return
        into, ok = self.ask_item(_("Merge tags"), _("Merge “{tag}” into:").format(tag=name), others)
        if ok and into:
            self._safely(lambda: self.library.tags.merge([name], into))

    def color_tag(self, name: str) -> None:
        color = self.ask_color(name)
        if color:
            self._safely(lambda: self.library.tags.set_color(name, color))

    def delete_tag(self, name: str) -> None:
        if self.confirm(
            _("Delete tag"), _("Remove the tag “{tag}” from every event?").format(tag=name)
        ):
            self._safely(lambda: self.library.tags.delete(name))

    def new_collection(self) -> Collection | None:
        """Ask for a name and create the collection (None if cancelled or refused)."""
        name, ok = self.ask_text(_("New collection"), _("Name of the collection:"), "")
        if not ok or not name.strip():
            return None
        created = self._safely(lambda: self.library.collections.create(name.strip()))
        if created is not None:
            self.panel.select_collection(created.id)
        return created

    def rename_collection(self, collection_id: int) -> None:
        current = self.library.collections.get(collection_id)
        if current is None:
            return
        name, ok = self.ask_text(_("Rename collection"), _("New name:"), current.name)
        if ok and name.strip():
            self._safely(lambda: self.library.collections.rename(collection_id, name.strip()))

    def delete_collection(self, collection_id: int) -> None:
        if self.confirm(_("Delete collection"), _("Delete this collection? Its events stay.")):
            self._safely(lambda: self.library.collections.delete(collection_id))

    def reorder_collection(self, collection_id: int, event_ids: list[str]) -> None:
        self._safely(lambda: self.library.collections.reorder(collection_id, event_ids))

    def remove_from_collection(self, collection_id: int, event_id: str) -> None:
        self._safely(lambda: self.library.collections.remove(collection_id, event_id))

    # -- export and import --------------------------------------------------
    def export(self) -> None:
        path = self.ask_save_path(_("Export your library"), ";;".join(library_filters()))
        if not path:
            return
        from explorer.core.library.formats import annotations as exchange

        fmt = format_of(path, exchange.FORMATS)
        if not Path(path).suffix:
            path += "." + fmt
        progress = self._progress(_("Exporting…"))
        try:
            count = exchange.export_library(
                self.library, fmt, Path(path), store=self.store, progress=progress,
                lang=language(),
            )  # fmt: skip
        except KroniekError as error:
            self.warn(_("Export failed"), str(error))
            return
        finally:
            self._close_progress()
        message = ngettext("Exported {n} item to {path}.", "Exported {n} items to {path}.", count)
        self.inform(_("Export"), message.format(n=count, path=path))

    def export_results(self, event_ids: Sequence[str], title: str) -> None:
        """Export the window's current results in one of the event-list formats."""
        path = self.ask_save_path(_("Export the results"), ";;".join(event_filters()))
        if not path:
            return
        from explorer.core.library.formats import annotations as exchange
        from explorer.core.library.formats import eventlists

        fmt = format_of(path, eventlists.EVENT_FORMATS, "csl-json")
        if not Path(path).suffix:
            path += "." + eventlists.SUFFIXES[fmt]
        try:
            count = exchange.export_events(
                self.store, event_ids, fmt, Path(path), title=title, lang=language(),
                lib=self.library,
            )  # fmt: skip
        except KroniekError as error:
            self.warn(_("Export failed"), str(error))
            return
        message = ngettext("Exported {n} event to {path}.", "Exported {n} events to {path}.", count)
        self.inform(_("Export"), message.format(n=count, path=path))

    def import_(self) -> None:
        path = self.ask_open_path(
            _("Import annotations"), _("Web Annotations or TimelineJS (*.jsonld *.json)")
        )
        if not path:
            return
        from explorer.core.library.formats import annotations as exchange

        progress = self._progress(_("Importing…"))
        try:
            report = exchange.import_any(self.library, Path(path), self.store, progress=progress)
        except KroniekError as error:
            self.warn(_("Import refused"), str(error))
            return
        finally:
            self._close_progress()
        self.refresh()
        self.inform(_("Import"), "\n".join(report.lines()))

    def _progress(self, label: str) -> Callable[[int, int], None]:
        dialog = QProgressDialog(label, _("Cancel"), 0, 100, self.parent_widget)
        dialog.setMinimumDuration(400)
        self._dialog = dialog

        def report(done: int, total: int) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(done)
            if dialog.wasCanceled():
                raise UsageError(_("Cancelled; nothing was changed."))

        return report

    def _close_progress(self) -> None:
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    # -- context menus ------------------------------------------------------
    def context_menu(
        self, event_id: str, where: QPoint, extra: list[tuple[str, Callable[[], None]]]
    ) -> QMenu | None:
        if not event_id:
            return None
        menu = QMenu(self.parent_widget)
        starred = event_id in self.library.bookmarks
        menu.addAction(_("Remove bookmark") if starred else _("Bookmark")).triggered.connect(
            lambda: self.toggle_bookmark(event_id)
        )
        menu.addAction(_("Add note")).triggered.connect(self.add_note)
        styles = citation_styles_menu(menu, lambda style: self.copy_citation(event_id, style))
        styles.setTitle(_("Copy citation"))
        menu.addMenu(styles)
        for label, action in extra:
            menu.addAction(label).triggered.connect(action)
        menu.popup(where)
        return menu
