"""Benchmark: how long the timeline takes to paint a frame at 100k, 1M and 10M events.

    python bench/bench_timeline.py --n 100000 --n 1000000 --n 10000000

For each N it builds the timeline data -- from a synthetic database written by
``bench/synth.py`` (cached in ``--cache-dir``) when that generator exists and N
is at most ``--max-db``, otherwise from numpy arrays with the same shape of
history -- opens a :class:`TimelineView` offscreen at 1600x400 and scripts:

* zoom: from the whole range down to two days around 24 February 2022 in
  steps of 1.25x (decade, year, month, week, day), and back out;
* pan: 30 frames panning 3% of the width at each of whole range, one year,
  one month and two days.

Each frame changes the view (so the layout is recomputed) and renders the
widget into a QImage through its paintEvent; the time of that call is the
frame time. 10M events only open and pan, as the brief asks. Results go to
stdout and, with ``--write-doc``, to bench/results/timeline.md (pasted into docs/PERFORMANCE.md).
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from explorer.core.timeline.data import (  # noqa: E402
    Category,
    TimelineData,
    load_timeline_data,
)

WIDTH, HEIGHT = 1600, 400
EPOCH = date(1970, 1, 1).toordinal()
CATEGORIES = [
    Category("military", "Gevechten", "Fighting", "#c0392b"),
    Category("air", "Luchtoorlog", "Air war", "#e67e22"),
    Category("diplomacy", "Diplomatie", "Diplomacy", "#0e7490"),
    Category("humanitarian", "Humanitaire gevolgen", "Humanitarian impact", "#16a085"),
    Category("economy", "Economie", "Economy", "#b8860b"),
    Category("sanctions", "Sancties", "Sanctions", "#4d7c0f"),
]
WORDS = [
    "Russian",
    "offensive",
    "near",
    "Kharkiv",
    "shelling",
    "sanctions",
    "talks",
    "Kyiv",
    "drone",
    "attack",
    "grain",
    "deal",
]


def synthetic_arrays(n: int, seed: int = 1) -> TimelineData:
    """N events 1989-2025: sparse before 2014, dense 2022-2023, bursts, mixed precision."""
    rng = np.random.default_rng(seed)
    d0, d1 = date(1989, 1, 1).toordinal(), date(2025, 6, 1).toordinal()
    y2014, invasion = date(2014, 1, 1).toordinal(), date(2022, 2, 24).toordinal()
    end_2023 = date(2023, 12, 31).toordinal()
    era = rng.choice(4, size=n, p=[0.03, 0.17, 0.6, 0.2])
    days = np.empty(n, dtype=np.int64)
    m = era == 0
    days[m] = rng.integers(d0, y2014, int(m.sum()))
    m = era == 1
    days[m] = rng.integers(y2014, invasion, int(m.sum()))
    m = era == 2
    days[m] = np.minimum(invasion + rng.exponential(250, int(m.sum())).astype(np.int64), end_2023)
    m = era == 3  # bursts: many events within a few days of 40 moments
    centres = rng.integers(y2014, d1, 40)
    days[m] = centres[rng.integers(0, 40, int(m.sum()))] + rng.normal(0, 3, int(m.sum())).astype(
        np.int64
    )
    days = np.clip(days, d0, d1)
    precision = rng.choice(3, size=n, p=[0.8, 0.15, 0.05])
    as_dates = (days - EPOCH).astype("datetime64[D]")
    month, year = as_dates.astype("datetime64[M]"), as_dates.astype("datetime64[Y]")

    def ordinal(x: np.ndarray) -> np.ndarray:
        return x.astype("datetime64[D]").astype(np.int64) + EPOCH

    day_min = np.where(
        precision == 1, ordinal(month), np.where(precision == 2, ordinal(year), days)
    )
    day_max = np.where(
        precision == 1,
        ordinal(month + 1) - 1,
        np.where(precision == 2, ordinal(year + 1) - 1, days),
    )
    spans = (precision == 0) & (rng.random(n) < 0.05)
    day_max = np.where(spans, day_max + rng.integers(1, 6, n), day_max)
    qualifier = np.where(precision > 0, rng.choice(5, size=n, p=[0.6, 0.1, 0.1, 0.1, 0.1]), 0)

    def titles(ids: Sequence[str]) -> dict[str, str]:
        out = {}
        for e in ids:
            k = int(e[1:])
            out[e] = " ".join(WORDS[(k * 7 + j * 3) % len(WORDS)] for j in range(2 + k % 6))
        return out

    return TimelineData(
        day_min=day_min,
        day_max=day_max,
        precision=precision,
        qualifier=qualifier,
        category=rng.integers(0, len(CATEGORIES), n),
        ids=np.array([f"e{k}" for k in range(n)], dtype=object),
        categories=CATEGORIES,
        fetch_titles=titles,
    )


def load_data(n: int, cache: Path, max_db: int) -> tuple[TimelineData, str, float]:
    """The benchmark's data and where it came from, plus the load time in seconds."""
    synth = REPO / "bench" / "synth.py"
    if synth.exists() and n <= max_db:
        path = cache / f"synth-{n}.db"
        if not path.exists():
            sys.path.insert(0, str(synth.parent))
            import synth as generator  # type: ignore[import-not-found]

            print(f"generating {path} (once) ...", flush=True)
            cache.mkdir(parents=True, exist_ok=True)
            generator.generate(path, n, 0)
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        start = time.perf_counter()
        data = load_timeline_data(conn)
        return data, "bench/synth.py database", time.perf_counter() - start
    start = time.perf_counter()
    data = synthetic_arrays(n)
    return data, "numpy arrays", time.perf_counter() - start


