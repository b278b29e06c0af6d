"""The main window: its widgets, menus and actions, and nothing else.

Layout: the side panel (filters, my library) on the left; on the right the
search bar, the category legend, the timeline with its overview band, and below
them the result list beside the detail view. Each part is a pane
(:mod:`explorer.ui.panes`): F6 and Shift+F6 move between them, Tab walks their
controls in the same order, and the side panel and the detail view can be
hidden from the View menu (F9, F8). :mod:`explorer.ui.screen_fit` sizes the
window to its screen.
Behaviour (what a search or a selection does) lives in
:mod:`explorer.ui.controller`; :mod:`explorer.app` connects the two.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from explorer import i18n
from explorer.i18n import _
from explorer.ui import screen_fit
from explorer.ui import settings as keys
from explorer.ui.detail import DetailView
from explorer.ui.focus_ring import FocusRing
from explorer.ui.library.annotations import AnnotationsPanel, citation_styles_menu
from explorer.ui.library.panel import LibraryPanel
from explorer.ui.panes import Pane, Panes
from explorer.ui.plain import plain_label
from explorer.ui.search.facet_panel import FacetPanel
from explorer.ui.search.results_model import ResultsModel
from explorer.ui.search.results_view import ResultsView
from explorer.ui.settings import Settings
from explorer.ui.timeline.legend import CategoryLegend
from explorer.ui.timeline.overview import OverviewBand
from explorer.ui.timeline.view import TimelineView


class MainWindow(QMainWindow):
    """Kroniek's window. Widgets are public attributes for the controller and tests."""

    #: A citation style picked from Library › Copy citation as (its key).
    citation_style_chosen = Signal(str)

    def __init__(self, settings: Settings, model: ResultsModel) -> None:
        super().__init__()
        self.settings = settings
        self.setObjectName("KroniekMainWindow")
        self._marks = (False, False)
        self.search_field = QLineEdit(self)
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setObjectName("search")
        self.sort_box = QComboBox(self)
        self.search_message = plain_label(self)
        self.search_message.setObjectName("searchMessage")
        self.search_message.setWordWrap(True)
        self.legend = CategoryLegend(self)
        self.timeline = TimelineView(parent=self)
        self.timeline.setMinimumSize(320, 140)
        self.overview = OverviewBand(parent=self)
        self.overview.setFixedHeight(56)
        self.facets = FacetPanel(self)
        self.results = ResultsView(model, self)
        self.results.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.detail = DetailView(self)
        self.annotations = AnnotationsPanel(self)
        self.library_panel = LibraryPanel(self)
        self.status_counts = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_counts)

        self.search_bar = QWidget(self)
        bar = QHBoxLayout(self.search_bar)
        bar.setContentsMargins(6, 6, 6, 0)
        self.search_label = QLabel(self)
        self.search_label.setBuddy(self.search_field)
        self.sort_label = QLabel(self)
        self.sort_label.setBuddy(self.sort_box)
        bar.addWidget(self.search_label)
        bar.addWidget(self.search_field, 1)
        bar.addWidget(self.sort_label)
        bar.addWidget(self.sort_box)
        self.left_tabs = QTabWidget(self)
        self.left_tabs.addTab(self.facets, "")
        self.left_tabs.addTab(self.library_panel, "")
        self.timeline_pane = QWidget(self)
        top_layout = QVBoxLayout(self.timeline_pane)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(2)
        top_layout.addWidget(self.search_message)
        top_layout.addWidget(self.legend)
        top_layout.addWidget(self.timeline, 1)
        top_layout.addWidget(self.overview)
        self.detail_pane = QWidget(self)
        reading_layout = QVBoxLayout(self.detail_pane)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        reading_layout.addWidget(self.detail, 1)
        reading_layout.addWidget(self.annotations)

        self.lower_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.lower_splitter.addWidget(self.results)
        self.lower_splitter.addWidget(self.detail_pane)
        self.lower_splitter.setStretchFactor(0, 2)
        self.lower_splitter.setStretchFactor(1, 3)
        self.content_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.content_splitter.addWidget(self.timeline_pane)
        self.content_splitter.addWidget(self.lower_splitter)
        self.content_splitter.setStretchFactor(0, 1)
        self.content_splitter.setStretchFactor(1, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(2)
        right_layout.addWidget(self.search_bar)
        right_layout.addWidget(self.content_splitter, 1)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.addWidget(self.left_tabs)
        self.main_splitter.addWidget(right)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        for splitter in (self.main_splitter, self.content_splitter, self.lower_splitter):
            splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.main_splitter)
        self.resize(1400, 900)
        self.share_space()
        self.panes_menu = QMenu(self)
        self._build_actions()
        self._build_menus()
        self.panes = Panes(self, self.panes_menu)
        self._add_panes()
        self.focus_ring = FocusRing(self)
        self.retranslate()

    def _add_panes(self) -> None:
        """The panes in the order of F6 and Tab (see the Keyboard page of Help)."""
        for pane in (
            Pane("search", self.search_bar, lambda: _("Search"), focus=self.search_field,
                 can_hide=False),
            Pane("side", self.left_tabs, lambda: _("Side &panel (filters, my library)"), "F9"),
            Pane("timeline", self.timeline_pane, lambda: _("Timeline"), focus=self.timeline,
                 can_hide=False),
            Pane("results", self.results, lambda: _("Results"), can_hide=False),
            Pane("detail", self.detail_pane, lambda: _("&Detail pane"), "F8"),
        ):  # fmt: skip
            self.panes.add(pane)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab walk the panes' controls in pane order."""
        return self.panes.tab(next) or super().focusNextPrevChild(next)

    def share_space(self) -> None:
        """Split the window between the panes for its current size."""
        w, h = max(self.width(), 640), max(self.height(), 480)
        side = min(320, max(250, w // 5))
        self.main_splitter.setSizes([side, w - side])
        # A low window gives the reading half more: the timeline shrinks first.
        top = int(h * (0.5 if h >= 800 else 0.42))
        self.content_splitter.setSizes([top, h - top])
        rest = w - side
        self.lower_splitter.setSizes([int(rest * 0.42), rest - int(rest * 0.42)])

    # -- actions and menus --------------------------------------------------
    def _action(self, shortcut: str | QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_export_png = self._action("Ctrl+E")
        self.act_export_svg = self._action()
        self.act_export_pdf = self._action()
        self.act_print = self._action(QKeySequence.StandardKey.Print)
        self.act_quit = self._action(QKeySequence.StandardKey.Quit)
        self.act_quit.triggered.connect(self.close)
        self.act_zoom_in = self._action("Ctrl+=")
        self.act_zoom_out = self._action("Ctrl+-")
        self.act_fit_all = self._action("Ctrl+0")
        self.act_zoom_selection = self._action("Ctrl+Shift+Z")
        self.act_find = self._action(QKeySequence.StandardKey.Find)
        # Escape empties the search field (only while it has the focus).
        self.act_clear_field = QAction(self.search_field)
        self.act_clear_field.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.act_clear_field.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.search_field.addAction(self.act_clear_field)
        self.act_go_to_date = self._action("Ctrl+G")
        self.act_back = self._action("Alt+Left")
        self.act_forward = self._action("Alt+Right")
        self.act_previous = self._action("Ctrl+[")
        self.act_next = self._action("Ctrl+]")
        self.act_clear = self._action("Ctrl+Shift+Backspace")
        self.act_bookmark = self._action("Ctrl+D")
        self.act_add_note = self._action("Ctrl+Shift+N")
        self.act_copy_citation = self._action("Ctrl+Shift+C")
        self.act_save_search = self._action(QKeySequence.StandardKey.Save)
        self.act_export_library = self._action()
        self.act_export_results = self._action()
        self.citation_menu = citation_styles_menu(self, self.citation_style_chosen.emit)
        self.act_import_library = self._action()
        self.act_show_library = self._action("Ctrl+L")
        self.act_next_pane = self._action("F6")
        self.act_previous_pane = self._action("Shift+F6")
        self.act_next_pane.triggered.connect(lambda: self.panes.cycle(True))
        self.act_previous_pane.triggered.connect(lambda: self.panes.cycle(False))
        self.act_restore_session = self._action()
        self.act_restore_session.setCheckable(True)
        self.act_restore_session.setChecked(bool(self.settings.get(keys.RESTORE_SESSION)))
        self.act_restore_session.toggled.connect(
            lambda on: self.settings.set(keys.RESTORE_SESSION, on)
        )
        self.act_shortcuts = self._action(QKeySequence.StandardKey.HelpContents)
        self.act_guide = self._action()
        self.act_about = self._action()
        self.language_group = QActionGroup(self)
        self.act_dutch = self._action()
        self.act_english = self._action()
        for action, lang in ((self.act_dutch, "nl"), (self.act_english, "en")):
            action.setCheckable(True)
            action.setData(lang)
            self.language_group.addAction(action)
        (self.act_dutch if i18n.language() == "nl" else self.act_english).setChecked(True)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = QMenu(self)
        self.export_menu = QMenu(self)
        self.export_menu.addActions([self.act_export_png, self.act_export_svg, self.act_export_pdf])
        self.file_menu.addMenu(self.export_menu)
        self.file_menu.addAction(self.act_print)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_restore_session)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_quit)
        self.view_menu = QMenu(self)
        self.view_menu.addActions(
            [self.act_zoom_in, self.act_zoom_out, self.act_fit_all, self.act_zoom_selection]
        )
        self.view_menu.addSeparator()
        self.view_menu.addMenu(self.panes_menu)
        self.view_menu.addActions([self.act_next_pane, self.act_previous_pane])
        self.view_menu.addSeparator()
        self.language_menu = QMenu(self)
        self.language_menu.addActions([self.act_dutch, self.act_english])
        self.view_menu.addMenu(self.language_menu)
        self.go_menu = QMenu(self)
        self.go_menu.addActions(
            [self.act_find, self.act_go_to_date, self.act_back, self.act_forward]
        )
        self.go_menu.addSeparator()
        self.go_menu.addActions([self.act_previous, self.act_next, self.act_clear])
        self.library_menu = QMenu(self)
        self.library_menu.addActions([self.act_bookmark, self.act_add_note, self.act_copy_citation])
        self.library_menu.addMenu(self.citation_menu)
        self.library_menu.addAction(self.act_save_search)
        self.library_menu.addSeparator()
        self.library_menu.addActions(
            [self.act_show_library, self.act_export_library, self.act_export_results,
             self.act_import_library]
        )  # fmt: skip
        self.help_menu = QMenu(self)
        self.help_menu.addActions([self.act_shortcuts, self.act_guide])
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.act_about)
        menus = (self.file_menu, self.view_menu, self.go_menu, self.library_menu, self.help_menu)
        for menu in menus:
            bar.addMenu(menu)

    # -- language -----------------------------------------------------------
    def retranslate(self) -> None:
        """Re-read every visible text in the active language."""
        self.setWindowTitle(_("Kroniek — the Russian invasion of Ukraine"))
        self.search_label.setText(_("&Search:"))
        self.search_field.setPlaceholderText(
            _('Search in Dutch or English — e.g. Kharkiv, Putin, "krimbrug", kerncentr*')
        )
        self.search_field.setAccessibleName(_("Search events"))
        self.search_field.setToolTip(
            _('Words, prefixes (kerncentr*), "quoted phrases" and -excluded words')
        )
        self.sort_label.setText(_("S&ort:"))
        current = self.sort_box.currentData() or self.settings.get(keys.SORT)
        self.sort_box.blockSignals(True)
        self.sort_box.clear()
        self.sort_box.addItem(_("by date"), "date")
        self.sort_box.addItem(_("by relevance"), "relevance")
        self.sort_box.setCurrentIndex(max(0, self.sort_box.findData(current)))
        self.sort_box.blockSignals(False)
        self.sort_box.setAccessibleName(_("Sort results"))
        self.results.setAccessibleName(_("Results"))
        self.timeline.setAccessibleName(_("Timeline"))
        self.overview.setAccessibleName(_("Overview of the whole period"))
        self.file_menu.setTitle(_("&File"))
        self.export_menu.setTitle(_("&Export timeline view"))
        self.act_export_png.setText(_("As &PNG image…"))
        self.act_export_svg.setText(_("As &SVG drawing…"))
        self.act_export_pdf.setText(_("As P&DF document…"))
        self.act_print.setText(_("&Print timeline view…"))
        self.act_quit.setText(_("&Quit"))
        self.view_menu.setTitle(_("&View"))
        self.act_zoom_in.setText(_("Zoom &in"))
        self.act_zoom_out.setText(_("Zoom &out"))
        self.act_fit_all.setText(_("&Fit all"))
        self.act_zoom_selection.setText(_("Zoom to &selection"))
        self.panes_menu.setTitle(_("&Panes"))
        self.act_next_pane.setText(_("Ne&xt pane"))
        self.act_previous_pane.setText(_("Pre&vious pane"))
        self.act_restore_session.setText(_("&Reopen the last session at start"))
        self.language_menu.setTitle(_("&Language"))
        self.act_dutch.setText("Nederlands")
        self.act_english.setText("English")
        (self.act_dutch if i18n.language() == "nl" else self.act_english).setChecked(True)
        self.go_menu.setTitle(_("&Go"))
        self.act_find.setText(_("&Find…"))
        self.act_go_to_date.setText(_("Go to &date…"))
        self.act_back.setText(_("&Back"))
        self.act_forward.setText(_("F&orward"))
        self.act_previous.setText(_("&Previous event"))
        self.act_next.setText(_("&Next event"))
        self.act_clear.setText(_("&Clear search and filters"))
        self.library_menu.setTitle(_("&Library"))
        self.show_marks(*self._marks)
        self.act_copy_citation.setText(_("&Copy citation"))
        self.act_save_search.setText(_("&Save current search…"))
        self.act_show_library.setText(_("Show &my library"))
        self.act_export_library.setText(_("&Export library…"))
        self.act_export_results.setText(_("Export the &results…"))
        self.citation_menu.setTitle(_("Copy citation &as"))
        self.act_import_library.setText(_("&Import annotations…"))
        self.left_tabs.setTabText(0, _("Filters"))
        self.left_tabs.setTabText(1, _("My library"))
        self.help_menu.setTitle(_("&Help"))
        self.act_shortcuts.setText(_("&Keyboard shortcuts"))
        self.act_guide.setText(_("&User guide"))
        self.act_about.setText(_("&About Kroniek"))
        self.panes.retranslate()
        self.legend.retranslate()
        self.timeline.retranslate()
        self.overview.retranslate()
        self.facets.retranslate()
        self.detail.retranslate()
        self.annotations.retranslate()
        self.library_panel.retranslate()
        model = self.results.model()
        if isinstance(model, ResultsModel):
            model.retranslate()

    def show_marks(self, bookmarked: bool, has_note: bool) -> None:
        """Name the Library menu's actions after what they would do to the selected event."""
        self._marks = (bookmarked, has_note)
        self.act_bookmark.setText(_("Remove &bookmark") if bookmarked else _("&Bookmark"))
        self.act_add_note.setText(_("Edit &note") if has_note else _("Add &note"))

    # -- state --------------------------------------------------------------
    def restore_state(self) -> None:
        """Put geometry, splitters and panes back where the user left them,
        on the screen the window opens on (sized to it on the first start)."""
        geometry = self.settings.get(keys.GEOMETRY)
        restored = isinstance(geometry, QByteArray) and not geometry.isEmpty()
        if restored:
            restored = self.restoreGeometry(geometry)
        screen_fit.place(self, restored)
        if not restored:
            self.share_space()
        for setting, splitter in (
            (keys.MAIN_SPLITTER, self.main_splitter),
            (keys.CONTENT_SPLITTER, self.content_splitter),
            (keys.LOWER_SPLITTER, self.lower_splitter),
        ):
            value = self.settings.get(setting)
            if isinstance(value, QByteArray) and not value.isEmpty():
                splitter.restoreState(value)
        docks = self.settings.get(keys.WINDOW_STATE)  # where the map dock sits
        if isinstance(docks, QByteArray) and not docks.isEmpty():
            self.restoreState(docks)
        hidden, shown = (
            _keys(keys.HIDDEN_PANES, self.settings),
            _keys(keys.SHOWN_PANES, self.settings),
        )
        by_default = _keys(keys.HIDDEN_PANES)
        unknown = [p.key for p in self.panes if p.key not in shown and p.key in by_default]
        self.panes.restore_hidden(hidden + unknown)

    def save_state(self) -> None:
        self.settings.set(keys.GEOMETRY, self.saveGeometry())
        self.settings.set(keys.WINDOW_STATE, self.saveState())
        self.settings.set(keys.MAIN_SPLITTER, self.main_splitter.saveState())
        self.settings.set(keys.CONTENT_SPLITTER, self.content_splitter.saveState())
        self.settings.set(keys.LOWER_SPLITTER, self.lower_splitter.saveState())
        hidden = self.panes.hidden()
        self.settings.set(keys.HIDDEN_PANES, ",".join(hidden))
        shown = [p.key for p in self.panes if p.can_hide and p.key not in hidden]
        self.settings.set(keys.SHOWN_PANES, ",".join(shown))
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)


def _keys(setting: keys.Setting, settings: Settings | None = None) -> list[str]:
    """The pane keys *setting* lists (comma-separated): as saved, or by default."""
    value = setting.default if settings is None else settings.get(setting)
    return [key for key in str(value).split(",") if key]
