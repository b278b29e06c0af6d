"""Facets: the values a search can be narrowed by, with how many events each has.

Each facet is a :class:`FacetProvider`: it knows the SQL condition for a
selection of its values (over ``e``, a row with ``seq``, ``id``, ``category``,
``precision`` and ``date_min``) and how to count its values among a set of
events. :class:`FacetCounter` puts the events that match the search text and
date range into a temporary table once, then runs one grouped query per facet
over it, each with the selections of all *other* facets (OR within a facet,
AND across facets, counts without the facet's own selection). Values that
exist in the database but not in the current results come back with count 0,
so the panel can grey them rather than let them jump around.

Facet values are values (:class:`FacetValue`) carrying a :class:`FacetFilter`;
the window toggles a filter into the :class:`~explorer.core.events.query.Query`
(``query.toggled(f.key, f.value)``) and never builds SQL. Places come as a
tree (country › oblast › place); actors grouped into people, organisations
and countries; months appear once exactly one year is selected. More facets
(bookmarks and tags from the user library) plug in through
:meth:`FacetRegistry.add`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from babel import Locale
from babel.dates import format_date

from explorer.core.errors import UsageError, shown
from explorer.core.events.query import Query, fold
from explorer.i18n import _

if TYPE_CHECKING:
    from explorer.core.events.facet_index import FacetIndex
    from explorer.core.events.search import CancelToken, SearchEngine

Condition = tuple[str, list[object]]

#: The temporary table that holds the events matching the text and dates.
BASE_TABLE = "temp.kroniek_facet_base"


@dataclass(frozen=True)
class FacetFilter:
    """What selecting a facet value adds to a query: ``key=value``."""

    key: str
    value: str


@dataclass(frozen=True)
class FacetValue:
    """One line of the facet panel: a label, a count and the filter it applies."""

    filter: FacetFilter
    label: str
    count: int
    selected: bool = False
    children: tuple[FacetValue, ...] = ()

    @property
    def key(self) -> str:
        return self.filter.key

    @property
    def value(self) -> str:
        return self.filter.value


@dataclass(frozen=True)
class Facet:
    """A facet's title and its values (a tree for places, groups for actors)."""

    key: str
    title: str
    values: tuple[FacetValue, ...]
    selected: frozenset[str] = field(default_factory=frozenset)

    def walk(self) -> Iterable[FacetValue]:
        """Every value, depth first."""
        stack = list(reversed(self.values))
        while stack:
            value = stack.pop()
            yield value
            stack.extend(reversed(value.children))


@dataclass(frozen=True)
class CountContext:
    """What a provider needs to count: the connection, the rows and the query."""

    conn: sqlite3.Connection
    #: ``FROM`` clause over the matching events, aliased ``e``.
    source: str
    #: Conditions of the other facets' selections, and their parameters.
    where: str
    params: list[object]
    query: Query

    def rows(self, select: str, group: str, extra: str = "") -> list[tuple[str, int]]:
        joined = f" {extra}" if extra else ""
        sql = f"SELECT {select} FROM {self.source}{joined} WHERE {self.where} GROUP BY {group}"
        return [(str(v), int(n)) for v, n in self.conn.execute(sql, self.params)]


class FacetProvider(Protocol):
    """A facet: its SQL condition, its values with counts, its value syntax.

    This is all a facet from elsewhere (the user library) has to implement.
    """

    key: str

    def title(self) -> str: ...

    def condition(self, values: frozenset[str]) -> Condition: ...

    def count(self, ctx: CountContext) -> Facet | None:
        """The facet with a count per value among the rows of *ctx* (``None``: hide it)."""
        ...

    def resolve(self, conn: sqlite3.Connection, text: str) -> str:
        """The canonical value for what a user typed; raises :class:`UsageError`."""
        ...


class _Counted:
    """Built-in facets count in two steps, so that the in-memory index can do the first."""

    key: str

    def sql_counts(self, ctx: CountContext) -> dict[str, int]:
        """Events per value (as used in filters) among the rows of *ctx*."""
        raise NotImplementedError

    def assemble(
        self, conn: sqlite3.Connection, query: Query, counts: dict[str, int]
    ) -> Facet | None:
        """The facet as the panel shows it, every known value with its count."""
        raise NotImplementedError

    def count(self, ctx: CountContext) -> Facet | None:
        return self.assemble(ctx.conn, ctx.query, self.sql_counts(ctx))


