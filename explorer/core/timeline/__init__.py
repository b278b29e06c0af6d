"""Timeline maths: the event columns, the time axis and the layout of a view.

Owns: the numpy columns of every event (``data``), axis ticks and labels from
decades down to days (``timescale``), and :class:`~.layout.TimelineLayout`,
which turns a visible span and a pixel size into lanes, clusters and a density
strip that the Qt widget only paints.

May import: the standard library, numpy, babel, ``explorer.core.errors``,
``explorer.core.events`` and ``explorer.i18n``. Never Qt, ``explorer.ui``,
``explorer.ingest`` or ``explorer.core.library``.
"""
