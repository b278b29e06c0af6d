"""The map's colours, for a light and a dark window palette.

Land is quiet and warm-grey so the data stands out: oblasts shaded in a
sequential orange-to-red ramp (light = few events, dark = many), markers in
blue, which stays distinct from every step of the ramp, also for the common
red-green colour blindnesses. Crimea's occupation is a hatch, not a colour, so
it reads on top of any shade.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

# Five steps from pale sand to deep red; lightness falls monotonically.
_RAMP = ("#fde4b8", "#f7b26a", "#e8793c", "#c4452a", "#8a1c17")


@dataclass(frozen=True)
class MapColours:
    scheme: str  # "light" or "dark": names the set for caches (QColor is unhashable)
    sea: QColor
    land: QColor
    ukraine: QColor
    russia: QColor
    country_border: QColor
    oblast_border: QColor
    ukraine_border: QColor
    occupied_hatch: QColor
    marker: QColor
    marker_edge: QColor
    area_marker: QColor
    highlight: QColor
    highlight_edge: QColor
    focus: QColor
    text: QColor
    halo: QColor
    area_text: QColor
    country_text: QColor
    panel: QColor
    panel_text: QColor
    ramp: tuple[QColor, ...]

    @classmethod
    def light(cls) -> MapColours:
        return cls(
            scheme="light",
            sea=QColor("#d9e6ef"),
            land=QColor("#ece8e1"),
            ukraine=QColor("#faf8f4"),
            russia=QColor("#e2ddd5"),
            country_border=QColor("#8f887f"),
            oblast_border=QColor("#b3aca2"),
            ukraine_border=QColor("#4d4843"),
            occupied_hatch=QColor(150, 40, 40, 150),
            marker=QColor(23, 84, 160, 200),
            marker_edge=QColor("#ffffff"),
            area_marker=QColor(23, 84, 160, 230),
            highlight=QColor("#ffd23f"),
            highlight_edge=QColor("#111111"),
            focus=QColor("#111111"),
            text=QColor("#1d1b19"),
            halo=QColor(255, 255, 255, 220),
            area_text=QColor("#625c55"),
            country_text=QColor("#7d766d"),
            panel=QColor(255, 255, 255, 225),
            panel_text=QColor("#1d1b19"),
            ramp=tuple(QColor(c) for c in _RAMP),
        )

    @classmethod
    def dark(cls) -> MapColours:
        return cls(
            scheme="dark",
            sea=QColor("#1b2630"),
            land=QColor("#34322f"),
            ukraine=QColor("#474440"),
            russia=QColor("#2d2b29"),
            country_border=QColor("#7b756d"),
            oblast_border=QColor("#6a645d"),
            ukraine_border=QColor("#d8d2c8"),
            occupied_hatch=QColor(240, 130, 120, 170),
            marker=QColor(110, 170, 245, 210),
            marker_edge=QColor("#101010"),
            area_marker=QColor(110, 170, 245, 235),
            highlight=QColor("#ffd23f"),
            highlight_edge=QColor("#ffffff"),
            focus=QColor("#ffffff"),
            text=QColor("#f2efe9"),
            halo=QColor(20, 20, 20, 220),
            area_text=QColor("#bdb6ab"),
            country_text=QColor("#a39c92"),
            panel=QColor(30, 30, 30, 225),
            panel_text=QColor("#f2efe9"),
            ramp=tuple(QColor(c) for c in _RAMP),
        )

    @classmethod
    def for_palette(cls, palette: QPalette) -> MapColours:
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        return cls.dark() if dark else cls.light()

    def ramp_colour(self, index: int, classes: int) -> QColor:
        """The colour of class *index* of *classes*, spread over the whole ramp."""
        if classes <= 1:
            return self.ramp[len(self.ramp) // 2]
        k = round(index * (len(self.ramp) - 1) / (classes - 1))
        return self.ramp[min(max(k, 0), len(self.ramp) - 1)]
