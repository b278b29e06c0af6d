"""Timeline layout without Qt: what ends up where on the screen, at every zoom level."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import date

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core.events.array_build import store_arrays
from explorer.core.events.schema import create_schema
from explorer.core.timeline.data import Category, TimelineData, load_timeline_data
from explorer.core.timeline.layout import TimelineLayout
from explorer.core.timeline.shapes import FixedMetrics

METRICS = FixedMetrics()
CATS = [
    Category("military", "Gevechten", "Fighting", "#c0392b"),
    Category("diplomacy", "Diplomatie", "Diplomacy", "#0e7490"),
]


def d(y: int, m: int = 1, day: int = 1) -> int:
    return date(y, m, day).toordinal()


def make(
    days: list[int],
    *,
    ends: list[int] | None = None,
    precision: list[int] | None = None,
    titles: list[str] | None = None,
) -> TimelineData:
    n = len(days)
    ids = [f"ev{k}" for k in range(n)]
    names = titles or [f"Event number {k}" for k in range(n)]
    by_id = dict(zip(ids, names, strict=True))
    return TimelineData(
        day_min=days,
        day_max=ends or days,
        precision=precision or [0] * n,
        qualifier=[0] * n,
        category=[k % 2 for k in range(n)],
        ids=ids,
        categories=CATS,
        fetch_titles=lambda wanted: {i: by_id[i] for i in wanted},
    )


def synthetic(n: int, seed: int = 3) -> TimelineData:
    """Sparse before 2014, dense after the invasion, some months and years."""
    rng = np.random.default_rng(seed)
    early = rng.integers(d(1989), d(2014), n // 20)
    mid = rng.integers(d(2014), d(2022, 2, 24), n // 5)
    war = d(2022, 2, 24) + rng.exponential(200, n - len(early) - len(mid)).astype(np.int64)
    days = np.sort(np.concatenate([early, mid, np.minimum(war, d(2024))]))
    prec = rng.choice(3, size=n, p=[0.8, 0.15, 0.05])
    # Month and year events start on the first of their period, as in the database.
    as_dates = (days - d(1970)).astype("datetime64[D]")
    month = as_dates.astype("datetime64[M]")
    year = as_dates.astype("datetime64[Y]")

    def ordinals(x: np.ndarray) -> np.ndarray:
        return x.astype("datetime64[D]").astype(np.int64) + d(1970)

    starts = np.where(prec == 1, ordinals(month), np.where(prec == 2, ordinals(year), days))
    ends = np.where(
        prec == 1, ordinals(month + 1) - 1, np.where(prec == 2, ordinals(year + 1) - 1, days)
    )
    return TimelineData(
        day_min=starts,
        day_max=ends,
        precision=prec,
        qualifier=np.zeros(n),
        category=rng.integers(0, 2, n),
        ids=[f"s{k}" for k in range(n)],
        categories=CATS,
        fetch_titles=lambda wanted: {i: f"Synthetic event {i}" for i in wanted},
    )


def layout(
    data: TimelineData, t0: float, t1: float, width: float = 1200, height: float = 400
) -> TimelineLayout:
    return TimelineLayout(data, t0, t1, width, height, METRICS, lang="en")


def occupied(item) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    return item.x, max(item.x + item.w, item.label_x + item.label_w)


def test_a_few_events_are_drawn_individually_with_their_titles() -> None:
    data = make(
        [d(2022, 2, 24), d(2022, 3, 2), d(2022, 3, 16)],
        titles=["Invasion begins", "Kherson falls", "Mariupol theatre"],
    )
    lay = layout(data, d(2022, 2, 20), d(2022, 3, 20))
    assert lay.mode == "items"
    assert [i.title for i in lay.items] == ["Invasion begins", "Kherson falls", "Mariupol theatre"]
    assert all(i.title_fits for i in lay.items)
    assert all(i.is_point for i in lay.items)  # single days are dots


def test_titles_in_one_lane_never_overlap_and_lanes_stay_apart() -> None:
    data = make([d(2022, 2, 24)] * 6 + [d(2022, 2, 25)] * 6)
    lay = layout(data, d(2022, 2, 23), d(2022, 2, 27), width=600)
    by_lane: dict[int, list[tuple[float, float]]] = {}
    for item in lay.items:
        by_lane.setdefault(item.lane, []).append(occupied(item))
        assert lay.regions.events_top <= item.y
        assert item.y + item.h <= lay.regions.events_bottom
    for spans in by_lane.values():
        spans.sort()
        for (_a0, a1), (b0, _b1) in itertools.pairwise(spans):
            assert a1 <= b0, "a title runs into the next event in its lane"
    ys = sorted({i.y for i in lay.items})
    assert all(b - a >= lay.lane_h for a, b in itertools.pairwise(ys))


def test_long_titles_are_shortened_to_the_room_they_have() -> None:
    data = make([d(2022, 2, 24), d(2022, 2, 25)], titles=["A" * 200, "B" * 200])
    lay = layout(data, d(2022, 2, 23), d(2022, 2, 27), width=600, height=140)
    first = next(i for i in lay.items if i.title.startswith("A"))
    assert not first.title_fits
    assert 0 < first.title_chars < 200
    assert first.label_w < 200 * METRICS.char_width


def test_months_are_spans_and_day_events_get_the_lanes_first() -> None:
    days = [d(2022, 3, 1)] + [d(2022, 3, k) for k in range(2, 30, 4)]
    ends = [d(2022, 3, 31), *days[1:]]
    data = make(days, ends=ends, precision=[1] + [0] * (len(days) - 1))
    lay = layout(data, d(2022, 3, 1), d(2022, 4, 1), width=900, height=300)
    month = next(i for i in lay.items if i.precision == 1)
    assert not month.is_point
    assert month.x_end - month.x_start == pytest.approx(900 * 31 / 31, rel=0.01)
    assert month.lane == max(i.lane for i in lay.items)


def test_overflowing_lanes_become_counted_badges() -> None:
    data = make([d(2022, 2, 24)] * 40)
    lay = layout(data, d(2022, 2, 23), d(2022, 2, 26), width=800, height=250)
    assert lay.mode == "items"
    shown = len(lay.items)
    assert shown < 40
    assert sum(c.count for c in lay.clusters) == 40 - shown
    badge_row = {c.y for c in lay.clusters}
    assert all(i.y < min(badge_row) for i in lay.items)
    xs = sorted((c.x, c.x + c.w) for c in lay.clusters)
    assert all(a1 <= b0 for (_a0, a1), (b0, _b1) in itertools.pairwise(xs))


def test_crowded_view_shows_columns_with_counts_per_calendar_period() -> None:
    data = synthetic(20_000)
    lay = layout(data, d(2022), d(2023))
    assert lay.mode == "clusters"
    counted = sum(c.count for c in lay.clusters) + sum(t.count for t in lay.tapes)
    in_view = int(((data.day_min >= d(2022)) & (data.day_min < d(2023))).sum())
    assert counted == in_view
    xs = sorted((c.x, c.x + c.w) for c in lay.clusters)
    assert all(a1 <= b0 for (_a0, a1), (b0, _b1) in itertools.pairwise(xs))


def test_month_dated_events_get_a_band_not_a_spike_on_the_first() -> None:
    data = synthetic(200_000)
    lay = layout(data, d(2022, 3), d(2022, 4))
    assert lay.mode in ("clusters", "density")
    march = [t for t in lay.tapes if t.precision == 1]
    in_march = (data.precision == 1) & (data.day_min == d(2022, 3))
    assert [t.count for t in march] == [int(in_march.sum())]
    assert march[0].w >= lay.width - 2  # the band covers the whole month
    first_day = lay.density.counts[0]
    assert first_day < march[0].count


def test_density_sums_to_what_is_in_view() -> None:
    data = synthetic(200_000)
    for t0, t1 in [(d(1989), d(2026)), (d(2022), d(2023)), (d(2022, 2), d(2022, 3))]:
        lay = layout(data, t0, t1)
        dens = lay.density
        lo, hi = np.ceil(dens.day_edges[0]), np.ceil(dens.day_edges[-1])
        fine = np.isin(data.precision, dens.precisions)
        expected = int(((data.day_min >= lo) & (data.day_min < hi) & fine).sum())
        assert dens.total == expected


def test_whole_range_at_a_million_events_is_a_density_histogram() -> None:
    data = synthetic(1_000_000)
    lay = layout(data, d(1989), d(2026), width=1600)
    assert lay.mode == "density"
    assert len(lay.density.counts) == 1600


def test_hit_testing_finds_the_event_under_the_pointer() -> None:
    data = make([d(2022, 2, 24), d(2022, 3, 16)], titles=["Invasion begins", "Mariupol theatre"])
    lay = layout(data, d(2022, 2, 20), d(2022, 3, 20))
    item = lay.items[1]
    hit = lay.item_at(item.x + item.w / 2, item.y + item.h / 2)
    assert hit is not None and hit.kind == "event" and hit.index == item.index
    # The title is part of the target too.
    hit = lay.item_at(item.label_x + 5, item.y + 3)
    assert hit is not None and hit.index == item.index
    assert lay.item_at(5, lay.regions.events_bottom - 5) is None


def test_hit_testing_a_badge_reports_its_hidden_events() -> None:
    data = make([d(2022, 2, 24)] * 40)
    lay = layout(data, d(2022, 2, 23), d(2022, 2, 26), width=800, height=250)
    badge = lay.clusters[0]
    hit = lay.item_at(badge.x + 2, badge.y + 2)
    assert hit is not None and hit.kind == "overflow" and hit.count == badge.count
    assert sorted(hit.members) == sorted(int(i) for i in badge.indices)


def test_next_and_previous_follow_time_and_skip_search_misses() -> None:
    data = make([d(2022, 2, 24), d(2022, 3, 2), d(2022, 3, 16)])
    lay = layout(data, d(2022, 2, 20), d(2022, 3, 20))
    assert lay.next_event(0) == 1
    assert lay.previous_event(0) is None
    data.set_match([True, False, True])
    assert lay.next_event(0) == 2
    assert lay.previous_event(2) == 0


def test_search_misses_are_marked_for_dimming() -> None:
    data = make([d(2022, 2, 24), d(2022, 3, 2)])
    data.set_match(data.match_from_ids(["ev1"]))
    lay = layout(data, d(2022, 2, 20), d(2022, 3, 20))
    assert [i.matched for i in lay.items] == [False, True]


def test_long_spans_starting_before_the_view_are_still_drawn() -> None:
    data = make(
        [d(2014, 2, 20), d(2022, 2, 24)], ends=[d(2022, 12, 31), d(2022, 2, 24)], precision=[2, 0]
    )
    lay = layout(data, d(2022, 2, 1), d(2022, 3, 1))
    assert {i.index for i in lay.items} == {0, 1}


@given(
    spans=st.lists(
        st.tuples(st.integers(0, 400), st.sampled_from([0, 0, 0, 3, 30, 365, 3000])),
        max_size=60,
    ),
    t0=st.integers(-50, 450),
    width=st.integers(1, 400),
)
def test_the_events_in_a_view_are_every_event_that_meets_it_once_in_order(
    spans: list[tuple[int, int]], t0: int, width: int
) -> None:
    """Short events found by a binary search, long spans on their own: together
    exactly the events whose days meet the view, each once, in date order."""
    spans.sort()
    base = d(2020)
    data = make([base + s for s, _ in spans], ends=[base + s + n for s, n in spans])
    lo, hi = base + t0, base + t0 + width
    found = data.overlapping(lo, hi).tolist()
    expected = [k for k, (s, n) in enumerate(spans) if base + s < hi and base + s + n + 1 > lo]
    assert found == expected


@pytest.mark.parametrize("days", [[], [d(2022, 2, 24)], [d(2022, 2, 24)] * 5000])
def test_degenerate_data_lays_out_without_error(days: list[int]) -> None:
    data = make(days)
    for t0, t1 in [(d(1989), d(2026)), (d(2022, 2, 24), d(2022, 2, 26))]:
        lay = layout(data, t0, t1)
        assert lay.visible_count <= len(days)
        assert lay.item_at(100, 100) is None or len(days)


def test_loading_from_sqlite_sorts_by_date_and_fetches_titles_lazily() -> None:
    conn = sqlite3.connect(":memory:")
    create_schema(conn)
    conn.execute(
        "INSERT INTO categories VALUES ('military', 'Gevechten', 'Fighting', '#c0392b', 1)"
    )
    rows = [
        ("b", 2, "2022-03", "", "month", "start", "2022-03-01", "2022-03-31", "Siege of Mariupol"),
        ("a", 1, "2022-02-24", "", "day", "", "2022-02-24", "2022-02-24", "Invasion begins"),
    ]
    conn.executemany(
        'INSERT INTO events (id, seq, start, "end", precision, qualifier, date_min, date_max,'
        " title, text, section, category, source_start, source_end)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', 'military', 0, 0)",
        rows,
    )
    store_arrays(conn)
    data = load_timeline_data(conn)
    assert list(data.ids) == ["a", "b"]
    assert data.day_min.tolist() == [d(2022, 2, 24), d(2022, 3, 1)]
    assert data.day_max.tolist() == [d(2022, 2, 24), d(2022, 3, 31)]
    assert data.precision.tolist() == [0, 1]
    assert data.qualifier.tolist() == [0, 1]
    assert data.categories[data.category[1]].label("en") == "Fighting"
    assert data.title(1) == "Siege of Mariupol"
    assert data.index_of("b") == 1 and data.index_of("zz") is None


def test_loading_an_empty_database_gives_no_events() -> None:
    conn = sqlite3.connect(":memory:")
    create_schema(conn)
    store_arrays(conn)
    assert len(load_timeline_data(conn)) == 0


@pytest.mark.parametrize("width", [600.0, 1000.0, 1600.0])
def test_an_exported_legend_wraps_and_names_every_category(store: object, width: float) -> None:
    """Issue 15, 7: the exported PNG's legend hid 4 of 16 categories behind "…"."""
    from explorer.core.timeline.legend import SWATCH, legend_entries

    data = load_timeline_data(store.conn)  # type: ignore[attr-defined]
    entries, height = legend_entries(data, width, METRICS, "en")
    assert [e.category for e in entries] == list(data.present_categories())
    assert all("…" not in e.label for e in entries)
    for e in entries:  # every entry on the page
        assert e.x + SWATCH + 5 + METRICS.text_width(e.label) <= width
    lines = {e.y for e in entries}
    assert height >= len(lines) * METRICS.line_height
    assert len(lines) > 1 if width < 1000 else True
