"""Benchmark: how long the map takes to repaint while the timeline pans, at 1M events.

    python bench/bench_map.py [--events 1000000] [--size 900x650] [--frames 150]

The map never sees events, only one count per place, so the number of events
changes the numbers on the markers, not the work. To make the counts realistic
anyway, every place of the bundled gazetteer that the map can locate gets a
share of ``--events`` synthetic events spread over 2014-2025 (weighted by its
real number of events, with bursts), stored as a per-place, per-day count
matrix; a visible span's counts are a difference of cumulative sums, as an
aggregate query would return them.

Scripts (each frame is timed from the new input to the finished QImage):

* ``timeline pan``: the timeline's one-year span moves a week per frame (what
  panning or playing does); each frame hands the map new counts
  (``set_places``) and repaints it -- layout, shades, markers, labels.
* ``paint only``: the same frames, repaint without new counts.
* ``map drag``: the map itself is dragged 6 px a frame with counts fixed; the
  cached land and borders are shifted and redrawn only near their edge;
* ``map zoom``: 1.25x zoom steps in and out, each redrawing land and borders.

The budget is the timeline pan's p95 <= 16 ms (60 frames per second). Results
are printed one figure per line.

    python bench/bench_map.py --db /tmp/kb/s1m.db [--size 900x650] [--frames 150]

With ``--db`` (a database from ``bench/synth.py``) the whole window is built
on it instead and the map pane opened; once the search thread has counted the
places, the *timeline* is moved a week per frame (``TimelineView.set_view``,
as a drag or the play control moves it) and each frame is timed from that
call to the repainted map: the session's ``view_changed``, the counts of the
span from the search's place links (``PlaceCounts.counts``, two searchsorted
calls), the MapPlace list, layout, shades, markers and labels. It also times
the search thread's share: sorting the place links once, and keeping one
search's links (every event, and a text search).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from explorer import paths  # noqa: E402
from explorer.core.geo.places import MapPlace, gazetteer_codes  # noqa: E402

START = date(2014, 1, 1).toordinal()
END = date(2026, 1, 1).toordinal()
SPAN_DAYS = 365
STEP_DAYS = 7


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def gazetteer_places() -> list[MapPlace]:
    """Every place of the bundled database, with its real event count as a weight."""
    codes = gazetteer_codes()
    conn = sqlite3.connect(f"file:{paths.bundled_db()}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT p.id, p.name_nl, p.name_en, p.kind, p.lon, p.lat, p.oblast, "
            "COUNT(ep.event_id) FROM places p LEFT JOIN event_places ep ON ep.place_id = p.id "
            "GROUP BY p.id ORDER BY p.id"
        ).fetchall()
        titles: dict[str, list[str]] = {}
        for place_id, title in conn.execute(
            "SELECT ep.place_id, e.title FROM event_places ep JOIN events e ON e.id = ep.event_id "
            "ORDER BY e.date_min"
        ):
            titles.setdefault(place_id, []).append(title)
    finally:
        conn.close()
    return [
        MapPlace(
            pid,
            nl,
            en,
            kind,
            lon,
            lat,
            max(n, 1),
            0,
            tuple(titles.get(pid, [])[:3]),
            code=codes.get(pid, ""),
            oblast=codes.get(oblast or "", ""),
        )
        for pid, nl, en, kind, lon, lat, oblast, n in rows
    ]


def daily_counts(places: list[MapPlace], events: int, seed: int = 7) -> np.ndarray:
    """Cumulative per-place, per-day counts of *events* synthetic events (int64)."""
    rng = np.random.default_rng(seed)
    days = END - START
    weights = np.array([p.count for p in places], dtype=float)
    per_place = rng.multinomial(events, weights / weights.sum())
    # Dense from the invasion on, thin before, with a few bursts per place.
    base = np.ones(days)
    invasion = date(2022, 2, 24).toordinal() - START
    base[invasion:] *= 12.0
    cum = np.zeros((len(places), days + 1), dtype=np.int64)
    for k, n in enumerate(per_place):
        shape = base.copy()
        for centre in rng.integers(0, days, size=3):
            lo, hi = max(0, centre - 20), min(days, centre + 20)
            shape[lo:hi] *= 6.0
        cum[k, 1:] = np.cumsum(rng.multinomial(n, shape / shape.sum()))
    return cum


def timed(frames: list[Callable[[], None]]) -> list[float]:
    times = []
    for frame in frames:
        start = time.perf_counter()
        frame()
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(name: str, times: list[float]) -> None:
    print(f"{name} frames: {len(times)}")
    print(f"{name} median ms: {statistics.median(times):.2f}")
    print(f"{name} p95 ms: {p95(times):.2f}")


def whole_app(db: Path, width: int, height: int, frames: int) -> int:
    """The map pane in the window on *db*, following the timeline a week per frame."""
    import tempfile

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from explorer.app import build
    from explorer.core.events.facet_index import FacetCounter
    from explorer.core.events.place_counts import matching, place_times
    from explorer.core.events.query import Query
    from explorer.core.events.search import SearchEngine
    from explorer.core.events.store import connect_readonly

    paths.set_data_dir(Path(tempfile.mkdtemp()))
    app = QApplication.instance() or QApplication([])
    k = build(db, "en")
    k.window.resize(1600, 1000)
    k.window.show()

    def settle(ready: Callable[[], bool], limit_s: float = 300.0) -> None:
        deadline = time.perf_counter() + limit_s
        while not ready() and time.perf_counter() < deadline:
            loop = QEventLoop()
            QTimer.singleShot(50, loop.quit)
            loop.exec()

    import resource

    settle(lambda: not k.window.facets.counting and not k.session.busy())
    rss_closed = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.perf_counter()
    k.maps.dock.show()
    opened_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    settle(lambda: k.maps.counts is not None and not k.session.busy())
    counted_s = time.perf_counter() - t
    view = k.maps.view
    view.resize(width, height)
    view.fit()
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    start = float(date(2021, 6, 1).toordinal())

    def frame(k_: int) -> Callable[[], None]:
        t0 = start + STEP_DAYS * k_

        def run() -> None:
            k.window.timeline.set_view(t0, t0 + SPAN_DAYS)
            view.render(image)

        return run

    counts = k.maps.counts
    assert counts is not None
    timed([frame(k_) for k_ in range(20)])  # warm-up
    pan = timed([frame(k_) for k_ in range(frames)])
    span_counts = timed(
        [lambda k_=k_: counts.counts(start + 7 * k_, start + 7 * k_ + SPAN_DAYS)
         for k_ in range(frames)]
    )  # fmt: skip
    shown = 0
    for k_ in (0, frames // 2, frames - 1):  # after the timing: counting is not timed
        frame(k_)()
        shown = max(shown, sum(1 for p in view.places() if p.count > 0))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    k.close()
    app.processEvents()

    # The search thread's share, on a connection of its own.
    conn = connect_readonly(db)
    engine = SearchEngine(conn)
    counter = FacetCounter(engine)
    index = counter.index
    t = time.perf_counter()
    times = place_times(index, engine.registry, conn)
    sort_ms = (time.perf_counter() - t) * 1000
    searches = {}
    for text in ("", "kerncentrale"):
        plan = engine.plan(Query(text=text))
        base = counter.base(plan)
        t = time.perf_counter()
        mask = matching(index, plan.facets, plan.query, base, conn)
        times.matching(None if mask.all() else mask)
        searches[text or "(every event)"] = (time.perf_counter() - t) * 1000
    links = len(times.by_min)
    conn.close()

    print(f"database: {db}")
    print(f"events: {len(index)}")
    print(f"place links (places, oblasts, countries): {links}")
    print(f"map size: {width}x{height}")
    print(f"opening the pane (base map load and projection) ms: {opened_ms:.0f}")
    print(f"first place counts after opening (facet index ready) s: {counted_s:.2f}")
    print(f"most places with events in a frame: {shown}")
    if not shown:
        print("no frame had places with events: the frames did not reach the map")
        return 1
    print(f"peak resident memory before opening the map MB: {rss_closed:.0f}")
    print(f"peak resident memory with the map open MB: {rss:.0f}")
    report("timeline pan, window (set_view to repainted map)", pan)
    report("span counts alone (PlaceCounts.counts)", span_counts)
    print(f"search thread: sorting the place links once ms: {sort_ms:.0f}")
    for name, ms in searches.items():
        print(f"search thread: keeping the links of {name!r} ms: {ms:.0f}")
    ok = p95(pan) <= 16.0
    print(f"timeline pan p95 within 16 ms: {'yes' if ok else 'NO'}")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--size", default="900x650")
    parser.add_argument("--frames", type=int, default=150)
    parser.add_argument("--db", type=Path, help="a synthetic database: time the whole window")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))
    if args.db:
        return whole_app(args.db, width, height, args.frames)

    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from explorer.core.geo.basemap import load_basemap
    from explorer.ui.map.view import MapView

    app = QApplication.instance() or QApplication([])
    t = time.perf_counter()
    basemap = load_basemap().project()
    load_ms = (time.perf_counter() - t) * 1000
    places = gazetteer_places()
    cum = daily_counts(places, args.events)
    view = MapView(basemap)
    view.resize(width, height)
    view.show()
    app.processEvents()
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)

    def counts_at(t0: int) -> list[MapPlace]:
        window = cum[:, t0 + SPAN_DAYS] - cum[:, t0]
        return [
            MapPlace(
                p.id,
                p.name_nl,
                p.name_en,
                p.kind,
                p.lon,
                p.lat,
                int(n),
                int(cum[k, -1]),
                p.top_events,
                p.code,
                p.oblast,
            )
            for k, (p, n) in enumerate(zip(places, window, strict=True))
        ]

    starts = [
        (date(2021, 6, 1).toordinal() - START + k * STEP_DAYS) % (END - START - SPAN_DAYS)
        for k in range(args.frames)
    ]
    inputs = [counts_at(t0) for t0 in starts]  # built beforehand: the query is not timed

    def pan_frame(new: list[MapPlace]) -> Callable[[], None]:
        def frame() -> None:
            view.set_places(new)
            view.render(image)

        return frame

    def paint_frame() -> None:
        view.render(image)

    def move(action: Callable[[], None]) -> Callable[[], None]:
        def frame() -> None:
            action()
            view.render(image)

        return frame

    timed([pan_frame(p) for p in inputs[:20]])  # warm-up: fonts, caches, label widths
    pan = timed([pan_frame(p) for p in inputs])
    paint = timed([paint_frame] * args.frames)
    drag = timed([move(lambda: view.pan(6, 2))] * 60 + [move(lambda: view.pan(-6, -2))] * 60)
    zoom = timed([move(lambda: view.zoom(1.25))] * 10 + [move(lambda: view.zoom(0.8))] * 20)

    located = len(view.places())
    biggest = max(p.count for p in view.places())
    print(f"events: {args.events}")
    print(f"places located on the map: {located}")
    print(f"largest count of one place in the last frame: {biggest}")
    print(f"widget size: {width}x{height}")
    print(f"base map load and projection ms: {load_ms:.1f}")
    for name, times in (
        ("timeline pan (new counts + repaint)", pan),
        ("paint only", paint),
        ("map drag (cached pixmaps shifted)", drag),
        ("map zoom (pixmaps redrawn)", zoom),
    ):
        print(f"{name} frames: {len(times)}")
        print(f"{name} median ms: {statistics.median(times):.1f}")
        print(f"{name} p95 ms: {p95(times):.1f}")
    ok = p95(pan) <= 16.0
    print(f"timeline pan p95 within 16 ms: {'yes' if ok else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
