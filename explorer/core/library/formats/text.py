"""Exports for people: citations, CSV, a JSON dump, reading lists in Markdown and HTML.

Every event in an export carries a citation of its source, the Wikipedia
article (its title, the snapshot the text is from, the event's section, the
licence), as CC BY-SA requires. Dates, headings and citations are written in
the language passed in (``lang``). CSV cells that a spreadsheet would run as a
formula are defused.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from explorer.core.events.dates import format_event_date
from explorer.core.library.formats import cite
from explorer.core.library.formats.source import ARTICLE_URL, SourceInfo
from explorer.core.library.models import EventSnapshot, LibraryContents
from explorer.i18n import translator

__all__ = ["ARTICLE_URL", "SourceInfo"]


def event_date(event: EventSnapshot, lang: str) -> str:
    """The event's date in words at its precision, or "" if unknown."""
    if not event.start:
        return ""
    try:
        return format_event_date(
            event.start, event.end, event.precision, event.qualifier, lang=lang
        )
    except ValueError:
        return event.start


def event_title(event: EventSnapshot, lang: str) -> str:
    missing = translator(lang).gettext("(event {id}, no longer in the database)")
    return event.title or missing.format(id=event.id)


def citation(
    event: EventSnapshot, source: SourceInfo, lang: str, style: str = cite.DEFAULT_STYLE
) -> str:
    """The source of one event in *style* (APA unless told) in *lang*, with the
    licence CC BY-SA asks to name: what goes under a quotation.

    The date is the snapshot's, the URL points at the event's section; see
    :mod:`.cite`. The event's own text is not repeated: every export that
    carries a citation shows the text beside it.
    """
    entry = cite.formatted_reference(cite.reference(event, source, lang), style, lang)
    return entry + " " + cite.licence_note(source.licence, lang)


def _sort_key(event: EventSnapshot) -> tuple[str, str]:
    return (event.start or "9999", event.id)


def reading_list_ids(contents: LibraryContents, collection_id: int | None = None) -> list[str]:
    """The events of a reading list: one collection in its order, or every
    annotated event by date."""
    if collection_id is not None:
        for collection in contents.collections:
            if collection.id == collection_id:
                return list(collection.event_ids)
        return []
    ids = {b.event_id for b in contents.bookmarks}
    ids |= {n.event_id for n in contents.notes} | {t.event_id for t in contents.tag_links}
    for collection in contents.collections:
        ids |= set(collection.event_ids)
    events = [contents.events.get(i, EventSnapshot(i)) for i in ids]
    return [e.id for e in sorted(events, key=_sort_key)]


@dataclass(frozen=True)
class Entry:
    """One event of a reading list with what the reader added to it."""

    event: EventSnapshot
    notes: tuple[str, ...]
    tags: tuple[str, ...]
    citation: str
    orphaned: bool
    url: str = ""


def entries(
    contents: LibraryContents,
    source: SourceInfo,
    ids: Iterable[str],
    orphaned: set[str],
    lang: str,
) -> list[Entry]:
    notes: dict[str, list[str]] = {}
    for note in contents.notes:
        notes.setdefault(note.event_id, []).append(note.body)
    tags: dict[str, list[str]] = {}
    for link in contents.tag_links:
        tags.setdefault(link.event_id, []).append(link.tag)
    out = []
    for event_id in ids:
        event = contents.events.get(event_id, EventSnapshot(event_id))
        out.append(
            Entry(
                event,
                tuple(notes.get(event_id, ())),
                tuple(sorted(tags.get(event_id, ()))),
                citation(event, source, lang),
                event_id in orphaned,
                source.section_url(event.section),
            )
        )
    return out


