"""The shapes a timeline layout is made of: items, clusters, tapes, the density strip.

Plain values (and the text-metrics protocol the layout measures with), so the
painter, the tooltips and the tests can use them without the layout's maths.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

import numpy as np
import numpy.typing as npt

from explorer.core.timeline.data import DAY

Mode = Literal["empty", "items", "clusters", "density"]


class TextMetrics(Protocol):
    """How big text is: the widget passes real font metrics, tests fixed ones."""

    @property
    def char_width(self) -> float: ...

    @property
    def line_height(self) -> float: ...

    def text_width(self, text: str) -> float: ...


@dataclass(frozen=True)
class FixedMetrics:
    """Every character equally wide: for tests and the benchmark."""

    char_width: float = 7.0
    line_height: float = 16.0

    def text_width(self, text: str) -> float:
        return len(text) * self.char_width


@dataclass(frozen=True)
class Regions:
    """Vertical bands of the widget, top to bottom, in pixels."""

    legend_top: float
    events_top: float
    events_bottom: float
    strip_top: float
    strip_bottom: float
    axis_top: float
    axis_bottom: float


@dataclass(frozen=True)
class Item:
    """One event drawn on its own: a marker (dot or bar) and room for its title."""

    index: int
    lane: int
    x: float  # marker rectangle, clipped to a little beyond the view
    y: float
    w: float
    h: float
    x_start: float  # unclipped start and end of the event's days, for gradients
    x_end: float
    label_x: float
    label_w: float  # pixels the title may use; the painter elides to this
    title: str
    title_fits: bool
    title_chars: int  # how many characters of the title show (estimate)
    precision: int
    qualifier: int
    category: int
    matched: bool

    @property
    def is_point(self) -> bool:
        """Drawn as a dot: a single day, or a few days narrower than the dot."""
        return self.precision == DAY and self.w <= self.h

    def contains(self, x: float, y: float) -> bool:
        right = max(self.x + self.w, self.label_x + self.label_w)
        return self.x - 2 <= x <= right + 2 and self.y <= y <= self.y + self.h


@dataclass(frozen=True)
class Cluster:
    """Several events shown as one badge or column with their count."""

    x: float
    y: float
    w: float
    h: float
    day0: float  # the time the cluster covers, for zooming into it
    day1: float
    count: int
    matched: int
    indices: npt.NDArray[np.intp]
    #: (category index, count) pairs, largest first: the column's stacking.
    categories: list[tuple[int, int]] = field(default_factory=list)

    def contains(self, x: float, y: float) -> bool:
        return self.x - 1 <= x <= self.x + self.w + 1 and self.y <= y <= self.y + self.h

    def category_at(self, y: float) -> tuple[int, int] | None:
        """The (category, count) of the stacked segment at height *y* of a column."""
        bottom = self.y + self.h
        for cat, n in self.categories:
            top = bottom - self.h * n / max(1, self.count)
            if top <= y <= bottom:
                return cat, n
            bottom = top
        return None


@dataclass(frozen=True)
class Tape:
    """Events known only to a month or year, drawn as one band over that period."""

    x: float
    y: float
    w: float
    h: float
    day0: float
    day1: float
    count: int
    matched: int
    precision: int

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.w and self.y <= y <= self.y + self.h


@dataclass(frozen=True)
class Density:
    """Events starting in each bin; bins are pixel columns or, zoomed in, days.

    Only events whose precision is at least as fine as a bin are counted
    (``precisions``): the others are drawn as tapes over their month or year.
    """

    x_edges: npt.NDArray[np.float64]  # len(counts) + 1 pixel positions
    day_edges: npt.NDArray[np.float64]
    counts: npt.NDArray[np.int64]
    matched: npt.NDArray[np.int64]
    precisions: tuple[int, ...] = (0, 1, 2)

    @property
    def total(self) -> int:
        return int(self.counts.sum())

    def bin_at(self, x: float) -> int | None:
        k = int(np.searchsorted(self.x_edges, x, side="right")) - 1
        return k if 0 <= k < len(self.counts) else None


@dataclass(frozen=True)
class Hit:
    """What is under the pointer: an event, a cluster or a density bin."""

    #: "overflow" is a "+N" badge of events that found no lane (they are in *members*).
    kind: Literal["event", "cluster", "overflow", "bin", "period"]
    index: int = -1
    day0: float = 0.0
    day1: float = 0.0
    count: int = 1
    precision: int = 0  # for "period": the month (1) or year (2) the events are known to
    #: For a column: the category of the segment under the pointer and its count.
    category: int = -1
    category_count: int = 0
    members: tuple[int, ...] = ()


@dataclass(frozen=True)
class LayoutParams:
    """Tunable sizes and thresholds (pixels, counts)."""

    max_items: int = 300
    max_clusters: int = 20000
    dot: float = 9.0
    lane_gap: float = 3.0
    label_gap: float = 10.0
    min_label_chars: int = 10
    strip_h: float = 12.0
    legend: bool = True
