"""Columnar, read-only event data for drawing the timeline.

The timeline must stay smooth at a million events, so it never touches Python
objects per event: :class:`TimelineData` keeps each column as a numpy array,
sorted by ``day_min`` (then ``seq``), which lets the layout find the visible
range by binary search and count events per pixel column with prefix sums.
Titles are the exception: at a million events they would cost hundreds of
megabytes, and only the few hundred drawn at once are ever needed, so they are
fetched from SQLite on demand and kept in a small LRU cache.

Days are proleptic Gregorian ordinals (``date.toordinal()``), so ``day_max``
of a one-day event equals its ``day_min`` and a span covers
``[day_min, day_max + 1)`` on the continuous time axis.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from explorer.core.events.arrays import EventArrays, find_ids, read_arrays
from explorer.core.timeline.columns import IdColumn, id_bytes, seq_lookup

#: Integer codes of the ``precision`` and ``qualifier`` columns.
PRECISION_CODES = {"day": 0, "month": 1, "year": 2}
QUALIFIER_CODES = {"": 0, "start": 1, "mid": 2, "end": 3, "approx": 4}
DAY, MONTH, YEAR = 0, 1, 2
Q_NONE, Q_START, Q_MID, Q_END, Q_APPROX = 0, 1, 2, 3, 4

#: date(1970, 1, 1).toordinal(): turns numpy's datetime64[D] into ordinals.
_EPOCH_ORDINAL = 719163

#: Events longer than this are kept aside so the short ones can be windowed by
#: one binary search (a year and a leap day, plus a little slack).
_LONG_SPAN_DAYS = 400

IntArray = npt.NDArray[np.int32]
TitleFetcher = Callable[[Sequence[str]], dict[str, str]]


@dataclass(frozen=True)
class Category:
    """One category of the taxonomy, with its colour on the timeline."""

    key: str
    label_nl: str
    label_en: str
    color: str

    def label(self, lang: str) -> str:
        """The category's name in *lang* (``"nl"`` or ``"en"``)."""
        return self.label_nl if lang == "nl" else self.label_en


def first_at_or_after(sorted_days: IntArray, days: npt.ArrayLike) -> npt.NDArray[np.intp]:
    """Positions of the first element >= ``ceil(days)`` in an int32 day array.

    The query is cast to int32 first: ``np.searchsorted`` with float queries
    on an int32 array silently converts the *whole array* to float64, which
    turns a microsecond binary search into a copy of every event.
    """
    q = np.clip(np.ceil(np.asarray(days, dtype=np.float64)), -(2**31), 2**31 - 1)
    return np.searchsorted(sorted_days, q.astype(np.int32), side="left")


def _at(sorted_days: IntArray, day: float) -> int:
    return int(first_at_or_after(sorted_days, day))


