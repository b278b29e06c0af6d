"""What the reading pane says in words: badges, hover, glosses, provenance.

Plain text only; the pane escapes it for tooltips (:func:`tooltip_html`) and
shows it in ``PlainText`` labels, so article and user text is shown as typed.
"""

from __future__ import annotations

from urllib.parse import unquote

from explorer.core.article.glossary import Gloss, Glossary
from explorer.core.article.text import EventMark, Piece, Provenance
from explorer.core.events.dates import format_event_date
from explorer.i18n import _
from explorer.ui import plain

#: Text that is no piece of the article has no names the build found in it:
#: its words are glossed from the dictionary alone.
NO_PIECE = -1


def tooltip_html(text: str) -> str:
    """Plain *text* as Qt rich text that shows exactly that text (``<`` stays ``<``)."""
    return plain.tooltip(text)


def badge(mark: EventMark, lang: str) -> str:
    """The short date beside an event sentence: "24 feb 2022", "mrt 2022"."""
    return format_event_date(mark.start, mark.end, mark.precision, mark.qualifier, lang=lang,
                             short=True)  # fmt: skip


def precision_text(mark: EventMark) -> str:
    text = {
        "day": _("Precise to the day"),
        "month": _("Precise to the month"),
        "year": _("Precise to the year"),
    }.get(mark.precision, "")
    if mark.inferred_year:
        text += " · " + _("year taken from the context")
    return text


def skip_text(reason: str) -> str:
    """Why a sentence with a date became no event."""
    return {
        "reference": _("Names a date but became no event: a literature or links section."),
        "background": _("Names a date but became no event: the date is background, not when "
                        "this happened."),
        "forecast": _("Names a date but became no event: the date is a forecast or deadline."),
        "unresolved": _("Names a date but became no event: its date could not be placed in "
                        "time."),
    }.get(reason, "")  # fmt: skip


def skipped_badge() -> str:
    return _("no event")


def gloss_line(gloss: Gloss) -> str:
    """One gloss for the tooltip and the gloss line, in English."""
    return gloss.text()


def hover_text(piece: Piece, gloss: Gloss | None, lang: str) -> str:
    """What hovering a sentence shows: the word's gloss, then its event's date and precision."""
    lines: list[str] = []
    if gloss is not None:
        lines.append(gloss_line(gloss))
    if piece.event is not None:
        mark = piece.event
        when = format_event_date(mark.start, mark.end, mark.precision, mark.qualifier, lang=lang)
        lines += [""] * bool(lines) + [when, precision_text(mark), _("Click to select this event.")]
    elif piece.skipped:
        lines += [""] * bool(lines) + [skip_text(piece.skipped)]
    return "\n".join(lines)


def provenance_text(source: Provenance, lang: str) -> str:
    """The header above the text: the article, its licence, its date, the attribution."""
    snapshot = format_event_date(source.snapshot, "", "month", lang=lang) if source.snapshot else ""
    lines = [
        _("“{title}” from the Dutch Wikipedia, by the Wikipedia contributors, {licence}.").format(
            title=source.title, licence=source.licence
        ),
        _("Text as of {date}; received in lower case, capitals restored by Kroniek.").format(
            date=snapshot
        ),
        # The address as a reader types it ("Oekraïne", not "Oekra%C3%AFne"), on a
        # line of its own: a label cannot wrap inside it, and the escaped form
        # ran past the pane's edge.
        unquote(source.url),
    ]
    if lang == "en" and source.glossary:
        lines.append(
            _("Point at a word for its English gloss (FreeDict Dutch–English dictionary, GPL).")
        )
    return "\n".join(lines)


def glosses_in(glossary: Glossary | None, text: str, start: int, end: int) -> str:
    """The English glosses for text outside the article's pieces (the detail view):
    of the word at *start* when *end* is *start* (hover), else of the words in
    ``text[start:end]`` (a selection), one a line, as the reading pane writes them."""
    if not glossary:
        return ""
    if end <= start:
        gloss = glossary.at(NO_PIECE, text, start)
        return gloss_line(gloss) if gloss is not None else ""
    return "\n".join(gloss_line(g) for g in glossary.selection(NO_PIECE, text, start, end))
