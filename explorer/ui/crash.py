"""What happens when Kroniek itself has a bug: a dialog, a log entry, no silent state.

An exception that escapes a slot would otherwise be printed to a console no
reader sees while the window carries on in an unknown state. The hook writes
the traceback to the log file and shows a dialog with a short message, the
details, and where the log is; the user's library is already saved by then
(every change is its own transaction).
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from explorer import logs
from explorer.i18n import _
from explorer.ui.plain import clipped, escaped

log = logging.getLogger("kroniek")

Show = Callable[[str, str], None]


def _dialog(parent: QWidget | None) -> Show:
    def show(message: str, details: str) -> None:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(_("Kroniek ran into a problem"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(clipped(message, 2_000))
        box.setInformativeText(
            escaped(
                _("Your library is saved. Details are in the log file {path}.").format(
                    path=logs.log_path()
                )
            )
        )
        box.setDetailedText(details)
        box.exec()

    return show


def install(parent: QWidget | None = None, show: Show | None = None) -> None:
    """Route uncaught exceptions to the log and a dialog (replaceable for tests)."""
    shower = show or _dialog(parent)
    showing = [False]

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        log.error("uncaught exception\n%s", details)
        if showing[0]:
            return  # one dialog at a time; the rest go to the log
        showing[0] = True
        try:
            shower(_("Something went wrong: {error}").format(error=error), details)
        finally:
            showing[0] = False

    sys.excepthook = hook
