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
#: Cell (i, j) is filed under i * _ROW + j: rows far apart never share a key.
_ROW = 1 << 20


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


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


class _Grid:
    """Boxes filed by the grid cells they touch; plain tuples and integer cell keys
    keep the loop fast (it runs thousands of times a frame in a crowded view)."""

    def __init__(self) -> None:
        self._cells: dict[int, list[tuple[float, float, float, float, str]]] = defaultdict(list)

    @staticmethod
    def _span(box: Box) -> Iterable[int]:
        x0, y0, x1, y1 = box
        for i in range(math.floor(x0 / CELL), math.floor(x1 / CELL) + 1):
            for j in range(math.floor(y0 / CELL), math.floor(y1 / CELL) + 1):
                yield i * _ROW + j

    def add(self, box: Box, owner: str) -> None:
        entry = (*box, owner)
        for cell in self._span(box):
            self._cells[cell].append(entry)

    def blocker(self, box: Box, ignore: str = "") -> Box | None:
        """A box that *box* overlaps (not one of *ignore*'s), or None."""
        x0, y0, x1, y1 = box
        get = self._cells.get
        j0, j1 = math.floor(y0 / CELL), math.floor(y1 / CELL) + 1
        for i in range(math.floor(x0 / CELL), math.floor(x1 / CELL) + 1):
            row = i * _ROW
            for j in range(j0, j1):
                for a0, b0, a1, b1, owner in get(row + j, ()):
                    # Touching edges do not count: two labels may share a border line.
                    if x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1 and owner != ignore:
                        return (a0, b0, a1, b1)
        return None

    def hits(self, box: Box, ignore: str = "") -> bool:
        return self.blocker(box, ignore) is not None


def positions(c: LabelCandidate) -> list[Box]:
    """The boxes a label may take around its anchor, best first."""
    x, y, w, h, r = c.x, c.y, c.width, c.height, c.radius
    if c.centred:
        return [(x - w / 2, y - h / 2, x + w / 2, y + h / 2)]
    d = r + GAP
    e = r * 0.7071 + GAP
    return [
        (x + d, y - h / 2, x + d + w, y + h / 2),  # right
        (x - d - w, y - h / 2, x - d, y + h / 2),  # left
        (x - w / 2, y - d - h, x + w / 2, y - d),  # above
        (x - w / 2, y + d, x + w / 2, y + d + h),  # below
        (x + e, y - e - h, x + e + w, y - e),  # upper right
        (x + e, y + e, x + e + w, y + e + h),  # lower right
        (x - e - w, y - e - h, x - e, y - e),  # upper left
        (x - e - w, y + e, x - e, y + e + h),  # lower left
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
    for obstacle, owner in obstacles:
        grid.add((obstacle.x0, obstacle.y0, obstacle.x1, obstacle.y1), owner)
    placed: list[PlacedLabel] = []
    order = sorted(candidates, key=lambda c: (-c.priority, c.text, c.key))
    left, top, right, bottom = bounds.x0, bounds.y0, bounds.x1, bounds.y1
    for c in order:
        # What blocked one position often blocks the next: ask it before the grid.
        blockers: list[Box] = []
        for box in positions(c):
            x0, y0, x1, y1 = box
            if x0 < left or y0 < top or x1 > right or y1 > bottom:
                continue
            blocked = False
            for a0, b0, a1, b1 in blockers:
                if x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1:
                    blocked = True
                    break
            if blocked:
                continue
            blocker = grid.blocker(box, ignore=c.key)
            if blocker is not None:
                blockers.append(blocker)
                continue
            grid.add(box, "")  # placed labels block everyone, their own key included
            placed.append(PlacedLabel(c.key, c.text, BBox(*box)))
            break
    return placed
