"""Connects the reading pane to the search session, both ways.

From the session to the pane: the selected event's sentence is scrolled to
(however it was selected: list, timeline, map, detail view); a search's hits
get a dot and its terms are highlighted in the text; the events the filters
leave out are faded; the reader's bookmarks and notes stand in the margin and
follow every change of the library; a language switch changes dates, labels
and glosses.

From the pane to the session: a click on a marked sentence selects its event
everywhere; scrolling moves the "reading here" band on the timeline and the
overview (the days of the events on screen); "Add note" on a selection opens
the window's note editor on that event with the selection quoted, so the note
is kept in the library (tied to the event id, not to an offset) and comes
back to the margin from there.

Nothing is read before the pane is first shown: the article and the glossary
load then (:class:`ReadingSources`), so a cold start does not pay for them.
While the pane is hidden the session's changes are only remembered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QMenu

from explorer import i18n
from explorer.core.events.search import SearchPlan
from explorer.core.events.store import EventStore
from explorer.core.library.library import Library
from explorer.ui.detail import DetailView
from explorer.ui.library.controller import LibraryController
from explorer.ui.reading.dock import ReadingDock, install_reading_pane
from explorer.ui.search.session import SearchSession
from explorer.ui.search.worker import SearchOutcome

if TYPE_CHECKING:
    # The article, the glossary and the pane are imported when first used, not at start.
    from explorer.core.article.glossary import Glossary
    from explorer.core.article.text import ArticleText
    from explorer.ui.reading.pane import MarginNote, ReadingPane

#: The "reading here" span for the timeline: days ``[t0, t1)``, or None for no mark.
ShowSpan = Callable[[tuple[float, float] | None], None]


class SpanView(Protocol):
    """A view that marks the "reading here" span (the timeline, the overview)."""

    def set_reading_span(self, span: tuple[float, float] | None) -> None: ...


@dataclass(frozen=True)
class ReadingSources:
    """What the pane reads besides the session: the article and glossary (loaded on
    first use), the library's marks for the margin, a way to open the note editor on
    an event with a quote, and where the "reading here" span is shown."""

    article: Callable[[], ArticleText | None]
    glossary: Callable[[], Glossary | None]
    margin_notes: Callable[[], Mapping[str, MarginNote]]
    add_note: Callable[[str, str], None]
    show_span: ShowSpan


class ReadingController(QObject):
    """The reading pane and the session, linked both ways (see the module)."""

    def __init__(
        self,
        session: SearchSession,
        dock: ReadingDock,
        sources: ReadingSources,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.dock = dock
        self.sources = sources
        self._open = False
        self._loaded = False
        self._glossary: Glossary | None = None
        self._glossary_read = False
        self._article_ids: frozenset[str] = frozenset()
        self._outcome: SearchOutcome | None = None
        #: The event the reader clicked in the text: selected, but not scrolled to.
        self._clicked = ""
        session.selection_changed.connect(self._selection_changed)
        session.results_changed.connect(self._results_changed)
        dock.pane_created.connect(self._connect_pane)
        dock.visibilityChanged.connect(self._visibility_changed)

    # -- opening and closing --------------------------------------------------------------

    @property
    def pane(self) -> ReadingPane:
        """The pane (made, without the article yet, on first use)."""
        return self.dock.pane

    def _connect_pane(self) -> None:
        pane = self.dock.pane
        pane.event_clicked.connect(self._event_clicked)
        pane.reading_span_changed.connect(self._span_changed)
        pane.note_requested.connect(self.sources.add_note)

    def is_open(self) -> bool:
        return self._open

    def is_loaded(self) -> bool:
        return self._loaded

    def _visibility_changed(self, visible: bool) -> None:
        if visible == self._open:
            return
        self._open = visible
        if not visible:
            self.sources.show_span(None)
            return
        self.load()
        self.pane.set_language(i18n.language())
        self.refresh_notes()
        self._show_search()
        if self.session.selected:
            self.pane.show_event(self.session.selected)
        span = self.pane.reading_span()
        if span is not None:
            self._span_changed(*span)

    def load(self) -> None:
        """Read the article and its glossary (once, the first time the pane opens)."""
        if self._loaded:
            return
        self._loaded = True
        article = self.sources.article()
        if article is not None:
            self._article_ids = frozenset(article.event_ids())
            self.pane.set_article(article, self.glossary())

    def glossary(self) -> Glossary | None:
        """The glossary, read on first use (by the pane or a hover in the detail view)."""
        if not self._glossary_read:
            self._glossary_read = True
            self._glossary = self.sources.glossary()
        return self._glossary

    def gloss_for(self, text: str, start: int, end: int) -> str:
        """Glosses for the detail view: English interface only, as in the pane."""
        if i18n.language() != "en":
            return ""
        from explorer.ui.reading.describe import glosses_in

        return glosses_in(self.glossary(), text, start, end)

    # -- session -> pane ---------------------------------------------------------------

    def _selection_changed(self, event_id: str) -> None:
        clicked, self._clicked = self._clicked, ""
        if self._open and (not event_id or event_id != clicked):
            self.pane.show_event(event_id)

    def _results_changed(self, outcome: SearchOutcome) -> None:
        if outcome.error:
            return
        self._outcome = outcome
        if self._open:
            self._show_search()

    def _show_search(self) -> None:
        """Hits dotted and terms highlighted (a text search), misses faded (any filter)."""
        outcome = self._outcome
        plan: SearchPlan | None = outcome.plan if outcome is not None else None
        if outcome is None or outcome.ids is None or not self._article_ids:
            found: frozenset[str] = frozenset()
            dimmed: frozenset[str] = frozenset()
        else:
            found = self._article_ids.intersection(outcome.ids)
            dimmed = self._article_ids - found
        has_text = plan is not None and plan.match.match is not None
        self.pane.set_matches(found if has_text else ())
        self.pane.set_highlight_terms(plan.match.patterns if plan is not None else ())
        self.pane.set_dimmed(dimmed)

    def refresh_notes(self) -> None:
        """The library's bookmarks and notes into the margin (after every change)."""
        if self._loaded:
            self.pane.set_margin_notes(self.sources.margin_notes())

    # -- pane -> session ---------------------------------------------------------------

    def _event_clicked(self, event_id: str) -> None:
        if event_id != self.session.selected:
            self._clicked = event_id
        self.session.select(event_id)

    def _span_changed(self, first: int, last: int) -> None:
        if self._open:
            self.sources.show_span((float(first), float(last + 1)))

    # -- language ------------------------------------------------------------------------

    def retranslate(self) -> None:
        """After a language switch: labels, dates and (English only) glosses."""
        self.dock.retranslate()
        if self.dock.has_pane():
            self.pane.set_language(i18n.language())


