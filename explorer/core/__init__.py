"""Qt-free core of the running app, one subpackage per concern.

- ``events``: the event database, queries, search, facets and dates;
- ``timeline``: the event columns, the time axis and the layout of a view;
- ``library``: the reader's library and (``library.formats``) its exchange formats;
- ``errors``: the errors every part raises for the user to see.

Allowed imports between them (checked by tests/test_architecture.py):
``timeline`` and ``library`` may use ``events``; ``library.formats`` may use
``library``; nothing here imports Qt, ``explorer.ui`` or ``explorer.ingest``.
"""
