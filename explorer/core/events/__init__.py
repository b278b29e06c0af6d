"""The event database and its search: schema, store, queries, facets, dates.

Owns: the public schema of the bundled event database (``schema``), opening it
read-only (``store``), the query value, its text parser and FTS5 expression
(``query``), planning and running a search (``search``), result pages for the
command line (``hits``), highlighting what matched (``highlight``), dates at
their precision in a language (``dates``), Dutch stemming shared with the build
(``stemming``), and the facet engine: one specification per facet (``facets``:
the protocol, values, registry;
``facet_kinds``: the built-in facets; ``catalog``: what the database offers and
the place and actor grouping rules; ``links``: a facet as countable pairs;
``facet_index``: counting in memory).

May import: the standard library, numpy, babel, ``explorer.core.errors`` and
``explorer.i18n`` (never the active language: text is made for a ``lang``
argument). Never Qt, never ``explorer.ui``, ``explorer.ingest``,
``explorer.core.timeline`` or ``explorer.core.library`` -- the library's facets
implement ``facets.FacetSpec`` from above.
"""