@runtime_checkable
class SetFacet(Protocol):
    """A facet whose values are sets of event ids, counted by the in-memory index."""

    key: str

    def value_sets(self) -> dict[str, frozenset[str]]: ...

    def assemble(
        self, conn: sqlite3.Connection, query: Query, counts: dict[str, int]
    ) -> Facet | None: ...


def _in(column: str, values: Iterable[str]) -> Condition:
    ordered = sorted(values)
    return f"{column} IN ({', '.join('?' * len(ordered))})", list(ordered)


def _unknown(key: str, text: str) -> UsageError:
    return UsageError(
        _("Unknown value “{value}” for the facet “{facet}”.").format(
            value=shown(text), facet=shown(key)
        )
    )


def _label(lang: str, nl: str, en: str) -> str:
    return nl if lang == "nl" else (en or nl)


def _values(
    key: str,
    items: Sequence[tuple[str, str]],
    counts: dict[str, int],
    selected: frozenset[str],
) -> tuple[FacetValue, ...]:
    return tuple(
        FacetValue(FacetFilter(key, value), label, counts.get(value, 0), value in selected)
        for value, label in items
    )


class CategoryFacet(_Counted):
    key = "category"

    def title(self) -> str:
        return _("Category")

    def condition(self, values: frozenset[str]) -> Condition:
        return _in("e.category", values)

    def _all(self, conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
        rows = conn.execute("SELECT key, label_nl, label_en FROM categories ORDER BY sort, key")
        return [(str(k), str(nl), str(en)) for k, nl, en in rows]

    def sql_counts(self, ctx: CountContext) -> dict[str, int]:
        return dict(ctx.rows("e.category, count(*)", "e.category"))

    def assemble(self, conn: sqlite3.Connection, query: Query, counts: dict[str, int]) -> Facet:
        items = [(k, _label(query.lang, nl, en)) for k, nl, en in self._all(conn)]
        selected = query.facets.get(self.key, frozenset())
        return Facet(self.key, self.title(), _values(self.key, items, counts, selected), selected)

    def resolve(self, conn: sqlite3.Connection, text: str) -> str:
        wanted = fold(text.strip())
        for key, nl, en in self._all(conn):
            if wanted in (fold(key), fold(nl), fold(en)):
                return key
        raise _unknown(self.key, text)


class PrecisionFacet(_Counted):
    key = "precision"
    ORDER = ("day", "month", "year")

    def title(self) -> str:
        return _("Date precision")

    def _labels(self) -> dict[str, str]:
        return {"day": _("Exact day"), "month": _("Month only"), "year": _("Year only")}

    def condition(self, values: frozenset[str]) -> Condition:
        return _in("e.precision", values)

    def sql_counts(self, ctx: CountContext) -> dict[str, int]:
        return dict(ctx.rows("e.precision, count(*)", "e.precision"))

    def assemble(self, conn: sqlite3.Connection, query: Query, counts: dict[str, int]) -> Facet:
        labels = self._labels()
        items = [(p, labels[p]) for p in self.ORDER]
        selected = query.facets.get(self.key, frozenset())
        return Facet(self.key, self.title(), _values(self.key, items, counts, selected), selected)

    def resolve(self, conn: sqlite3.Connection, text: str) -> str:
        return resolve_label(self.key, self._labels(), text)


def resolve_label(key: str, labels: dict[str, str], text: str) -> str:
    """The value whose key or label (any case, any accents) is *text*."""
    wanted = fold(text.strip())
    for value, label in labels.items():
        if wanted in (value, fold(label)):
            return value
    raise _unknown(key, text)


class YearFacet(_Counted):
    """Events by the year they start in (so the counts add up to the total)."""

    key = "year"

    def __init__(self) -> None:
        self._years: dict[int, list[str]] = {}

    def title(self) -> str:
        return _("Year")

    def condition(self, values: frozenset[str]) -> Condition:
        # Ranges on date_min rather than substr(), so the date index can serve them.
        parts, params = [], []
        for year in sorted(values):
            parts.append("(e.date_min >= ? AND e.date_min < ?)")
            params += [year, str(int(year) + 1) if year.isdigit() else year]
        return "(" + " OR ".join(parts) + ")", list(params)

    def all_years(self, conn: sqlite3.Connection) -> list[str]:
        key = id(conn)
        if key not in self._years:
            row = conn.execute("SELECT min(date_min), max(date_min) FROM events").fetchone()
            if row[0] is None:
                self._years[key] = []
            else:
                first, last = int(row[0][:4]), int(row[1][:4])
                self._years[key] = [str(y) for y in range(first, last + 1)]
        return self._years[key]

    def sql_counts(self, ctx: CountContext) -> dict[str, int]:
        return dict(ctx.rows("substr(e.date_min, 1, 4), count(*)", "1"))

    def assemble(self, conn: sqlite3.Connection, query: Query, counts: dict[str, int]) -> Facet:
        items = [(y, y) for y in self.all_years(conn)]
        selected = query.facets.get(self.key, frozenset())
        return Facet(self.key, self.title(), _values(self.key, items, counts, selected), selected)

    def resolve(self, conn: sqlite3.Connection, text: str) -> str:
        if text.strip() in self.all_years(conn):
            return text.strip()
        raise _unknown(self.key, text)


class MonthFacet(_Counted):
    """Months of the one selected year; events known only to the year are left out."""

    key = "month"

    def title(self) -> str:
        return _("Month")

    def condition(self, values: frozenset[str]) -> Condition:
        parts, params = [], []
        for month in sorted(values):
            parts.append("(e.date_min >= ? AND e.date_min < ?)")
            params += [month, _next_month(month)]
        return "(e.precision != 'year' AND (" + " OR ".join(parts) + "))", list(params)

    def sql_counts(self, ctx: CountContext) -> dict[str, int]:
        # Year-precision events have no month; the year selection (another
        # facet, so already in ctx.where) keeps the months to one year.
        where = f"{ctx.where} AND e.precision != 'year'"
        narrowed = CountContext(ctx.conn, ctx.source, where, ctx.params, ctx.query)
        return dict(narrowed.rows("substr(e.date_min, 1, 7), count(*)", "1"))

    def assemble(
        self, conn: sqlite3.Connection, query: Query, counts: dict[str, int]
    ) -> Facet | None:
        years = query.facets.get("year", frozenset())
        if len(years) != 1 or not next(iter(years)).isdigit():
            return None
        (year,) = years
        locale = Locale.parse("nl_NL" if query.lang == "nl" else "en_GB")
        items = []
        for m in range(1, 13):
            value = f"{year}-{m:02d}"
            items.append((value, format_date(date(int(year), m, 1), "LLLL", locale=locale)))
        selected = query.facets.get(self.key, frozenset())
        return Facet(self.key, self.title(), _values(self.key, items, counts, selected), selected)

    def resolve(self, conn: sqlite3.Connection, text: str) -> str:
        if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text.strip()):
            return text.strip()
        raise _unknown(self.key, text)


