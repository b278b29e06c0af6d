"""Timeline maths: the event columns, the view, the time axis and the layout of a view.

Owns: the numpy columns of every event (``data``, compact ids and seqs in
``columns``), the visible span with its
limits, zoom and history (``viewport``), "next event" (``navigation``), axis
ticks and labels from decades down to days (``timescale``),
:class:`~.layout.TimelineLayout`, which turns a visible span and a pixel size
into the shapes of ``shapes`` (lanes, clusters, a density strip) that the Qt
widget only paints, and the words the timeline says (``describe``: tooltips,
screen-reader descriptions).

May import: the standard library, numpy, babel, ``explorer.core.errors``,
``explorer.core.events`` and ``explorer.i18n`` (never the active language).
Never Qt, ``explorer.ui``, ``explorer.ingest`` or ``explorer.core.library``.
"""
