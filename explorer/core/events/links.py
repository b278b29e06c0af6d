"""A facet as links: pairs (event position, value code) that numpy can count.

Every facet's meaning, as :class:`~explorer.core.events.facets.FacetSpec.links`
gives it, is a :class:`Links`: which event has which value. Grouped facets
(places in countries and oblasts) carry one extra pair per event and group, so
selecting or counting a group counts each event once. :class:`LinkSource` is
what a facet may read to build its links; the facet index provides it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
SmallArray = npt.NDArray[np.int32]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Links:
    """A facet as pairs (event position, value code), at most one pair per value and event.

    Stored as 32-bit integers (half the memory of numpy's default at a million
    events); build with :meth:`of` from whatever width the computation used.
    """

    pos: SmallArray
    code: SmallArray
    values: tuple[str, ...]

    @classmethod
    def of(cls, pos: IntArray, code: IntArray, values: Sequence[str]) -> Links:
        return cls(pos.astype(np.int32), code.astype(np.int32), tuple(values))

    @classmethod
    def from_sets(cls, source: LinkSource, sets: Mapping[str, Iterable[str]]) -> Links:
        """Links of value -> event ids (unknown ids are left out)."""
        values = tuple(sorted(sets))
        pos_parts = [np.zeros(0, dtype=np.int64)]
        code_parts = [np.zeros(0, dtype=np.int64)]
        for code, value in enumerate(values):
            pos = source.positions_of_ids(sets[value])
            pos_parts.append(pos)
            code_parts.append(np.full(len(pos), code, dtype=np.int64))
        return cls.of(np.concatenate(pos_parts), np.concatenate(code_parts), values)

    def codes_of(self, values: Iterable[str]) -> list[int]:
        lookup = {v: i for i, v in enumerate(self.values)}
        return [lookup[v] for v in values if v in lookup]

    def selected(self, values: Iterable[str], n_events: int) -> BoolArray:
        """A mask of the events that have any of *values*."""
        mask = np.zeros(n_events, dtype=bool)
        mask[self.pos[np.isin(self.code, self.codes_of(values))]] = True
        return mask


def distinct(pos: IntArray, code: IntArray, n_values: int) -> tuple[IntArray, IntArray]:
    """Drop repeated (pos, code) pairs; sorting beats np.unique's hashing here."""
    width = max(n_values, 1)
    keys = np.sort(pos * width + code)
    if len(keys):
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
    return keys // width, keys % width


def grouped(
    pos: IntArray, code: IntArray, values: Sequence[str], groups: Mapping[str, Sequence[str]]
) -> Links:
    """Links to entities plus, for each entity's groups, one link per event and group.

    *groups* maps an entity to the group values it belongs to (a place to its
    country and oblast), so that a group counts and selects each event once.
    """
    group_values = sorted({g for gs in groups.values() for g in gs} - set(values))
    all_values = [*values, *group_values]
    lookup = {v: i for i, v in enumerate(all_values)}
    pos_parts, code_parts = [pos], [code]
    width = max((len(groups.get(v, ())) for v in values), default=0)
    for k in range(width):
        # The k-th group of each entity (-1 where it has fewer).
        kth = np.array(
            [lookup[gs[k]] if k < len(gs := groups.get(v, ())) else -1 for v in values],
            dtype=np.int64,
        )
        group_code = kth[code] if len(code) else code
        has = group_code >= 0
        pos_parts.append(pos[has])
        code_parts.append(group_code[has])
    both = distinct(np.concatenate(pos_parts), np.concatenate(code_parts), len(all_values))
    return Links.of(*both, all_values)


class LinkSource(Protocol):
    """What a facet may read to build its links (the facet index, while it loads or counts)."""

    def __len__(self) -> int:
        """How many events there are (positions run from 0 to this)."""
        ...

    def column(self, name: str) -> tuple[IntArray, tuple[str, ...]]:
        """A text column of ``events`` as a code per event position and the values by code."""
        ...

    def days(self) -> IntArray:
        """Each event's first day, in days since 1970 (numpy's count)."""
        ...

    def linked(self, table: str, column: str) -> tuple[IntArray, IntArray, tuple[str, ...]]:
        """The rows of a link table as event positions, entity codes and entities by code."""
        ...

    def positions_of_ids(self, ids: Iterable[str]) -> IntArray:
        """Positions of the events with these ids (unknown ids left out)."""
        ...
