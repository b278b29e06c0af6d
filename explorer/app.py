"""The composition root: builds the objects, connects their signals, runs Qt.

Everything the window needs is created here and handed in through
constructors; signals are connected in one place (:func:`connect_signals`), so
reading this file tells how the parts talk to each other.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from explorer import __version__, i18n, paths
from explorer.i18n import _


@dataclass
class Kroniek:
    """The running application's parts (tests drive them directly)."""

    window: object
    controller: object
    searches: object
    store: object
    stops: list[Callable[[], None]]
    closed: bool = False

    def close(self) -> None:
        """Save typing, close the window, stop the search thread, close the databases."""
        if self.closed:
            return
        self.closed = True
        self.controller.closed = True  # type: ignore[attr-defined]
        for stop in self.stops:
            stop()
        self.window.annotations.flush()  # type: ignore[attr-defined]
        self.window.close()  # type: ignore[attr-defined]
        self.searches.shutdown()  # type: ignore[attr-defined]
        self.controller.librarian.close()  # type: ignore[attr-defined]
        self.store.close()  # type: ignore[attr-defined]


def _qt_translator(app: object, lang: str) -> object | None:
    """Load Qt's own catalogue so standard dialogs speak Dutch too."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    if lang != "nl":
        return None
    translator = QTranslator(app)  # type: ignore[arg-type]
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


def build(
    db_path: Path,
    lang: str | None = None,
    ask: Callable[[str, str], bool] | None = None,
    tell: Callable[[str, str], None] | None = None,
    *,
    interactive: bool = True,
) -> Kroniek:
    """Create the window and its parts for *db_path* (a QApplication must exist)."""
    from PySide6.QtWidgets import QApplication

    from explorer.core.events.store import EventStore
    from explorer.core.timeline.data import load_timeline_data
    from explorer.ui import settings as keys
    from explorer.ui.controller import Controller, default_view
    from explorer.ui.library.controller import LibraryController
    from explorer.ui.library.opening import open_library
    from explorer.ui.mainwindow import MainWindow
    from explorer.ui.search.results_model import ResultsModel
    from explorer.ui.search.worker import SearchController
    from explorer.ui.settings import Settings

    app = QApplication.instance()
    settings = Settings()
    chosen = lang or settings.get(keys.LANGUAGE) or i18n.system_language()
    i18n.set_language(chosen if chosen in i18n.LANGUAGES else "en")
    store = EventStore(db_path)
    data = load_timeline_data(store.conn)
    model = ResultsModel(store.events)
    window = MainWindow(settings, model)
    window.timeline.set_data(data)
    window.overview.set_data(data)
    searches = SearchController(db_path, data, parent=window)
    if not interactive:
        ask, tell = (lambda _t, _q: False), tell or _tell_stderr
    library = open_library(ask or _ask_yes_no, tell or _tell, interactive=interactive)
    librarian = LibraryController(library, store, window.library_panel, window.annotations, window)
    controller = Controller(store, data, window, model, searches, librarian)
    connect_signals(window, controller, searches)
    connect_library_signals(window, controller, librarian)
    librarian.update_marks()
    librarian.refresh()
    if library.recovered_from_crash:
        window.statusBar().showMessage(
            _("Kroniek did not close properly last time; your library was checked and is intact."),
            15000,
        )
    translators: dict[str, object | None] = {"qt": None}

    def switch_qt_catalogue(new_lang: str) -> None:
        old = translators["qt"]
        if old is not None:
            app.removeTranslator(old)  # type: ignore[union-attr, arg-type]
        translators["qt"] = _qt_translator(app, new_lang)
        if translators["qt"] is not None:
            app.installTranslator(translators["qt"])  # type: ignore[union-attr, arg-type]

    switch_qt_catalogue(i18n.language())

    def remove_qt_catalogue() -> None:
        old = translators["qt"]
        if old is not None:
            app.removeTranslator(old)  # type: ignore[union-attr, arg-type]
            translators["qt"] = None

    stops = [
        i18n.on_language_changed(switch_qt_catalogue),
        i18n.on_language_changed(controller.language_changed),
        remove_qt_catalogue,
    ]
    # A closed window must not be retranslated: stop listening when it goes.
    window.destroyed.connect(lambda *_a: [stop() for stop in stops])
    window.retranslate()
    view = default_view(data)
    if view is not None:
        window.timeline.set_view(*view)
    controller.submit(controller.query)
    return Kroniek(window, controller, searches, store, stops)


def connect_signals(window: object, controller: object, searches: object) -> None:
    """Every connection between the window, the controller and the search thread."""
    from explorer.ui.controller import Controller
    from explorer.ui.mainwindow import MainWindow
    from explorer.ui.search.worker import SearchController

    assert isinstance(window, MainWindow)
    assert isinstance(controller, Controller)
    assert isinstance(searches, SearchController)
    c, w = controller, window
    searches.results_ready.connect(c.results_ready)
    searches.facets_ready.connect(c.facets_ready)
    searches.facets_available.connect(c.recount)
    w.search_field.textChanged.connect(c.text_edited)
    w.sort_box.currentIndexChanged.connect(lambda _i: c.sort_changed())
    w.facets.facet_toggled.connect(c.toggle_facet)
    w.facets.facet_removed.connect(c.remove_facet)
    w.facets.date_range_removed.connect(c.clear_dates)
    w.facets.all_cleared.connect(c.clear_all)
    w.timeline.selection_changed.connect(c.select)
    w.timeline.range_brushed.connect(c.brush)
    w.timeline.view_changed.connect(w.overview.set_window)
    w.timeline.view_changed.connect(c.view_changed)
    w.overview.window_changed.connect(w.timeline.set_view)
    w.timeline.history_changed.connect(
        lambda: (w.act_back.setEnabled(w.timeline.can_go_back()),
                 w.act_forward.setEnabled(w.timeline.can_go_forward()))
    )  # fmt: skip
    w.results.selectionModel().selectionChanged.connect(lambda *_a: c.list_selection_changed())
    w.detail.previous_requested.connect(lambda: c.step(False))
    w.detail.next_requested.connect(lambda: c.step(True))
    w.detail.facet_requested.connect(c.facet_link)
    w.act_find.triggered.connect(lambda: (w.search_field.setFocus(), w.search_field.selectAll()))
    w.act_go_to_date.triggered.connect(c.go_to_date)
    w.act_back.triggered.connect(w.timeline.go_back)
    w.act_forward.triggered.connect(w.timeline.go_forward)
    w.act_previous.triggered.connect(lambda: c.step(False))
    w.act_next.triggered.connect(lambda: c.step(True))
    w.act_clear.triggered.connect(c.clear_all)
    w.act_zoom_in.triggered.connect(lambda: c.zoom(1.5))
    w.act_zoom_out.triggered.connect(lambda: c.zoom(1 / 1.5))
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


def connect_library_signals(window: object, controller: object, librarian: object) -> None:
    """Connections of the librarian's tools: panels, menus, context menus."""
    from explorer.ui.controller import Controller
    from explorer.ui.library.controller import LibraryController
    from explorer.ui.mainwindow import MainWindow

    assert isinstance(window, MainWindow)
    assert isinstance(controller, Controller)
    assert isinstance(librarian, LibraryController)
    w, c, lib = window, controller, librarian
    a, p = w.annotations, w.library_panel
    a.bookmark_toggled.connect(lib.toggle_bookmark)
    a.tag_added.connect(lib.add_tag)
    a.tag_removed.connect(lib.remove_tag)
    a.note_created.connect(lib.create_note)
    a.note_changed.connect(lib.change_note)
    a.note_deleted.connect(lib.delete_note)
    a.collection_chosen.connect(lib.add_to_collection)
    a.citation_requested.connect(lambda: c.citation_copied(lib.copy_citation()))
    p.event_opened.connect(c.open_event)
    p.search_restored.connect(lib.restore_search)
    p.search_save_requested.connect(lib.save_search)
    p.search_rename_requested.connect(lib.rename_search)
    p.search_delete_requested.connect(lib.delete_search)
    p.tag_filter_requested.connect(lambda name: c.facet_link("tag", name))
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
    lib.changed.connect(c.library_changed)
    lib.search_restore_requested.connect(c.restore_search)
    w.act_bookmark.triggered.connect(lambda: lib.toggle_bookmark())
    w.act_add_note.triggered.connect(lambda: lib.add_note())
    w.act_copy_citation.triggered.connect(lambda: c.citation_copied(lib.copy_citation()))
    w.act_save_search.triggered.connect(lib.save_search)
    w.act_export_library.triggered.connect(lib.export)
    w.act_import_library.triggered.connect(lib.import_)
    w.act_show_library.triggered.connect(lambda: w.left_tabs.setCurrentWidget(p))
    w.timeline.context_menu_requested.connect(c.event_menu)
    w.results.customContextMenuRequested.connect(c.list_menu)