def list_title(contents: LibraryContents, collection_id: int | None, lang: str) -> str:
    for collection in contents.collections:
        if collection.id == collection_id:
            return collection.name
    return translator(lang).gettext("Reading list")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def linked(text: str, url: str, link: Callable[[str], str], plain: Callable[[str], str]) -> str:
    """*text* escaped by *plain*, with each *url* in it made a link by *link*."""
    if not url or url not in text:
        return plain(text)
    return link(url).join(plain(part) for part in text.split(url))


def reading_list_markdown(
    contents: LibraryContents, items: list[Entry], collection_id: int | None, lang: str
) -> str:
    """The reading list in CommonMark, in *lang*. Markdown has no way to say a passage's
    language, so unlike the HTML list it cannot mark the Dutch text as Dutch."""
    tr = translator(lang)
    lines = [f"# {md_escape(list_title(contents, collection_id, lang))}", ""]
    for entry in items:
        parts = (event_date(entry.event, lang), event_title(entry.event, lang))
        heading = " — ".join(p for p in parts if p)
        lines += [f"## {md_escape(heading)}", ""]
        if entry.orphaned:
            gone = tr.gettext("No longer in the event database; saved text:")
            lines += ["*" + md_escape(gone) + "*", ""]
        if entry.event.text:
            lines += [md_escape(entry.event.text), ""]
        if entry.tags:
            tags = ", ".join(md_escape(t) for t in entry.tags)
            lines += ["**" + tr.gettext("Tags") + ":** " + tags, ""]
        for note in entry.notes:
            lines += ["> " + md_escape(line) if line else ">" for line in note.splitlines()]
            lines.append("")
        cited = linked(entry.citation, entry.url, lambda u: f"<{u}>", md_escape)
        lines += ["*" + tr.gettext("Source") + f":* {cited}", ""]
    return "\n".join(lines).rstrip() + "\n"


def _html_time(event: EventSnapshot, lang: str) -> str:
    """The event's date in *lang* as ``<time datetime>`` (one element per end of a span)."""
    esc = html.escape
    if not event.start:
        return ""
    try:
        if not event.end:
            text = format_event_date(event.start, "", event.precision, event.qualifier, lang=lang)
            return f'<time datetime="{esc(event.start)}">{esc(text)}</time>'
        first = format_event_date(event.start, "", event.precision, lang=lang)
        last = format_event_date(event.end, "", event.precision, lang=lang)
    except ValueError:
        return esc(event.start)
    return (
        f'<time datetime="{esc(event.start)}">{esc(first)}</time> – '
        f'<time datetime="{esc(event.end)}">{esc(last)}</time>'
    )


