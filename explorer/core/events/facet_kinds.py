"""The built-in facets: category, year, month, place, actor and date precision.

Three kinds cover them, each deriving its SQL condition and its index links
from the same parameters:

* :class:`ColumnFacet` -- a text column of ``events`` (category, precision);
* :class:`PeriodFacet` -- the year or month an event starts in (months leave
  out events known only to the year);
* :class:`LinkFacet` -- a link table to entities plus the groups the
  :class:`~explorer.core.events.catalog.EventCatalog` puts them in (places
  in countries and oblasts, actors in people, organisations and countries).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date

import numpy as np
import numpy.typing as npt
from babel import Locale
from babel.dates import format_date

from explorer.core.errors import UsageError
from explorer.core.events.catalog import GROUP_ORDER, EventCatalog, actor_group, label_in
from explorer.core.events.facets import (
    JSON_VALUES,
    Condition,
    Facet,
    FacetFilter,
    FacetRegistry,
    FacetValue,
    by_count_then_label,
    resolve_label,
    unknown_value,
    values_of,
)
from explorer.core.events.links import Links, LinkSource, grouped
from explorer.core.events.query import Query, fold
from explorer.i18n import locale_of, translator


def _in(column: str, values: frozenset[str]) -> Condition:
    ordered = sorted(values)
    return f"{column} IN ({', '.join('?' * len(ordered))})", list(ordered)


def _selected(query: Query, key: str) -> frozenset[str]:
    return query.facets.get(key, frozenset())


class ColumnFacet:
    """Events by the value of one column of ``events``."""

    static = True

    def __init__(self, key: str, column: str) -> None:
        self.key = key
        self.column = column

    def condition(self, values: frozenset[str]) -> Condition:
        return _in(f"e.{self.column}", values)

    def links(self, source: LinkSource) -> Links:
        codes, values = source.column(self.column)
        return Links.per_event(codes, values)


class CategoryFacet(ColumnFacet):
    def __init__(self, catalog: EventCatalog) -> None:
        super().__init__("category", "category")
        self.catalog = catalog

    def title(self, lang: str) -> str:
        return translator(lang).gettext("Category")

    def present(self, counts: Mapping[str, int], query: Query) -> Facet:
        items = [(c.key, c.label(query.lang)) for c in self.catalog.categories]
        selected = _selected(query, self.key)
        return Facet(self.key, self.title(query.lang), values_of(self.key, items, counts, selected),
                     selected)  # fmt: skip

    def resolve(self, text: str) -> str:
        wanted = fold(text.strip())
        for c in self.catalog.categories:
            if wanted in (fold(c.key), fold(c.label_nl), fold(c.label_en)):
                return c.key
        raise unknown_value(self.key, text)


class PrecisionFacet(ColumnFacet):
    ORDER = ("day", "month", "year")

    def __init__(self) -> None:
        super().__init__("precision", "precision")

    def title(self, lang: str) -> str:
        return translator(lang).gettext("Date precision")

    def _labels(self, lang: str) -> dict[str, str]:
        tr = translator(lang)
        return {
            "day": tr.gettext("Exact day"),
            "month": tr.gettext("Month only"),
            "year": tr.gettext("Year only"),
        }

    def present(self, counts: Mapping[str, int], query: Query) -> Facet:
        labels = self._labels(query.lang)
        selected = _selected(query, self.key)
        values = values_of(self.key, [(p, labels[p]) for p in self.ORDER], counts, selected)
        return Facet(self.key, self.title(query.lang), values, selected)

    def resolve(self, text: str) -> str:
        # The value or its label in either language names it.
        for lang in ("en", "nl"):
            try:
                return resolve_label(self.key, self._labels(lang), text)
            except UsageError:
                continue
        raise unknown_value(self.key, text)


class PeriodFacet:
    """Events by the year (``2022``) or month (``2022-03``) they start in."""

    static = True

    def __init__(self, key: str, unit: str) -> None:
        self.key = key
        self.unit = unit  # "Y" or "M", as numpy names them
        #: Events known only to the year have no month.
        self.skips_years = unit == "M"

    def condition(self, values: frozenset[str]) -> Condition:
        # Ranges on date_min rather than substr(), so the date index can serve them.
        parts, params = [], []
        for value in sorted(values):
            parts.append("(e.date_min >= ? AND e.date_min < ?)")
            params += [value, _next(value)]
        sql = "(" + " OR ".join(parts) + ")"
        if self.skips_years:
            sql = f"(e.precision != 'year' AND {sql})"
        return sql, list(params)

    def links(self, source: LinkSource) -> Links:
        days = source.days()
        pos: npt.NDArray[np.integer] | None = None  # one value per event
        if self.skips_years:
            codes, values = source.column("precision")
            keep = codes != values.index("year") if "year" in values else np.ones(len(days), bool)
            pos, days = np.flatnonzero(keep), days[keep]
        if len(days) and bool((days[1:] >= days[:-1]).all()):
            # In date order (as the stored arrays are): where each year or month
            # begins is a binary search, and the codes are runs between them.
            span = days[[0, -1]].astype("datetime64[D]").astype(f"datetime64[{self.unit}]")
            units = np.arange(span[0], span[1] + 1)
            starts = np.searchsorted(days, units.astype("datetime64[D]").astype(np.int64))
            sizes = np.diff(np.append(starts, len(days)))
            present = sizes > 0
            distinct = units[present]
            code = np.repeat(np.arange(len(distinct), dtype=np.int32), sizes[present])
        else:
            all_units = days.astype("datetime64[D]").astype(f"datetime64[{self.unit}]")
            distinct = np.unique(all_units)
            code = np.searchsorted(distinct, all_units).astype(np.int32)
        labels = tuple(str(v) for v in np.datetime_as_string(distinct))
        return Links.per_event(code, labels) if pos is None else Links.of(pos, code, labels)


def _next(value: str) -> str:
    """The first year or month after *value* ("2022" -> "2023", "2022-12" -> "2023-01")."""
    month = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if month:
        y, m = int(month.group(1)), int(month.group(2))
        return f"{y + 1:04d}-01" if m >= 12 else f"{y:04d}-{m + 1:02d}"
    return str(int(value) + 1) if value.isdigit() else value


class YearFacet(PeriodFacet):
    """Events by the year they start in (so the counts add up to the total)."""

    def __init__(self, catalog: EventCatalog) -> None:
        super().__init__("year", "Y")
        self.catalog = catalog

    def title(self, lang: str) -> str:
        return translator(lang).gettext("Year")

    def present(self, counts: Mapping[str, int], query: Query) -> Facet:
        selected = _selected(query, self.key)
        items = [(y, y) for y in self.catalog.years]
        return Facet(self.key, self.title(query.lang), values_of(self.key, items, counts, selected),
                     selected)  # fmt: skip

    def resolve(self, text: str) -> str:
        if text.strip() in self.catalog.years:
            return text.strip()
        raise unknown_value(self.key, text)


class MonthFacet(PeriodFacet):
    """Months of the one selected year; events known only to the year are left out."""

    def __init__(self) -> None:
        super().__init__("month", "M")

    def title(self, lang: str) -> str:
        return translator(lang).gettext("Month")

    def present(self, counts: Mapping[str, int], query: Query) -> Facet | None:
        years = _selected(query, "year")
        if len(years) != 1 or not next(iter(years)).isdigit():
            return None
        (year,) = years
        locale = Locale.parse(locale_of(query.lang))
        items = [
            (f"{year}-{m:02d}", str(format_date(date(int(year), m, 1), "LLLL", locale=locale)))
            for m in range(1, 13)
        ]
        selected = _selected(query, self.key)
        return Facet(self.key, self.title(query.lang), values_of(self.key, items, counts, selected),
                     selected)  # fmt: skip

    def resolve(self, text: str) -> str:
        if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text.strip()):
            return text.strip()
        raise unknown_value(self.key, text)


class LinkFacet:
    """Events by linked entities and the groups the catalog puts them in."""

    static = True

    def __init__(
        self, key: str, table: str, column: str, groups: Mapping[str, tuple[str, ...]]
    ) -> None:
        self.key = key
        self.table = table
        self.column = column
        self.groups = groups

    def condition(self, values: frozenset[str]) -> Condition:
        members = sorted(EventCatalog.members(self.groups, values))
        sql = f"e.seq IN (SELECT seq FROM {self.table} WHERE {self.column} IN {JSON_VALUES})"
        return sql, [json.dumps(members)]

    def links(self, source: LinkSource) -> Links:
        pos, code, entities = source.linked(self.table, self.column)
        return grouped(pos, code, entities, self.groups)


def country_label(country: str, lang: str) -> str:
    """A country code's name in *lang* ("UA" -> "Oekraïne"); other text unchanged."""
    if not country:
        return translator(lang).gettext("Other places")
    if len(country) == 2 and country.isalpha():
        names = Locale.parse(lang if lang in ("nl", "en") else "en").territories
        return str(names.get(country.upper(), country))
    return country


