"""The detail view: one event in full, in the context of the article.

Shows the date in words at its precision, the headline, the text with search
matches highlighted, the section path and category, places and actors as links
that filter the search, the source citation, and the paragraph of the article
the sentence stands in (stored in the database, so it reads offline). For a
reader of the English interface, pointing at a Dutch word or selecting words
shows their English gloss (through ``gloss_for``, which the window sets from
the reading pane's glossary).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import QHelpEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from explorer.core.events.dates import format_event_date
from explorer.core.events.store import Entity, Event
from explorer.i18n import _, format_number, language
from explorer.ui.plain import clipped, plain_label, tooltip

#: (text, start, end) -> the English glosses of the word at *start* (end == start)
#: or of the words in text[start:end], one a line ("" when none or not English).
GlossFor = Callable[[str, int, int], str]

#: Characters of an event's text the detail view lays out at most.
MAX_TEXT = 20_000


@dataclass
class DetailContent:
    """Everything the view shows for one event, gathered by the window."""

    event: Event
    entities: list[Entity]
    context: list[tuple[str, bool]]
    category_label: str
    category_color: str
    source: dict[str, str]
    highlights: list[tuple[int, int]] = field(default_factory=list)
    has_previous: bool = True
    has_next: bool = True


def _highlighted(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos or end > len(text):
            continue
        out.append(html.escape(text[pos:start]))
        out.append(
            f"<span style='background:#ffe58a;color:#000'>{html.escape(text[start:end])}</span>"
        )
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


class DetailView(QWidget):
    """Read one event; links ask the window to filter by a place or actor."""

    previous_requested = Signal()
    next_requested = Signal()
    facet_requested = Signal(str, str)  # facet key, value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._content: DetailContent | None = None
        #: Why the selected event cannot be shown (the store's one line), or "".
        self._problem = ""
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._on_anchor)
        self.previous_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.previous_button.clicked.connect(self.previous_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.previous_button.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.next_button.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.position = QLabel(self)
        #: Set by the window: glosses for hover and selection (English interface).
        self.gloss_for: GlossFor = lambda _text, _start, _end: ""
        self.gloss = plain_label(self)
        self.gloss.setWordWrap(True)
        self.gloss.hide()
        self.browser.selectionChanged.connect(self._selection_glossed)
        self.browser.viewport().installEventFilter(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous_button)
        buttons.addStretch(1)
        buttons.addWidget(self.position)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.gloss)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.previous_button.setText(_("◀ Previous"))
        self.next_button.setText(_("Next ▶"))
        self.previous_button.setToolTip(_("Previous event in time (Ctrl+Page Up)"))
        self.next_button.setToolTip(_("Next event in time (Ctrl+Page Down)"))
        self.browser.setAccessibleName(_("Event details"))
        self.previous_button.setAccessibleName(_("Previous event"))
        self.next_button.setAccessibleName(_("Next event"))
        self._render()

    def show_event(self, content: DetailContent | None) -> None:
        self._content = content
        self._problem = ""
        self.gloss.hide()
        self._render()

    def show_problem(self, message: str) -> None:
        """Say why the selected event cannot be shown (a value the database should not hold)."""
        self._content = None
        self._problem = message
        self.gloss.hide()
        self._render()

    def html(self) -> str:
        return self.browser.toHtml()

    def plain_text(self) -> str:
        return self.browser.toPlainText()

    # -- glosses: the Dutch text explained word by word in English -----------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.browser.viewport() and event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            text = self.gloss_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), tooltip(text), self.browser)
                return True
        return super().eventFilter(watched, event)

    def gloss_at(self, pos: QPoint) -> str:
        """The gloss of the word under *pos* (viewport coordinates), or ""."""
        scrolled = QPointF(pos) + QPointF(
            self.browser.horizontalScrollBar().value(), self.browser.verticalScrollBar().value()
        )
        doc = self.browser.document()
        position = doc.documentLayout().hitTest(scrolled, Qt.HitTestAccuracy.ExactHit)
        if position < 0:
            return ""  # beside the text, not over a word
        block = doc.findBlock(position)
        offset = position - block.position()
        return self.gloss_for(block.text(), offset, offset)

    def _selection_glossed(self) -> None:
        cursor = self.browser.textCursor()
        text = cursor.selectedText().replace("\u2029", "\n") if cursor.hasSelection() else ""
        glosses = self.gloss_for(text, 0, len(text)) if text.strip() else ""
        self.gloss.setText(glosses)
        self.gloss.setVisible(bool(glosses))

    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("facet:"):
            _prefix, key, value = text.split(":", 2)
            self.facet_requested.emit(key, value)

    def _render(self) -> None:
        content = self._content
        self.previous_button.setEnabled(bool(content and content.has_previous))
        self.next_button.setEnabled(bool(content and content.has_next))
        if content is None:
            text = self._problem or _(
                "Select an event on the timeline or in the list to read it here."
            )
            self.browser.setHtml(
                f"<p style='color:{self._muted()}'>{html.escape(clipped(text, 2_000))}</p>"
            )
            return
        lang = language()
        e = content.event
        when = format_event_date(e.start, e.end, e.precision, e.qualifier, lang=lang)
        parts = [
            f"<p style='margin:0'><b>{html.escape(when)}</b> · "
            f"<span style='color:{content.category_color}'>■</span> "
            f"{html.escape(content.category_label)}</p>",
            f"<h2 style='margin-top:4px'>{html.escape(clipped(e.title, 1_000))}</h2>",
        ]
        if lang == "en":
            parts.append(
                "<p><i>"
                + html.escape(
                    _(
                        "The event text is quoted in Dutch from the Wikipedia article; "
                        "places and people are named in English below."
                    )
                )
                + "</i></p>"
            )
        # A database can hold a text of a million characters without a space;
        # laying that out would freeze the window, so only the start is shown.
        text = _highlighted(clipped(e.text, MAX_TEXT), content.highlights)
        parts.append(f"<p style='font-size:large'>{text}</p>")
        if len(e.text) > MAX_TEXT:
            parts.append(
                "<p><i>"
                + html.escape(
                    _("The text is shortened: it is {n} characters long.").format(
                        n=format_number(len(e.text))
                    )
                )
                + "</i></p>"
            )
        parts.append(self._entities_html(content.entities, lang))
        section = html.escape(clipped(e.section, 1_000))
        parts.append("<p><b>" + html.escape(_("Section")) + f":</b> {section}</p>")
        if len(content.context) > 1:
            parts.append("<h3>" + html.escape(_("In the article")) + "</h3><p>")
            for sentence, is_event in content.context:
                escaped = html.escape(clipped(sentence, MAX_TEXT))
                parts.append(f"<b>{escaped}</b> " if is_event else f"{escaped} ")
            parts.append("</p>")
        parts.append(self._citation_html(content))
        self.browser.setHtml("".join(parts))

    def _entities_html(self, entities: list[Entity], lang: str) -> str:
        rows = []
        for kind, label in (("place", _("Places")), ("actor", _("Actors"))):
            links = [
                f"<a href='facet:{kind}:{html.escape(ent.id)}'>{html.escape(ent.name(lang))}</a>"
                for ent in entities
                if ent.type == kind
            ]
            if links:
                rows.append(f"<p><b>{html.escape(label)}:</b> {', '.join(links)}</p>")
        return "".join(rows)

    def _citation_html(self, content: DetailContent) -> str:
        src = content.source
        cite = _(
            "Source: “{title}”, Wikipedia ({wiki}), licence {licence}; text lower-cased by the "
            "provider, capitals restored by Kroniek."
        ).format(
            title=src.get("title", ""), wiki=src.get("wiki", ""), licence=src.get("licence", "")
        )
        return f"<p style='color:{self._muted()};font-size:small'>{html.escape(cite)}</p>"

    def _muted(self) -> str:
        """A secondary text colour that keeps contrast in light and dark mode."""
        palette = self.palette()
        text, base = palette.text().color(), palette.base().color()
        pairs = ((text.red(), base.red()), (text.green(), base.green()),
                 (text.blue(), base.blue()))  # fmt: skip
        mixed = [int(0.7 * a + 0.3 * b) for a, b in pairs]
        return "#{:02x}{:02x}{:02x}".format(*mixed)
