"""Exchange formats of the library: W3C Web Annotation JSON-LD, CSV, JSON,
reading lists and citations, and the checked, all-or-nothing import.

May import: everything ``explorer.core.library`` may, and ``explorer.core.library``
itself. Never Qt, ``explorer.ui``, ``explorer.ingest`` or ``explorer.core.timeline``.
"""