def _next_year(year: str) -> str:
    return str(int(year) + 1) if year.isdigit() else year


def _next_month(month: str) -> str:
    match = re.fullmatch(r"(\d{4})-(\d{2})", month)
    if not match:
        return month
    y, m = int(match.group(1)), int(match.group(2))
    return f"{y + 1:04d}-01" if m >= 12 else f"{y:04d}-{m + 1:02d}"


class PlaceFacet(_Counted):
    """Places as a tree: ``country:UA`` › ``oblast:UA/Charkiv`` › place id."""

    key = "place"

    def __init__(self) -> None:
        self._places: dict[int, list[tuple[str, str, str, str, str]]] = {}
        self._names: dict[int, dict[str, tuple[str, str]]] = {}

    def title(self) -> str:
        return _("Place")

    def condition(self, values: frozenset[str]) -> Condition:
        parts: list[str] = []
        params: list[object] = []
        ids = [v for v in values if not v.startswith(("country:", "oblast:"))]
        if ids:
            sql, ids_params = _in("p.id", ids)
            parts.append(sql)
            params += ids_params
        for value in sorted(values):
            if value.startswith("country:"):
                parts.append("p.country = ?")
                params.append(value[len("country:") :])
            elif value.startswith("oblast:"):
                country, _sep, oblast = value[len("oblast:") :].partition("/")
                # The oblast itself (Oblast Loehansk) belongs to its own group.
                parts.append("(p.country = ? AND (p.oblast = ? OR p.id = ?))")
                params += [country, oblast, oblast]
        sql = (
            "e.id IN (SELECT ep.event_id FROM event_places ep JOIN places p ON p.id = ep.place_id"
            f" WHERE {' OR '.join(parts)})"
        )
        return sql, params

    def places(self, conn: sqlite3.Connection) -> list[tuple[str, str, str, str, str]]:
        """(id, name_nl, name_en, country, oblast) of every place with an event."""
        key = id(conn)
        if key not in self._places:
            rows = conn.execute(
                "SELECT id, name_nl, name_en, country, oblast FROM places p"
                " WHERE EXISTS (SELECT 1 FROM event_places ep WHERE ep.place_id = p.id)"
            )
            self._places[key] = [tuple(str(c) for c in row) for row in rows]  # type: ignore[misc]
        return self._places[key]

    def names(self, conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
        """Dutch and English names of every place, for oblast group labels."""
        key = id(conn)
        if key not in self._names:
            rows = conn.execute("SELECT id, name_nl, name_en FROM places")
            self._names[key] = {str(i): (str(nl), str(en)) for i, nl, en in rows}
        return self._names[key]

    def sql_counts(self, ctx: CountContext) -> dict[str, int]:
        join = "JOIN event_places ep ON ep.event_id = e.id"
        join_p = join + " JOIN places p ON p.id = ep.place_id"
        counts = dict(ctx.rows("ep.place_id, count(*)", "ep.place_id", join))
        # An event in two places of one oblast counts once for the oblast.
        group = (
            "CASE WHEN p.oblast != '' THEN p.oblast "
            "WHEN p.id IN (SELECT oblast FROM places) THEN p.id END"
        )
        counts.update(
            (key, n)
            for key, n in ctx.rows(
                f"'oblast:' || p.country || '/' || {group}, count(DISTINCT e.seq)",
                f"p.country, {group}",
                join_p,
            )
            if key != "None"
        )
        counts.update(
            ctx.rows("'country:' || p.country, count(DISTINCT e.seq)", "p.country", join_p)
        )
        return counts

    def assemble(self, conn: sqlite3.Connection, query: Query, counts: dict[str, int]) -> Facet:
        selected = query.facets.get(self.key, frozenset())
        lang = query.lang
        tree: dict[str, dict[str, list[FacetValue]]] = {}
        known = self.places(conn)
        oblasts_of = {(country, oblast) for _p, _n, _e, country, oblast in known if oblast}
        for pid, nl, en, country, oblast in known:
            place_value = FacetValue(
                FacetFilter(self.key, pid),
                _label(lang, nl, en),
                counts.get(pid, 0),
                pid in selected,
            )
            # An oblast named by itself goes inside its own group, not beside it.
            group = pid if not oblast and (country, pid) in oblasts_of else oblast
            tree.setdefault(country, {}).setdefault(group, []).append(place_value)
        names = self.names(conn)
        countries = []
        for country, oblasts in tree.items():
            children: list[FacetValue] = []
            for oblast, places in oblasts.items():
                places.sort(key=_by_count_then_label)
                if not oblast:
                    children.extend(places)
                    continue
                node = f"oblast:{country}/{oblast}"
                nl_name, en_name = names.get(oblast, (oblast, oblast))
                children.append(
                    FacetValue(
                        FacetFilter(self.key, node),
                        _label(lang, nl_name, en_name),
                        counts.get(node, 0),
                        node in selected,
                        tuple(places),
                    )
                )
            children.sort(key=_by_count_then_label)
            node = f"country:{country}"
            countries.append(
                FacetValue(
                    FacetFilter(self.key, node),
                    country_label(country, lang),
                    counts.get(node, 0),
                    node in selected,
                    tuple(children),
                )
            )
        countries.sort(key=_by_count_then_label)
        return Facet(self.key, self.title(), tuple(countries), selected)

    def resolve(self, conn: sqlite3.Connection, text: str) -> str:
        raw = text.strip()
        wanted = fold(raw)
        for pid, nl, en, _country, _oblast in self.places(conn):
            if wanted in (fold(pid), fold(nl), fold(en)):
                return pid
        for _pid, _nl, _en, country, oblast in self.places(conn):
            if raw in (f"country:{country}", f"oblast:{country}/{oblast}"):
                return raw
            if wanted in (
                fold(country),
                fold(country_label(country, "nl")),
                fold(country_label(country, "en")),
            ):
                return f"country:{country}"
            if oblast and wanted == fold(oblast):
                return f"oblast:{country}/{oblast}"
        raise _unknown(self.key, text)


def country_label(country: str, lang: str) -> str:
    """A country code's name in *lang* ("UA" -> "Oekraïne"); other text unchanged."""
    if not country:
        return _("Other places")
    if len(country) == 2 and country.isalpha():
        names = Locale.parse("nl" if lang == "nl" else "en").territories
        return str(names.get(country.upper(), country))
    return country


def _by_count_then_label(value: FacetValue) -> tuple[int, str]:
    return (-value.count, fold(value.label))


#: How actor kinds are grouped in the panel; unknown kinds go with organisations.
ACTOR_GROUPS = {"person": "people", "country": "countries", "state": "countries"}


def actor_group(kind: str) -> str:
    return ACTOR_GROUPS.get(kind, "organisations")


class ActorFacet(_Counted):
    """Actors grouped into people, organisations and countries (``group:people``)."""

    key = "actor"

    def __init__(self) -> None:
        self._actors: dict[int, list[tuple[str, str, str, str]]] = {}

    def title(self) -> str:
        return _("People and organisations")

    def _group_titles(self) -> dict[str, str]:
        return {
            "people": _("People"),
            "organisations": _("Organisations"),
            "countries": _("Countries"),
        }

    def condition(self, values: frozenset[str]) -> Condition:
        ids = [v for v in values if not v.startswith("group:")]
        kinds = [
            kind
            for v in values
            if v.startswith("group:")
            for kind in self._kinds_of(v[len("group:") :])
        ]
        parts, params = [], []
        if ids:
            sql, p = _in("a.id", ids)
            parts.append(sql)
            params += p
        groups = {v[len("group:") :] for v in values if v.startswith("group:")}
        if "organisations" in groups:
            # Every kind that is not a person or a country counts as an organisation.
            sql, p = _in("a.kind", ACTOR_GROUPS)
            parts.append(f"NOT {sql}")
            params += p
        if kinds:
            sql, p = _in("a.kind", kinds)
            parts.append(sql)
            params += p
        if not parts:
            parts.append("0")
        sql = (
            "e.id IN (SELECT ea.event_id FROM event_actors ea JOIN actors a ON a.id = ea.actor_id"
            f" WHERE {' OR '.join(parts)})"
        )
        return sql, params

    @staticmethod
    def _kinds_of(group: str) -> list[str]:
        return [kind for kind, g in ACTOR_GROUPS.items() if g == group]

    def actors(self, conn: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
        key = id(conn)
        if key not in self._actors:
            rows = conn.execute(
                "SELECT id, name_nl, name_en, kind FROM actors a"
                " WHERE EXISTS (SELECT 1 FROM event_actors ea WHERE ea.actor_id = a.id)"
            )
            self._actors[key] = [tuple(str(c) for c in row) for row in rows]  # type: ignore[misc]
        return self._actors[key]

    def sql_counts(self, ctx: CountContext) -> dict[str, int]:
        join = "JOIN event_actors ea ON ea.event_id = e.id"
        counts = dict(ctx.rows("ea.actor_id, count(*)", "ea.actor_id", join))
        group_sql = " ".join(f"WHEN '{k}' THEN 'group:{g}'" for k, g in ACTOR_GROUPS.items())
        counts.update(
            ctx.rows(
                f"CASE a.kind {group_sql} ELSE 'group:organisations' END, count(DISTINCT e.seq)",
                "1",
                join + " JOIN actors a ON a.id = ea.actor_id",
            )
        )
        return counts

    def assemble(self, conn: sqlite3.Connection, query: Query, counts: dict[str, int]) -> Facet:
        selected = query.facets.get(self.key, frozenset())
        members: dict[str, list[FacetValue]] = {}
        for aid, nl, en, kind in self.actors(conn):
            members.setdefault(actor_group(kind), []).append(
                FacetValue(
                    FacetFilter(self.key, aid),
                    _label(query.lang, nl, en),
                    counts.get(aid, 0),
                    aid in selected,
                )
            )
        groups = []
        for group, title in self._group_titles().items():
            if group not in members:
                continue
            value = f"group:{group}"
            groups.append(
                FacetValue(
                    FacetFilter(self.key, value),
                    title,
                    counts.get(value, 0),
                    value in selected,
                    tuple(sorted(members[group], key=_by_count_then_label)),
                )
            )
        return Facet(self.key, self.title(), tuple(groups), selected)

    def resolve(self, conn: sqlite3.Connection, text: str) -> str:
        raw = text.strip()
        if raw in ("group:people", "group:organisations", "group:countries"):
            return raw
        wanted = fold(raw)
        for aid, nl, en, _kind in self.actors(conn):
            if wanted in (fold(aid), fold(nl), fold(en)):
                return aid
        raise _unknown(self.key, text)


class FacetRegistry:
    """The facets a search knows, in panel order; add library facets here."""

    def __init__(self, providers: Iterable[FacetProvider]) -> None:
        self._providers: dict[str, FacetProvider] = {}
        for provider in providers:
            self.add(provider)

    def add(self, provider: FacetProvider) -> None:
        """Register another facet (e.g. bookmarks or tags from the user library)."""
        self._providers[provider.key] = provider

    def __iter__(self) -> Iterator[FacetProvider]:
        return iter(list(self._providers.values()))

    def keys(self) -> list[str]:
        return list(self._providers)

    def provider(self, key: str) -> FacetProvider:
        try:
            return self._providers[key]
        except KeyError:
            raise UsageError(
                _("Unknown facet “{facet}”; choose one of: {keys}.").format(
                    facet=key, keys=", ".join(self._providers)
                )
            ) from None

    def condition(self, key: str, values: frozenset[str]) -> Condition:
        return self.provider(key).condition(values)

    def resolve(self, conn: sqlite3.Connection, key: str, text: str) -> str:
        return self.provider(key).resolve(conn, text)


def default_registry() -> FacetRegistry:
    return FacetRegistry(
        [CategoryFacet(), YearFacet(), MonthFacet(), PlaceFacet(), ActorFacet(), PrecisionFacet()]
    )


class FacetCounter:
    """Counts every facet for a query, sharing the text search between them.

    Built-in facets are counted from a :class:`~explorer.core.events.facet_index.FacetIndex`
    (columns of small integers in memory, loaded once per connection), which
    keeps a million events under the benchmark's budget. Facets added to the
    registry later, and every facet when ``use_index`` is false, are counted in
    SQL: the events matching the text and dates go into a temporary table once,
    then one grouped query per facet runs over it. Both give the same numbers;
    the tests hold them to that.
    """

    def __init__(self, engine: SearchEngine, *, use_index: bool = True) -> None:
        self.engine = engine
        self.conn = engine.conn
        self.use_index = use_index

    @property
    def index(self) -> FacetIndex:
        """The engine's in-memory index, loaded on first use and kept with the engine.

        Kept on the engine, not here, so that a counter made per search is cheap.
        """
        if self.engine.facet_index is None:
            from explorer.core.events.facet_index import FacetIndex

            self.engine.facet_index = FacetIndex.load(self.conn)
        return self.engine.facet_index

    def facets(self, query: Query, cancel: CancelToken | None = None) -> list[Facet]:
        """Every facet with counts, in panel order (months only for a single year)."""
        registry = self.engine.registry
        for key in query.facets:
            registry.provider(key)  # unknown key: UsageError before any work
        providers = list(registry)
        fast = {
            p.key
            for p in providers
            if self.use_index and isinstance(p, _Counted) and self.index.covers(p.key)
        }
        # Facets that know their values as sets of event ids (the user library)
        # are counted by the index too, from a dimension built for this query.
        extra = {
            p.key: self.index.dimension_from_sets(self.engine, p.value_sets())
            for p in providers
            if self.use_index and isinstance(p, SetFacet)
        }
        fast |= set(extra)
        counts = self.index.counts(self.engine, query, cancel, extra) if fast else {}
        if len(fast) < len(providers):
            self._fill_base(query, cancel)
        out: list[Facet] = []
        for provider in providers:
            if provider.key in fast:
                assert isinstance(provider, _Counted | SetFacet)
                facet = provider.assemble(self.conn, query, counts.get(provider.key, {}))
            else:
                where, params = self._where(query, skip=provider.key)
                ctx = CountContext(self.conn, f"{BASE_TABLE} AS e", where, params, query)
                with self.engine.guard(cancel):
                    facet = provider.count(ctx)
            if facet is not None:
                out.append(facet)
        return out

    def _fill_base(self, query: Query, cancel: CancelToken | None) -> None:
        compiled = self.engine.compile(query, with_facets=False)
        select = compiled.select("e.seq, e.id, e.category, e.precision, e.date_min", ordered=False)
        with self.engine.guard(cancel), self.conn:  # temp tables are writable even read-only
            self.conn.execute(
                f"CREATE TABLE IF NOT EXISTS {BASE_TABLE} (seq INTEGER PRIMARY KEY, "
                "id TEXT NOT NULL, category TEXT, precision TEXT, date_min TEXT)"
            )
            self.conn.execute(f"DELETE FROM {BASE_TABLE}")
            self.conn.execute(f"INSERT INTO {BASE_TABLE} {select}", compiled.params)

    def _where(self, query: Query, skip: str) -> Condition:
        parts = ["1"]
        params: list[object] = []
        for key, values in query.facets.items():
            if key == skip:
                continue
            sql, p = self.engine.registry.condition(key, values)
            parts.append(sql)
            params += p
        return " AND ".join(parts), params