@dataclass
class Result:
    n: int
    source: str
    load_s: float
    phase: str
    times_ms: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def zoom_script(lo: float, hi: float) -> list[tuple[float, float]]:
    """Whole range down to two days around the invasion, and back out."""
    target = date(2022, 2, 24).toordinal() + 0.5
    views = []
    t0, t1 = lo, hi
    while t1 - t0 > 2.0:
        views.append((t0, t1))
        span = (t1 - t0) / 1.25
        t0 = t0 + (target - t0) * (1 - 1 / 1.25)
        t1 = t0 + span
    views.append((target - 1, target + 1))
    return views + views[::-1]


def pan_script(centre: float, span: float, frames: int = 30) -> list[tuple[float, float]]:
    step = span * 0.03
    start = centre - span / 2
    return [(start + k * step, start + k * step + span) for k in range(frames)]


def measure(view: object, image: object, views: list[tuple[float, float]]) -> list[float]:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QWidget

    assert isinstance(view, QWidget) and isinstance(image, QImage)
    times = []
    for t0, t1 in views:
        view.set_view(t0, t1)  # type: ignore[attr-defined]
        start = time.perf_counter()
        view.render(image)
        times.append((time.perf_counter() - start) * 1000)
    return times


def run(n: int, cache: Path, max_db: int, report: Callable[[str], None]) -> list[Result]:
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from explorer.ui.timeline.view import TimelineView

    QApplication.instance() or QApplication([])
    data, source, load_s = load_data(n, cache, max_db)
    report(f"N={n:,}: {source}, loaded in {load_s:.2f} s")
    view = TimelineView(data)
    view.resize(WIDTH, HEIGHT)
    view.show()
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    lo, hi = view.view()
    invasion = date(2022, 2, 24).toordinal() + 0.5
    measure(view, image, pan_script(invasion, 30))  # warm-up: caches, fonts
    results = []
    if n < 10_000_000:
        results.append(
            Result(n, source, load_s, "zoom all levels", measure(view, image, zoom_script(lo, hi)))
        )
    pans = []
    for span in (hi - lo, 365.0, 30.0, 2.0):
        pans += measure(view, image, pan_script(invasion, span))
    results.append(Result(n, source, load_s, "pan 4 levels", pans))
    return results


def table(results: list[Result]) -> str:
    lines = [
        "| events | data from | load (s) | script | frames | median (ms) | p95 (ms) |",
        "|---:|---|---:|---|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.n:,} | {r.source} | {r.load_s:.2f} | {r.phase} | {len(r.times_ms)} "
            f"| {r.median:.1f} | {r.p95:.1f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="events (repeatable)")
    parser.add_argument("--cache-dir", type=Path, default=Path("/tmp/kroniek-bench"))
    parser.add_argument(
        "--max-db",
        type=int,
        default=1_000_000,
        help="largest N read from a synth.py database (larger: arrays)",
    )
    parser.add_argument(
        "--write-doc",
        action="store_true",
        help="write bench/results/timeline.md (pasted into docs/PERFORMANCE.md)",
    )
    args = parser.parse_args(argv)
    sizes = args.n or [100_000, 1_000_000]
    results: list[Result] = []
    for n in sizes:
        results += run(n, args.cache_dir, args.max_db, print)
        print(table([r for r in results if r.n == n]), flush=True)
    print()
    print(table(results))
    if args.write_doc:
        write_doc(results)
    return 0


def write_doc(results: list[Result]) -> None:
    cpu = os.cpu_count()
    text = f"""# Timeline performance

Measured with `python bench/bench_timeline.py {
        " ".join(f"--n {r}" for r in sorted({r.n for r in results}))
    } --write-doc` on {date.today().isoformat()}.

Machine: {cpu} cores, Python {platform.python_version()}, {platform.system()}
{platform.machine()}, `QT_QPA_PLATFORM=offscreen` (software raster, no GPU).

## Method

`TimelineView` is opened at {WIDTH}x{HEIGHT}. Every frame sets a new visible span
(so the layout is recomputed: binary searches, binning, lane placement, lazy
title fetch from SQLite for the few hundred events drawn) and renders the
widget into a QImage through its `paintEvent`; the frame time is that call.

* *zoom all levels*: whole range -> decade -> year -> month -> week -> two days
  around 24 February 2022 in 1.25x steps, and back out.
* *pan 4 levels*: 30 frames each, panning 3% of the width per frame, at the
  whole range, one year, one month and two days.

Data comes from a `bench/synth.py` database read with `load_timeline_data`
when that generator exists and N <= `--max-db` (default 1M); otherwise from
numpy arrays with the same shape of history (sparse before 2014, dense
2022-2023, bursts; 80% day, 15% month, 5% year precision). The load column is
the time to build the data (the SQL query, or generating the arrays, mostly
the 10M id strings). This run: {", ".join(sorted({f"{r.n:,} from {r.source}" for r in results}))}.

Targets: median <= 10 ms and p95 <= 16 ms at 1M events; p95 <= 33 ms at 10M.

## Results

{table(results)}
"""
    out = REPO / "bench" / "results" / "timeline.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
