"""Search in the window: the session, its thread, what it shows.

Owns: :class:`~.session.SearchSession` (query, plan, view, selection, library
snapshot; signals for each change), the worker thread (``worker``), the
presenter that puts results and counts on screen (``presenter``), the facet
tree (``facet_panel``) and the result list model (``results_model``).
May import: ``explorer.core``, ``explorer.i18n``, ``explorer.ui.timeline``.
"""
