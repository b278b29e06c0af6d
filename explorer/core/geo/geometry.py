"""Plane geometry on numpy rings: point-in-polygon, bounding boxes, areas.

A ring is an ``(N, 2)`` float array whose last point repeats the first. A shape
is any number of rings; a point is inside it when a ray from the point crosses
its rings an odd number of times (the even–odd rule), which handles holes and
islands alike without knowing which ring is which.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class BBox:
    """An axis-aligned box; ``x0 <= x1`` and ``y0 <= y1``."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def centre(self) -> tuple[float, float]:
        return ((self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2)

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1

    def intersects(self, other: BBox) -> bool:
        return not (
            other.x0 > self.x1 or other.x1 < self.x0 or other.y0 > self.y1 or other.y1 < self.y0
        )

    def union(self, other: BBox) -> BBox:
        return BBox(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )

    def grown(self, fraction: float) -> BBox:
        """The box with *fraction* of its width and height added on every side."""
        dx, dy = self.width * fraction, self.height * fraction
        return BBox(self.x0 - dx, self.y0 - dy, self.x1 + dx, self.y1 + dy)

    @staticmethod
    def around(points: FloatArray) -> BBox:
        """The box around an ``(N, 2)`` array of points (N > 0)."""
        lo = points.min(axis=0)
        hi = points.max(axis=0)
        return BBox(float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1]))


def bbox_of(rings: Sequence[FloatArray]) -> BBox:
    """The box around every point of *rings* (at least one non-empty ring)."""
    boxes = [BBox.around(r) for r in rings if len(r)]
    if not boxes:
        raise ValueError("no points")
    box = boxes[0]
    for other in boxes[1:]:
        box = box.union(other)
    return box


def points_in_rings(x: npt.ArrayLike, y: npt.ArrayLike, rings: Sequence[FloatArray]) -> BoolArray:
    """For every point (x[i], y[i]): is it inside *rings* by the even–odd rule?"""
    px = np.atleast_1d(np.asarray(x, dtype=np.float64))
    py = np.atleast_1d(np.asarray(y, dtype=np.float64))
    inside = np.zeros(px.shape, dtype=bool)
    for ring in rings:
        if len(ring) < 4:
            continue
        ax, ay = ring[:-1, 0], ring[:-1, 1]
        bx, by = ring[1:, 0], ring[1:, 1]
        # Edges that straddle the horizontal line through each point ...
        straddle = (ay[None, :] > py[:, None]) != (by[None, :] > py[:, None])
        dy = np.where(by == ay, 1.0, by - ay)
        # ... and cross it to the right of the point.
        cross_x = ax[None, :] + (py[:, None] - ay[None, :]) * (bx - ax)[None, :] / dy[None, :]
        hits = straddle & (px[:, None] < cross_x)
        inside ^= (hits.sum(axis=1) % 2).astype(bool)
    return inside


def point_in_rings(x: float, y: float, rings: Sequence[FloatArray]) -> bool:
    """Is the point (x, y) inside *rings* by the even–odd rule?"""
    return bool(points_in_rings([x], [y], rings)[0])


def ring_area(ring: FloatArray) -> float:
    """Signed area (shoelace): positive for a counter-clockwise ring."""
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))


def distance_to_rings(x: float, y: float, rings: Sequence[FloatArray]) -> float:
    """The shortest distance from (x, y) to any edge of *rings*."""
    best = np.inf
    for ring in rings:
        a, b = ring[:-1], ring[1:]
        d = b - a
        length2 = np.maximum((d * d).sum(axis=1), 1e-12)
        t = np.clip(((x - a[:, 0]) * d[:, 0] + (y - a[:, 1]) * d[:, 1]) / length2, 0.0, 1.0)
        dist = np.hypot(x - a[:, 0] - t * d[:, 0], y - a[:, 1] - t * d[:, 1])
        if len(dist):
            best = min(best, float(dist.min()))
    return float(best)
