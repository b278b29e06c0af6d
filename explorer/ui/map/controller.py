"""Connects the map pane to the search session, both ways.

From the session to the map: the search thread sends, with each search's facet
counts, the matching events' links to places
(:class:`~explorer.core.events.place_counts.PlaceCounts`); the timeline's
visible span then gives one count per place with two ``searchsorted`` calls,
so the map follows panning and playing without a pass over the events. The
selected event's places are ringed; hovering a marker lists its first events
in view (fetched on hover, not per frame).

From the map to the session: a click on a marker, an oblast or a country
selects that place facet (a chip, as a click in the facet panel would), and
the play control moves the timeline's span a step at a time, so the session's
``view_changed`` brings the map along like any pan.

Only while the pane is open does the search thread count places
(:meth:`SearchSession.want_places`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QStatusBar, QWidget

from explorer import i18n
from explorer.core.events.dates import format_event_date
from explorer.core.events.place_counts import PlaceCounts, PlaceRow, load_places
from explorer.core.events.store import EventStore
from explorer.core.timeline.data import TimelineData
from explorer.i18n import _, format_number, ngettext
from explorer.ui.map.pane import MapDock
from explorer.ui.plain import show_message
from explorer.ui.search.session import SearchSession
from explorer.ui.search.worker import FacetOutcome

if TYPE_CHECKING:
    # The map's own modules load with the map, the first time the pane opens.
    from explorer.ui.map.view import MapView

#: City shapes of the base map that the gazetteer has as places, not oblasts.
CITY_SHAPES = {"UA-30": "kyiv", "UA-40": "sevastopol"}
#: Events listed on hover.
TOP_EVENTS = 3
#: Steps looked ahead for the play's fixed marker scale (about 40 years of weeks).
SCALE_STEPS = 2100


@dataclass(frozen=True)
class MapSources:
    """What the map reads besides the session: the places, their ISO codes, the
    places of an event, the timeline's columns (titles by seq) and a way to move
    the timeline (playing)."""

    places: Callable[[], Sequence[PlaceRow]]
    codes: Callable[[], dict[str, str]]
    event_places: Callable[[str], list[str]]
    data: TimelineData
    move_view: Callable[[float, float], None]


class MapController(QObject):
    """The map pane and the session, linked both ways (see the module)."""

    def __init__(
        self,
        session: SearchSession,
        dock: MapDock,
        sources: MapSources,
        *,
        status: QStatusBar | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.dock = dock
        self.pane = dock.pane
        self.sources = sources
        self.status = status
        self.parent_widget = parent
        self.counts: PlaceCounts | None = None
        self._open = False
        self._scale_max: int | None = None
        self._static: list[tuple[PlaceRow, str, str]] | None = None
        self._codes: dict[str, str] = {}
        self._order: np.ndarray | None = None
        self._ordered_for: object = None
        self._oblast_codes: list[tuple[int, str]] = []
        self._shown: tuple[object, ...] = ()
        #: Replaced by tests: (title, filter) -> chosen path or "".
        self.ask_save_path: Callable[[str, str], str] = self._ask_save_path
        session.facets_changed.connect(self._facets_changed)
        session.view_changed.connect(lambda *_a: self.refresh())
        session.selection_changed.connect(self._selection_changed)
        dock.visibilityChanged.connect(self._visibility_changed)
        self.pane.view_created.connect(self._connect_view)
        self.pane.export_requested.connect(self.export)
        self.pane.play.step_requested.connect(self.step)
        self.pane.play.playing_changed.connect(self._playing_changed)

    # -- opening and closing --------------------------------------------------------------

    @property
    def view(self) -> MapView:
        return self.pane.map_view()

    def is_open(self) -> bool:
        return self._open

    def _visibility_changed(self, visible: bool) -> None:
        if visible == self._open:
            return
        self._open = visible
        self._shown = ()
        if visible:
            self.view  # noqa: B018 -- made (base map loaded) now, not at start-up
            self._selection_changed(self.session.selected)
            self.session.want_places(True)
            self.refresh()
        else:
            self.pane.play.pause()
            self.session.want_places(False)
            self.counts = None  # no longer kept up to date: recounted when it opens again

    def _connect_view(self) -> None:
        view = self.pane.map_view()
        view.set_language(i18n.language())
        view.set_top_events(self.top_events)
        view.place_clicked.connect(self.place_clicked)
        view.oblast_clicked.connect(self.oblast_clicked)
        view.country_clicked.connect(self.country_clicked)

    # -- session -> map ------------------------------------------------------------------

    def _facets_changed(self, outcome: FacetOutcome) -> None:
        if outcome.places is not None:
            self.counts = outcome.places
            self.refresh()

    def _selection_changed(self, event_id: str) -> None:
        if self._open:
            self.view.set_highlight(self.sources.event_places(event_id) if event_id else [])

    def _prepare(self, counts: PlaceCounts) -> None:
        """Once per database: the places with coordinates, and where their counts are."""
        if self._static is None:
            self._codes = self.sources.codes()
            self._static = [
                (p, self._codes.get(p.id, ""), self._codes.get(p.oblast, ""))
                for p in self.sources.places()
                if (p.lat is not None and p.lon is not None) or p.id in self._codes
            ]
        if self._order is None or self._ordered_for is not counts.times:
            self._ordered_for = counts.times
            index = [counts.times.index_of(p.id) for p, _c, _o in self._static]
            # A place without links has code -1: it reads the extra 0 at the end.
            self._order = np.array([-1 if i is None else i for i in index], dtype=np.int64)
            self._oblast_codes = [
                (i, self._codes[v.partition("/")[2]])
                for i, v in enumerate(counts.values)
                if v.startswith("oblast:") and v.partition("/")[2] in self._codes
            ]

    def refresh(self) -> None:
        """Counts for the session's span onto the map (every pan and play step)."""
        if not self._open:
            return
        t0, t1 = self.session.view
        view, counts = self.view, self.counts
        # A pan by less than a day counts the same days: nothing to redo.
        shown = (counts, math.floor(t0), math.ceil(t1), self._scale_max, i18n.language())
        if shown == self._shown:  # (PlaceCounts compare by identity)
            return
        self._shown = shown
        if counts is None:
            self._update_caption(t0, t1, None)
            view.set_places([])
            view.set_oblast_counts(None)
            return
        self._prepare(counts)
        assert self._static is not None and self._order is not None
        spanned = counts.counts(t0, t1)
        in_span = np.append(spanned, 0)[self._order]
        totals = np.append(counts.totals, 0)[self._order]
        from explorer.core.geo.places import MapPlace

        places = [
            MapPlace(p.id, p.name_nl, p.name_en, p.kind, p.lon, p.lat, int(n), int(total),
                     code=code, oblast=oblast)
            for (p, code, oblast), n, total in zip(self._static, in_span, totals, strict=True)
        ]  # fmt: skip
        oblasts = {iso: int(spanned[i]) for i, iso in self._oblast_codes}
        view.set_places(places, scale_max=self._scale_max, oblasts=oblasts)
        self._update_caption(t0, t1, int(np.count_nonzero(in_span)))

    def _update_caption(self, t0: float, t1: float, places: int | None) -> None:
        """The span in words, and how many places have events in it."""
        lang = i18n.language()
        first = date.fromordinal(min(max(1, int(t0)), date.max.toordinal())).isoformat()
        last = date.fromordinal(min(max(1, int(np.ceil(t1)) - 1), date.max.toordinal()))
        text = format_event_date(first, last.isoformat(), "day", lang=lang, short=True)
        if places is None:
            text += " · " + _("counting places…")
        else:
            text += " · " + ngettext("{n} place", "{n} places", places).format(
                n=format_number(places, lang)
            )
        self.pane.caption.setText(text)

    def top_events(self, place_id: str) -> list[str]:
        """Titles of the place's first matching events in the span (for the hover text)."""
        if self.counts is None:
            return []
        t0, t1 = self.session.view
        seqs = self.counts.first_seqs(place_id, t0, t1, TOP_EVENTS)
        data = self.sources.data
        return data.titles(data.positions_of_seqs(seqs)) if seqs else []

    # -- map -> session ------------------------------------------------------------------

    def _select(self, value: str, name: str) -> None:
        known = self.counts is not None and self.counts.times.index_of(value) is not None
        if known:
            self.session.add_facet("place", value)
        elif self.status is not None:
            self.status.showMessage(_("No events name {place}").format(place=name), 5000)

    def place_clicked(self, place_id: str) -> None:
        shown = next((p for p in self.view.places() if p.id == place_id), None)
        self._select(place_id, shown.name(i18n.language()) if shown else place_id)

    def oblast_clicked(self, iso: str) -> None:
        """An oblast's shape: its group (the oblast and all places in it), or the city."""
        if iso in CITY_SHAPES:
            self._select(CITY_SHAPES[iso], iso)
            return
        place = next((pid for pid, code in self.sources.codes().items() if code == iso), "")
        group = f"oblast:{iso[:2]}/{place}"
        if self.counts is not None and self.counts.times.index_of(group) is not None:
            self.session.add_facet("place", group)
        else:
            self._select(place, self._shape_name(iso))

    def country_clicked(self, iso: str) -> None:
        self._select(f"country:{iso}", self._shape_name(iso))

    def _shape_name(self, code: str) -> str:
        shape = self.view.basemap.get(code)
        return shape.shape.name(i18n.language()) if shape is not None else code

    # -- play -----------------------------------------------------------------------------

    def step(self, days: int) -> None:
        """Move the timeline's span by *days*; playing stops once the last event is in view."""
        t0, t1 = self.session.view
        self.sources.move_view(t0 + days, t1 + days)
        last = self.sources.data.last_day
        moved = self.session.view != (t0, t1)
        if self.pane.play.is_playing() and (not moved or (last is not None and t1 + days > last)):
            self.pane.play.pause()

    def _playing_changed(self, playing: bool) -> None:
        """While playing, one marker scale for every step, so sizes compare."""
        self._scale_max = self._largest_ahead() if playing else None
        self._shown = ()
        self.refresh()

    def _largest_ahead(self) -> int | None:
        if self.counts is None or self._order is None:
            return None
        t0, t1 = self.session.view
        last = self.sources.data.last_day or int(t1)
        step = self.pane.play.step_days()
        largest = 0
        for k in range(min(SCALE_STEPS, max(1, int((last - t0) / step) + 1))):
            counted = np.append(self.counts.counts(t0 + k * step, t1 + k * step), 0)
            largest = max(largest, int(counted[self._order].max(initial=0)))
        return largest or None

    # -- export and language ----------------------------------------------------------------

    def export(self, kind: str) -> None:
        filters = {
            "png": _("PNG image (*.png)"),
            "svg": _("SVG drawing (*.svg)"),
            "pdf": _("PDF document (*.pdf)"),
        }
        path = self.ask_save_path(_("Export map"), filters[kind])
        if not path:
            return
        if not path.lower().endswith("." + kind):
            path += "." + kind
        view = self.view
        try:
            if kind == "png":
                if not view.export_png(path):
                    raise OSError(_("the image could not be written"))
            elif kind == "svg":
                view.export_svg(path)
            else:
                view.export_pdf(path)
        except OSError as error:
            reason = _("Could not write {path}: {reason}").format(path=path, reason=error)
            show_message(self.parent_widget, "warning", _("Export failed"), reason)
            return
        if self.status is not None:
            self.status.showMessage(_("Saved {path}").format(path=path), 5000)

    def _ask_save_path(self, title: str, filters: str) -> str:
        path, _chosen = QFileDialog.getSaveFileName(self.parent_widget, title, "", filters)
        return str(Path(path)) if path else ""

    def retranslate(self) -> None:
        """After a language switch: texts, and place names in the new language."""
        self.dock.retranslate()
        self._shown = ()
        if self.pane.has_view():
            self.view.set_language(i18n.language())
        self.refresh()


def _gazetteer_codes() -> dict[str, str]:
    from explorer.core.geo.places import gazetteer_codes

    return gazetteer_codes()


def map_sources(
    store: EventStore, data: TimelineData, move_view: Callable[[float, float], None]
) -> MapSources:
    """The map's sources in the running app: the event database and the timeline."""

    def event_places(event_id: str) -> list[str]:
        return [e.id for e in store.entities(event_id) if e.type == "place"]

    return MapSources(
        places=lambda: load_places(store.conn),
        codes=_gazetteer_codes,
        event_places=event_places,
        data=data,
        move_view=move_view,
    )