def _show_help(window: object, page: str) -> None:
    from explorer.ui.help import show_help

    show_help(window, page)  # type: ignore[arg-type]


def _screenshot(kroniek: Kroniek, args: argparse.Namespace) -> int:
    """Render the window offscreen in the requested state and save it."""
    from PySide6.QtCore import QEventLoop, QTimer

    from explorer.ui.controller import Controller
    from explorer.ui.mainwindow import MainWindow

    window, controller = kroniek.window, kroniek.controller
    assert isinstance(window, MainWindow) and isinstance(controller, Controller)
    window.resize(*args.size)
    window.show()

    def wait_for_search() -> None:
        loop = QEventLoop()
        controller.search_finished.connect(loop.quit)
        QTimer.singleShot(20000, loop.quit)  # never hang: give up after 20 s
        loop.exec()
        controller.search_finished.disconnect(loop.quit)

    wait_for_search()
    if args.query:
        window.search_field.setText(args.query)
        wait_for_search()
    if args.select:
        controller.select(args.select)
    elif args.query and controller.model.rowCount():
        controller.select(controller.model.event_id(0))
    if args.view:
        window.timeline.set_view(*args.view)
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # let layouts settle before the picture
    image = window.grab()
    path = Path(args.screenshot)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"kroniek: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if not image.save(str(path)):
        print(f"kroniek: cannot write {path}", file=sys.stderr)
        return 1
    return 0