def margin_notes(library: Library) -> dict[str, MarginNote]:
    """Event id -> (bookmarked, the note's text, or how many notes) for the margin."""
    bodies: dict[str, list[str]] = {}
    for note in library.notes.all():
        bodies.setdefault(note.event_id, []).append(note.body)
    bookmarked = library.bookmarks.event_ids()
    marks: dict[str, MarginNote] = {}
    for event_id in set(bookmarked) | bodies.keys():
        notes = bodies.get(event_id, [])
        marks[event_id] = (event_id in bookmarked, notes[0] if len(notes) == 1 else len(notes))
    return marks


def install_reading(
    window: QMainWindow,
    view_menu: QMenu,
    session: SearchSession,
    store: EventStore,
    librarian: LibraryController,
    *,
    spans: Iterable[SpanView],
    detail: DetailView,
) -> ReadingController:
    """The reading dock in *window* (*view_menu* › Reading pane, Ctrl+R), fed from the
    event database and the library, its "reading here" span marked on the *spans*
    views, and glosses on hover and selection in the *detail* view."""
    dock = install_reading_pane(window, view_menu)
    views = list(spans)

    def show_span(span: tuple[float, float] | None) -> None:
        for view in views:
            view.set_reading_span(span)

    def add_note(event_id: str, quote: str) -> None:
        session.select(event_id)  # the note editor works on the selected event
        librarian.add_note(quote)

    def article() -> ArticleText | None:
        from explorer.core.article.text import load_article

        return load_article(store.conn)

    def glossary() -> Glossary:
        from explorer.core.article.glossary import Glossary

        return Glossary(store.conn)

    sources = ReadingSources(
        article=article,
        glossary=glossary,
        margin_notes=lambda: margin_notes(librarian.library),
        add_note=add_note,
        show_span=show_span,
    )
    reading = ReadingController(session, dock, sources, parent=window)
    librarian.changed.connect(reading.refresh_notes)
    detail.gloss_for = reading.gloss_for
    return reading
