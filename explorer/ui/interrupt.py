"""Ctrl+C in the terminal closes the window the normal way (see :class:`CtrlC`)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication

from explorer.i18n import _


class CtrlC:
    """Ctrl+C (SIGINT) closes the window the normal way, even while it starts.

    Qt's loop runs in C++, where Python cannot act on a signal; a timer hands
    control back to Python a few times a second so the handler can run. The
    handler only sets a flag and quits the loop, so the library is closed and
    saved as usual instead of a KeyboardInterrupt tearing through a half-built
    window and its search thread.
    """

    def __init__(self, app: QCoreApplication) -> None:
        import signal

        from PySide6.QtCore import QTimer

        self.app = app
        self.interrupted = False
        self._previous = signal.signal(signal.SIGINT, self._interrupt)
        self._waker = QTimer()
        self._waker.timeout.connect(lambda: None)
        self._waker.start(200)

    def _interrupt(self, _signum: int, _frame: object) -> None:
        self.interrupted = True
        self.app.quit()

    def exec(self) -> int:
        if self.interrupted:
            return 130
        code = int(self.app.exec())
        return 130 if self.interrupted else code

    def restore(self) -> None:
        import signal

        self._waker.stop()
        signal.signal(signal.SIGINT, self._previous)
        if self.interrupted:
            print("kroniek: " + _("interrupted"), file=sys.stderr)