class _CtrlC:
    """Ctrl+C (SIGINT) closes the window the normal way, even while it starts.

    Qt's loop runs in C++, where Python cannot act on a signal; a timer hands
    control back to Python a few times a second so the handler can run. The
    handler only sets a flag and quits the loop, so the library is closed and
    saved as usual instead of a KeyboardInterrupt tearing through a half-built
    window and its search thread.
    """

    def __init__(self, app: object) -> None:
        import signal

        from PySide6.QtCore import QCoreApplication, QTimer

        assert isinstance(app, QCoreApplication)
        self.app = app
        self.interrupted = False
        self._previous = signal.signal(signal.SIGINT, self._interrupt)
        self._waker = QTimer()
        self._waker.timeout.connect(lambda: None)
        self._waker.start(200)

    def _interrupt(self, _signum: int, _frame: object) -> None:
        self.interrupted = True
        self.app.quit()  # type: ignore[attr-defined]

    def exec(self) -> int:
        if self.interrupted:
            return 130
        code = int(self.app.exec())  # type: ignore[attr-defined]
        return 130 if self.interrupted else code

    def restore(self) -> None:
        import signal

        self._waker.stop()
        signal.signal(signal.SIGINT, self._previous)
        if self.interrupted:
            print("kroniek: " + _("interrupted"), file=sys.stderr)


def run_gui(args: argparse.Namespace) -> int:
    """Start the window (or render a screenshot of it) and run until it closes."""
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Kroniek")
    # The desktop entry's name, so docks match the window to the menu item.
    app.setDesktopFileName("kroniek")
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "kroniek.svg")))
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Kroniek")
    db_path = Path(args.db) if args.db else paths.bundled_db()
    ctrl_c = _CtrlC(app)
    try:
        return _run_window(args, db_path, ctrl_c)
    finally:
        ctrl_c.restore()


def _run_window(args: argparse.Namespace, db_path: Path, ctrl_c: _CtrlC) -> int:
    from explorer.core.events.store import DatabaseError

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
            return _screenshot(kroniek, args)
        from explorer.ui import crash

        window = kroniek.window
        crash.install(window)  # type: ignore[arg-type]
        window.restore_state()  # type: ignore[attr-defined]
        window.show()  # type: ignore[attr-defined]
        return ctrl_c.exec()
    finally:
        kroniek.close()
