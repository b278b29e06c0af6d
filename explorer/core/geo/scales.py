"""Scales that turn counts and distances into sizes, classes and round numbers.

* Marker size: a circle's *area* is proportional to its count (radius grows
  with the square root), as a reader compares areas, not radii. A floor keeps
  the smallest marker clickable.
* Choropleth classes: upper bounds from the 1-2-5 series (1, 2, 5, 10, 20,
  50 …) thinned to at most ``n`` classes, so the legend reads in round numbers
  and stays put while counts change a little.
* Scale bar: the longest 1-2-5 distance in km that fits a pixel budget.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

MIN_RADIUS = 3.5
MAX_RADIUS = 24.0


def marker_radius(
    count: int, max_count: int, *, r_min: float = MIN_RADIUS, r_max: float = MAX_RADIUS
) -> float:
    """Radius in pixels for *count* on a scale whose largest count is *max_count*."""
    if count <= 0 or max_count <= 0:
        return 0.0
    r = r_max * math.sqrt(min(count, max_count) / max_count)
    return max(r, r_min)


def one_two_five(limit: float) -> list[int]:
    """1, 2, 5, 10, 20, 50 … up to the first value >= *limit*."""
    out: list[int] = []
    decade = 1
    while True:
        for step in (1, 2, 5):
            value = step * decade
            out.append(value)
            if value >= limit:
                return out
        decade *= 10


@dataclass(frozen=True)
class Classes:
    """Choropleth classes: class *k* holds counts in ``(uppers[k-1], uppers[k]]``.

    Class 0 starts at 1; a count of 0 is in no class (drawn unshaded).
    """

    uppers: tuple[int, ...]

    def classify(self, count: int) -> int:
        """The class index of *count*, or -1 for zero."""
        if count <= 0 or not self.uppers:
            return -1
        return min(bisect.bisect_left(self.uppers, count), len(self.uppers) - 1)

    def ranges(self) -> list[tuple[int, int]]:
        """(lowest, highest) count of every class, for the legend."""
        lows = [1, *(u + 1 for u in self.uppers[:-1])]
        return list(zip(lows, self.uppers, strict=True))

    def __len__(self) -> int:
        return len(self.uppers)


def choropleth_classes(max_count: int, n: int = 5) -> Classes:
    """At most *n* classes from 1 to *max_count* on the 1-2-5 series."""
    if max_count <= 0 or n <= 0:
        return Classes(())
    series = one_two_five(max_count)
    if len(series) > n:
        # Upper bounds near max**(k/n) -- evenly spread on a log scale, which suits
        # counts that run from a handful to hundreds -- snapped to the series.
        top = math.log(series[-1])
        picks = {min(series, key=lambda s: abs(math.log(s) - top * k / n)) for k in range(1, n + 1)}
        series = sorted(picks)
    return Classes(tuple(series))


def scale_bar(metres_per_pixel: float, max_pixels: float) -> tuple[float, float]:
    """(length in km, length in pixels) of the longest round distance that fits."""
    if metres_per_pixel <= 0 or max_pixels <= 0:
        return (0.0, 0.0)
    limit_km = metres_per_pixel * max_pixels / 1000.0
    best = 0.0
    decade = 10.0 ** math.floor(math.log10(limit_km)) if limit_km > 0 else 1.0
    for d in (decade / 10, decade):
        for step in (1, 2, 5):
            value = step * d
            if value <= limit_km:
                best = max(best, value)
    return (best, best * 1000.0 / metres_per_pixel)
