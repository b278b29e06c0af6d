"""The article as one QTextDocument, built once with plain-text inserts.

Each heading is a block; each paragraph is a block of its sentences joined by
a space. An event's date phrase gets a heavier weight; a sentence with a date
that became no event gets a dotted grey underline under that date. The tint
in the event's category colour is not part of the document: it changes with
the filters (dimmed events have none), so the view draws it
(``ReadingView.refresh_marks``). An underline on every event sentence made
whole paragraphs look like links, so there is none. Text is only
ever inserted with ``QTextCursor.insertText``: nothing in the article can be
taken for markup. :class:`Positions` maps piece indices to document
positions and back.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from explorer.core.article.text import ArticleText, Piece
from explorer.ui.timeline.colors import blend, max_tint

#: Line height of body text, percent of the font's: long reading wants air.
LINE_HEIGHT = 145
#: Heading sizes relative to the body, by level (2 = "== … ==").
HEADING_SCALE = {2: 1.45, 3: 1.2, 4: 1.08, 5: 1.0, 6: 1.0}
#: Opacity of an event sentence's tint at most (less when contrast needs it).
TINT = 0.18


@dataclass(frozen=True)
class Positions:
    """Where each piece starts in the document (pieces are inserted in order)."""

    starts: list[int]
    lengths: list[int]

    def span(self, index: int) -> tuple[int, int]:
        start = self.starts[index]
        return start, start + self.lengths[index]

    def index_at(self, position: int) -> int | None:
        """The piece whose text holds document *position*, or None (between pieces)."""
        i = bisect_right(self.starts, position) - 1
        if i < 0 or position > self.starts[i] + self.lengths[i]:
            return None
        return i

    def nearest(self, position: int) -> int:
        """The piece at or just before document *position* (for visible ranges)."""
        return max(0, min(len(self.starts) - 1, bisect_right(self.starts, position) - 1))


def tint_for(color: str, palette: QPalette) -> QColor:
    """The background of an event sentence: its colour, light enough to read through."""
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    alpha = min(TINT, max_tint(color, base.name(), text.name()))
    return blend(QColor(color), base, alpha)


def _body_block(first: bool) -> QTextBlockFormat:
    block = QTextBlockFormat()
    block.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    block.setTopMargin(0 if first else 10)
    block.setBottomMargin(0)
    return block


def _heading_block(level: int) -> QTextBlockFormat:
    block = QTextBlockFormat()
    block.setTopMargin(26 if level <= 2 else 16)
    block.setBottomMargin(4)
    block.setHeadingLevel(max(1, level - 1))
    return block


def _heading_chars(level: int, body: QFont) -> QTextCharFormat:
    chars = QTextCharFormat()
    size = body.pointSizeF() if body.pointSizeF() > 0 else 11.0
    chars.setFontPointSize(size * HEADING_SCALE.get(level, 1.0))
    chars.setFontWeight(QFont.Weight.Bold if level <= 3 else QFont.Weight.DemiBold)
    return chars


def build_document(article: ArticleText, font: QFont, palette: QPalette) -> tuple[
    QTextDocument, Positions
]:  # fmt: skip
    """The whole article as a document, and where each piece landed in it."""
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(8)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    plain = QTextCharFormat()
    plain.setForeground(palette.color(QPalette.ColorRole.Text))
    skipped_date = QTextCharFormat(plain)
    skipped_date.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    skipped_date.setUnderlineColor(palette.color(QPalette.ColorRole.PlaceholderText))
    formats: dict[str, QTextCharFormat] = {}
    starts: list[int] = []
    lengths: list[int] = []
    first = True
    for group in article.paragraphs():
        head = group[0]
        if head.is_heading:
            block, chars = _heading_block(head.level), _heading_chars(head.level, font)
        else:
            block, chars = _body_block(first), plain
        if first:
            cursor.setBlockFormat(block)
            cursor.setBlockCharFormat(chars)
        else:
            cursor.insertBlock(block, chars)
        first = False
        for k, piece in enumerate(group):
            if k:
                cursor.insertText(" ", plain)
            starts.append(cursor.position())
            lengths.append(len(piece.text))
            if piece.is_heading:
                cursor.insertText(piece.text, chars)
            else:
                _insert_sentence(cursor, piece, plain, skipped_date, formats, palette)
    cursor.endEditBlock()
    return doc, Positions(starts, lengths)


def _insert_sentence(
    cursor: QTextCursor,
    piece: Piece,
    plain: QTextCharFormat,
    skipped_date: QTextCharFormat,
    formats: dict[str, QTextCharFormat],
    palette: QPalette,
) -> None:
    text, span = piece.text, piece.date_span
    if piece.event is None:
        if piece.skipped and span is not None:
            cursor.insertText(text[: span[0]], plain)
            cursor.insertText(text[span[0] : span[1]], skipped_date)
            cursor.insertText(text[span[1] :], plain)
        else:
            cursor.insertText(text, plain)
        return
    if "dated" not in formats:
        dated = QTextCharFormat(plain)
        dated.setFontWeight(QFont.Weight.DemiBold)
        formats["dated"] = dated
    if span is None:
        cursor.insertText(text, plain)
        return
    cursor.insertText(text[: span[0]], plain)
    cursor.insertText(text[span[0] : span[1]], formats["dated"])
    cursor.insertText(text[span[1] :], plain)
