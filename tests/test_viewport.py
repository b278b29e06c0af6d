"""The visible span as a value: its limits, zooming around a point, history, and "next event"."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from explorer.core.timeline import navigation
from explorer.core.timeline.data import TimelineData
from explorer.core.timeline.viewport import (
    DOMAIN_START,
    EDGE_PAD,
    HISTORY_LIMIT,
    MAX_SPAN,
    MIN_SPAN,
    Viewport,
)

LO = float(DOMAIN_START)
HI = float(date(2026, 1, 1).toordinal())


def day(y: int, m: int = 1, d: int = 1) -> float:
    return float(date(y, m, d).toordinal())


def fresh() -> Viewport:
    return Viewport.over(LO, HI).moved(day(2022), day(2023))


@given(
    t0=st.floats(-1e7, 1e7, allow_nan=False),
    width=st.floats(-1e4, 1e6, allow_nan=False),
)
def test_any_request_ends_inside_the_limits(t0: float, width: float) -> None:
    vp = fresh().moved(t0, t0 + width)
    assert MIN_SPAN - 1e-6 <= vp.span <= MAX_SPAN + 1e-6
    pad = EDGE_PAD * vp.span
    if vp.span >= HI - LO + 2 * pad:
        assert (vp.t0 + vp.t1) / 2 == pytest.approx((LO + HI) / 2)  # all of it, centred
    else:
        assert LO - pad - 1e-6 <= vp.t0 and vp.t1 <= HI + pad + 1e-6


def test_zooming_keeps_the_day_under_the_pointer_in_place() -> None:
    vp = fresh()
    anchor = 0.25
    before = vp.t0 + anchor * vp.span
    zoomed = vp.zoomed(4.0, anchor)
    assert zoomed.span == pytest.approx(vp.span / 4)
    assert zoomed.t0 + anchor * zoomed.span == pytest.approx(before)


def test_zoom_stops_at_the_limits_without_drifting() -> None:
    vp = fresh().moved(day(2022, 2, 24), day(2022, 2, 26))
    assert vp.zoomed(2.0, 0.1) is vp
    wide = Viewport.over(LO, HI).moved(LO, LO + MAX_SPAN)
    assert wide.zoomed(0.5, 0.9) is wide


def test_back_and_forward_return_to_recorded_views() -> None:
    start = fresh()
    moved = start.moved(day(2014), day(2015), record=True)
    assert moved.can_go_back and not moved.can_go_forward
    back = moved.went_back()
    assert back.view == start.view and back.can_go_forward
    assert back.went_forward().view == moved.view
    # A new jump forgets what was forward.
    assert not back.moved(day(2010), day(2011), record=True).can_go_forward


def test_recording_the_same_view_twice_leaves_one_entry_and_history_is_bounded() -> None:
    vp = fresh().recorded().recorded()
    assert len(vp.back) == 1
    for k in range(HISTORY_LIMIT + 20):
        vp = vp.panned(1.0 if k % 2 else -1.0, record=True)
    assert len(vp.back) == HISTORY_LIMIT


def test_a_domain_narrower_than_the_span_is_centred() -> None:
    vp = Viewport.over(day(2022), day(2022, 1, 2))
    assert vp.span == pytest.approx(MIN_SPAN)
    assert (vp.t0 + vp.t1) / 2 == pytest.approx(day(2022) + 0.5)


def test_the_overview_clamps_a_dragged_window_as_the_timeline_does(qtbot: QtBot) -> None:
    from explorer.ui.timeline.overview import OverviewBand
    from explorer.ui.timeline.view import TimelineView

    timeline, overview = TimelineView(), OverviewBand()
    qtbot.addWidget(timeline)
    qtbot.addWidget(overview)
    requested = (HI - 100.0, HI + 900.0)  # past the end
    with qtbot.waitSignal(overview.window_changed) as emitted:
        overview._change(*requested)
    timeline.set_view(*requested)
    assert tuple(emitted.args) == pytest.approx(timeline.view())


def make_data(days: list[int], match: list[bool] | None = None) -> TimelineData:
    arr = np.array(days, dtype=np.int64)
    zeros = np.zeros(len(days), dtype=np.int64)
    data = TimelineData(
        day_min=arr, day_max=arr, precision=zeros, qualifier=zeros, category=zeros,
        ids=[f"e{i}" for i in range(len(days))], categories=[],
    )  # fmt: skip
    if match is not None:
        data.set_match(np.array(match))
    return data


def test_next_and_previous_walk_only_the_matches() -> None:
    d0 = int(day(2022))
    data = make_data([d0, d0 + 1, d0 + 2, d0 + 3], [True, False, True, False])
    view = (d0 - 10.0, d0 + 10.0)
    assert navigation.step(data, 0, True, view) == 2
    assert navigation.step(data, 2, True, view) is None
    assert navigation.step(data, 2, False, view) == 0
    # An event selected before the search steps to the matches around it.
    assert navigation.step(data, 1, True, view) == 2
    assert navigation.step(data, 3, False, view) == 2


def test_with_nothing_selected_next_starts_at_the_left_edge_of_the_view() -> None:
    d0 = int(day(2022))
    data = make_data([d0, d0 + 5, d0 + 10, d0 + 15])
    view = (d0 + 4.0, d0 + 12.0)
    assert navigation.step(data, None, True, view) == 1
    assert navigation.step(data, -1, False, view) == 2
    assert navigation.has_step(data, 3, True) is False
    assert navigation.has_step(data, 3, False) is True
