"""Benchmark the whole app: cold start, memory, and typing into the search field.

    python bench/bench_app.py                      # the bundled database
    python bench/bench_app.py --db /tmp/kb/s1m.db  # a synthetic one (bench/synth.py)

*Cold start* runs a fresh interpreter per repetition and measures from process
start to the first painted timeline (offscreen), beside a bare PySide6 window
started and painted the same way: the ratio says what Kroniek adds to Qt's own
start. A third child, the bare window after importing numpy and formatting a
date with babel (the libraries no timeline of Kroniek's can be drawn without),
gives the floor under that ratio. All run with compiled bytecode, as an
installed wheel has it (a first, unmeasured run writes it even where
``PYTHONDONTWRITEBYTECODE`` is set). Kroniek's child starts the way ``kroniek``
does (:func:`explorer.app.start_qt`: its data layer before Qt). *Typing* builds the window
once, then types a query letter by letter and measures, per keystroke, the
time until the result list has been replaced (the search's first step), and
until the facet counts arrived (its second step). Resident memory is the
process's peak (``ru_maxrss``) after the typing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = """
import os, sys, tempfile, time
from pathlib import Path
from explorer import paths
paths.set_data_dir(Path(tempfile.mkdtemp()))
from explorer.app import build, start_qt
app = start_qt()  # as ``kroniek`` starts: the data layer first, then Qt
from PySide6.QtCore import QTimer
k = build(Path(sys.argv[1]), "en")
k.window.show()
painted = []
original = k.window.timeline.paintEvent
def paint(event):
    original(event)
    if not painted:
        painted.append(time.time())
        QTimer.singleShot(0, app.quit)
k.window.timeline.paintEvent = paint
app.exec()
print(repr(painted[0]))
k.close()
"""

#: The same measurement for a bare window: an empty widget, shown and painted once.
BARE = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
painted = []
class Bare(QWidget):
    def paintEvent(self, event):
        if not painted:
            painted.append(time.time())
            QTimer.singleShot(0, app.quit)
w = Bare()
w.resize(1600, 1000)
w.show()
app.exec()
print(repr(painted[0]))
"""

#: The bare window plus the two libraries Kroniek cannot draw a timeline without,
#: imported as Kroniek imports them (before Qt): numpy for the stored arrays and
#: babel's locale data for the axis's dates. No Kroniek code: the floor of its start.
FLOOR = (
    """
import time
import numpy
from babel.dates import format_date
from datetime import date
format_date(date(2022, 2, 24), "d MMM y", locale="en_GB")  # i18n.locale_of("en")
"""
    + BARE
)


def cold_starts(children: list[str], db: Path, runs: int) -> list[list[float]]:
    """Seconds from process start to first paint, *runs* times for each of *children*.

    The children take turns, so each sees the same machine load; one unmeasured
    start of each first writes its bytecode, as installing a wheel does.
    """
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    commands = [[sys.executable, "-c", child, str(db)] for child in children]
    for command in commands:
        subprocess.run(command, env=env, capture_output=True, check=True)
    times: list[list[float]] = [[] for _ in children]
    for _ in range(runs):
        for command, took in zip(commands, times, strict=True):
            start = time.time()
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            took.append(float(done.stdout.strip().splitlines()[-1]) - start)
    return times


def peak_rss_mb(maxrss_mb: float) -> float:
    """This process's own peak resident memory, MB.

    On Linux ``ru_maxrss`` survives ``exec``: a benchmark started from a large
    process (pytest after hundreds of tests: 675 MB) reports its parent's peak.
    ``VmHWM`` belongs to the process's own memory map, so it is used where the
    system has it; *maxrss_mb* elsewhere.
    """
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return maxrss_mb
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return maxrss_mb


def typing(db: Path, text: str) -> tuple[list[float], list[float], float]:
    import resource

    from PySide6.QtCore import QEventLoop, QTimer, SignalInstance
    from PySide6.QtWidgets import QApplication

    from explorer import paths
    from explorer.app import build

    paths.set_data_dir(Path(tempfile.mkdtemp()))
    app = QApplication.instance() or QApplication([])
    k = build(db, "en")
    window, session, searches = k.window, k.session, k.searches

    def wait(signal: SignalInstance, limit_ms: int = 120_000) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(limit_ms, loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)

    window.show()
    shown = time.perf_counter()
    if session.busy():  # build() waits (briefly) for the first search since schema 2
        wait(session.search_finished)
    # Large databases build the facet index in the background: measure typing
    # once it is ready, and report how long that took separately.
    while getattr(window.facets, "counting", False):  # the code before schema 2
        wait(session.search_finished)
    ready = time.perf_counter() - shown
    print(f"facet counts first available: {ready:.1f} s after the window showed")
    lists, facets = [], []
    for i in range(1, len(text) + 1):
        start = time.perf_counter()
        window.search_field.setText(text[:i])
        wait(searches.results_ready)
        lists.append(time.perf_counter() - start)
        if searches.busy():
            wait(session.search_finished)
        facets.append(time.perf_counter() - start)
    rss = peak_rss_mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    k.close()
    app.processEvents()
    return lists, facets, rss


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=ROOT / "db" / "kroniek.db")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--text", default="kerncentrale")
    args = parser.parse_args()
    starts, bare, floor = cold_starts([CHILD, BARE, FLOOR], args.db, args.runs)
    lists, facets, rss = typing(args.db, args.text)
    ms = [1000 * t for t in lists]
    fs = [1000 * t for t in facets]
    print(f"database: {args.db}")
    print(f"cold start to first paint: median {statistics.median(starts):.2f} s "
          f"(min {min(starts):.2f}, max {max(starts):.2f}, {len(starts)} runs)")  # fmt: skip
    ratio = statistics.median(starts) / statistics.median(bare)
    print(f"bare PySide6 window to first paint: median {statistics.median(bare):.2f} s; "
          f"Kroniek / bare: {ratio:.1f}x")  # fmt: skip
    floor_ratio = statistics.median(floor) / statistics.median(bare)
    print(f"bare window with numpy and babel's locale data: median "
          f"{statistics.median(floor):.2f} s; floor / bare: {floor_ratio:.1f}x")  # fmt: skip
    print(f"keystroke to updated list: median {statistics.median(ms):.0f} ms, "
          f"max {max(ms):.0f} ms ({len(ms)} keystrokes of {args.text!r})")  # fmt: skip
    print(f"keystroke to updated facet counts: median {statistics.median(fs):.0f} ms, "
          f"max {max(fs):.0f} ms")  # fmt: skip
    print(f"peak resident memory after typing: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
