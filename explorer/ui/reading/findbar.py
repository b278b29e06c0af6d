"""The find bar under the reading pane's toolbar: a phrase, previous/next, a count.

Ctrl+F (set by the pane) shows it and puts the cursor in the field; Enter
goes to the next match and Shift+Enter to the previous one (so do F3 and
Shift+F3); Escape closes it. The pane does the finding; the bar only asks.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from explorer.i18n import _, format_number


class FindBar(QWidget):
    """Asks the pane to find a phrase and to step through its matches."""

    find_changed = Signal(str)  # the phrase was edited
    stepped = Signal(int)  # +1 next, -1 previous
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit(self)
        self.field.setClearButtonEnabled(True)
        self.previous_button = QToolButton(self)
        self.previous_button.setText("↑")
        self.next_button = QToolButton(self)
        self.next_button.setText("↓")
        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget in (self.field, self.previous_button, self.next_button, self.count,
                       self.close_button):  # fmt: skip
            layout.addWidget(widget)
        layout.setStretch(0, 1)
        self.field.textChanged.connect(self.find_changed)
        self.field.installEventFilter(self)
        self.next_button.clicked.connect(lambda: self.stepped.emit(1))
        self.previous_button.clicked.connect(lambda: self.stepped.emit(-1))
        self.close_button.clicked.connect(self.close_bar)
        self.retranslate()

    def retranslate(self) -> None:
        self.field.setPlaceholderText(_("Find in the article"))
        self.field.setAccessibleName(_("Find in the article"))
        self.previous_button.setToolTip(_("Previous match (Shift+F3)"))
        self.previous_button.setAccessibleName(_("Previous match"))
        self.next_button.setToolTip(_("Next match (F3)"))
        self.next_button.setAccessibleName(_("Next match"))
        self.close_button.setToolTip(_("Close the find bar (Esc)"))
        self.close_button.setAccessibleName(_("Close the find bar"))

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def show_count(self, current: int, total: int, lang: str) -> None:
        """ "3 of 12", "no matches", or nothing for an empty field."""
        if not self.field.text().strip():
            self.count.setText("")
        elif total == 0:
            self.count.setText(_("no matches"))
        else:
            self.count.setText(
                _("{current} of {total}").format(
                    current=format_number(current + 1, lang), total=format_number(total, lang)
                )
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
                self.stepped.emit(-1 if shift else 1)
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
