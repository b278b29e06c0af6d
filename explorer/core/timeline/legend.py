"""The category legend of an exported or printed timeline, wrapped onto lines.

Every category that has events gets an entry -- a swatch and its name -- laid
out left to right and wrapped at the page's width, so an export never hides a
category behind "…". (On screen the legend is a widget of its own above the
timeline, whose entries filter.)
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.core.timeline.data import TimelineData
from explorer.core.timeline.shapes import TextMetrics

#: Swatch size, gap after the swatch and gap between entries (pixels).
SWATCH, SWATCH_GAP, ENTRY_GAP = 10.0, 5.0, 14.0


@dataclass(frozen=True)
class LegendEntry:
    """One category in the legend: where its swatch starts and its name."""

    x: float
    y: float
    category: int
    label: str


def legend_entries(
    data: TimelineData, width: float, metrics: TextMetrics, lang: str
) -> tuple[list[LegendEntry], float]:
    """The entries of every present category wrapped at *width*, and the legend's height."""
    line = metrics.line_height + 4
    x, y = 6.0, 4.0
    entries: list[LegendEntry] = []
    for k in data.present_categories():
        label = data.categories[k].label(lang)
        need = SWATCH + SWATCH_GAP + metrics.text_width(label) + ENTRY_GAP
        if x > 6.0 and x + need > width - 6:
            x, y = 6.0, y + line
        entries.append(LegendEntry(x, y, k, label))
        x += need
    height = y + line if entries else 0.0
    return entries, height
