"""The event database and its search: schema, store, queries, facets, dates.

Owns: the public schema of the bundled event database (``schema``), opening it
read-only (``store``), the query value and its FTS5 plan (``query``), the
search engine (``search``), facets and their counts (``facets``,
``facet_index``), Dutch stemming shared with the build (``stemming``) and dates
at their precision (``dates``).

May import: the standard library, numpy, babel, ``explorer.core.errors`` and
``explorer.i18n``. Never Qt, never ``explorer.ui``, ``explorer.ingest``,
``explorer.core.timeline`` or ``explorer.core.library``.
"""