class PlaceFacet(LinkFacet):
    """Places as a tree: ``country:UA`` › ``oblast:UA/Charkiv`` › place id."""

    def __init__(self, catalog: EventCatalog) -> None:
        super().__init__("place", "event_places", "place_id", catalog.place_groups)
        self.catalog = catalog

    def title(self, lang: str) -> str:
        return translator(lang).gettext("Place")

    def present(self, counts: Mapping[str, int], query: Query) -> Facet:
        lang, selected = query.lang, _selected(query, self.key)

        def value(node: str, label: str, children: tuple[FacetValue, ...] = ()) -> FacetValue:
            return FacetValue(FacetFilter(self.key, node), label, counts.get(node, 0),
                              node in selected, children)  # fmt: skip

        tree: dict[str, dict[str, list[FacetValue]]] = {}
        for p in self.catalog.places:
            if p.id not in self.catalog.places_with_events:
                continue
            groups = self.groups.get(p.id, ())
            oblast = groups[1] if len(groups) > 1 else ""
            tree.setdefault(groups[0], {}).setdefault(oblast, []).append(value(p.id, p.name(lang)))
        names = self.catalog.place_names()
        countries = []
        for country, oblasts in tree.items():
            children: list[FacetValue] = []
            for oblast, places in oblasts.items():
                places.sort(key=by_count_then_label)
                if not oblast:
                    children.extend(places)
                    continue
                name = oblast.partition("/")[2]
                nl, en = names.get(name, (name, name))
                children.append(value(oblast, label_in(lang, nl, en), tuple(places)))
            children.sort(key=by_count_then_label)
            code = country.partition(":")[2]
            countries.append(value(country, country_label(code, lang), tuple(children)))
        countries.sort(key=by_count_then_label)
        return Facet(self.key, self.title(lang), tuple(countries), selected)

    def resolve(self, text: str) -> str:
        raw = text.strip()
        wanted = fold(raw)
        offered = [p for p in self.catalog.places if p.id in self.catalog.places_with_events]
        for p in offered:
            if wanted in (fold(p.id), fold(p.name_nl), fold(p.name_en)):
                return p.id
        groups = {g for p in offered for g in self.groups.get(p.id, ())}
        if raw in groups:
            return raw
        for p in offered:
            if wanted in (fold(p.country), fold(country_label(p.country, "nl")),
                          fold(country_label(p.country, "en"))):  # fmt: skip
                return f"country:{p.country}"
            if p.oblast and wanted == fold(p.oblast):
                return f"oblast:{p.country}/{p.oblast}"
        raise unknown_value(self.key, text)


