"""The composition root: builds the objects, connects their signals, runs Qt.

Everything the window needs is created in :func:`build` and handed in through
constructors; signals are connected in one place (:func:`connect_signals` and
:func:`connect_library_signals`), so reading this file tells how the parts talk
to each other. Qt and the window's modules are imported inside the functions
(their types only under ``TYPE_CHECKING``), so the command line starts without
them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from explorer import __version__, i18n, paths
from explorer.i18n import _

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QTranslator
    from PySide6.QtWidgets import QApplication

    from explorer.core.events.store import EventStore
    from explorer.core.library.library import Library
    from explorer.core.timeline.data import TimelineData
    from explorer.ui.controller import Controller
    from explorer.ui.library.controller import LibraryController
    from explorer.ui.mainwindow import MainWindow
    from explorer.ui.map.controller import MapController
    from explorer.ui.reading.controller import ReadingController
    from explorer.ui.run import CtrlC
    from explorer.ui.search.presenter import SearchPresenter
    from explorer.ui.search.results_model import ResultsModel
    from explorer.ui.search.session import SearchSession
    from explorer.ui.search.worker import SearchController
    from explorer.ui.selection import SelectionController


@dataclass
class Kroniek:
    """The running application's parts (tests drive them directly)."""

    window: MainWindow
    session: SearchSession
    controller: Controller
    selection: SelectionController
    presenter: SearchPresenter
    librarian: LibraryController
    searches: SearchController
    store: EventStore
    data: TimelineData
    model: ResultsModel
    stops: list[Callable[[], None]]
    maps: MapController
    reading: ReadingController
    closed: bool = False
    #: Whether closing keeps the session for the next start (not after a screenshot).
    remember: bool = True

    def close(self) -> None:
        """Save typing, close the window, stop the search thread, close the databases."""
        if self.closed:
            return
        self.closed = True
        # Late signals from dying widgets are ignored from here on.
        self.presenter.closed = self.selection.closed = True
        for stop in self.stops:
            stop()
        if self.remember:
            from explorer.ui import last_session

            last_session.save(self.window.settings, self.session)
        self.window.annotations.flush()
        self.window.close()
        self.searches.shutdown()
        self.librarian.close()
        self.store.close()


