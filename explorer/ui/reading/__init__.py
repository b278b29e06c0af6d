"""The reading pane: the whole article, every event marked, in step with the timeline.

``ReadingPane`` (``pane.py``) is the widget the window shows: provenance at the
top, a table of contents, find-in-text and "Add note", around a
``ReadingView`` (``view.py``: a read-only ``QTextBrowser`` over a document
built once by ``document.py``, with the date badges and the reader's notes
painted in its margins by ``margins.py``). ``describe.py`` writes what hover
and the gloss line say; ``findbar.py`` is the find bar.

Its data are plain values from ``explorer.core.article`` (``ArticleText``,
``Glossary``) -- the pane builds no SQL, does no language processing and
knows nothing about the window around it. Every text it shows comes from the
article, the database or the user, so none is ever given to Qt as rich text:
the document is assembled with ``QTextCursor.insertText``, margins are painted
with ``QPainter.drawText``, labels are ``PlainText`` and tooltips escaped.

``dock.py`` puts the pane in a dock of the main window (View › Reading pane,
Ctrl+R); ``controller.py`` (``ReadingController``, made by ``install_reading``
from the composition root) connects its signals (``event_clicked``,
``reading_span_changed``, ``note_requested``) to the search session, the
library and the timeline, and calls its setters (``show_event``,
``set_matches``, ``set_highlight_terms``, ``set_dimmed``, ``set_margin_notes``,
``set_language``). The article is read the first time the dock is shown.
"""
