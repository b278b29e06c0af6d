"""Timeline layout: events, a visible span and a pixel size in; shapes out.

The widget (:mod:`explorer.ui.timeline.view`) only paints what this module
computes, so everything about *where* things go is tested here without Qt. The
shapes it produces are values in :mod:`~explorer.core.timeline.shapes`.
Three levels of detail keep any zoom readable and fast at a million events:

``items``
    Few events in view (at most ``max_items``): each gets a marker -- a dot
    for a single day, a bar for a span -- in the first lane where it and its
    title fit. Titles never overlap: each one gets the room up to the next
    item in its lane and the painter elides it to that width. What does not
    fit in any lane is merged into "+N" badges on the bottom row.
``clusters``
    Up to ``max_clusters`` events: events are counted in time bins a badge
    wide (aligned to time, so panning does not reshuffle them) and each bin
    becomes a column stacked by category with its count on top.
``density``
    More than that: a histogram with one bar per pixel column.

Counting uses binary searches on the sorted ``day_min`` array and prefix
sums, so the cost grows with the width in pixels, not the number of events;
only the items level loops in Python, and only over a few hundred events.
"""

from __future__ import annotations

import bisect
import itertools
import math

import numpy as np
import numpy.typing as npt

from explorer.core.timeline.data import DAY, TimelineData, first_at_or_after
from explorer.core.timeline.legend import LegendEntry, legend_entries
from explorer.core.timeline.shapes import (
    Cluster,
    Density,
    Hit,
    Item,
    LayoutParams,
    Mode,
    Regions,
    Tape,
    TextMetrics,
)
from explorer.core.timeline.timescale import BIN_UNITS, Axis, compute_axis, period_starts