class ActorFacet(LinkFacet):
    """Actors grouped into people, organisations and countries (``group:people``)."""

    def __init__(self, catalog: EventCatalog) -> None:
        super().__init__("actor", "event_actors", "actor_id", catalog.actor_groups)
        self.catalog = catalog

    def title(self, lang: str) -> str:
        return translator(lang).gettext("People and organisations")

    def _group_titles(self, lang: str) -> dict[str, str]:
        tr = translator(lang)
        return {
            "people": tr.gettext("People"),
            "organisations": tr.gettext("Organisations"),
            "countries": tr.gettext("Countries"),
        }

    def present(self, counts: Mapping[str, int], query: Query) -> Facet:
        lang, selected = query.lang, _selected(query, self.key)
        members: dict[str, list[FacetValue]] = {}
        for a in self.catalog.actors:
            if a.id in self.catalog.actors_with_events:
                line = FacetValue(
                    FacetFilter(self.key, a.id), a.name(lang), counts.get(a.id, 0), a.id in selected
                )
                members.setdefault(actor_group(a.kind), []).append(line)
        titles = self._group_titles(lang)
        groups = []
        for group in GROUP_ORDER:
            if group not in members:
                continue
            node = f"group:{group}"
            children = tuple(sorted(members[group], key=by_count_then_label))
            groups.append(FacetValue(FacetFilter(self.key, node), titles[group],
                                     counts.get(node, 0), node in selected, children))  # fmt: skip
        return Facet(self.key, self.title(lang), tuple(groups), selected)

    def resolve(self, text: str) -> str:
        raw = text.strip()
        if raw in {f"group:{g}" for g in GROUP_ORDER}:
            return raw
        wanted = fold(raw)
        for a in self.catalog.actors:
            if a.id in self.catalog.actors_with_events and wanted in (
                fold(a.id), fold(a.name_nl), fold(a.name_en)
            ):  # fmt: skip
                return a.id
        raise unknown_value(self.key, text)


def default_registry(catalog: EventCatalog) -> FacetRegistry:
    """The built-in facets in panel order."""
    return FacetRegistry(
        [
            CategoryFacet(catalog),
            YearFacet(catalog),
            MonthFacet(),
            PlaceFacet(catalog),
            ActorFacet(catalog),
            PrecisionFacet(),
        ]
    )
