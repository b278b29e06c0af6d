"""Benchmark the reading pane: open with the whole article, jump to events, scroll.

    python bench/bench_reading.py [--size 1000x760] [--jumps 200] [--step 40]

* ``open``: from the database to the pane painted with the whole article --
  reading the article and the glossary, building and laying out the document,
  the first paint. The first opening in a process (cold: fonts, glyph caches)
  and the median of later ones. Budget: 300 ms.
* ``jump``: ``show_event`` to random events, timed until the view has
  repainted (scroll, current mark, badges). Budget: 50 ms.
* ``scroll``: the view moved *step* pixels a frame (a wheel notch) from top to
  bottom, each frame timed until viewport and margins have repainted; once
  plain and once with a search shown (highlights, matches, half the events
  dimmed). Budget: p95 under 16 ms (no dropped frame at 60 Hz).

Offscreen (``QT_QPA_PLATFORM=offscreen``) unless a display is set; results
are printed one figure per line.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from explorer import paths  # noqa: E402
from explorer.core.article.glossary import Glossary  # noqa: E402
from explorer.core.article.text import load_article  # noqa: E402
from explorer.core.events.query import build_match, parse_text  # noqa: E402
from explorer.core.events.search import load_aliases  # noqa: E402
from explorer.core.events.store import EventStore  # noqa: E402
from explorer.ui.reading.pane import ReadingPane  # noqa: E402


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{1000 * seconds:.1f} ms"


def open_pane(app: QApplication, db: Path, size: tuple[int, int]) -> tuple[float, ReadingPane]:
    t0 = time.perf_counter()
    store = EventStore(db)
    article = load_article(store.conn)
    assert article is not None, f"{db} stores no article text"
    pane = ReadingPane(article, Glossary(store.conn), "en")
    pane.resize(*size)
    pane.show()
    pane.repaint()
    app.processEvents()
    elapsed = time.perf_counter() - t0
    store.close()
    return elapsed, pane


def frame(app: QApplication, pane: ReadingPane) -> None:
    pane.view.viewport().repaint()
    pane.view.badges.repaint()
    pane.view.note_margin.repaint()
    app.processEvents()


def scroll_through(app: QApplication, pane: ReadingPane, step: int) -> list[float]:
    bar = pane.view.verticalScrollBar()
    bar.setValue(0)
    frame(app, pane)
    times = []
    for value in range(0, bar.maximum() + step, step):
        t0 = time.perf_counter()
        bar.setValue(value)
        frame(app, pane)
        times.append(time.perf_counter() - t0)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=paths.bundled_db())
    parser.add_argument("--size", default="1000x760")
    parser.add_argument("--jumps", type=int, default=200)
    parser.add_argument("--step", type=int, default=40, help="pixels per scroll frame")
    parser.add_argument("--opens", type=int, default=5)
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)

    opens = []
    pane: ReadingPane | None = None
    for _ in range(args.opens):
        if pane is not None:
            pane.close()
            pane.deleteLater()
            # Destroy it now, not during a later frame (processEvents leaves
            # deferred deletes alone outside an event loop).
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        elapsed, pane = open_pane(app, args.db, (width, height))
        opens.append(elapsed)
    assert pane is not None and pane.article() is not None
    article = pane.article()
    assert article is not None
    print(f"article: {len(article)} pieces, {len(article.event_ids())} events, "
          f"{pane.view.document().characterCount()} characters")  # fmt: skip
    print(f"open (cold): {ms(opens[0])}")
    print(f"open (warm, median of {len(opens) - 1}): {ms(statistics.median(opens[1:]))}")

    gc.collect()  # the earlier openings' garbage is not the jumps' cost
    rng = random.Random(18)
    ids = article.event_ids()
    jumps = []
    slowest = ("", 0.0)
    for event_id in rng.sample(ids, min(args.jumps, len(ids))):
        t0 = time.perf_counter()
        pane.show_event(event_id)
        frame(app, pane)
        jumps.append(time.perf_counter() - t0)
        if jumps[-1] > slowest[1]:
            slowest = (event_id, jumps[-1])
    print(f"first jump after opening: {ms(jumps[0])}; slowest: number "
          f"{jumps.index(slowest[1]) + 1}, {slowest[0]}")  # fmt: skip
    print(f"jump to an event: median {ms(statistics.median(jumps))}, p95 {ms(p95(jumps))}, "
          f"max {ms(max(jumps))} ({len(jumps)} jumps)")  # fmt: skip

    plain = scroll_through(app, pane, args.step)
    print(f"scroll, plain: median {ms(statistics.median(plain))}, p95 {ms(p95(plain))}, "
          f"max {ms(max(plain))}, frames over 16 ms: {sum(t > 0.016 for t in plain)}"
          f"/{len(plain)}")  # fmt: skip
    store = EventStore(args.db)
    patterns = build_match(parse_text("Kharkiv"), load_aliases(store.conn)).patterns
    store.close()
    t0 = time.perf_counter()
    pane.set_highlight_terms(patterns)
    pane.set_matches(ids[::7])
    pane.set_dimmed(ids[::2])
    frame(app, pane)
    print(f"show a search (highlight, matches, dim half): {ms(time.perf_counter() - t0)}")
    marked = scroll_through(app, pane, args.step)
    print(f"scroll, search shown: median {ms(statistics.median(marked))}, p95 {ms(p95(marked))}, "
          f"max {ms(max(marked))}, frames over 16 ms: {sum(t > 0.016 for t in marked)}"
          f"/{len(marked)}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
