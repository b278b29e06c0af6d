"""The map pane's widgets: the map itself and the play control.

``MapView`` (``view.py``) draws the vendored base map, oblasts shaded by count,
place markers sized by count and decluttered labels; ``MapPainter``
(``painter.py``) does the drawing for the screen and for PNG/SVG/PDF export;
``PlayControl`` (``play.py``) asks the timeline to move its visible span.
Their inputs are plain values from ``explorer.core.geo`` -- they build no SQL
and know nothing about the window around them; the composition root connects
their signals.
"""
