"""User and file text on screen, always as plain text.

Qt guesses whether a string is rich text (``Qt::mightBeRichText``); a tag, a
note or a file name holding ``<img src=/dev/zero>`` would then be rendered as
HTML and load that file. Every label, message box and tooltip that can show a
user's or a file's text goes through here:

* :func:`message_box` — a QMessageBox whose text is plain;
* :func:`tooltip` — a tooltip string escaped into harmless rich text (Qt has
  no plain-text switch for tooltips);
* :func:`plain_label` — a QLabel fixed to plain text.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

Kind = Literal["information", "warning", "critical", "question"]

_ICONS = {
    "information": QMessageBox.Icon.Information,
    "warning": QMessageBox.Icon.Warning,
    "critical": QMessageBox.Icon.Critical,
    "question": QMessageBox.Icon.Question,
}


#: Characters of user text a tooltip or a label shows at most: a million
#: characters without a space would take Qt minutes to lay out.
MAX_SHOWN = 2_000


def clipped(text: str, limit: int = MAX_SHOWN) -> str:
    """*text* cut to *limit* characters with "…", for a widget to lay out."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def escaped(text: str) -> str:
    """*text* as rich text that shows exactly these characters (an ``<img>`` tag
    in it is shown, never loaded). For widgets that have no plain-text switch:
    tooltips, QInputDialog labels."""
    if not text:
        return ""
    return str(GuiQt.convertFromPlainText(clipped(text), Qt.WhiteSpaceMode.WhiteSpaceNormal))


def tooltip(text: str) -> str:
    """*text* as a tooltip that shows exactly these characters."""
    return escaped(text)


def menu_text(text: str) -> str:
    """User text for a menu entry: "&" shown, not taken as a keyboard mnemonic."""
    return clipped(text, 200).replace("&", "&&")


def message_box(parent: QWidget | None, kind: Kind, title: str, text: str) -> QMessageBox:
    """A message box (not yet shown) whose title and text are plain text."""
    box = QMessageBox(parent)
    box.setIcon(_ICONS[kind])
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(clipped(text, 20_000))
    if kind == "question":
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
    return box


def plain_label(parent: QWidget | None = None, text: str = "") -> QLabel:
    """A QLabel that never interprets its text as HTML."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def show_message(parent: QWidget | None, kind: Kind, title: str, text: str) -> bool:
    """Show a plain-text message box and wait; True when a question was answered Yes."""
    box = message_box(parent, kind, title, text)
    return bool(box.exec() == QMessageBox.StandardButton.Yes)
