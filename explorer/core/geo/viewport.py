"""The map's view: which projected rectangle a widget of some pixel size shows.

Projected coordinates are metres, x east and y north; screen coordinates are
pixels, x right and y *down*. A :class:`Viewport` is an immutable value: zoom,
pan, resize and fit return a new one, so the widget can keep the previous view
for "back" and tests can compare views.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from explorer.core.geo.geometry import BBox

#: Most zoomed in: 20 metres per pixel (a town fills the view).
MAX_SCALE = 1 / 20.0
#: Most zoomed out: 40 km per pixel (Eurasia fits a small pane).
MIN_SCALE = 1 / 40_000.0


@dataclass(frozen=True)
class Viewport:
    """Centre (cx, cy) in metres, ``scale`` in pixels per metre, size in pixels."""

    cx: float
    cy: float
    scale: float
    width: int
    height: int

    @classmethod
    def fit(cls, box: BBox, width: int, height: int, margin: float = 0.04) -> Viewport:
        """The view that shows *box* whole, centred, with *margin* of the size spare."""
        width, height = max(width, 1), max(height, 1)
        usable_w = width * (1 - 2 * margin)
        usable_h = height * (1 - 2 * margin)
        scale = min(usable_w / max(box.width, 1.0), usable_h / max(box.height, 1.0))
        cx, cy = box.centre
        return cls(cx, cy, _clamp(scale), width, height)

    @property
    def metres_per_pixel(self) -> float:
        return 1.0 / self.scale

    def to_screen(self, x: float, y: float) -> tuple[float, float]:
        return (
            (x - self.cx) * self.scale + self.width / 2,
            (self.cy - y) * self.scale + self.height / 2,
        )

    def to_map(self, px: float, py: float) -> tuple[float, float]:
        return (
            self.cx + (px - self.width / 2) / self.scale,
            self.cy - (py - self.height / 2) / self.scale,
        )

    @property
    def visible(self) -> BBox:
        """The projected rectangle in view."""
        x0, y1 = self.to_map(0, 0)
        x1, y0 = self.to_map(self.width, self.height)
        return BBox(x0, y0, x1, y1)

    def zoomed(self, factor: float, px: float | None = None, py: float | None = None) -> Viewport:
        """Zoom by *factor* (>1 in) keeping the map point under (px, py) in place."""
        px = self.width / 2 if px is None else px
        py = self.height / 2 if py is None else py
        mx, my = self.to_map(px, py)
        scale = _clamp(self.scale * factor)
        cx = mx - (px - self.width / 2) / scale
        cy = my + (py - self.height / 2) / scale
        return replace(self, cx=cx, cy=cy, scale=scale)

    def panned(self, dx: float, dy: float) -> Viewport:
        """Move the map by (dx, dy) pixels, as a drag does (content follows the mouse)."""
        return replace(self, cx=self.cx - dx / self.scale, cy=self.cy + dy / self.scale)

    def resized(self, width: int, height: int) -> Viewport:
        """Same centre and scale in a widget of another size."""
        return replace(self, width=max(width, 1), height=max(height, 1))

    def kept_within(self, box: BBox) -> Viewport:
        """Move the centre back inside *box*, so the map cannot be lost off-screen."""
        cx = min(max(self.cx, box.x0), box.x1)
        cy = min(max(self.cy, box.y0), box.y1)
        return self if (cx, cy) == (self.cx, self.cy) else replace(self, cx=cx, cy=cy)


def _clamp(scale: float) -> float:
    return min(max(scale, MIN_SCALE), MAX_SCALE)
