"""Finding the article's sentences on screen, for the reading pane's tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor

if TYPE_CHECKING:
    from explorer.core.article.text import ArticleText
    from explorer.ui.reading.pane import ReadingPane


def index_of(article: ArticleText, startswith: str) -> int:
    """The first piece of *article* that starts with *startswith*."""
    return next(i for i, p in enumerate(article.pieces) if p.text.startswith(startswith))


def point_in(pane: ReadingPane, index: int, offset: int = 3) -> QPoint:
    """The middle of a character of piece *index*, in viewport coordinates."""
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane.view.positions.starts[index] + offset)
    rect = pane.view.cursorRect(cursor)
    return QPoint(rect.x() + 3, rect.center().y())


def on_screen(pane: ReadingPane, index: int) -> bool:
    """Whether piece *index* is in the visible part of the text."""
    return pane.view.viewport().rect().contains(point_in(pane, index))
