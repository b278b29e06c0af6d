"""Render resources/icons/kroniek.svg to the PNG, ICO and ICNS files Kroniek ships.

    python packaging/render_icons.py

Writes resources/icons/hicolor/NxN/apps/kroniek.png (the freedesktop icon theme
layout, for the Linux desktop entry), resources/icons/kroniek.ico (Windows,
PyInstaller and Inno Setup) and resources/icons/kroniek.icns (macOS .app).
Uses rsvg-convert when it is installed (the renderer Linux desktops use),
otherwise Qt's QSvgRenderer. ICO and ICNS are written here, with PNG images
inside, so no Pillow or iconutil is needed. Run it after editing the SVG and
commit the results.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "kroniek.svg"
HICOLOR_SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size (Apple's "icp4".."ic10").
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def render_png(size: int) -> bytes:
    """The icon as PNG bytes, *size* pixels square."""
    rsvg = shutil.which("rsvg-convert")
    if rsvg:
        return subprocess.run(
            [rsvg, "-w", str(size), "-h", str(size), str(SVG)], check=True, capture_output=True
        ).stdout
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """A Windows .ico with one PNG-compressed image per size (Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, payload = b"", b""
    for size, png in sorted(images.items()):
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
        payload += png
    return header + entries + payload


def icns(images: dict[int, bytes]) -> bytes:
    """A macOS .icns whose elements are PNG images."""
    body = b""
    for kind, size in ICNS_TYPES:
        png = images[size]
        body += kind + struct.pack(">I", 8 + len(png)) + png
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    sizes = sorted({*HICOLOR_SIZES, *ICO_SIZES, *(size for _k, size in ICNS_TYPES)})
    images = {size: render_png(size) for size in sizes}
    for size in HICOLOR_SIZES:
        target = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "kroniek.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(images[size])
    (ICONS / "kroniek.ico").write_bytes(ico({size: images[size] for size in ICO_SIZES}))
    (ICONS / "kroniek.icns").write_bytes(icns(images))
    print(f"wrote {len(HICOLOR_SIZES)} PNG sizes, kroniek.ico and kroniek.icns in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
