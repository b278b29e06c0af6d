"""Running the window: a screenshot without a person, and Ctrl+C in a terminal.

:func:`screenshot` renders the window offscreen in a requested state (size,
language, search, selection, view) for the README, the user guide and tests;
:class:`CtrlC` lets Ctrl+C close the window the normal way.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.i18n import _

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QWidget

    from explorer.ui.mainwindow import MainWindow
    from explorer.ui.search.results_model import ResultsModel
    from explorer.ui.search.session import SearchSession


def wait_for_search(session: SearchSession, limit_ms: int = 20000) -> None:
    """Run Qt until the session's newest search has finished (or *limit_ms* passed)."""
    from PySide6.QtCore import QEventLoop, QTimer

    if not session.busy():
        return  # finished already (build() waits for the first search)
    loop = QEventLoop()
    session.search_finished.connect(loop.quit)
    QTimer.singleShot(limit_ms, loop.quit)  # never hang
    loop.exec()
    session.search_finished.disconnect(loop.quit)


def after_first_paint(widget: QWidget, callback: Callable[[], object]) -> None:
    """Call *callback* once *widget* has painted for the first time.

    Work a window does not need for its first frame (loading the search's aliases
    and the stemmer: a GIL-holding import and a table read in another thread) waits
    for that frame instead of competing with it. The call comes from the event loop
    after the paint event, so the frame is complete.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, callback)
                self.deleteLater()
            return False

    widget.installEventFilter(FirstPaint(widget))


def screenshot(
    window: MainWindow, session: SearchSession, model: ResultsModel, args: argparse.Namespace
) -> int:
    """Render the window offscreen in the requested state and save it."""
    from PySide6.QtWidgets import QApplication

    window.resize(*args.size)
    window.share_space()
    docks = (("map", args.map), ("reading", args.read))
    window.panes.restore_hidden([key for key, shown in docks if not shown])
    window.show()
    wait_for_search(session)
    if args.query:
        window.search_field.setText(args.query)
        wait_for_search(session)
    if args.select:
        session.select(args.select)
    elif args.query and model.rowCount():
        session.select(model.event_id(0))
    if args.view:
        window.timeline.set_view(*args.view)
    QApplication.processEvents()  # let layouts settle before the picture
    image = window.grab()
    path = Path(args.screenshot)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"kroniek: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if not image.save(str(path)):
        print(f"kroniek: cannot write {path}", file=sys.stderr)
        return 1
    return 0


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
