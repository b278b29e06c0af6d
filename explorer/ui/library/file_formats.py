"""The export formats as the file dialogs offer them, and the format a chosen
file name asks for."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from explorer.i18n import _


def event_filters() -> dict[str, str]:
    """File-dialog filters of the event-list formats. CSL-JSON and TimelineJS are
    both .json, so their files are told apart by a second suffix."""
    return {
        _("Citations, CSL-JSON (*.csl.json)"): "csl-json",
        _("Citations, BibTeX (*.bib)"): "bibtex",
        _("Citations, RIS (*.ris)"): "ris",
        _("Calendar, iCalendar (*.ics)"): "ical",
        _("Timeline, TimelineJS (*.timeline.json)"): "timelinejs",
    }


def library_filters() -> dict[str, str]:
    """File-dialog filters of every format the whole library exports to."""
    return {
        _("Reading list, HTML (*.html)"): "html",
        _("Reading list, Markdown (*.md)"): "md",
        _("Web Annotations, JSON-LD (*.jsonld)"): "jsonld",
        _("JSON (*.json)"): "json",
        _("Spreadsheet, CSV (*.csv)"): "csv",
        **event_filters(),
    }


_SUFFIX_FORMATS = {
    ".csl.json": "csl-json",
    ".timeline.json": "timelinejs",
    ".bib": "bibtex",
    ".ris": "ris",
    ".ics": "ical",
}


def format_of(path: str, allowed: Sequence[str], default: str = "html") -> str:
    """The export format a file name asks for: its (double) suffix, else *default*."""
    name = path.lower()
    for suffix, fmt in _SUFFIX_FORMATS.items():
        if name.endswith(suffix) and fmt in allowed:
            return fmt
    plain = Path(name).suffix.lstrip(".")
    return plain if plain in allowed else default
