"""ReadingView: the article in a read-only text browser, with painted margins.

The document is built once (``document.py``) and laid out fully when the
article is set, so a jump to any sentence is a lookup and a scroll. The text
column keeps a readable measure (about 75 characters) and is centred; the
viewport margins left and right of it hold the date badges and the reader's
notes (``margins.py``). What changes with the window's state -- the tints of the
events (none when dimmed, darker for the selected one), search highlights,
find matches -- is drawn as extra selections near the view, never by
editing the document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip, QWidget

from explorer.core.article.find import Found
from explorer.core.article.text import ArticleText, Piece
from explorer.core.events.highlight import highlight_spans
from explorer.core.events.query import Pattern
from explorer.ui.reading.describe import tooltip_html
from explorer.ui.reading.document import Positions, build_document, tint_for
from explorer.ui.reading.margins import Margin, MarginItem

#: Characters per line the text column aims at (a comfortable measure).
MEASURE = 75
#: Where a jumped-to sentence lands: this far down the view.
LANDING = 0.3
HIGHLIGHT = QColor("#ffe58a")
FIND_KEYS = (
    (QKeySequence.StandardKey.Find, 0),
    (QKeySequence.StandardKey.FindNext, 1),
    (QKeySequence.StandardKey.FindPrevious, -1),
)
#: Search highlights and find matches are drawn this many pieces around the view.
NEAR = 40
FOUND = QColor("#ffd9a8")
FOUND_CURRENT = QColor("#ff9f43")


def _selection(cursor: QTextCursor, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
    extra = QTextEdit.ExtraSelection()
    extra.cursor = cursor
    extra.format = fmt
    return extra


class ReadingView(QTextBrowser):
    """The article's text; reports clicks on pieces and which pieces are in view."""

    piece_clicked = Signal(int)  # index of the piece (a marked sentence) clicked
    visible_changed = Signal(int, int)  # first and last piece index in view
    find_asked = Signal(int)  # 0: open find (Ctrl+F); +1/-1: next/previous match (F3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        # The column is narrow beside the timeline: a long word or heading wraps
        # inside itself rather than pushing the text sideways under a scroll bar.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.article: ArticleText | None = None
        self.positions = Positions([], [])
        self.badge_text: Callable[[Piece], str] = lambda _piece: ""
        self.tooltip_for: Callable[[Piece, int], str] = lambda _piece, _offset: ""
        self.margin_tip: Callable[[MarginItem], str] = lambda _item: ""
        self.notes: dict[str, str] = {}
        self.dimmed: set[str] = set()
        self.matched: set[str] = set()
        self.current: str | None = None
        self.patterns: Sequence[Pattern] = ()
        self._highlighted: dict[int, list[tuple[int, int]]] = {}
        self.found: list[Found] = []
        self.found_at = -1
        self._visible = (-1, -1)
        self._landing: tuple[int, int] | None = None  # a jump and where it scrolled to
        self.badges = Margin(self, "left", self._badge_items, self._margin_clicked, self._tip)
        self.note_margin = Margin(self, "right", self._note_items, self._margin_clicked, self._tip)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # -- content --------------------------------------------------------------

    def set_article(self, article: ArticleText) -> None:
        """Show *article*: build the document once and lay it out whole."""
        self.article = article
        doc, self.positions = build_document(article, self.font(), self.palette())
        doc.setParent(self)  # owned: the next setDocument deletes it
        self.setDocument(doc)
        self._place_margins()
        # Lay out to the end now, so the first jump to a late event is a lookup.
        layout = doc.documentLayout()
        layout.blockBoundingRect(doc.lastBlock())
        self.refresh_marks()
        self._scrolled()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.article is not None:
            value = self.verticalScrollBar().value()
            self.set_article(self.article)  # tints follow light and dark palettes
            self.verticalScrollBar().setValue(value)

    # -- geometry ---------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        # A new width reflows the text: keep the sentence being read where it was
        # (the dock settles its size after the first jump to the selected event).
        at_top = self.verticalScrollBar().value() == 0
        anchor = self.reading_line() if self.article is not None and not at_top else -1
        self._place_margins()
        super().resizeEvent(event)
        if anchor >= 0 and event.oldSize().width() != event.size().width():
            self.scroll_to_piece(anchor)
        self._scrolled()

    def _place_margins(self) -> None:
        rect = self.contentsRect()
        badge, note = self.badges.preferred_width(), self.note_margin.preferred_width()
        metrics = QFontMetricsF(self.font())
        column = int(metrics.averageCharWidth() * MEASURE + 2 * self.document().documentMargin())
        free = rect.width() - self.verticalScrollBar().sizeHint().width() - badge - note
        column = max(120, min(column, free))
        extra = max(0, free - column)
        left, right = badge + extra // 2, note + extra - extra // 2
        self.setViewportMargins(left, 0, right, 0)
        height = rect.height()
        if self.horizontalScrollBar().isVisible():
            height -= self.horizontalScrollBar().height()
        # The margins take all the room beside the column: badges right-aligned
        # against the text, notes from the text outwards.
        self.badges.setGeometry(rect.left(), rect.top(), left, height)
        self.note_margin.setGeometry(rect.left() + left + column, rect.top(), right, height)

    def piece_top(self, index: int) -> float:
        """The top of the line where piece *index* starts, in viewport coordinates."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.positions.starts[index])
        return float(self.cursorRect(cursor).top())

    def content_y(self, index: int) -> float:
        """The top of piece *index*'s first line in document coordinates."""
        doc = self.document()
        start = self.positions.starts[index]
        block = doc.findBlock(start)
        line = block.layout().lineForTextPosition(start - block.position())
        top = doc.documentLayout().blockBoundingRect(block).top()
        return float(top + (line.y() if line.isValid() else 0.0))

    def visible_range(self) -> tuple[int, int]:
        """First and last piece (indices) with a line in the viewport."""
        if not self.positions.starts:
            return -1, -1
        view = self.viewport().rect()
        first = self.cursorForPosition(QPoint(0, 0)).position()
        last = self.cursorForPosition(QPoint(view.width() - 1, view.height() - 1)).position()
        return self.positions.nearest(first), self.positions.nearest(last)

    def reading_line(self) -> int:
        """The piece at the height where a jump lands: where the reader is reading."""
        y = int(self.viewport().height() * LANDING)
        return self.positions.nearest(self.cursorForPosition(QPoint(0, y)).position())

    def scroll_to_piece(self, index: int) -> None:
        """Bring piece *index* to the upper part of the view."""
        self._jump(index)
        # Just after a resize Qt may still be laying out the text before it (its
        # height changes once the event loop runs): land again then, unless the
        # reader has scrolled meanwhile.
        self._landing = (index, self.verticalScrollBar().value())
        QTimer.singleShot(0, self, self._land_again)

    def _land_again(self) -> None:
        if self._landing is not None and self._landing[1] == self.verticalScrollBar().value():
            self._jump(self._landing[0])
        self._landing = None

    def _jump(self, index: int) -> None:
        y = self.content_y(index) - self.viewport().height() * LANDING
        bar = self.verticalScrollBar()
        # Just after the article was set (or the view resized) Qt adjusts the
        # scroll range only when the event loop next runs; the layout is whole
        # already, so a jump made now takes the range from it.
        full = int(self.document().size().height()) - self.viewport().height()
        if bar.maximum() < full:
            bar.setRange(0, full)
        bar.setValue(max(0, int(y)))

    def _scrolled(self, _value: int = 0) -> None:
        self.badges.update()
        self.note_margin.update()
        visible = self.visible_range()
        if visible != self._visible and visible[0] >= 0:
            self._visible = visible
            self.refresh_marks()  # marks are drawn near the view only
            self.visible_changed.emit(*visible)

    # -- what is where -------------------------------------------------------------

    def piece_at(self, point: QPoint) -> tuple[int, int] | None:
        """The piece and the offset in its text under *point* (viewport), if over text."""
        if not self.positions.starts:
            return None
        content = QPointF(point) + QPointF(
            self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        )
        position = self.document().documentLayout().hitTest(content, Qt.HitTestAccuracy.ExactHit)
        if position < 0:
            return None
        index = self.positions.index_at(position)
        if index is None:
            return None
        offset = position - self.positions.starts[index]
        if offset >= self.positions.lengths[index]:
            return None
        return index, offset

    def selected_pieces(self) -> tuple[int, int, str] | None:
        """First and last piece of the selection and its text, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        first = self.positions.nearest(cursor.selectionStart())
        last = self.positions.nearest(max(cursor.selectionStart(), cursor.selectionEnd() - 1))
        return first, last, cursor.selectedText().replace("\u2029", "\n")

    # -- input -------------------------------------------------------------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        hit = self.piece_at(event.position().toPoint())
        if hit is not None and self.article is not None:
            piece = self.article.pieces[hit[0]]
            if piece.event is not None:
                self.piece_clicked.emit(hit[0])

    def event(self, event: QEvent) -> bool:
        # Find keys belong to the text when it has the focus: the window's own
        # Ctrl+F (search) must not take them, so claim them before shortcuts run.
        if event.type() == QEvent.Type.ShortcutOverride and self._find_step(event) is not None:
            event.accept()
            return True
        return super().event(event)

    @staticmethod
    def _find_step(event: QEvent) -> int | None:
        if not isinstance(event, QKeyEvent):
            return None
        for keys, step in FIND_KEYS:
            if event.matches(keys):
                return step
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = self._find_step(event)
        if step is not None:
            self.find_asked.emit(step)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.article is not None:
            index = self.positions.nearest(self.textCursor().position())
            if self.article.pieces[index].event is not None:
                self.piece_clicked.emit(index)
                return
        super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.article is not None:
            pos = event.pos()  # type: ignore[attr-defined]
            hit = self.piece_at(pos)
            text = self.tooltip_for(self.article.pieces[hit[0]], hit[1]) if hit else ""
            self._show_tip(text, self.viewport().mapToGlobal(pos))
            return True
        return super().viewportEvent(event)

    def _show_tip(self, text: str, where: QPoint) -> None:
        if text:
            QToolTip.showText(where, tooltip_html(text), self.viewport())
        else:
            QToolTip.hideText()

    def _tip(self, item: MarginItem) -> str:
        return self.margin_tip(item)

    def _margin_clicked(self, item: MarginItem) -> None:
        if item.key and self.article is not None:
            piece = self.article.of_event(item.key)
            if piece is not None:
                self.piece_clicked.emit(self.article.index(piece.seq))

    # -- margins -----------------------------------------------------------------

    def _marked(self) -> list[tuple[int, Piece]]:
        if self.article is None:
            return []
        first, last = self.visible_range()
        pieces = self.article.pieces
        return [
            (i, pieces[i])
            for i in range(max(0, first - 1), last + 1)
            if pieces[i].event is not None or pieces[i].skipped
        ]

    def _badge_items(self) -> list[MarginItem]:
        items = []
        for i, piece in self._marked():
            mark = piece.event
            key = mark.id if mark else ""
            items.append(
                MarginItem("event" if mark else "skipped", i, key, self.piece_top(i),
                           self.badge_text(piece),
                           mark.color if mark else "", key in self.dimmed,
                           bool(key) and key == self.current, key in self.matched)
            )  # fmt: skip
        return items

    def _note_items(self) -> list[MarginItem]:
        return [
            MarginItem("note", i, p.event.id, self.piece_top(i), self.notes[p.event.id], "")
            for i, p in self._marked()
            if p.event is not None and p.event.id in self.notes
        ]

    # -- marks drawn over the document ---------------------------------------------

    def _range(self, index: int, start: int = 0, end: int | None = None) -> QTextCursor:
        cursor = QTextCursor(self.document())
        base = self.positions.starts[index]
        cursor.setPosition(base + start)
        length = self.positions.lengths[index] if end is None else end
        cursor.setPosition(base + length, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def set_patterns(self, patterns: Sequence[Pattern]) -> None:
        """Highlight what a search's *patterns* match (computed near the view, cached)."""
        self.patterns = tuple(patterns)
        self._highlighted = {}
        self.refresh_marks()

    def search_spans(self, index: int) -> list[tuple[int, int]]:
        """The ranges of piece *index* the search's patterns match."""
        if not self.patterns or self.article is None:
            return []
        if index not in self._highlighted:
            text = self.article.pieces[index].text
            self._highlighted[index] = highlight_spans(self.patterns, text)
        return self._highlighted[index]

    def refresh_marks(self) -> None:
        """Rebuild the extra selections: dimmed, current, highlights, find."""
        if self.article is None:
            return
        palette = self.palette()
        extras: list[QTextEdit.ExtraSelection] = []
        # Everything is drawn near the view only (tints, search highlights, find
        # matches: a search with aliases is slow to match over the whole
        # article); scrolling redraws them.
        first, last = self._visible
        near = range(max(0, first - NEAR), min(len(self.positions.starts), last + NEAR + 1))
        faded = QTextCharFormat()
        faded.setForeground(palette.color(QPalette.ColorRole.PlaceholderText))
        tints: dict[tuple[str, bool], QTextCharFormat] = {}
        for i in near:
            mark = self.article.pieces[i].event
            if mark is None:
                continue
            if mark.id in self.dimmed:
                extras.append(_selection(self._range(i), faded))
                continue
            chosen = mark.id == self.current
            if (mark.color, chosen) not in tints:
                tint = QTextCharFormat()
                color = tint_for(mark.color, palette)
                if chosen:  # a step away from the page: darker on light, lighter on dark
                    dark = palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5
                    color = color.lighter(135) if dark else color.darker(112)
                tint.setBackground(color)
                tints[(mark.color, chosen)] = tint
            extras.append(_selection(self._range(i), tints[(mark.color, chosen)]))
        marks = [(Found(i, a, b), HIGHLIGHT) for i in near for a, b in self.search_spans(i)]
        marks += [(f, FOUND_CURRENT if k == self.found_at else FOUND)
                  for k, f in enumerate(self.found) if f.index in near]  # fmt: skip
        for found, color in marks:
            mark_format = QTextCharFormat()
            mark_format.setBackground(color)
            mark_format.setForeground(QColor("#000000"))
            extras.append(_selection(self._range(found.index, found.start, found.end), mark_format))
        self.setExtraSelections(extras)
        self.badges.update()
        self.note_margin.update()
