"""The reader's own library: bookmarks, notes, tags, collections, saved searches.

Owns: the library database in the user's data folder (``db``: schema,
migrations, integrity), its backups (``backup``), the :class:`~.library.Library`
object and its parts (``base``, ``lists``, ``merge``, ``models``) and the
library's facets (``facets``). Exchange formats live in ``formats``.

May import: the standard library, ``explorer.core.errors``,
``explorer.core.events``, ``explorer.paths`` and ``explorer.i18n``. Never Qt,
``explorer.ui``, ``explorer.ingest`` or ``explorer.core.timeline``.
"""
