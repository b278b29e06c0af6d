"""Painters on the export targets every view shares: an SVG drawing and an A4 page.

The timeline and the map each decide what they draw; how a drawing or a PDF
page is opened (size, view box, title, landscape A4 with 12 mm margins) is
the same for both and lives here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator


@contextmanager
def svg_painter(path: str | Path, size: QSize, title: str, description: str) -> Iterator[QPainter]:
    """A painter on an SVG file of *size* pixels; the file is complete when the block ends."""
    gen = QSvgGenerator()
    gen.setFileName(str(path))
    gen.setSize(size)
    gen.setViewBox(QRectF(0, 0, size.width(), size.height()))
    gen.setTitle(title)
    gen.setDescription(description)
    p = QPainter(gen)
    try:
        yield p
    finally:
        p.end()


@contextmanager
def a4_painter(path: str | Path, title: str) -> Iterator[tuple[QPainter, QRectF]]:
    """A painter on a one-page landscape A4 PDF, with the page's printable rectangle."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(12, 12, 12, 12),
        )
    )
    writer.setTitle(title)
    writer.setCreator("Kroniek")
    p = QPainter(writer)
    try:
        yield p, QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
    finally:
        p.end()