def _qt_translator(app: QCoreApplication, lang: str) -> QTranslator | None:
    """Load Qt's own catalogue so standard dialogs speak Dutch too."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    if lang != "nl":
        return None
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_nl", folder):
        return translator
    return None


def _ask_yes_no(title: str, question: str) -> bool:
    from explorer.ui.plain import show_message

    return show_message(None, "question", title, question)


def _tell(title: str, message: str) -> None:
    from explorer.ui.plain import show_message

    show_message(None, "warning", title, message)


def _tell_stderr(title: str, message: str) -> None:
    """A run without a person (--screenshot) says it on stderr and goes on."""
    from explorer.core.errors import one_line

    print(f"kroniek: {one_line(message)}", file=sys.stderr)


#: How long the window waits for its first search before it shows anyway.
FIRST_SEARCH_MS = 1000


def build(
    db_path: Path,
    lang: str | None = None,
    ask: Callable[[str, str], bool] | None = None,
    tell: Callable[[str, str], None] | None = None,
    *,
    interactive: bool = True,
) -> Kroniek:
    """Create the window and its parts for *db_path* (a QApplication must exist)."""
    from explorer.core.events.store import ArraysAhead

    # The database's arrays are read in a thread while the window's modules load.
    ahead = ArraysAhead(db_path)
    from PySide6.QtCore import QCoreApplication

    from explorer.core.events.query import Query
    from explorer.core.events.search import SearchEngine
    from explorer.core.events.store import EventStore
    from explorer.core.library.facets import LibrarySnapshot
    from explorer.core.timeline.data import load_timeline_data
    from explorer.ui import last_session
    from explorer.ui import settings as keys
    from explorer.ui.controller import Controller, default_view
    from explorer.ui.library.controller import LibraryController
    from explorer.ui.library.opening import open_library
    from explorer.ui.mainwindow import MainWindow
    from explorer.ui.map.controller import MapController, map_sources
    from explorer.ui.map.pane import install_map_pane
    from explorer.ui.panes import Pane
    from explorer.ui.reading.controller import install_reading
    from explorer.ui.run import after_first_paint, wait_for_search
    from explorer.ui.search.presenter import SearchPresenter
    from explorer.ui.search.results_model import ResultsModel
    from explorer.ui.search.session import SearchSession
    from explorer.ui.search.worker import SearchController
    from explorer.ui.selection import SelectionController
    from explorer.ui.settings import Settings

    app = QCoreApplication.instance()
    assert app is not None, "build() needs a QApplication"
    settings = Settings()
    chosen = lang or settings.get(keys.LANGUAGE) or i18n.system_language()
    i18n.set_language(chosen if chosen in i18n.LANGUAGES else "en")
    store = EventStore(db_path, arrays=ahead.result())
    # The stored arrays, read without a scan; the timeline and the counts share them.
    arrays = store.arrays
    data = load_timeline_data(store.conn, arrays)
    # The GUI thread's engine plans each query once; the search thread has its own.
    engine = SearchEngine(store.conn, arrays=arrays)
    searches = SearchController(db_path, data, arrays)
    # The search thread makes the facets' links while this thread builds the window.
    searches.prepare(engine.registry)
    model = ResultsModel(store.events)
    window = MainWindow(settings, model)
    searches.setParent(window)
    window.timeline.set_data(data)
    window.overview.set_data(data)
    window.legend.set_data(data)
    if not interactive:
        ask, tell = (lambda _t, _q: False), tell or _tell_stderr
    library = open_library(ask or _ask_yes_no, tell or _tell, interactive=interactive)
    snapshot = LibrarySnapshot.of(library)
    query = Query(lang=i18n.language(), sort=window.sort_box.currentData() or "date")
    session = SearchSession(
        engine, searches, library.notes.matching_event_ids, snapshot, query, window
    )
    librarian = LibraryController(
        library, store, window.library_panel, window.annotations, window, session
    )
    presenter = SearchPresenter(
        session, data, model,
        field=window.search_field, message=window.search_message, status=window.status_counts,
        results=window.results, legend=window.legend,
        facets=window.facets, timeline=window.timeline, overview=window.overview,
        total=len(data),
    )  # fmt: skip
    selection = SelectionController(
        session, store, data, model,
        results=window.results, timeline=window.timeline, detail=window.detail,
        show_annotations=librarian.show_event,
    )  # fmt: skip
    controller = Controller(
        session, selection, librarian, store, model,
        parent=window, status=window.statusBar(), timeline=window.timeline,
        results=window.results,
    )  # fmt: skip
    dock = install_map_pane(window, window.view_menu, window.file_menu, before=window.act_print)
    # The map is a pane like the others: F6 reaches it, the session remembers it.
    window.panes.add(
        Pane("map", dock, lambda: _("&Map"), "Ctrl+M", focus=dock.pane, action=dock.act_show)
    )
    sources = map_sources(store, data, window.timeline.set_view)
    maps = MapController(session, dock, sources, status=window.statusBar(), parent=window)
    reading = install_reading(
        window, window.view_menu, session, store, librarian,
        spans=(window.timeline, window.overview), detail=window.detail,
    )  # fmt: skip
    read = reading.dock  # a pane too; F6 and the session's hidden panes know it
    window.panes.add(Pane("reading", read, lambda: _("&Reading pane"), "Ctrl+R", focus=read,
                          action=read.act_show))  # fmt: skip
    connect_signals(window, session, controller, selection)
    connect_library_signals(window, session, controller, librarian, library)
    presenter.show_marks(snapshot)
    librarian.refresh()
    if library.recovered_from_crash:
        window.statusBar().showMessage(
            _("Kroniek did not close properly last time; your library was checked and is intact."),
            15000,
        )
    translators: dict[str, QTranslator | None] = {"qt": None}

    def switch_qt_catalogue(new_lang: str) -> None:
        remove_qt_catalogue()
        translators["qt"] = _qt_translator(app, new_lang)
        if translators["qt"] is not None:
            app.installTranslator(translators["qt"])

    def remove_qt_catalogue() -> None:
        old = translators["qt"]
        if old is not None:
            app.removeTranslator(old)
            translators["qt"] = None

    def follow_language(new_lang: str) -> None:
        """After a switch: every text again, facet labels in the new language."""
        settings.set(keys.LANGUAGE, new_lang)
        window.retranslate()
        presenter.show_status()
        selection.retranslate()
        maps.retranslate()
        reading.retranslate()
        session.set_language(new_lang)

    switch_qt_catalogue(i18n.language())
    stops = [
        i18n.on_language_changed(switch_qt_catalogue),
        i18n.on_language_changed(follow_language),
        remove_qt_catalogue,
    ]
    # A closed window must not be retranslated: stop listening when it goes.
    window.destroyed.connect(lambda *_a: [stop() for stop in stops])
    window.retranslate()
    view = default_view(data.first_day, data.last_day)
    if view is not None:
        window.timeline.set_view(*view)
    session.set_view(*window.timeline.view())
    if not (interactive and last_session.restore(settings, session, window.timeline)):
        session.start()
    searches.aliases_ready.connect(engine.adopt_aliases)
    # Queued behind the first search, once the first frame is on screen: at a
    # million events the aliases take hundreds of milliseconds to read, and the
    # stemmer's import holds the GIL; neither is needed before the first keystroke.
    after_first_paint(window.timeline, searches.load_aliases)
    # The window shows its list and its facet counts from the first frame: the
    # first search takes tens of milliseconds, even at a million events (the
    # counts come from the stored arrays), so wait for it, but never long.
    wait_for_search(session, FIRST_SEARCH_MS)
    return Kroniek(
        window, session, controller, selection, presenter, librarian, searches, store, data,
        model, stops, maps, reading, remember=interactive,
    )  # fmt: skip


def connect_signals(
    window: MainWindow,
    session: SearchSession,
    controller: Controller,
    selection: SelectionController,
) -> None:
    """Every connection between the window, the session and the controllers."""
    from explorer.core.events.query import Sort
    from explorer.ui import settings as keys

    w, s, c = window, session, controller

    def sort_chosen() -> None:
        sort: Sort = "relevance" if w.sort_box.currentData() == "relevance" else "date"
        w.settings.set(keys.SORT, sort)
        s.set_sort(sort)

    def history_changed() -> None:
        w.act_back.setEnabled(w.timeline.can_go_back())
        w.act_forward.setEnabled(w.timeline.can_go_forward())

    def find() -> None:
        w.search_field.setFocus()
        w.search_field.selectAll()

    w.search_field.textChanged.connect(s.edit_text)
    w.act_clear_field.triggered.connect(w.search_field.clear)
    w.legend.category_toggled.connect(lambda key: s.toggle_facet("category", key))
    w.sort_box.currentIndexChanged.connect(lambda _i: sort_chosen())
    w.facets.facet_toggled.connect(s.toggle_facet)
    w.facets.facet_removed.connect(s.remove_facet)
    w.facets.date_range_removed.connect(s.clear_dates)
    w.facets.all_cleared.connect(s.clear_all)
    w.timeline.selection_changed.connect(s.select)
    w.timeline.range_brushed.connect(
        lambda a, b: s.set_dates(*sorted((a.isoformat(), b.isoformat())))
    )
    w.timeline.event_activated.connect(c.open_event)
    w.timeline.view_changed.connect(w.overview.set_window)
    w.timeline.view_changed.connect(s.set_view)
    w.overview.window_changed.connect(w.timeline.set_view)
    w.timeline.history_changed.connect(history_changed)
    w.results.selectionModel().selectionChanged.connect(
        lambda *_a: selection.list_selection_changed()
    )
    w.detail.previous_requested.connect(lambda: selection.step(False))
    w.detail.next_requested.connect(lambda: selection.step(True))
    w.detail.facet_requested.connect(s.add_facet)
    w.act_find.triggered.connect(find)
    w.act_go_to_date.triggered.connect(c.go_to_date)
    w.act_back.triggered.connect(w.timeline.go_back)
    w.act_forward.triggered.connect(w.timeline.go_forward)
    w.act_previous.triggered.connect(lambda: selection.step(False))
    w.act_next.triggered.connect(lambda: selection.step(True))
    w.act_clear.triggered.connect(s.clear_all)
    w.act_zoom_in.triggered.connect(lambda: w.timeline.zoom(1.5))
    w.act_zoom_out.triggered.connect(lambda: w.timeline.zoom(1 / 1.5))
    w.act_fit_all.triggered.connect(w.timeline.fit_all)
    w.act_zoom_selection.triggered.connect(w.timeline.zoom_to_selection)
    w.act_export_png.triggered.connect(lambda: c.export("png"))
    w.act_export_svg.triggered.connect(lambda: c.export("svg"))
    w.act_export_pdf.triggered.connect(lambda: c.export("pdf"))
    w.act_print.triggered.connect(c.print_view)
    w.language_group.triggered.connect(lambda action: c.language_chosen(str(action.data())))
    w.act_about.triggered.connect(lambda: _show_help(w, "about"))
    w.act_shortcuts.triggered.connect(lambda: _show_help(w, "shortcuts"))
    w.act_guide.triggered.connect(lambda: _show_help(w, "guide"))


def connect_library_signals(
    window: MainWindow,
    session: SearchSession,
    controller: Controller,
    librarian: LibraryController,
    library: Library,
) -> None:
    """Connections of the librarian's tools: panels, menus, context menus."""
    from explorer.core.library.facets import LibrarySnapshot

    w, s, c, lib = window, session, controller, librarian
    a, p = w.annotations, w.library_panel
    a.bookmark_toggled.connect(lib.toggle_bookmark)
    a.tag_added.connect(lib.add_tag)
    a.tag_removed.connect(lib.remove_tag)
    a.note_created.connect(lib.create_note)
    a.note_changed.connect(lib.change_note)
    a.note_deleted.connect(lib.delete_note)
    a.collection_chosen.connect(lib.add_to_collection)
    a.citation_requested.connect(lambda style: c.citation_copied(lib.copy_citation(style=style)))
    p.event_opened.connect(c.open_event)
    p.search_restored.connect(lib.restore_search)
    p.search_save_requested.connect(lib.save_search)
    p.search_rename_requested.connect(lib.rename_search)
    p.search_delete_requested.connect(lib.delete_search)
    p.tag_filter_requested.connect(lambda name: s.add_facet("tag", name))
    p.tag_rename_requested.connect(lib.rename_tag)
    p.tag_merge_requested.connect(lib.merge_tag)
    p.tag_color_requested.connect(lib.color_tag)
    p.tag_delete_requested.connect(lib.delete_tag)
    p.collection_new_requested.connect(lib.new_collection)
    p.collection_rename_requested.connect(lib.rename_collection)
    p.collection_delete_requested.connect(lib.delete_collection)
    p.collection_reordered.connect(lib.reorder_collection)
    p.collection_item_removed.connect(lib.remove_from_collection)
    p.export_requested.connect(lib.export)
    p.import_requested.connect(lib.import_)
    # The library is read once per change, here; marks and counts follow from the snapshot.
    lib.changed.connect(lambda: s.set_library(LibrarySnapshot.of(library)))
    lib.status_message.connect(lambda text: w.statusBar().showMessage(text, 6000))
    a.marks_shown.connect(w.show_marks)
    lib.search_restore_requested.connect(c.restore_search)
    w.act_bookmark.triggered.connect(lambda: lib.toggle_bookmark())
    w.act_add_note.triggered.connect(lambda: a.add_or_edit_note() if lib.event_id else None)
    w.act_copy_citation.triggered.connect(lambda: c.citation_copied(lib.copy_citation()))
    w.citation_style_chosen.connect(lambda style: c.citation_copied(lib.copy_citation(style=style)))
    w.act_save_search.triggered.connect(lib.save_search)
    w.act_export_library.triggered.connect(lib.export)
    w.act_export_results.triggered.connect(
        lambda: lib.export_results(c.model.ids(), s.query.text or _("Search results"))
    )
    w.act_import_library.triggered.connect(lib.import_)

    def show_library() -> None:
        w.panes.set_visible("side", True)
        w.left_tabs.setCurrentWidget(p)

    w.act_show_library.triggered.connect(show_library)
    w.timeline.context_menu_requested.connect(c.event_menu)
    w.results.customContextMenuRequested.connect(c.list_menu)