def reading_list_html(
    contents: LibraryContents,
    items: list[Entry],
    collection_id: int | None,
    lang: str,
    content_lang: str = "nl",
) -> str:
    """The reading list as one HTML page: the page (headings, labels, dates) in
    *lang*, the events' text marked ``lang`` as the article's (*content_lang*)."""
    esc, tr = html.escape, translator(lang)
    title = esc(list_title(contents, collection_id, lang))
    text_lang = esc(content_lang)

    def link(url: str) -> str:
        return f'<a href="{esc(url)}">{esc(url)}</a>'

    out = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}">',
        '<head><meta charset="utf-8">',
        f"<title>{title}</title>",
        "<style>body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.5}"
        "blockquote{border-left:3px solid #888;margin-left:0;padding-left:1em}"
        ".cite{font-size:.9em;color:#444}.tags{font-size:.9em}</style>",
        "</head><body>",
        f"<h1>{title}</h1>",
    ]
    for entry in items:
        when = _html_time(entry.event, lang)
        out.append(f'<article id="{esc(entry.event.id)}">')
        heading = f"{when} — " if when else ""
        headline = esc(event_title(entry.event, lang))
        if entry.event.title:
            headline = f'<span lang="{text_lang}">{headline}</span>'
        out.append(f"<h2>{heading}{headline}</h2>")
        if entry.orphaned:
            gone = tr.gettext("No longer in the event database; saved text:")
            out.append("<p><em>" + esc(gone) + "</em></p>")
        if entry.event.text:
            out.append(f'<p lang="{text_lang}">{esc(entry.event.text)}</p>')
        if entry.tags:
            tags = ", ".join(esc(t) for t in entry.tags)
            out.append(
                '<p class="tags"><strong>' + esc(tr.gettext("Tags")) + f":</strong> {tags}</p>"
            )
        for note in entry.notes:
            out.append("<blockquote>" + esc(note).replace("\n", "<br>\n") + "</blockquote>")
        cited = linked(entry.citation, entry.url, link, esc)
        out.append('<p class="cite">' + esc(tr.gettext("Source")) + f": {cited}</p>")
        out.append("</article>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # A cell starting like a formula would run in a spreadsheet (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


CSV_COLUMNS = (
    "kind",
    "annotation_id",
    "event_id",
    "event_date",
    "event_title",
    "event_text",
    "value",
    "tag_color",
    "position",
    "created",
    "modified",
    "orphaned",
    "citation",
)


def to_csv(contents: LibraryContents, source: SourceInfo, orphaned: set[str], lang: str) -> str:
    """One row per bookmark, note, tag, collection entry and saved search (citations in *lang*).

    Each row that is about an event has the event's full text and the citation
    of *its* section (the snapshot, the URL with the section's anchor, the
    licence); a row about no event (a saved search) has neither. Citing per
    row rather than once in a header or a first-row-only cell is deliberate:
    rows get sorted, filtered and copied into other sheets, and CC BY-SA wants
    the attribution to go with the text wherever it goes.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    cited: dict[str, str] = {}

    def row(
        kind: str,
        anno: str,
        event_id: str,
        value: str,
        created: str,
        modified: str,
        color: str = "",
        position: str = "",
    ) -> None:
        event = contents.events.get(event_id, EventSnapshot(event_id)) if event_id else None
        if event is not None and event_id not in cited:
            cited[event_id] = citation(event, source, lang)
        cells = [
            kind,
            anno,
            event_id,
            event.start if event else "",
            event.title if event else "",
            event.text if event else "",
            value,
            color,
            position,
            created,
            modified,
            ("yes" if event_id in orphaned else "no") if event_id else "",
            cited.get(event_id, ""),
        ]
        writer.writerow([_cell(c) for c in cells])

    for b in contents.bookmarks:
        row("bookmark", b.anno_id, b.event_id, "", b.created, b.modified)
    for n in contents.notes:
        row("note", n.anno_id, n.event_id, n.body, n.created, n.modified)
    for t in contents.tag_links:
        row("tag", t.anno_id, t.event_id, t.tag, t.created, t.modified, t.color)
    for c in contents.collections:
        for position, event_id in enumerate(c.event_ids, 1):
            row("collection", c.anno_id, event_id, c.name, c.created, c.modified, "", str(position))
    for s in contents.searches:
        row("search", s.anno_id, "", f"{s.name}: {s.spec_json()}", s.created, s.modified)
    return buffer.getvalue()


def to_json(contents: LibraryContents, generated: str, orphaned: set[str]) -> str:
    """The whole library as plain JSON (for scripts; import reads JSON-LD)."""
    data: dict[str, Any] = {
        "format": "kroniek-library",
        "version": 1,
        "generated": generated,
        "events": {k: asdict(v) for k, v in sorted(contents.events.items())},
        "orphaned": sorted(orphaned),
        "bookmarks": [asdict(b) for b in contents.bookmarks],
        "notes": [asdict(n) for n in contents.notes],
        "tags": [asdict(t) for t in contents.tags],
        "tag_links": [asdict(t) for t in contents.tag_links],
        "collections": [asdict(c) for c in contents.collections],
        "saved_searches": [
            {
                "id": s.id,
                "anno_id": s.anno_id,
                "name": s.name,
                "created": s.created,
                "modified": s.modified,
                **s.spec(),
            }
            for s in contents.searches
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
