"""The current timeline view as an image, a drawing, a PDF page or on paper.

Each function draws the view's layout at the export's size with the same
painter the screen uses, without the focus frame or a half-dragged brush.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QFontMetricsF, QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter

from explorer.core.timeline import describe
from explorer.core.timeline.layout import TimelineLayout
from explorer.i18n import translator
from explorer.ui.paper import a4_painter, svg_painter
from explorer.ui.timeline.view import TimelineView


def _paint(view: TimelineView, p: QPainter, width: int, height: int) -> None:
    t0, t1 = view.view()
    layout = TimelineLayout(view.data, t0, t1, width, height, view.text_metrics(), lang=view.lang)
    view.painter().paint(p, layout, view.paint_state(screen=False))


def render_image(view: TimelineView, size: QSize | None = None) -> QImage:
    """The current view drawn into an image (at the widget's size by default)."""
    size = size or view.size()
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    p = QPainter(image)
    try:
        _paint(view, p, size.width(), size.height())
    finally:
        p.end()
    return image


def save_image(view: TimelineView, path: str | Path, size: QSize | None = None) -> bool:
    """Save the current view as PNG (or any format Qt knows by extension)."""
    return render_image(view, size).save(str(path))


def _title(view: TimelineView) -> str:
    return translator(view.lang).gettext("Kroniek timeline")


def save_svg(view: TimelineView, path: str | Path, size: QSize | None = None) -> None:
    """Save the current view as scalable vector graphics."""
    size = size or view.size()
    with svg_painter(path, size, _title(view), view.accessibleDescription()) as p:
        _paint(view, p, size.width(), size.height())


def save_pdf(view: TimelineView, path: str | Path) -> None:
    """Save the current view on one landscape A4 page, with a heading."""
    with a4_painter(path, _title(view)) as (p, page):
        _paint_page(view, p, page)


def print_view(view: TimelineView, printer: QPrinter) -> None:
    """Print the current view on one page of *printer*, with a heading."""
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    p = QPainter(printer)
    try:
        rect = printer.pageLayout().paintRectPixels(printer.resolution())
        _paint_page(view, p, QRectF(0, 0, rect.width(), rect.height()))
    finally:
        p.end()


def _paint_page(view: TimelineView, p: QPainter, page: QRectF) -> None:
    """Scale the on-screen view to the page, under a title with the span."""
    w = max(view.width(), 800)
    h = max(view.height(), 300)
    heading = describe.export_heading(*view.view(), view.lang)
    scale = page.width() / w
    fm = QFontMetricsF(view.font())
    p.save()
    p.scale(scale, scale)
    p.setFont(view.font())
    head_h = fm.height() * 1.8
    p.setPen(view.palette().color(view.palette().ColorRole.WindowText))
    p.drawText(QPointF(0, fm.ascent()), heading)
    avail = page.height() / scale - head_h
    p.translate(0, head_h)
    _paint(view, p, w, int(min(h, avail)))
    p.restore()
