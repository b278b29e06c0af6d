"""ReadingPane: the whole article beside the timeline, in step with it both ways.

Public API for the composition root:

* signals ``event_clicked(str)`` (a marked sentence or its badge was clicked,
  or Enter pressed in it), ``reading_span_changed(int, int)`` (first and last
  day, as ordinals, of the events on screen, as the reader scrolls) and
  ``note_requested(str, str)`` (the event a selection belongs to, the
  selected text: "Add note");
* ``show_event(id)`` scrolls to the event's sentence and marks it;
  ``set_matches(ids)`` and ``set_highlight_terms(patterns)`` show a search,
  ``set_dimmed(ids)`` fades events the filters leave out,
  ``set_margin_notes({id: (bookmarked, count or snippet)})`` fills the margin,
  ``set_language(lang)`` / ``retranslate()`` follow the interface language
  (English also turns on glosses).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.core.article.find import ArticleFinder
from explorer.core.article.glossary import Glossary
from explorer.core.article.text import ArticleText, Piece
from explorer.core.events.query import Pattern
from explorer.i18n import _
from explorer.ui.plain import clipped
from explorer.ui.reading.describe import (
    badge,
    hover_text,
    precision_text,
    provenance_text,
    skip_text,
    skipped_badge,
)
from explorer.ui.reading.findbar import FindBar
from explorer.ui.reading.margins import MarginItem
from explorer.ui.reading.view import ReadingView

MarginNote = tuple[bool, int | str]


class ReadingPane(QWidget):
    """The article with its events marked, a table of contents, find and notes."""

    event_clicked = Signal(str)
    reading_span_changed = Signal(int, int)
    note_requested = Signal(str, str)

    def __init__(
        self,
        article: ArticleText | None = None,
        glossary: Glossary | None = None,
        lang: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lang = lang
        self._article: ArticleText | None = None
        self._glossary = glossary
        self._finder: ArticleFinder | None = None
        self._span: tuple[int, int] | None = None
        self._snippets: dict[str, str] = {}
        self.provenance = QLabel(self)
        self.provenance.setTextFormat(Qt.TextFormat.PlainText)
        self.provenance.setWordWrap(True)
        self.provenance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        small = QFont(self.provenance.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.88))
        self.provenance.setFont(small)
        self.toc = QComboBox(self)
        self.toc.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.toc.setMinimumContentsLength(20)
        self.find_button = QToolButton(self)
        self.note_button = QPushButton(self)
        self.note_button.setEnabled(False)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.view = ReadingView(self)
        font = QFont(self.view.font())
        font.setPointSizeF(font.pointSizeF() * 1.1 if font.pointSizeF() > 0 else 11.0)
        self.view.setFont(font)
        self.gloss = QLabel(self)
        self.gloss.setTextFormat(Qt.TextFormat.PlainText)
        self.gloss.setWordWrap(True)
        self.gloss.hide()
        self.add_note_action = QAction(self)
        self.add_note_action.triggered.connect(self.request_note)
        self._layout()
        self._connect()
        if article is not None:
            self.set_article(article, glossary)
        self.retranslate()

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        self.toc_label = QLabel(self)
        self.toc_label.setBuddy(self.toc)
        for widget in (self.toc_label, self.toc, self.find_button, self.note_button):
            bar.addWidget(widget)
        bar.setStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.provenance)
        layout.addLayout(bar)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.gloss)

    def _connect(self) -> None:
        self.view.piece_clicked.connect(self._piece_clicked)
        self.view.visible_changed.connect(self._visible_changed)
        self.view.selectionChanged.connect(self._selection_changed)
        self.view.badge_text = self._badge_text
        self.view.tooltip_for = self._hover
        self.view.margin_tip = self._margin_tip
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.toc.activated.connect(self._toc_chosen)
        self.find_button.clicked.connect(self.open_find)
        self.note_button.clicked.connect(self.request_note)
        self.find_bar.find_changed.connect(self._find)
        self.find_bar.stepped.connect(self.step_find)
        self.find_bar.closed.connect(self._find_closed)
        # Ctrl+F, F3 and Shift+F3 in the text (the view claims them from the window).
        self.view.find_asked.connect(self._find_key)

    # -- content --------------------------------------------------------------

    def set_article(self, article: ArticleText, glossary: Glossary | None = None) -> None:
        """Show *article* (built once; a later call replaces it)."""
        self._article = article
        if glossary is not None:
            self._glossary = glossary
        self._finder = ArticleFinder(article)
        self.view.set_article(article)
        self._fill_toc()
        self.retranslate()

    def article(self) -> ArticleText | None:
        return self._article

    def _fill_toc(self) -> None:
        self.toc.clear()
        if self._article is None:
            return
        self.toc.addItem(_("Introduction"), 0)
        for entry in self._article.toc():
            indent = "    " * max(0, entry.level - 2)
            self.toc.addItem(indent + entry.text, self._article.index(entry.seq))

    # -- the public setters ---------------------------------------------------

    def show_event(self, event_id: str) -> bool:
        """Scroll to the sentence of *event_id* and mark it; False for an unknown id.
        ``""`` (nothing selected) only takes the mark away."""
        if not event_id and self.view.current is not None:
            self.view.current = None
            self.view.refresh_marks()
        if self._article is None:
            return False
        piece = self._article.of_event(event_id)
        if piece is None:
            return False
        index = self._article.index(piece.seq)
        self.view.current = event_id
        self.view.scroll_to_piece(index)
        self.view.refresh_marks()
        return True

    def set_matches(self, event_ids: Iterable[str]) -> None:
        """Mark the events a search found (a dot beside their badges)."""
        self.view.matched = set(event_ids)
        self.view.refresh_marks()

    def set_highlight_terms(self, patterns: Sequence[Pattern]) -> None:
        """Highlight what the search's *patterns* match anywhere in the text."""
        self.view.set_patterns(patterns)

    def set_dimmed(self, event_ids: Iterable[str]) -> None:
        """Fade the events the filters leave out."""
        self.view.dimmed = set(event_ids)
        self.view.refresh_marks()

    def set_margin_notes(self, notes: Mapping[str, MarginNote]) -> None:
        """Show bookmarks and notes beside their sentences: ★, then ✎ and a count or snippet."""
        texts: dict[str, str] = {}
        self._snippets = {}
        for event_id, (bookmarked, note) in notes.items():
            parts = ["★"] if bookmarked else []
            if isinstance(note, str) and note.strip():
                # A margin line shows the start; the tooltip at most what a label can hold.
                parts.append("✎ " + " ".join(clipped(note, 200).split()))
                self._snippets[event_id] = clipped(note)
            elif isinstance(note, int) and note > 0:
                parts.append(f"✎ {note}")
            if parts:
                texts[event_id] = " ".join(parts)
        self.view.notes = texts
        self.view.note_margin.update()

    def margin_note(self, event_id: str) -> str:
        """The text the margin shows for *event_id* ("" when none)."""
        return self.view.notes.get(event_id, "")

    # -- language -------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Dates and labels in *lang*; English also glosses words on hover and selection."""
        self._lang = lang
        self.retranslate()

    def language(self) -> str:
        return self._lang

    def retranslate(self) -> None:
        self.setAccessibleName(_("Reading pane"))
        self.view.setAccessibleName(_("The article"))
        self.toc_label.setText(_("&Contents:"))
        self.toc.setAccessibleName(_("Contents"))
        self.toc.setToolTip(_("Jump to a section of the article"))
        if self.toc.count():
            self.toc.setItemText(0, _("Introduction"))
        self.find_button.setText(_("Find"))
        self.find_button.setToolTip(_("Find in the article (Ctrl+F)"))
        self.note_button.setText(_("Add note"))
        self.note_button.setToolTip(_("Add a note with the selected text to its event"))
        self.add_note_action.setText(_("Add note"))
        self.find_bar.retranslate()
        if self._article is not None:
            self.provenance.setText(provenance_text(self._article.provenance, self._lang))
            self.provenance.setToolTip("")
        self._selection_changed()
        self.view.badges.update()

    # -- reading --------------------------------------------------------------

    def _badge_text(self, piece: Piece) -> str:
        return badge(piece.event, self._lang) if piece.event is not None else skipped_badge()

    def _hover(self, piece: Piece, offset: int) -> str:
        gloss = None
        if self._lang == "en" and self._glossary:
            gloss = self._glossary.at(piece.seq, piece.text, offset)
        return hover_text(piece, gloss, self._lang)

    def _margin_tip(self, item: MarginItem) -> str:
        if self._article is None:
            return ""
        if item.kind == "note":
            return self._snippets.get(item.key, item.text)
        piece = self._article.pieces[item.index]
        if piece.event is not None:
            return "\n".join((badge(piece.event, self._lang), precision_text(piece.event)))
        return skip_text(piece.skipped)

    def _piece_clicked(self, index: int) -> None:
        assert self._article is not None
        mark = self._article.pieces[index].event
        if mark is None:
            return
        self.view.current = mark.id
        self.view.refresh_marks()
        self.event_clicked.emit(mark.id)

    def _visible_changed(self, first: int, last: int) -> None:
        if self._article is None:
            return
        span = self._article.reading_span(first, last)
        if span is not None and span != self._span:
            self._span = span
            self.reading_span_changed.emit(*span)
        self._follow_toc(self.view.reading_line())

    def reading_span(self) -> tuple[int, int] | None:
        """The last span announced: first and last day of the events on screen."""
        return self._span

    def _follow_toc(self, first: int) -> None:
        row = 0
        for i in range(self.toc.count()):
            if int(self.toc.itemData(i)) <= first:
                row = i
            else:
                break
        if row != self.toc.currentIndex():
            self.toc.blockSignals(True)
            self.toc.setCurrentIndex(row)
            self.toc.blockSignals(False)

    def _toc_chosen(self, row: int) -> None:
        index = self.toc.itemData(row)
        if index is not None:
            self.view.scroll_to_piece(int(index))

    # -- selection, glosses and notes -----------------------------------------------

    def note_target(self) -> str | None:
        """The event the selection belongs to: one it touches, else the nearest in its paragraph."""
        selected = self.view.selected_pieces()
        if selected is None or self._article is None:
            return None
        first, last, _text = selected
        pieces = self._article.pieces
        for piece in pieces[first : last + 1]:
            if piece.event is not None:
                return piece.event.id
        paragraph = pieces[first].paragraph_id
        if paragraph is None:
            return None
        around = sorted(
            (i for i in range(max(0, first - 30), min(len(pieces), last + 30))
             if pieces[i].paragraph_id == paragraph and pieces[i].event is not None),
            key=lambda i: (abs(i - first), i > first),
        )  # fmt: skip
        mark = pieces[around[0]].event if around else None
        return mark.id if mark else None

    def request_note(self) -> None:
        """Ask for a note on the selection's event, quoting the selection."""
        target = self.note_target()
        selected = self.view.selected_pieces()
        if target is not None and selected is not None:
            self.note_requested.emit(target, " ".join(selected[2].split()))

    def _selection_changed(self) -> None:
        target = self.note_target()
        self.note_button.setEnabled(target is not None)
        self.add_note_action.setEnabled(target is not None)
        self._show_gloss()

    def _show_gloss(self) -> None:
        selected = self.view.selected_pieces()
        if self._lang != "en" or not self._glossary or selected is None or self._article is None:
            self.gloss.hide()
            return
        first = selected[0]
        piece = self._article.pieces[first]
        cursor = self.view.textCursor()
        base = self.view.positions.starts[first]
        start = max(0, cursor.selectionStart() - base)
        end = min(len(piece.text), cursor.selectionEnd() - base)
        glosses = self._glossary.selection(piece.seq, piece.text, start, end)
        self.gloss.setText("\n".join(g.text() for g in glosses))
        self.gloss.setVisible(bool(glosses))

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.view.createStandardContextMenu(pos)
        actions = menu.actions()
        if actions:
            menu.insertAction(actions[0], self.add_note_action)
            menu.insertSeparator(actions[0])
        else:
            menu.addAction(self.add_note_action)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # -- find -----------------------------------------------------------------

    def _find_key(self, step: int) -> None:
        if step:
            self.step_find(step)
        else:
            self.open_find()

    def open_find(self) -> None:
        self.find_bar.open_bar()

    def _find(self, text: str) -> None:
        self.view.found = self._finder.find(text) if self._finder else []
        self.view.found_at = -1
        self.step_find(1)

    def step_find(self, step: int) -> None:
        """Go to the next (+1) or previous (-1) match, round the end of the article."""
        found = self.view.found
        if found:
            self.view.found_at = (self.view.found_at + step) % len(found)
            hit = found[self.view.found_at]
            self.view.scroll_to_piece(hit.index)
        self.find_bar.show_count(self.view.found_at, len(found), self._lang)
        self.view.refresh_marks()

    def _find_closed(self) -> None:
        self.view.found = []
        self.view.found_at = -1
        self.view.refresh_marks()
        self.view.setFocus()
