"""Benchmark: the pure timeline layout (no painting) at a million events.

    python bench/bench_layout.py [--n 1000000] [--repeat 5]

Lays out five typical views (whole range, a year, a month, two days, a sparse
month in 2005) of the same synthetic history that ``bench_timeline.py`` paints,
after one warm-up pass (titles and precision subsets cached), and prints the
median and p95 of a layout, one figure per line. The target is 5 ms median on a
quiet machine; this used to be a timed unit test, which a loaded two-core CI
machine could fail without any change to the code.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_timeline import HEIGHT, WIDTH, synthetic_arrays  # noqa: E402

from explorer.core.timeline.layout import FixedMetrics, TimelineLayout  # noqa: E402


def d(y: int, m: int = 1, day: int = 1) -> int:
    return date(y, m, day).toordinal()


VIEWS = [
    (d(1989), d(2026)),
    (d(2022), d(2023)),
    (d(2022, 2), d(2022, 3)),
    (d(2022, 2, 24), d(2022, 2, 26)),
    (d(2005, 3), d(2005, 4)),
]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    data = synthetic_arrays(args.n)
    metrics = FixedMetrics()
    for t0, t1 in VIEWS:
        TimelineLayout(data, t0, t1, WIDTH, HEIGHT, metrics)
    times: list[float] = []
    for t0, t1 in VIEWS * args.repeat:
        start = time.perf_counter()
        TimelineLayout(data, t0 + 0.3, t1 + 0.3, WIDTH, HEIGHT, metrics)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(f"layout events: {args.n}")
    print(f"layout median ms: {statistics.median(times):.2f}")
    print(f"layout p95 ms: {times[int(0.95 * (len(times) - 1))]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
