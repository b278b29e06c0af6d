"""The user guide: one text for the Help menu and for docs/USER_GUIDE*.md.

The guide is a list of sections, each a title, a few paragraphs and perhaps a
screenshot made by ``kroniek --screenshot`` (see :data:`SCREENSHOTS`). The
Help menu shows it in the active language; ``python -m explorer.ui.guide``
writes the Markdown files in English and Dutch, and a test checks they are
what this module writes, so the app and the documents always agree.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from explorer import i18n
from explorer.i18n import _

#: Screenshot name → language → the arguments of ``kroniek --screenshot`` that
#: make ``docs/screenshots/{name}-{lang}.png``. packaging/screenshots.sh runs
#: exactly these (a test holds the two together); the README and the AppStream
#: file show some of the same pictures.
SCREENSHOTS: dict[str, dict[str, list[str]]] = {
    "window": {lang: ["--size", "1600x1000", "--view", "2022-02:2022-04"] for lang in ("en", "nl")},
    "search": {
        "en": ["--size", "1600x1000", "--query", "Mariupol"],
        "nl": ["--size", "1600x1000", "--query", "Marioepol"],
    },
    "map": {
        lang: [
            "--size",
            "1600x1000",
            "--map",
            "--view",
            "2022-02:2022-05",
            "--select",
            "e0a7beaeebc4",
        ]
        for lang in ("en", "nl")
    },
    "reading": {
        lang: ["--size", "1600x1000", "--read", "--select", "e3d8b46489f1"] for lang in ("en", "nl")
    },
    "small": {lang: ["--size", "1024x600", "--query", "Krim"] for lang in ("en", "nl")},
}


def sections(lang: str = "") -> list[tuple[str, list[str], str]]:
    """(title, paragraphs, screenshot name or "") in *lang* (default: the active language)."""
    _ = i18n.translator(lang).gettext if lang else i18n._
    return [
        (_("What Kroniek shows"), [_(
            "Kroniek shows every dated sentence of the Dutch Wikipedia article on the Russian "
            "invasion of Ukraine as an event on a timeline. The search bar is at the top, the "
            "side panel with filters and your library on the left, the timeline with its "
            "category legend and overview band in the middle, and below it the result list "
            "beside the detail pane."
        )], "window"),
        (_("Searching"), [_(
            "Type in the search field to find events. English and Dutch names both work: "
            'Kharkiv finds Charkov, Putin finds Poetin. Use "quotes" for a phrase, a star '
            "for a prefix (kerncentr*) and a minus sign to leave a word out. Escape empties "
            "the field. When nothing matches, the list says so and suggests what to try."
        )], "search"),
        (_("Filters and the legend"), [_(
            "The filters on the left narrow the result by category, place, actor, year and "
            "precision. The numbers say how many events each choice would show. Every active "
            "filter is a chip under the filter tree; the × on a chip removes it, Clear all "
            "removes them all."
        ), _(
            "The legend above the timeline names the colour of every category; click an "
            "entry (or press Space on it) to show only that category, click it again to undo. "
            "Categories that do not fit on the line are behind the “+N” button at its end. "
            "The colours stay distinguishable with the common forms of colour blindness; "
            "search matches are drawn in a blue of their own."
        )], ""),
        (_("The timeline"), [_(
            "Zoom with the mouse wheel or + and −, drag or use the arrow keys to move. "
            "Fit all (Ctrl+0) shows every event, back to the famine of 1932. The band below "
            "shows the whole period; drag its window to move quickly."
        ), _(
            "Events dated only to a month or a year are drawn as soft bands in their own "
            "labelled row, because their exact day is unknown. Where events have no room, a "
            "“+N” badge stands for them: click it to list them and pick one."
        )], ""),
        (_("Reading an event"), [_(
            "Select an event on the timeline or in the list to read it in the detail pane, "
            "with the paragraph of the article it comes from. Enter on the timeline zooms to "
            "it. Click a place or a person to filter by it; ◀ and ▶ step through time."
        )], ""),
        (_("The map"), [_(
            "The map (View › Map, Ctrl+M) shows where the events in the timeline's visible "
            "span happened: a circle per place, sized by its number of events, and oblasts "
            "shaded by theirs. Click a place or an oblast to filter by it. Play moves the "
            "span through time a week at a time, so you can watch the war move."
        )], "map"),
        (_("Reading the article"), [_(
            "The reading pane (View › Reading pane, Ctrl+R) holds the whole article, every "
            "event sentence tinted in its category colour with its date beside it. Click a "
            "sentence to select its event; select an event anywhere and the text scrolls to "
            "it. A green band on the timeline shows the dates you are reading. Select text "
            "and choose Add note to note it on its event. In the English interface, point "
            "at a Dutch word, here or in the event details, for its English gloss."
        )], "reading"),
        (_("Your library"), [_(
            "Under the detail pane you can bookmark the event (the button then reads Remove "
            "bookmark), add a note (then Edit note), tag it and put it in collections: the "
            "Add to collection menu ticks the collections that hold it, and picking a ticked "
            "one takes it out again. Copy citation puts a citation of the article version "
            "Kroniek holds on the clipboard. My library (Ctrl+L) lists all of it; Export "
            "and Import exchange it with other tools."
        )], ""),
        (_("Panes and the keyboard"), [_(
            "F6 and Shift+F6 move between the panes: search bar, side panel, timeline, "
            "result list, detail pane and, when they are open, the map and the reading pane. "
            "Tab walks the controls "
            "in the same order; the result list is one stop, its rows are chosen with the "
            "arrow keys. F9 hides or shows the side panel and F8 the detail pane (also in "
            "View › Panes), which helps on a small screen. Help › Keyboard shortcuts lists "
            "every key."
        )], "small"),
        (_("The next start"), [_(
            "Kroniek opens sized to your screen and comes back with your last search, "
            "filters, selection, view and panes. To start fresh each time, untick File › "
            "Reopen the last session at start."
        )], ""),
    ]  # fmt: skip


def guide_html() -> str:
    parts = ["<h2>" + html.escape(_("User guide")) + "</h2>"]
    for title, paragraphs, _shot in sections():
        parts.append(f"<h3>{html.escape(title)}</h3>")
        parts.extend(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return "".join(parts)


def guide_markdown(lang: str) -> str:
    """The guide as Markdown in *lang*, with its screenshots in that language."""
    _ = i18n.translator(lang).gettext
    other = "[English](USER_GUIDE.md)" if lang == "nl" else "[Nederlands](USER_GUIDE.nl.md)"
    lines = ["# Kroniek — " + _("User guide"), ""]
    lines += [_("This guide is also in Kroniek, under Help › User guide.") + " " + other, ""]
    for title, paragraphs, shot in sections(lang):
        lines += [f"## {title}", ""]
        for paragraph in paragraphs:
            lines += [paragraph, ""]
        if shot:
            lines += [f"![{title}](screenshots/{shot}-{lang}.png)", ""]
    return "\n".join(lines)


def guide_file(lang: str) -> str:
    return "USER_GUIDE.md" if lang == "en" else f"USER_GUIDE.{lang}.md"


def main(docs: Path) -> None:
    """Write docs/USER_GUIDE.md and docs/USER_GUIDE.nl.md."""
    for lang in i18n.LANGUAGES:
        (docs / guide_file(lang)).write_text(guide_markdown(lang), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs"))
