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
#: Integers of any width (stored arrays come as 8, 16 or 32 bits).
Ints = npt.NDArray[np.integer]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Links:
    """A facet as pairs (event position, value code), at most one pair per value and event.

    Stored as 32-bit integers (half the memory of numpy's default at a million
    events); build with :meth:`of` from whatever width the computation used.
    A facet with exactly one value per event (a column, the year) has no
    positions at all (``pos`` is None): its ``code`` holds each event's value
    in event order, in the narrowest integer type it came in (:meth:`per_event`).
    """

    pos: SmallArray | None
    code: Ints
    values: tuple[str, ...]

    @classmethod
    def of(cls, pos: Ints, code: Ints,
           values: Sequence[str]) -> Links:  # fmt: skip
        return cls(
            pos.astype(np.int32, copy=False), code.astype(np.int32, copy=False), tuple(values)
        )

    @classmethod
    def per_event(cls, code: Ints, values: Sequence[str]) -> Links:
        """One value per event: *code*[i] is the value of the event at position i."""
        return cls(None, code, tuple(values))

    def codes_among(self, mask: BoolArray) -> Ints:
        """The value codes of the links whose event is in *mask* (to ``bincount``)."""
        return self.code[mask] if self.pos is None else self.code[mask[self.pos]]

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
        hit = np.isin(self.code, self.codes_of(values))
        if self.pos is None:
            return hit
        mask = np.zeros(n_events, dtype=bool)
        mask[self.pos[hit]] = True
        return mask


#: Above this many links of one event, :func:`distinct` sorts instead of comparing neighbours.
_NEIGHBOURS = 8


def distinct(pos: Ints, code: Ints, n_values: int) -> tuple[Ints, Ints]:
    """Drop repeated (pos, code) pairs.

    Each pair is one number, ``pos * n_values + code``. The stored links come
    sorted by event position, and an event has a few at most, so a repeat is
    among the few pairs before it: comparing each number with its neighbours
    finds them in a few passes (none at all when the numbers only grow, as the
    stored links' do). Otherwise (a position out of order, or an event with
    many links) the numbers are sorted.
    """
    if len(pos) < 2:
        return pos, code
    width = max(n_values, 1)
    keys = pos.astype(np.int64) * width + code
    if bool((keys[1:] > keys[:-1]).all()):
        return pos, code
    if bool((pos[1:] >= pos[:-1]).all()):
        # The longest run of one event's pairs: how far back a repeat can be.
        starts = np.flatnonzero(pos[1:] != pos[:-1])
        longest = int(np.diff(starts, prepend=-1, append=len(pos) - 1).max())
        if longest <= _NEIGHBOURS:
            repeat = np.zeros(len(pos), dtype=bool)
            for d in range(1, longest):
                repeat[d:] |= keys[d:] == keys[:-d]
            if not repeat.any():
                return pos, code
            return pos[~repeat], code[~repeat]
    keys = np.unique(keys)
    return keys // width, keys % width


def grouped(
    pos: Ints,
    code: Ints,
    values: Sequence[str],
    groups: Mapping[str, Sequence[str]],
) -> Links:
    """Links to entities plus, for each entity's groups, one link per event and group.

    *groups* maps an entity to the group values it belongs to (a place to its
    country and oblast), so that a group counts and selects each event once.
    """
    group_values = sorted({g for gs in groups.values() for g in gs} - set(values))
    all_values = [*values, *group_values]
    lookup = {v: i for i, v in enumerate(all_values)}
    n = len(all_values)
    # Entities and each level of groups are distinct values, so each part is made
    # distinct on its own (an event in two places of one oblast is in it once).
    entity_pos, entity_code = distinct(pos, code, n)
    pos_parts, code_parts = [entity_pos], [entity_code]
    width = max((len(groups.get(v, ())) for v in values), default=0)
    for k in range(width):
        # The k-th group of each entity (-1 where it has fewer).
        kth = np.array(
            [lookup[gs[k]] if k < len(gs := groups.get(v, ())) else -1 for v in values],
            dtype=np.int32,
        )
        group_code = kth[code] if len(code) else code
        has = group_code >= 0
        level_pos, level_code = distinct(pos[has], group_code[has], n)
        pos_parts.append(level_pos)
        code_parts.append(level_code)
    both = np.concatenate(pos_parts), np.concatenate(code_parts)
    if len(set(values) & {g for gs in groups.values() for g in gs}):
        both = distinct(*both, n)  # an entity that is also a group: one pair each
    return Links.of(*both, all_values)


class LinkSource(Protocol):
    """What a facet may read to build its links (the facet index, while it loads or counts)."""

    def __len__(self) -> int:
        """How many events there are (positions run from 0 to this)."""
        ...

    def column(self, name: str) -> tuple[Ints, tuple[str, ...]]:
        """A text column of ``events`` as a code per event position and the values by code."""
        ...

    def days(self) -> IntArray:
        """Each event's first day, in days since 1970 (numpy's count)."""
        ...

    def linked(self, table: str, column: str) -> tuple[Ints, Ints, tuple[str, ...]]:
        """The rows of a link table as event positions, entity codes and entities by code
        (sorted by position)."""
        ...

    def positions_of_ids(self, ids: Iterable[str]) -> IntArray:
        """Positions of the events with these ids (unknown ids left out)."""
        ...
