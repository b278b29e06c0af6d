"""The map as a file: PNG (or any image format Qt knows), SVG and a one-page PDF.

Every export shows the current view's area with the legend, the scale bar and
the base map's attribution (its licence asks for the credit).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
)

from explorer.core.geo.basemap import ATTRIBUTION
from explorer.i18n import _
from explorer.ui.map.furniture import small_font
from explorer.ui.paper import a4_painter, svg_painter


class MapView(Protocol):
    """What an export needs of the map widget (kept a protocol: no import cycle)."""

    def size(self) -> QSize: ...
    def width(self) -> int: ...
    def export_font(self) -> QFont: ...
    def paint_export(self, p: QPainter, size: QSize) -> None: ...


def render_image(view: MapView, size: QSize | None = None) -> QImage:
    """The current view with legend, scale bar and attribution, as an image."""
    size = size or view.size()
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    p = QPainter(image)
    try:
        view.paint_export(p, size)
    finally:
        p.end()
    return image


def export_png(view: MapView, path: str | Path, size: QSize | None = None) -> bool:
    """Save the view as PNG (or any image format Qt knows by the extension)."""
    return render_image(view, size).save(str(path))


def export_svg(view: MapView, path: str | Path, size: QSize | None = None) -> None:
    """Save the view as scalable vector graphics."""
    size = size or view.size()
    with svg_painter(path, size, _("Kroniek map"), ATTRIBUTION) as p:
        view.paint_export(p, size)


def export_pdf(view: MapView, path: str | Path) -> None:
    """Save the view on one landscape A4 page, with a title and the full credit line."""
    with a4_painter(path, _("Kroniek map")) as (p, page):
        _paint_page(view, p, page)


def _paint_page(view: MapView, p: QPainter, page: QRectF) -> None:
    logical_w = max(view.width(), 900)
    factor = page.width() / logical_w
    logical_h = int(page.height() / factor)
    font = view.export_font()
    metrics = QFontMetricsF(font)
    head = metrics.height() * 1.6
    foot = metrics.height() * 2.8  # the credit line may wrap once
    map_size = QSize(logical_w, max(100, int(logical_h - head - foot)))
    p.save()
    p.scale(factor, factor)
    title = QFont(font)
    title.setBold(True)
    p.setFont(title)
    p.setPen(QColor("#1d1b19"))
    p.drawText(QRectF(0, 0, logical_w, head), Qt.AlignmentFlag.AlignVCenter, _("Kroniek map"))
    p.translate(0, head)
    p.setClipRect(QRectF(0, 0, map_size.width(), map_size.height()))
    view.paint_export(p, map_size)
    p.setClipping(False)
    p.setFont(small_font(font))
    p.setPen(QColor("#1d1b19"))  # the map left its own pen behind; the page is white
    p.drawText(
        QRectF(0, map_size.height(), logical_w, foot),
        Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
        ATTRIBUTION,
    )
    p.restore()
