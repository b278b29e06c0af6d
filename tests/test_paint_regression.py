"""PySide6-Essentials 6.12.0 on Python 3.11 kills the interpreter ("Fatal Python
error: none_dealloc") after some thousands of QPainter.drawRect calls. The
timeline paints that many rectangles in a few seconds of panning, so the pin in
pyproject.toml keeps 3.11 users off 6.12.0; this test proves the installed Qt
survives a million rectangles."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent(
    """
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
    app = QGuiApplication([])
    image = QImage(400, 300, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    painter.setBrush(QColor("#c0392b"))
    for i in range(1_000_000):
        painter.drawRect(QRect(i % 397, (i // 397) % 297, 3, 3))
        painter.drawRect(i % 390, i % 290, 2, 2)  # the int overload as well
    painter.end()
    print("painted", flush=True)
    """
)


@pytest.mark.slow
def test_a_million_rectangles_paint_without_crashing_python() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "painted" in done.stdout
    assert "Fatal Python error" not in done.stderr
