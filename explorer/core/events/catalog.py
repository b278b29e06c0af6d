"""What the facets know about the event database: categories, places, actors, years.

:class:`EventCatalog` is read once per database and never changes (the
database is read-only), so one catalog is shared by the window, the search
thread and the command line. It also holds the two grouping rules the place
and actor facets are built on, each written once:

* a place belongs to ``country:XX`` and, if it lies in an oblast, to
  ``oblast:XX/NAME``; **an oblast contains itself** (the place "Oblast
  Charkiv" is in the group ``oblast:UA/Charkiv``), but only in its own
  country;
* an actor belongs to ``group:people``, ``group:countries`` or, for every
  other kind, ``group:organisations``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.core.events.arrays import EventArrays


@dataclass(frozen=True)
class CategoryInfo:
    key: str
    label_nl: str
    label_en: str

    def label(self, lang: str) -> str:
        return label_in(lang, self.label_nl, self.label_en)


@dataclass(frozen=True)
class Place:
    id: str
    name_nl: str
    name_en: str
    country: str
    oblast: str

    def name(self, lang: str) -> str:
        return label_in(lang, self.name_nl, self.name_en)


@dataclass(frozen=True)
class Actor:
    id: str
    name_nl: str
    name_en: str
    kind: str

    def name(self, lang: str) -> str:
        return label_in(lang, self.name_nl, self.name_en)


def label_in(lang: str, nl: str, en: str) -> str:
    """The Dutch or English name; the Dutch one where there is no English."""
    return nl if lang == "nl" else (en or nl)


#: How actor kinds are grouped in the panel; unknown kinds go with organisations.
ACTOR_GROUPS = {"person": "people", "country": "countries", "state": "countries"}
GROUP_ORDER = ("people", "organisations", "countries")


def actor_group(kind: str) -> str:
    """``people``, ``countries`` or ``organisations`` for an actor *kind*."""
    return ACTOR_GROUPS.get(kind, "organisations")


def place_groups(places: Iterable[Place]) -> dict[str, tuple[str, ...]]:
    """Each place's groups: its country, and its oblast (an oblast is in its own)."""
    places = list(places)
    oblasts = {(p.country, p.oblast) for p in places if p.oblast}
    groups: dict[str, tuple[str, ...]] = {}
    for p in places:
        oblast = p.oblast or (p.id if (p.country, p.id) in oblasts else "")
        country = f"country:{p.country}"
        groups[p.id] = (country, f"oblast:{p.country}/{oblast}") if oblast else (country,)
    return groups


@dataclass(frozen=True)
class EventCatalog:
    """Categories, places, actors and years of one event database (read once)."""

    categories: tuple[CategoryInfo, ...] = ()
    #: Every place, and which of them have events (only those are offered).
    places: tuple[Place, ...] = ()
    places_with_events: frozenset[str] = frozenset()
    actors: tuple[Actor, ...] = ()
    actors_with_events: frozenset[str] = frozenset()
    #: Every year from the first event's to the last one's, as text.
    years: tuple[str, ...] = ()
    place_groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    actor_groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, conn: sqlite3.Connection, arrays: EventArrays) -> EventCatalog:
        """The catalog of *conn*: its small tables, and from the stored *arrays*
        which places and actors have events and which years events start in."""
        categories = tuple(
            CategoryInfo(str(k), str(nl), str(en))
            for k, nl, en in conn.execute(
                "SELECT key, label_nl, label_en FROM categories ORDER BY sort, key"
            )
        )
        places = tuple(
            Place(*(str(c) for c in row))
            for row in conn.execute("SELECT id, name_nl, name_en, country, oblast FROM places")
        )
        actors = tuple(
            Actor(*(str(c) for c in row))
            for row in conn.execute("SELECT id, name_nl, name_en, kind FROM actors")
        )
        placed = _linked(arrays, "event_places")
        acting = _linked(arrays, "event_actors")
        # The arrays are in date order: the first and the last event start the range.
        years: tuple[str, ...] = ()
        if len(arrays):
            first = date.fromordinal(int(arrays.day_min[0])).year
            last = date.fromordinal(int(arrays.day_min[-1])).year
            years = tuple(str(y) for y in range(first, last + 1))
        return cls(
            categories=categories,
            places=places,
            places_with_events=placed,
            actors=actors,
            actors_with_events=acting,
            years=years,
            place_groups=place_groups(places),
            actor_groups={a.id: (f"group:{actor_group(a.kind)}",) for a in actors},
        )

    def place_names(self) -> dict[str, tuple[str, str]]:
        return {p.id: (p.name_nl, p.name_en) for p in self.places}

    @staticmethod
    def members(groups: Mapping[str, tuple[str, ...]], values: Iterable[str]) -> set[str]:
        """The entities selected by *values*: those named, and those in a named group."""
        wanted = set(values)
        return {e for e, gs in groups.items() if e in wanted or wanted.intersection(gs)}


def _linked(arrays: EventArrays, table: str) -> frozenset[str]:
    """The places or actors that at least one event links to."""
    import numpy as np

    entities = arrays.entities(table)
    counts = np.bincount(arrays.links[table][1], minlength=len(entities))
    return frozenset(entities[i] for i in np.flatnonzero(counts))
