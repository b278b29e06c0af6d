"""Greedy label placement: the most important labels first, never overlapping.

Each candidate label belongs to an anchor (a marker of radius ``radius``, or a
shape's label point with radius 0). Candidates are taken in priority order
(highlighted places, then by count); each tries a few positions around its
anchor -- right, left, above, below, then the diagonals -- and takes the first
that stays inside the view and touches neither a label already placed nor
another marker. A label that fits nowhere is left out: a readable map shows
fewer names, not a pile. A grid of cells keeps every test local, so placing
hundreds of labels costs a few milliseconds.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from explorer.core.geo.geometry import BBox

CELL = 64.0
GAP = 3.0


@dataclass(frozen=True)
class LabelCandidate:
    """A label that would like to be drawn next to (x, y), in pixels."""

    key: str
    text: str
    x: float
    y: float
    width: float
    height: float
    priority: float
    radius: float = 0.0
    centred: bool = False  # area names sit on their point, not beside it


@dataclass(frozen=True)
class PlacedLabel:
    key: str
    text: str
    rect: BBox


class _Grid:
    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[tuple[BBox, str]]] = defaultdict(list)

    @staticmethod
    def _span(box: BBox) -> Iterable[tuple[int, int]]:
        for i in range(math.floor(box.x0 / CELL), math.floor(box.x1 / CELL) + 1):
            for j in range(math.floor(box.y0 / CELL), math.floor(box.y1 / CELL) + 1):
                yield (i, j)

    def add(self, box: BBox, owner: str) -> None:
        for cell in self._span(box):
            self._cells[cell].append((box, owner))

    def hits(self, box: BBox, ignore: str = "") -> bool:
        for cell in self._span(box):
            for other, owner in self._cells.get(cell, ()):
                if owner != ignore and _overlap(box, other):
                    return True
        return False


def _overlap(a: BBox, b: BBox) -> bool:
    # Touching edges do not count: two labels may share a border line.
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def positions(c: LabelCandidate) -> list[BBox]:
    """The boxes a label may take around its anchor, best first."""
    w, h, r = c.width, c.height, c.radius
    if c.centred:
        return [BBox(c.x - w / 2, c.y - h / 2, c.x + w / 2, c.y + h / 2)]
    d = r + GAP
    diag = r * 0.7071 + GAP
    return [
        BBox(c.x + d, c.y - h / 2, c.x + d + w, c.y + h / 2),  # right
        BBox(c.x - d - w, c.y - h / 2, c.x - d, c.y + h / 2),  # left
        BBox(c.x - w / 2, c.y - d - h, c.x + w / 2, c.y - d),  # above
        BBox(c.x - w / 2, c.y + d, c.x + w / 2, c.y + d + h),  # below
        BBox(c.x + diag, c.y - diag - h, c.x + diag + w, c.y - diag),  # upper right
        BBox(c.x + diag, c.y + diag, c.x + diag + w, c.y + diag + h),  # lower right
        BBox(c.x - diag - w, c.y - diag - h, c.x - diag, c.y - diag),  # upper left
        BBox(c.x - diag - w, c.y + diag, c.x - diag, c.y + diag + h),  # lower left
    ]


def place_labels(
    candidates: Sequence[LabelCandidate],
    bounds: BBox,
    obstacles: Sequence[tuple[BBox, str]] = (),
) -> list[PlacedLabel]:
    """Place as many *candidates* as fit, highest priority first.

    *obstacles* are (box, key) pairs -- the markers -- that labels must not
    cover, except the label with the same key (a label may touch its own
    marker's box but is placed outside its circle anyway).
    """
    grid = _Grid()
    for box, owner in obstacles:
        grid.add(box, owner)
    placed: list[PlacedLabel] = []
    order = sorted(candidates, key=lambda c: (-c.priority, c.text, c.key))
    for c in order:
        for box in positions(c):
            if box.x0 < bounds.x0 or box.y0 < bounds.y0 or box.x1 > bounds.x1 or box.y1 > bounds.y1:
                continue
            if grid.hits(box, ignore=c.key):
                continue
            grid.add(box, "")  # placed labels block everyone, their own key included
            placed.append(PlacedLabel(c.key, c.text, box))
            break
    return placed