def _show_help(window: MainWindow, page: str) -> None:
    from explorer.ui.help import show_help

    show_help(window, page)


def import_data_layer() -> None:
    """Import the modules that need no Qt, before Qt.

    Once imported, PySide6 replaces ``__import__`` and, after every later import,
    reads that module's whole source to see whether it uses PySide6 (for its
    ``__feature__`` switches): a tenth of a millisecond or more per module. The
    event store, the search, the timeline's data and the library (numpy, babel
    and a hundred modules more) do not use Qt, so they are imported first and
    skip that check; the start saves about 35 ms.
    """
    import explorer.core.events.search
    import explorer.core.events.store
    import explorer.core.library.library
    import explorer.core.timeline.data  # noqa: F401


def start_qt() -> QApplication:
    """The application object, named for the desktop (the data layer imported first)."""
    import_data_layer()
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Kroniek")
    # The desktop entry's name, so docks match the window to the menu item.
    QApplication.setDesktopFileName("kroniek")
    QApplication.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "kroniek.svg")))
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Kroniek")
    return app


def run_gui(args: argparse.Namespace) -> int:
    """Start the window (or render a screenshot of it) and run until it closes."""
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from explorer.ui.run import CtrlC

    app = start_qt()
    db_path = Path(args.db) if args.db else paths.bundled_db()
    ctrl_c = CtrlC(app)
    try:
        return _run_window(args, db_path, ctrl_c)
    finally:
        ctrl_c.restore()


def _run_window(args: argparse.Namespace, db_path: Path, ctrl_c: CtrlC) -> int:
    from explorer.core.events.store import DatabaseError
    from explorer.ui.run import screenshot

    try:
        kroniek = build(db_path, args.lang, interactive=not args.screenshot)
    except (DatabaseError, OSError) as error:
        message = str(error)
        if isinstance(error, OSError):
            message = _("Kroniek cannot use its data folder {path}: {reason}").format(
                path=error.filename or paths.user_data_dir(), reason=error.strerror or error
            )
        if args.screenshot:
            print(f"kroniek: {message}", file=sys.stderr)
            return 1
        from explorer.ui.plain import show_message

        show_message(None, "critical", "Kroniek", message)
        return 1
    try:
        if args.screenshot:
            return screenshot(kroniek.window, kroniek.session, kroniek.model, args)
        from explorer.ui import crash

        crash.install(kroniek.window)
        kroniek.window.restore_state()
        kroniek.window.show()
        return ctrl_c.exec()
    finally:
        kroniek.close()
