"""The librarian's default dialogs, each showing user text as plain text.

:class:`~explorer.ui.library.controller.LibraryController` asks through these
(tests replace them with answers); labels that repeat a tag, a note or a file
name are escaped, and message boxes are plain text (:mod:`explorer.ui.plain`).
"""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QWidget,
)

from explorer.i18n import _
from explorer.ui.plain import escaped, show_message


def text_dialog(parent: QWidget, title: str, label: str, text: str) -> QInputDialog:
    """A dialog asking for one line of text, wide enough for its whole title
    (a window manager cuts a title wider than its window: "New collec…")."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(escaped(label))
    dialog.setTextValue(text)
    # The dialog's layout sets its size from its contents, so the room goes to the field.
    field = dialog.findChild(QLineEdit)
    if field is not None:
        field.setMinimumWidth(max(340, dialog.fontMetrics().horizontalAdvance(title) + 160))
    return dialog


class Dialogs:
    """Modal dialogs over *parent*."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def ask_text(self, title: str, label: str, text: str) -> tuple[str, bool]:
        dialog = text_dialog(self.parent, title, label, text)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.textValue(), accepted

    def ask_item(self, title: str, label: str, items: list[str]) -> tuple[str, bool]:
        return QInputDialog.getItem(self.parent, title, escaped(label), items, 0, False)

    def confirm(self, title: str, question: str) -> bool:
        return show_message(self.parent, "question", title, question)

    def ask_save_path(self, title: str, filters: str) -> str:
        return QFileDialog.getSaveFileName(self.parent, title, "", filters)[0]

    def ask_open_path(self, title: str, filters: str) -> str:
        return QFileDialog.getOpenFileName(self.parent, title, "", filters)[0]

    def ask_color(self, name: str, current: str) -> str:
        """A colour for the tag *name*, starting from *current* ("" if none)."""
        initial = QColor(current) if current else QColor("#2c7fb8")
        color = QColorDialog.getColor(initial, self.parent, _("Colour of “{tag}”").format(tag=name))
        return color.name() if color.isValid() else ""

    def inform(self, title: str, message: str) -> None:
        show_message(self.parent, "information", title, message)

    def warn(self, title: str, message: str) -> None:
        show_message(self.parent, "warning", title, message)
