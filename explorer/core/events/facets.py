"""Facets: the values a search can be narrowed by, each defined once.

A facet is a :class:`FacetSpec`. From the same few parameters it derives both
what the facet *means* in two forms and how it *looks*:

* :meth:`FacetSpec.condition` -- the SQL condition that a selection of its
  values adds to a search (over ``e``, a row of ``events``);
* :meth:`FacetSpec.links` -- the facet as (event position, value) pairs, which
  the in-memory :class:`~explorer.core.events.facet_index.FacetIndex` counts
  with numpy (the only way facets are counted);
* :meth:`FacetSpec.present` -- the facet as the panel shows it, in a language;
* :meth:`FacetSpec.resolve` -- a value from what a person typed (``--facet``).

Selections combine the same way everywhere: OR within a facet, AND across
facets, and a facet is counted without its own selection. The tests hold the
index's counts to the SQL conditions for every facet and value.

Facet values are values (:class:`FacetValue`) carrying a :class:`FacetFilter`;
the window toggles a filter into the :class:`~explorer.core.events.query.Query`
(``query.toggled(f.key, f.value)``) and never builds SQL. The built-in facets
are in :mod:`~explorer.core.events.facet_kinds`; facets from elsewhere (the
user library's bookmarks and tags) implement :class:`FacetSpec` too, usually
through :class:`IdSetFacet`, and join a search through
:meth:`FacetRegistry.with_specs` -- a new, immutable registry per search, safe
to hand to the search thread.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from explorer.core.errors import UsageError, shown
from explorer.core.events.query import Query, fold
from explorer.i18n import _

if TYPE_CHECKING:  # numpy stays unloaded until something counts (the CLI's `info`)
    from explorer.core.events.links import Links, LinkSource

Condition = tuple[str, list[object]]

#: A JSON array parameter as rows, so id lists travel as one bound parameter.
JSON_VALUES = "(SELECT value FROM json_each(?))"


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


# --- the specification -----------------------------------------------------------


class FacetSpec(Protocol):
    """A facet: its meaning as SQL and as links, its look, its value syntax.

    This is all a facet from elsewhere (the user library) has to implement.
    ``static`` is True when the links depend only on the event database, so the
    index loads them once; otherwise they are built for each search.
    """

    key: str
    static: bool

    def title(self, lang: str) -> str: ...

    def condition(self, values: frozenset[str]) -> Condition:
        """SQL over ``events AS e`` for events with any of *values*."""
        ...

    def links(self, source: LinkSource) -> Links:
        """The facet as (event position, value) pairs, meaning what :meth:`condition` means."""
        ...

    def present(self, counts: Mapping[str, int], query: Query) -> Facet | None:
        """The facet as the panel shows it in ``query.lang`` (``None``: hide it)."""
        ...

    def resolve(self, text: str) -> str:
        """The canonical value for what a user typed; raises :class:`UsageError`."""
        ...


class IdSetFacet:
    """A facet whose values are sets of event ids (the user library's facets).

    Subclasses give :meth:`value_sets`; the condition and the links both come
    from it, so filtering and counting cannot disagree.
    """

    key: str
    static = False

    def value_sets(self) -> Mapping[str, frozenset[str]]:
        raise NotImplementedError

    def condition(self, values: frozenset[str]) -> Condition:
        sets = self.value_sets()
        ids = sorted({i for v in values for i in sets.get(v, frozenset())})
        return f"e.id IN {JSON_VALUES}", [json.dumps(ids)]

    def links(self, source: LinkSource) -> Links:
        from explorer.core.events.links import Links

        return Links.from_sets(source, self.value_sets())


def unknown_value(key: str, text: str) -> UsageError:
    return UsageError(
        _("Unknown value “{value}” for the facet “{facet}”.").format(
            value=shown(text), facet=shown(key)
        )
    )


def resolve_label(key: str, labels: Mapping[str, str], text: str) -> str:
    """The value whose key or label (any case, any accents) is *text*."""
    wanted = fold(text.strip())
    for value, label in labels.items():
        if wanted in (value, fold(label)):
            return value
    raise unknown_value(key, text)


def values_of(
    key: str, items: Iterable[tuple[str, str]], counts: Mapping[str, int], selected: frozenset[str]
) -> tuple[FacetValue, ...]:
    """Panel lines for (value, label) pairs with their counts."""
    return tuple(
        FacetValue(FacetFilter(key, value), label, counts.get(value, 0), value in selected)
        for value, label in items
    )


def by_count_then_label(value: FacetValue) -> tuple[int, str]:
    return (-value.count, fold(value.label))


class FacetRegistry:
    """The facets a search knows, in panel order. Immutable: add facets with :meth:`with_specs`."""

    def __init__(self, specs: Iterable[FacetSpec]) -> None:
        self._specs: dict[str, FacetSpec] = {}
        for spec in specs:
            self._specs[spec.key] = spec

    def with_specs(self, *specs: FacetSpec) -> FacetRegistry:
        """A registry with *specs* added (or replacing facets of the same key)."""
        return FacetRegistry([*self._specs.values(), *specs])

    def __iter__(self) -> Iterator[FacetSpec]:
        return iter(list(self._specs.values()))

    def keys(self) -> list[str]:
        return list(self._specs)

    def spec(self, key: str) -> FacetSpec:
        try:
            return self._specs[key]
        except KeyError:
            raise UsageError(
                _("Unknown facet “{facet}”; choose one of: {keys}.").format(
                    facet=shown(key), keys=", ".join(self._specs)
                )
            ) from None

    def check(self, query: Query) -> None:
        """Raise :class:`UsageError` for a selection of a facet this registry does not know."""
        for key in query.facets:
            self.spec(key)

    def condition(self, key: str, values: frozenset[str]) -> Condition:
        return self.spec(key).condition(values)

    def resolve(self, key: str, text: str) -> str:
        return self.spec(key).resolve(text)
