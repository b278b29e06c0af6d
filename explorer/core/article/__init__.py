"""The article as a reader reads it: the whole text, its events, find, glosses.

Owns the query side of the reading pane, over the tables the build stores for
it (``article_text``, ``article_names``, ``glossary``, ``glossary_forms``; see
docs/schema.md), so the app itself does no language processing:

``text``
    :func:`~explorer.core.article.text.load_article` reads headings,
    paragraphs, sentences and the marks of their events (category colour,
    dates, what the build skipped) and the article's provenance into an
    :class:`~explorer.core.article.text.ArticleText`, which also answers
    "which dates are being read here" for a range of pieces;
``find``
    find-in-text that ignores case and diacritics, and search highlights
    over the whole article;
``glossary``
    the English gloss of a word (through the stored forms and lemmas) or a
    name (through the gazetteer's English names).

May import: the standard library, ``explorer.core.events`` (the store's
connection, dates, highlighting) and ``explorer.i18n`` (never the active
language). Never Qt, ``explorer.ui`` or ``explorer.ingest``.
"""