class TimelineLayout:
    """Everything the painter needs for one view of the timeline."""

    def __init__(
        self,
        data: TimelineData,
        t0: float,
        t1: float,
        width: float,
        height: float,
        metrics: TextMetrics,
        params: LayoutParams | None = None,
        *,
        lang: str,
    ) -> None:
        self.data = data
        #: The language of the axis labels (part of what a cached layout depends on).
        self.lang = lang
        self.t0 = float(t0)
        self.t1 = float(max(t1, t0 + 1e-6))
        self.width = float(max(width, 1.0))
        self.height = float(max(height, 1.0))
        self.metrics = metrics
        self.params = p = params or LayoutParams()
        self.scale = self.width / (self.t1 - self.t0)  # pixels per day
        lh = metrics.line_height
        self.lane_h = math.ceil(lh + 6)
        self.legend: list[LegendEntry] = []
        legend_h = 0.0
        if p.legend and data.categories:
            self.legend, legend_h = legend_entries(data, self.width, metrics, lang)
            legend_h = math.ceil(legend_h)
        axis_h = math.ceil(2 * lh + 10)
        axis_top = max(self.height - axis_h, legend_h + p.strip_h)
        strip_top = axis_top - p.strip_h
        self.regions = Regions(
            0.0, legend_h + 4, strip_top - 4, strip_top, axis_top, axis_top, self.height
        )
        self.axis: Axis = compute_axis(self.t0, self.t1, self.width, metrics.text_width, lang=lang)
        self.items: list[Item] = []
        self.clusters: list[Cluster] = []
        self.tapes: list[Tape] = []
        self._tapes_bottom = self.aggregate_top
        # Zoomed out, a bin is a few days or more wide: a month event fits in a
        # bin only when bins are at least a month, a year event likewise.
        self.density = self._density(_precisions_for(1.0 / self.scale))
        self.mode: Mode = "empty"
        self.lanes = 0
        if len(data):
            self._choose_and_build()

    # -- coordinates -------------------------------------------------------------

    def x_of(self, day: float) -> float:
        return (day - self.t0) * self.scale

    def day_of(self, x: float) -> float:
        return self.t0 + x / self.scale

    @property
    def visible_count(self) -> int:
        """Events starting inside the view (what the density strip sums to)."""
        return self.density.total

    # -- level of detail ---------------------------------------------------------

    def _choose_and_build(self) -> None:
        p, data = self.params, self.data
        if data.count_overlapping_upper_bound(self.t0, self.t1) <= 8 * p.max_items:
            cand = data.overlapping(self.t0, self.t1)
            if len(cand) <= p.max_items:
                self.mode = "items"
                self._build_items(cand)
                return
        if data.window(self.t0, self.t1)[1] - data.window(self.t0, self.t1)[0] <= p.max_clusters:
            self.mode = "clusters"
            self._build_clusters()
        else:
            self.mode = "density"
            self._build_tapes(self.density.precisions)

    @property
    def aggregate_top(self) -> float:
        """Top of the tapes, below a row kept free for the selection's callout."""
        return self.regions.events_top + self.lane_h

    @property
    def columns_top(self) -> float:
        """Where the tallest column or histogram bar may reach (counts go above)."""
        return self._tapes_bottom + self.lane_h

    def _count(
        self, day_edges: npt.NDArray[np.float64], precisions: tuple[int, ...]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Events starting in each ``[edge_k, edge_k+1)``, of the given precisions."""
        data = self.data
        edges = np.ceil(day_edges)
        if precisions == (0, 1, 2):
            idx = first_at_or_after(data.day_min, edges)
            counts = np.diff(idx).astype(np.int64)
            matched = counts if data.all_match else np.diff(data.match_cumsum()[idx])
            return counts, matched
        counts = np.zeros(max(0, len(edges) - 1), dtype=np.int64)
        matched = np.zeros_like(counts)
        for pr in precisions:
            dmin = data.precision_subset(pr)[1]
            idx = first_at_or_after(dmin, edges)
            c = np.diff(idx)
            counts += c
            matched += c if data.all_match else np.diff(data.subset_match_cumsum(pr)[idx])
        return counts, matched

    def _members(self, d0: float, d1: float, precisions: tuple[int, ...]) -> npt.NDArray[np.intp]:
        data = self.data
        if precisions == (0, 1, 2):
            lo, hi = first_at_or_after(data.day_min, [d0, d1])
            return np.arange(lo, hi, dtype=np.intp)
        parts = []
        for pr in precisions:
            idx, dmin = data.precision_subset(pr)
            lo, hi = first_at_or_after(dmin, [d0, d1])
            parts.append(idx[lo:hi])
        return np.sort(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.intp)

    def _density(self, precisions: tuple[int, ...]) -> Density:
        """Count events per pixel column (or per day when a day is wider)."""
        if self.scale > 1.0:
            # Zoomed in, whole days are the bins; the outer ones may be cut off.
            d0, d1 = math.floor(self.t0), math.ceil(self.t1)
            day_edges = np.arange(d0, d1 + 1, dtype=np.float64)
        else:
            day_edges = self.t0 + np.arange(int(self.width) + 1) / self.scale
        # An event belongs to the bin containing the start of its first day.
        counts, matched = self._count(day_edges, precisions)
        x_edges = np.clip((day_edges - self.t0) * self.scale, 0.0, self.width)
        return Density(x_edges, day_edges, counts, matched, precisions)

    # -- items -------------------------------------------------------------------

    def _build_items(self, cand: npt.NDArray[np.intp]) -> None:
        data, p, m = self.data, self.params, self.metrics
        r = self.regions
        lanes_total = max(1, int((r.events_bottom - r.events_top) // self.lane_h))
        titles = data.titles(cand.tolist())
        dmin = data.day_min[cand].astype(np.float64)
        dmax = data.day_max[cand].astype(np.float64) + 1.0
        x_start = (dmin - self.t0) * self.scale
        x_end = (dmax - self.t0) * self.scale
        marker_h = self.lane_h - 4
        # A single day is a dot whatever the zoom: the day is known, the hour not.
        single = data.day_max[cand] == data.day_min[cand]
        point = (data.precision[cand] == DAY) & (single | (x_end - x_start <= marker_h))
        centre = (x_start + x_end) / 2
        mx0 = np.where(point, centre - p.dot / 2, np.maximum(x_start, -8.0))
        mx1 = np.where(
            point, centre + p.dot / 2, np.minimum(np.maximum(x_end, x_start + 3), self.width + 8)
        )
        label_x = np.where(point, mx1 + 4, np.maximum(mx0, 0.0) + 4)
        full_w = np.array([m.text_width(t) for t in titles], dtype=np.float64)
        short_w = np.minimum(full_w, (p.min_label_chars + 1) * m.char_width)

        # Single days and short spans claim lanes first, then months, then
        # years: a year-long bar across the view tells less than the days in it.
        order = np.lexsort((mx0, data.precision[cand])).tolist()
        x0s = mx0.tolist()

        def place(label_w: npt.NDArray[np.float64], lanes: int) -> tuple[list[int], list[int]]:
            starts: list[list[float]] = [[] for _ in range(lanes)]
            ends: list[list[float]] = [[] for _ in range(lanes)]
            lane_of = [-1] * len(cand)
            overflow = []
            rights = np.maximum(mx1, label_x + label_w).tolist()
            gap = p.lane_gap + p.label_gap
            for k in order:
                a, b = x0s[k], rights[k]
                for lane in range(lanes):
                    j = bisect.bisect_right(starts[lane], a)
                    if j > 0 and ends[lane][j - 1] + gap > a:
                        continue
                    if j < len(starts[lane]) and starts[lane][j] < b + gap:
                        continue
                    starts[lane].insert(j, a)
                    ends[lane].insert(j, b)
                    lane_of[k] = lane
                    break
                else:
                    overflow.append(k)
            overflow.sort()
            return lane_of, overflow

        lane_of, overflow = place(full_w, lanes_total)
        if overflow:
            lane_of, overflow = place(short_w, lanes_total)
        if overflow and lanes_total == 1:
            # No row to spare for badges: one badge row says it all.
            lane_of, overflow = [-1] * len(cand), list(range(len(cand)))
        elif overflow:
            # Keep the bottom row for "+N" badges of what still does not fit.
            lane_of, overflow = place(short_w, lanes_total - 1)
        used = [lane for lane in lane_of if lane >= 0]
        self.lanes = max(used) + 1 if used else 0

        # Give every title the room up to the next marker in its lane.
        # The last title in a lane may run to the right edge, not beyond it.
        room = np.maximum(self.width - 2 - label_x, 0.0)
        by_lane: dict[int, list[int]] = {}
        for k in sorted(range(len(cand)), key=x0s.__getitem__):
            if lane_of[k] >= 0:
                by_lane.setdefault(lane_of[k], []).append(k)
        for members in by_lane.values():
            for prev, nxt in itertools.pairwise(members):
                room[prev] = x0s[nxt] - p.label_gap - label_x[prev]
        label_w = np.maximum(0.0, np.minimum(full_w, room))
        ell = m.text_width("…")
        for k, lane in enumerate(lane_of):
            if lane < 0:
                continue
            i = int(cand[k])
            fits = bool(full_w[k] <= label_w[k])
            title = titles[k]
            if fits:
                chars = len(title)
            else:
                chars = max(0, min(len(title), int((label_w[k] - ell) / m.char_width)))
            self.items.append(
                Item(
                    index=i,
                    lane=lane,
                    x=float(mx0[k]),
                    y=r.events_top + lane * self.lane_h + 2,
                    w=float(mx1[k] - mx0[k]),
                    h=float(marker_h),
                    x_start=float(x_start[k]),
                    x_end=float(x_end[k]),
                    label_x=float(label_x[k]),
                    label_w=float(label_w[k]),
                    title=title,
                    title_fits=fits,
                    title_chars=chars,
                    precision=int(data.precision[i]),
                    qualifier=int(data.qualifier[i]),
                    category=int(data.category[i]),
                    matched=bool(data.match[i]),
                )
            )
        if overflow:
            self._overflow_badges(
                cand[np.asarray(overflow, dtype=np.intp)], mx0[overflow], lanes_total - 1
            )

    def _overflow_badges(
        self, indices: npt.NDArray[np.intp], xs: npt.NDArray[np.float64], lane: int
    ) -> None:
        """Merge events without a lane into "+N" badges that never overlap."""
        m, p, data = self.metrics, self.params, self.data
        y = self.regions.events_top + lane * self.lane_h + 2
        h = self.lane_h - 4
        groups: list[list[int]] = []
        starts: list[float] = []
        right = -math.inf
        for k, x in enumerate(xs.tolist()):
            x = max(0.0, x)
            if groups and x < right + p.lane_gap:
                groups[-1].append(k)
            else:
                groups.append([k])
                starts.append(x)
            # The badge grows with its count, so the next one starts after it.
            right = starts[-1] + m.text_width(f"+{len(groups[-1])}") + 12
        for g, x0 in zip(groups, starts, strict=True):
            members = indices[np.asarray(g, dtype=np.intp)]
            w = m.text_width(f"+{len(g)}") + 12
            self.clusters.append(
                Cluster(
                    x=x0,
                    y=y,
                    w=w,
                    h=h,
                    day0=float(data.day_min[members].min()),
                    day1=float(data.day_max[members].max()) + 1,
                    count=len(g),
                    matched=int(data.match[members].sum()),
                    indices=members,
                    categories=_category_counts(data, members),
                )
            )

    # -- clusters ----------------------------------------------------------------

    def _build_clusters(self) -> None:
        """Columns of events per calendar period, stacked by category, with counts."""
        data, m, r = self.data, self.metrics, self.regions
        # Bins follow the calendar (weeks, months, years...) so a column's
        # count is the count of the period the axis names under it; the finest
        # unit wins whose columns are wide enough for their largest count.
        first, last = math.floor(self.t0), math.ceil(self.t1)
        for unit, approx in BIN_UNITS:
            if approx * self.scale < m.text_width("00") + 8:
                continue
            starts = list(period_starts(unit, first, last + math.ceil(2 * approx)))
            cut = next((k for k, s in enumerate(starts) if s >= self.t1), len(starts) - 1)
            day_edges = np.asarray(starts[: cut + 1], dtype=np.float64)
            precisions = _precisions_for(approx)
            counts, matched = self._count(day_edges, precisions)
            label_w = m.text_width(f"{int(counts.max()) if len(counts) else 0:,}")
            narrowest = float(np.diff(day_edges).min()) * self.scale if len(counts) else 0.0
            if narrowest - 4 >= label_w:
                break
        self._build_tapes(precisions)
        nonempty = np.flatnonzero(counts)
        if not len(nonempty):
            return
        top = self.columns_top
        height = max(4.0, r.events_bottom - top)
        # A square-root scale keeps single events visible next to bursts.
        peak = math.sqrt(float(counts.max()))
        for b in nonempty.tolist():
            members = self._members(day_edges[b], day_edges[b + 1], precisions)
            n = int(counts[b])
            h = max(3.0, height * math.sqrt(n) / peak)
            x0 = self.x_of(day_edges[b]) + 2
            x1 = self.x_of(day_edges[b + 1]) - 2
            if x1 - x0 > 120:  # zoomed far in: a column, not a wall
                mid = (x0 + x1) / 2
                x0, x1 = mid - 60, mid + 60
            self.clusters.append(
                Cluster(
                    x=x0,
                    y=r.events_bottom - h,
                    w=x1 - x0,
                    h=h,
                    day0=float(day_edges[b]),
                    day1=float(day_edges[b + 1]),
                    count=n,
                    matched=int(matched[b]),
                    indices=members,
                    categories=_category_counts(data, members),
                )
            )

    def _build_tapes(self, binned: tuple[int, ...]) -> None:
        """Bands for month and year events that the bins are too fine to hold."""
        y = self.aggregate_top
        h = self.lane_h - 6
        for pr, unit in ((2, "year"), (1, "month")):
            if pr in binned or not len(self.data.precision_subset(pr)[0]):
                continue
            first, last = math.floor(self.t0), math.ceil(self.t1)
            starts = list(period_starts(unit, first, last + 400))
            cut = next((k for k, s in enumerate(starts) if s >= self.t1), len(starts) - 1)
            edges = np.asarray(starts[: cut + 1], dtype=np.float64)
            counts, matched = self._count(edges, (pr,))
            for k in np.flatnonzero(counts).tolist():
                x0 = max(self.x_of(edges[k]), 0.0)
                x1 = min(self.x_of(edges[k + 1]), self.width)
                self.tapes.append(
                    Tape(
                        x0,
                        y,
                        max(1.0, x1 - x0 - 1),
                        h,
                        float(edges[k]),
                        float(edges[k + 1]),
                        int(counts[k]),
                        int(matched[k]),
                        pr,
                    )
                )
            y += self.lane_h - 2
        self._tapes_bottom = y

    # -- questions the widget asks -----------------------------------------------

    def item_at(self, x: float, y: float) -> Hit | None:
        """The event, cluster or density bin under pixel (x, y), if any."""
        for item in reversed(self.items):
            if item.contains(x, y):
                return Hit(
                    "event",
                    item.index,
                    float(self.data.day_min[item.index]),
                    float(self.data.day_max[item.index]) + 1,
                )
        for c in self.clusters:
            if c.contains(x, y) or (
                self.mode == "clusters" and c.x <= x <= c.x + c.w and c.y - self.lane_h <= y <= c.y
            ):
                if c.count == 1:
                    return Hit("event", int(c.indices[0]), c.day0, c.day1)
                if self.mode == "items":
                    members = tuple(int(i) for i in c.indices)
                    return Hit("overflow", -1, c.day0, c.day1, c.count, members=members)
                cat, n = c.category_at(y) or (-1, 0)
                return Hit("cluster", -1, c.day0, c.day1, c.count, category=cat, category_count=n)
        for t in self.tapes:
            if t.contains(x, y):
                return Hit("period", -1, t.day0, t.day1, t.count, t.precision)
        r = self.regions
        in_strip = r.strip_top <= y <= r.strip_bottom
        if in_strip or (self.mode == "density" and r.events_top <= y <= r.events_bottom):
            k = self.density.bin_at(x)
            if k is not None and self.density.counts[k]:
                d = self.density
                return Hit(
                    "bin", -1, float(d.day_edges[k]), float(d.day_edges[k + 1]), int(d.counts[k])
                )
        return None

    def item_for(self, index: int) -> Item | None:
        """The drawn item of event *index*, if it has one at this zoom."""
        for item in self.items:
            if item.index == index:
                return item
        return None

    def next_event(self, index: int) -> int | None:
        """The next (matching) event in time after *index*."""
        return self.data.next_index(index)

    def previous_event(self, index: int) -> int | None:
        """The previous (matching) event in time before *index*."""
        return self.data.previous_index(index)


def _precisions_for(bin_days: float) -> tuple[int, ...]:
    """Which precisions can be counted in bins *bin_days* wide."""
    if bin_days >= 365:
        return (0, 1, 2)
    if bin_days >= 28:
        return (0, 1)
    return (0,)


def _category_counts(data: TimelineData, members: npt.NDArray[np.intp]) -> list[tuple[int, int]]:
    counts = np.bincount(data.category[members], minlength=len(data.categories))
    order = np.argsort(-counts, kind="stable")
    return [(int(c), int(counts[c])) for c in order if counts[c]]
