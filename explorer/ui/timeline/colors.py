"""Colours and pixels for the timeline: contrast, blending, numpy images, counts.

Shared by the timeline painter and the overview band; the contrast rules
(WCAG luminance) keep category colours readable in light, dark and high
contrast palettes.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt
from babel.numbers import format_decimal
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPen

#: Search matches on the timeline and the overview: a strong blue that no
#: category uses (the categories' colours are in db/categories.csv); chosen with
#: them so it stays apart from each under every common colour-vision deficiency
#: (tests/test_palette.py).
MATCH = "#0f1eff"

#: The "reading here" band (the span of the events on screen in the reading
#: pane): a lime that no category uses, neither the search's blue nor the yellow
#: of search hits in text, and apart from all of them under the common
#: colour-vision deficiencies too (tests/test_palette.py).
READING_HERE = "#9acd32"


def luminance(c: QColor) -> float:
    """WCAG relative luminance of an opaque colour."""

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two opaque colours (1 to 21)."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def blend(over: QColor, base: QColor, alpha: float) -> QColor:
    """*over* painted with opacity *alpha* on *base*."""
    return QColor.fromRgbF(
        over.redF() * alpha + base.redF() * (1 - alpha),
        over.greenF() * alpha + base.greenF() * (1 - alpha),
        over.blueF() * alpha + base.blueF() * (1 - alpha),
    )


@lru_cache(maxsize=512)
def adapted(color: str, base: str) -> str:
    """*color* made lighter or darker until it has 3:1 contrast with *base*."""
    c, b = QColor(color), QColor(base)
    if not c.isValid():
        c = QColor("#808080")
    dark_base = luminance(b) < 0.2
    for _step in range(12):
        if contrast_ratio(c, b) >= 3.0:
            break
        c = c.lighter(115) if dark_base else c.darker(115)
    return str(c.name())


@lru_cache(maxsize=512)
def max_tint(color: str, base: str, text: str) -> float:
    """The strongest opacity of *color* on *base* that keeps *text* at 4.5:1."""
    c, b, t = QColor(color), QColor(base), QColor(text)
    alpha = 0.45
    while alpha > 0.05 and contrast_ratio(t, blend(c, b, alpha)) < 4.5:
        alpha -= 0.05
    return alpha


@lru_cache(maxsize=4096)
def decimal(n: int, locale: str) -> str:
    """A count with the locale's digit grouping (babel is slow; counts repeat)."""
    return str(format_decimal(n, locale=locale))


def blit(p: QPainter, pixels: npt.NDArray[np.uint32], target: QRectF) -> None:
    """Draw a (rows, cols) array of premultiplied ARGB pixels into *target*.

    Histograms are built as numpy images: one drawImage instead of a
    thousand rectangles keeps a frame well under a millisecond.
    """
    arr = np.ascontiguousarray(pixels)
    rows, cols = arr.shape
    img = QImage(arr.data, cols, rows, cols * 4, QImage.Format.Format_ARGB32_Premultiplied)
    p.drawImage(target, img, QRectF(0, 0, cols, rows))


def premultiplied(color: QColor, alpha: float) -> int:
    """*color* at opacity *alpha* as one premultiplied ARGB32 pixel value."""
    a = round(alpha * 255)
    return (
        (a << 24)
        | ((color.red() * a // 255) << 16)
        | ((color.green() * a // 255) << 8)
        | (color.blue() * a // 255)
    )


def paint_reading_here(
    p: QPainter, x0: float, x1: float, bottom: float, height: float, wash_top: float | None = None
) -> None:
    """The "reading here" band from *x0* to *x1* (at least 4 pixels wide, so one
    day at a zoom of years still shows), *height* tall above *bottom*, with a
    faint wash of its colour from *wash_top* down (the timeline's events area)."""
    if x1 - x0 < 4:
        mid = (x0 + x1) / 2
        x0, x1 = mid - 2, mid + 2
    color = QColor(READING_HERE)
    if wash_top is not None:
        wash = QColor(color)
        wash.setAlphaF(0.10)
        p.fillRect(QRectF(x0, wash_top, x1 - x0, bottom - wash_top), wash)
    p.fillRect(QRectF(x0, bottom - height, x1 - x0, height), color)
    p.setPen(QPen(color.darker(150), 1))
    p.drawLine(QPointF(x0, bottom - height), QPointF(x1, bottom - height))
