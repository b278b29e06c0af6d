"""Qt-free map maths: projection, the base map, places, scales, labels and layout.

This package owns everything about *where* things go on the map beside the
timeline, so that it can be tested with plain pytest:

``projection``
    the Lambert conformal conic projection Kroniek draws the region in;
``basemap``
    loading the vendored base map (``resources/map/basemap.geojson``: country
    and oblast shapes keyed by ISO 3166 codes) with a size bound, and its
    attribution;
``geometry``
    point-in-polygon and bounding boxes on numpy rings;
``places``
    the plain data a map shows (:class:`~explorer.core.geo.places.MapPlace`),
    where each place goes and how counts add up per oblast;
``scales``
    marker sizes (area in proportion to the count), choropleth classes and
    scale-bar lengths;
``labels``
    the greedy label placement that never lets two labels overlap;
``viewport`` and ``layout``
    the view (zoom, pan, fit) and what the widget paints for it.

It imports numpy and the standard library only: no Qt, nothing from
``explorer.ui``. The map widget in ``explorer/ui/map/`` paints what it computes.
"""