def _sorted_union(a: npt.NDArray[np.intp], b: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """The sorted distinct indices of *a* and *b*: ``np.union1d`` without its check for
    masked arrays, which imports ``numpy.ma`` (20 ms) during the window's first paint."""
    both = np.concatenate((a, b))
    both.sort()
    keep = np.empty(len(both), dtype=bool)
    keep[:1] = True
    np.not_equal(both[1:], both[:-1], out=keep[1:])
    return both[keep]


class TimelineData:
    """Sorted numpy columns of every event plus lazily fetched titles."""

    def __init__(
        self,
        *,
        day_min: npt.ArrayLike,
        day_max: npt.ArrayLike,
        precision: npt.ArrayLike,
        qualifier: npt.ArrayLike,
        category: npt.ArrayLike,
        ids: Sequence[str] | npt.NDArray[np.object_] | npt.NDArray[np.bytes_],
        categories: Sequence[Category],
        fetch_titles: TitleFetcher | None = None,
        title_cache_size: int = 4096,
        presorted: bool = False,
        seqs: npt.ArrayLike | None = None,
        id_order: npt.NDArray[np.int32] | None = None,
        by_seq: npt.NDArray[np.int32] | None = None,
    ) -> None:
        dmin = np.asarray(day_min, dtype=np.int32)
        dmax = np.asarray(day_max, dtype=np.int32)
        prec = np.asarray(precision, dtype=np.int8)
        qual = np.asarray(qualifier, dtype=np.int8)
        cat = np.asarray(category, dtype=np.int16)
        id_arr = id_bytes(ids)
        seq = None if seqs is None else np.asarray(seqs)
        n = len(dmin)
        if not all(len(a) == n for a in (dmax, prec, qual, cat, id_arr)):
            raise ValueError("TimelineData columns differ in length")
        if not presorted and n > 1 and bool(np.any(dmin[1:] < dmin[:-1])):
            order = np.argsort(dmin, kind="stable")
            dmin, dmax = dmin[order], dmax[order]
            prec, qual, cat = prec[order], qual[order], cat[order]
            id_arr = id_arr[order]
            seq = None if seq is None else seq[order]
        # An event whose end precedes its start (bad data) is drawn as one day.
        if n and bool((dmax < dmin).any()):
            dmax = np.maximum(dmax, dmin)
        self.day_min: IntArray = dmin
        self.day_max: IntArray = dmax
        self.precision: npt.NDArray[np.int8] = prec
        self.qualifier: npt.NDArray[np.int8] = qual
        self.category: npt.NDArray[np.int16] = cat
        #: Event ids as UTF-8 byte strings: a tenth of the memory of a million
        #: Python strings. :meth:`id_at` and :attr:`ids` give them back as text.
        self.id_bytes: npt.NDArray[np.bytes_] = id_arr
        self.ids = IdColumn(id_arr)
        #: Position of each event by its ``seq`` (the database's row number), so a
        #: search's matches become positions without looking up their ids.
        self._by_seq = by_seq if by_seq is not None else seq_lookup(seq, n)
        self.categories: list[Category] = list(categories)
        self._fetch_titles = fetch_titles
        self._titles: OrderedDict[int, str] = OrderedDict()
        self._title_cache_size = title_cache_size
        #: Positions in the order of the ids (stored by the build, else sorted on first use).
        self._id_order: npt.NDArray[np.integer] | None = id_order
        self._present: list[int] | None = None
        self._subsets: dict[int, tuple[npt.NDArray[np.intp], IntArray]] = {}
        self._subset_cumsums: dict[int, npt.NDArray[np.int64]] = {}

        span = dmax.astype(np.int64) - dmin
        long_mask = span > _LONG_SPAN_DAYS
        #: Indices of the rare long spans, checked separately for overlap.
        self.long_indices: npt.NDArray[np.intp] = np.flatnonzero(long_mask)
        #: Longest span among the others: the look-back of the visible window.
        self.max_short_span = int(span[~long_mask].max()) if n - len(self.long_indices) else 0
        self._last_day = int(dmax.max()) if n else None
        self.match: npt.NDArray[np.bool_] = np.ones(n, dtype=bool)
        #: The reader's marks per event: bit 1 bookmarked, bit 2 notes or tags.
        self.marks: npt.NDArray[np.int8] = np.zeros(n, dtype=np.int8)
        self._match_cumsum: npt.NDArray[np.int64] | None = None
        self.all_match = True
        #: Bumped on every change of :attr:`match`, so views can cache layouts.
        self.revision = 0

    @classmethod
    def empty(cls) -> TimelineData:
        """No events at all (a view before a database is opened)."""
        return cls(
            day_min=[], day_max=[], precision=[], qualifier=[], category=[], ids=[], categories=[]
        )

    # -- size and lookup -------------------------------------------------------

    def __len__(self) -> int:
        return len(self.day_min)

    @property
    def first_day(self) -> int | None:
        """Ordinal of the earliest day any event covers (None without events)."""
        return int(self.day_min[0]) if len(self) else None

    @property
    def last_day(self) -> int | None:
        """Ordinal of the latest day any event covers (None without events)."""
        return self._last_day

    def present_categories(self) -> list[int]:
        """Indices of the categories that have at least one event (for the legend)."""
        if self._present is None:
            counts = np.bincount(self.category, minlength=len(self.categories))
            self._present = [int(k) for k in np.flatnonzero(counts)]
        return self._present

    def _order(self) -> npt.NDArray[np.integer]:
        """Positions in the order of their ids (sorted on first use if not stored)."""
        if self._id_order is None:
            self._id_order = np.argsort(self.id_bytes, kind="stable")
        return self._id_order

    def positions_of(self, ids: Iterable[str]) -> npt.NDArray[np.intp]:
        """Positions of the given ids in the sorted arrays; unknown ids are left out."""
        return find_ids(self.id_bytes, self._order(), [str(i) for i in ids])

    def index_of(self, event_id: str) -> int | None:
        """Position of the event with *event_id* in the sorted arrays, or None."""
        found = self.positions_of([event_id])
        return int(found[0]) if len(found) else None

    def id_at(self, index: int) -> str:
        return self.ids[index]

    def window(self, t0: float, t1: float) -> tuple[int, int]:
        """Index range ``[lo, hi)`` of events that *start* within ``[t0, t1)``."""
        return _at(self.day_min, t0), _at(self.day_min, t1)

    def overlapping(self, t0: float, t1: float) -> npt.NDArray[np.intp]:
        """Sorted indices of events whose ``[day_min, day_max + 1)`` meets ``[t0, t1)``.

        One binary search bounds the short events (nothing shorter than
        :attr:`max_short_span` can start earlier and still reach ``t0``); the
        few long spans are tested on their own.
        """
        lo = _at(self.day_min, np.floor(t0) - self.max_short_span)
        hi = _at(self.day_min, t1)
        cand = np.arange(lo, hi, dtype=np.intp)
        cand = cand[self.day_max[lo:hi] + 1 > t0]
        if len(self.long_indices):
            lng = self.long_indices
            lng = lng[(self.day_min[lng] < t1) & (self.day_max[lng] + 1 > t0)]
            if len(lng):
                cand = _sorted_union(cand, lng)
        return cand

    def count_overlapping_upper_bound(self, t0: float, t1: float) -> int:
        """A cheap upper bound of :meth:`overlapping`'s length (two binary searches)."""
        lo = _at(self.day_min, np.floor(t0) - self.max_short_span)
        hi = _at(self.day_min, t1)
        return hi - lo + len(self.long_indices)

    # -- search matches --------------------------------------------------------

    def set_match(self, match: npt.ArrayLike | None) -> None:
        """Mark which events match the current search (None: all of them).

        *match* is a boolean array in this object's sorted order; use
        :meth:`match_from_ids` to build one from a set of ids.
        """
        if match is None:
            self.match = np.ones(len(self), dtype=bool)
        else:
            arr = np.asarray(match, dtype=bool)
            if arr.shape != (len(self),):
                raise ValueError("match must have one entry per event")
            self.match = arr
        self.all_match = bool(self.match.all())
        self._match_cumsum = None
        self._subset_cumsums.clear()
        self.revision += 1

    def set_marks(self, marks: dict[str, int]) -> None:
        """Mark bookmarked and annotated events (ids not in the data are ignored)."""
        self.marks = np.zeros(len(self), dtype=np.int8)
        for bits in set(marks.values()):
            self.marks[self.positions_of(i for i, b in marks.items() if b == bits)] = bits

    def positions_of_seqs(self, seqs: Sequence[int]) -> npt.NDArray[np.intp]:
        """Positions of the events with these seqs, in the given order; unknown ones left out."""
        wanted = np.asarray(seqs, dtype=np.int64)
        if self._by_seq is None:
            raise ValueError("this timeline data was made without seqs")
        lookup = self._by_seq
        inside = (wanted >= 0) & (wanted < len(lookup))
        found = lookup[wanted[inside]]
        positions: npt.NDArray[np.intp] = found[found >= 0].astype(np.intp)
        return positions

    def ids_at(self, positions: npt.NDArray[np.intp]) -> IdColumn:
        """The ids of the events at *positions*, in that order (a compact column)."""
        return IdColumn(self.id_bytes[positions])

    def match_at(self, positions: npt.NDArray[np.intp]) -> npt.NDArray[np.bool_]:
        """A match array with True exactly at *positions*."""
        wanted = np.zeros(len(self), dtype=bool)
        wanted[positions] = True
        return wanted

    def match_from_ids(self, ids: Iterable[str]) -> npt.NDArray[np.bool_]:
        """A match array with True exactly for the given event ids."""
        wanted = np.zeros(len(self), dtype=bool)
        wanted[self.positions_of(ids)] = True
        return wanted

    def match_cumsum(self) -> npt.NDArray[np.int64]:
        """Prefix sums of :attr:`match` (length n + 1) for O(1) range counts."""
        if self._match_cumsum is None:
            cs = np.zeros(len(self) + 1, dtype=np.int64)
            np.cumsum(self.match, out=cs[1:])
            self._match_cumsum = cs
        return self._match_cumsum

    def precision_subset(self, precision: int) -> tuple[npt.NDArray[np.intp], IntArray]:
        """Indices and ``day_min`` of the events at one *precision*, still sorted.

        Zoomed out, events are counted per period; a month-precision event
        cannot be counted on a day, so each precision is binned on its own.
        """
        cached = self._subsets.get(precision)
        if cached is None:
            idx = np.flatnonzero(self.precision == precision)
            cached = self._subsets[precision] = (idx, self.day_min[idx])
        return cached

    def subset_match_cumsum(self, precision: int) -> npt.NDArray[np.int64]:
        """Prefix sums of :attr:`match` over :meth:`precision_subset` (length k + 1)."""
        cs = self._subset_cumsums.get(precision)
        if cs is None:
            idx = self.precision_subset(precision)[0]
            cs = np.zeros(len(idx) + 1, dtype=np.int64)
            np.cumsum(self.match[idx], out=cs[1:])
            self._subset_cumsums[precision] = cs
        return cs

    # -- neighbours in time ----------------------------------------------------

    def next_index(self, index: int, *, matching: bool = True) -> int | None:
        """The event after *index* in time (the next matching one by default)."""
        start = index + 1
        if start >= len(self):
            return None
        if not matching or self.all_match:
            return start
        hits = np.flatnonzero(self.match[start:])
        return start + int(hits[0]) if len(hits) else None

    def previous_index(self, index: int, *, matching: bool = True) -> int | None:
        """The event before *index* in time (the previous matching one by default)."""
        if index <= 0:
            return None
        if not matching or self.all_match:
            return index - 1
        hits = np.flatnonzero(self.match[:index])
        return int(hits[-1]) if len(hits) else None

    def first_at_or_after(self, day: float, *, matching: bool = True) -> int | None:
        """The first event starting on or after *day*."""
        i = _at(self.day_min, day)
        if i >= len(self):
            return None
        if matching and not self.match[i]:
            return self.next_index(i)
        return i

    # -- titles ----------------------------------------------------------------

    def title(self, index: int) -> str:
        """The short headline of event *index* (fetched and cached on demand)."""
        cached = self._titles.get(index)
        if cached is not None:
            self._titles.move_to_end(index)
            return cached
        return self.titles([index])[0]

    def titles(self, indices: Iterable[int]) -> list[str]:
        """Headlines of several events, fetching the missing ones in one query."""
        wanted = [int(i) for i in indices]
        missing = [i for i in wanted if i not in self._titles]
        if missing:
            fetched: dict[str, str] = {}
            if self._fetch_titles is not None:
                fetched = self._fetch_titles([self.id_at(i) for i in dict.fromkeys(missing)])
            for i in missing:
                self._titles[i] = fetched.get(self.id_at(i), "")
        out = []
        for i in wanted:
            self._titles.move_to_end(i)
            out.append(self._titles[i])
        while len(self._titles) > max(self._title_cache_size, len(wanted)):
            self._titles.popitem(last=False)
        return out


def _sqlite_title_fetcher(conn: sqlite3.Connection) -> TitleFetcher:
    """Fetch titles by id in chunks below SQLite's bound-parameter limit."""

    def fetch(ids: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for k in range(0, len(ids), 500):
            chunk = list(ids[k : k + 500])
            marks = ",".join("?" * len(chunk))
            # A title is drawn on one line: 300 characters are plenty, and a
            # database's million-character title must not reach the painter.
            rows = conn.execute(
                f"SELECT id, substr(title, 1, 300) FROM events WHERE id IN ({marks})", chunk
            )
            out.update((str(i), str(t)) for i, t in rows)
        return out

    return fetch


def load_timeline_data(conn: sqlite3.Connection, arrays: EventArrays | None = None) -> TimelineData:
    """Every event's dates, precision, qualifier and category from the stored arrays.

    The arrays (:mod:`~explorer.core.events.arrays`) are already in date
    order and checked; numpy reads them without a copy, so this costs a few
    milliseconds at a million events. Titles stay in the database until drawn.
    """
    if arrays is None:
        arrays = read_arrays(conn)
    categories = [
        Category(str(k), str(nl), str(en), str(c))
        for k, nl, en, c in conn.execute(
            "SELECT key, label_nl, label_en, color FROM categories ORDER BY sort, key"
        )
    ]
    return TimelineData(
        day_min=arrays.day_min,
        day_max=arrays.day_max,
        precision=arrays.precision,
        qualifier=arrays.qualifier,
        category=arrays.category,
        ids=arrays.id,
        categories=categories,
        fetch_titles=_sqlite_title_fetcher(conn),
        presorted=True,
        seqs=arrays.seq,
        id_order=arrays.id_order,
        by_seq=arrays.by_seq(),
    )


def day_to_date(day: float) -> date:
    """The calendar date containing the continuous day coordinate *day*."""
    return date.fromordinal(max(1, int(np.floor(day))))
