"""Qt widgets and models; they ask explorer.core for data and never build SQL.

Owns: the main window (``mainwindow``), the window's commands (``controller``),
the one selection (``selection``), the detail view, help, settings, the crash
dialog, and by concern: ``search`` (the session that owns the current search,
its thread, presenter, facet tree and result list), ``timeline`` (the timeline
and overview widgets) and ``library`` (the reader's library in the window).
``plain`` shows user and file text as plain text; it is the bottom of the
window's modules, which every package may use.

May import: everything in ``explorer`` except ``explorer.ingest``; ``app``
(the composition root) imports ``ui``, never the other way round.
"""
