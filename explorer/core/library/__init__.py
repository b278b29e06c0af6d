"""The reader's own library: bookmarks, notes, tags, collections, saved searches.

Owns: the library database in the user's data folder (``db``: schema,
migrations, identity and integrity checks), the one connection and its write
path with kept, retried changes (``connection``), its backups (``backup``), the
:class:`~.library.Library` composed of small repositories (``bookmarks``,
``notes``, ``tags``, ``lists`` for collections, ``searches``, ``snapshots``),
the limits every entry obeys (``rules``), the merge of imports (``merge``),
the values handed out (``models``) and the library's facets (``facets``).
Exchange formats live in ``formats``.

May import: the standard library, ``explorer.core.errors``,
``explorer.core.events``, ``explorer.paths`` and ``explorer.i18n``. Never Qt,
``explorer.ui``, ``explorer.ingest`` or ``explorer.core.timeline``.
"""
