"""The timeline and overview widgets as a user drives them: zoom, pan, keys, clicks, export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from explorer.core.timeline.data import Category, TimelineData
from explorer.core.timeline.viewport import MIN_SPAN
from explorer.ui.timeline import export
from explorer.ui.timeline.colors import contrast_ratio
from explorer.ui.timeline.overview import OverviewBand
from explorer.ui.timeline.painter import TimelinePainter
from explorer.ui.timeline.view import TimelineView

CATS = [
    Category("military", "Gevechten", "Fighting", "#c0392b"),
    Category("nuclear", "Nucleaire dreiging", "Nuclear threat", "#8e44ad"),
]
TITLES = {
    "inv": "Russia invades Ukraine",
    "kyiv": "Battle of Kyiv",
    "bucha": "Bucha massacre discovered",
    "siege": "Siege of Mariupol",
    "crimea": "Annexation of Crimea",
}


def d(y: int, m: int = 1, day: int = 1) -> int:
    return date(y, m, day).toordinal()


def make(rows: list[tuple[str, int, int, int]]) -> TimelineData:
    return TimelineData(
        day_min=[r[1] for r in rows],
        day_max=[r[2] for r in rows],
        precision=[r[3] for r in rows],
        qualifier=[0] * len(rows),
        category=[k % 2 for k in range(len(rows))],
        ids=[r[0] for r in rows],
        categories=CATS,
        fetch_titles=lambda wanted: {i: TITLES.get(i, i) for i in wanted},
    )


@pytest.fixture
def data() -> TimelineData:
    return make(
        [
            ("crimea", d(2014, 3, 18), d(2014, 3, 18), 0),
            ("inv", d(2022, 2, 24), d(2022, 2, 24), 0),
            ("kyiv", d(2022, 2, 25), d(2022, 4, 2), 0),
            ("siege", d(2022, 3, 1), d(2022, 3, 31), 1),
            ("bucha", d(2022, 4, 2), d(2022, 4, 2), 0),
        ]
    )


@pytest.fixture
def view(qtbot: QtBot, data: TimelineData) -> TimelineView:
    widget = TimelineView(data)
    qtbot.addWidget(widget)
    widget.resize(1000, 360)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def span(view: TimelineView) -> float:
    t0, t1 = view.view()
    return t1 - t0


def centre_of(view: TimelineView, event_id: str) -> QPoint:
    index = view.data.index_of(event_id)
    assert index is not None
    item = view.current_layout().item_for(index)
    assert item is not None, f"{event_id} is not drawn on its own"
    return QPoint(int(item.x + item.w / 2), int(item.y + item.h / 2))


def wheel(view: TimelineView, x: int, notches: int) -> None:
    pos = QPointF(x, 150)
    event = QWheelEvent(
        pos,
        view.mapToGlobal(pos),
        QPoint(),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, event)


def test_opens_showing_every_event(view: TimelineView, data: TimelineData) -> None:
    t0, t1 = view.view()
    assert t0 <= d(2014, 3, 18) and d(2022, 4, 3) <= t1
    assert view.accessibleName() == "Timeline"
    assert "5 events" in view.accessibleDescription()


def test_wheel_zooms_in_around_the_cursor(qtbot: QtBot, view: TimelineView) -> None:
    view.go_to_date(date(2022, 3, 1))
    before = span(view)
    x = 700
    day_under_cursor = view.current_layout().day_of(x)
    with qtbot.waitSignal(view.view_changed):
        wheel(view, x, 2)
    assert span(view) == pytest.approx(before / 1.25**2)
    assert view.current_layout().day_of(x) == pytest.approx(day_under_cursor)


def test_zoom_stops_cleanly_at_two_days_and_forty_years(view: TimelineView) -> None:
    for _ in range(80):
        wheel(view, 500, 3)
    assert span(view) == pytest.approx(MIN_SPAN)
    settled = view.view()
    wheel(view, 500, 3)
    assert view.view() == settled  # at the limit nothing drifts
    for _ in range(80):
        wheel(view, 500, -3)
    assert span(view) <= view.viewport().max_span + 1e-6


def test_dragging_pans_into_the_past(qtbot: QtBot, view: TimelineView) -> None:
    view.go_to_date(date(2022, 3, 1))
    t0, _ = view.view()
    with qtbot.waitSignal(view.view_changed):
        qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 150))
        qtbot.mouseMove(view, QPoint(350, 150))
        qtbot.mouseMove(view, QPoint(500, 150))
        qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(500, 150))
    assert view.view()[0] < t0
    view.go_back()
    assert view.view()[0] == pytest.approx(t0)


def test_keyboard_zoom_pan_fit_and_history(qtbot: QtBot, view: TimelineView) -> None:
    full = view.view()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert span(view) < full[1] - full[0]
    t0 = view.view()[0]
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.view()[0] > t0
    qtbot.keyClick(view, Qt.Key.Key_F)
    assert view.view() == pytest.approx(full)
    assert view.can_go_back()
    view.go_back()
    assert view.view() != pytest.approx(full)
    view.go_forward()
    assert view.view() == pytest.approx(full)


def test_go_to_date_centres_that_day(view: TimelineView) -> None:
    view.go_to_date(date(2022, 2, 24))
    t0, t1 = view.view()
    assert (t0 + t1) / 2 == pytest.approx(d(2022, 2, 24) + 0.5)
    assert t1 - t0 <= 31


def test_clicking_an_event_selects_it_and_empty_space_clears(
    qtbot: QtBot, view: TimelineView
) -> None:
    view.set_view(d(2022, 2, 20), d(2022, 4, 10))
    with qtbot.waitSignal(view.selection_changed) as sig:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=centre_of(view, "bucha"))
    assert sig.args == ["bucha"]
    assert "Bucha massacre discovered" in view.tooltip_at(QPointF(centre_of(view, "bucha")))
    assert "2 April 2022" in view.tooltip_at(QPointF(centre_of(view, "bucha")))
    with qtbot.waitSignal(view.selection_changed) as sig:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(995, 60))
    assert sig.args == [""]


def test_next_and_previous_event_keys_walk_through_time(qtbot: QtBot, view: TimelineView) -> None:
    view.select_event("inv")
    with qtbot.waitSignal(view.selection_changed) as sig:
        qtbot.keyClick(view, Qt.Key.Key_BracketRight)
    assert sig.args == ["kyiv"]
    with qtbot.waitSignal(view.selection_changed) as sig:
        qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert sig.args == ["inv"]


def test_selecting_from_the_list_scrolls_the_event_into_view(
    qtbot: QtBot, view: TimelineView
) -> None:
    view.set_view(d(2022, 2, 20), d(2022, 4, 10))
    with qtbot.waitSignal(view.view_changed):
        view.select_event("crimea")
    t0, t1 = view.view()
    assert t0 < d(2014, 3, 18) < t1
    assert view.selected_id() == "crimea"


def test_double_click_and_z_zoom_to_the_event(qtbot: QtBot, view: TimelineView) -> None:
    view.set_view(d(2022, 2, 20), d(2022, 4, 10))
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=centre_of(view, "bucha"))
    t0, t1 = view.view()
    assert t0 < d(2022, 4, 2) < t1 and t1 - t0 <= 8
    view.select_event("siege")
    qtbot.keyClick(view, Qt.Key.Key_Z)
    t0, t1 = view.view()
    assert t0 <= d(2022, 3, 1) and d(2022, 4, 1) <= t1


def test_shift_drag_brushes_a_date_range(qtbot: QtBot, view: TimelineView) -> None:
    view.set_view(d(2022, 3, 1), d(2022, 3, 11))  # 100 px per day
    with qtbot.waitSignal(view.range_brushed) as sig:
        qtbot.mousePress(
            view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, QPoint(150, 150)
        )
        qtbot.mouseMove(view, QPoint(250, 150))
        qtbot.mouseMove(view, QPoint(450, 150))
        qtbot.mouseRelease(
            view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, QPoint(450, 150)
        )
    assert sig.args == [date(2022, 3, 2), date(2022, 3, 5)]
    assert view.view() == pytest.approx((d(2022, 3, 1), d(2022, 3, 11)))  # no pan


def test_right_click_asks_for_a_context_menu_on_the_event(qtbot: QtBot, view: TimelineView) -> None:
    view.set_view(d(2022, 2, 20), d(2022, 4, 10))
    with qtbot.waitSignal(view.context_menu_requested) as sig:
        qtbot.mouseClick(view, Qt.MouseButton.RightButton, pos=centre_of(view, "inv"))
    assert sig.args[0] == "inv"


def test_search_misses_are_dimmed_and_skipped(view: TimelineView, data: TimelineData) -> None:
    data.set_match(data.match_from_ids(["inv", "bucha"]))
    view.refresh()
    view.set_view(d(2022, 2, 20), d(2022, 4, 10))
    assert {i.index: i.matched for i in view.current_layout().items}[data.index_of("kyiv")] is False
    view.select_event("inv")
    view.select_next()
    assert view.selected_id() == "bucha"


def test_language_switch_relabels_the_axis(view: TimelineView) -> None:
    from explorer import i18n

    view.set_view(d(2022, 2, 1), d(2022, 3, 1))
    assert "February 2022" in [c.label for c in view.current_layout().axis.context]
    i18n.set_language("nl")
    view.retranslate()
    assert "februari 2022" in [c.label for c in view.current_layout().axis.context]


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_export_writes_a_file(view: TimelineView, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"timeline.{suffix}"
    if suffix == "png":
        assert export.save_image(view, target)
    elif suffix == "svg":
        export.save_svg(view, target)
        assert "<svg" in target.read_text()
    else:
        export.save_pdf(view, target)
        assert target.read_bytes().startswith(b"%PDF")
    assert target.stat().st_size > 1000


@pytest.mark.parametrize(
    "rows",
    [
        [],
        [("one", d(2022, 2, 24), d(2022, 2, 24), 0)],
        [(f"same{k}", d(2022, 2, 24), d(2022, 2, 24), 0) for k in range(2000)],
    ],
    ids=["no events", "one event", "all on one day"],
)
def test_degenerate_data_shows_a_sensible_view(
    qtbot: QtBot, rows: list[tuple[str, int, int, int]], tmp_path: Path
) -> None:
    widget = TimelineView(make(rows))
    qtbot.addWidget(widget)
    widget.resize(800, 300)
    t0, t1 = widget.view()
    assert MIN_SPAN - 1e-6 <= t1 - t0 <= widget.viewport().max_span + 1e-6
    if rows:
        assert t0 <= d(2022, 2, 24) < t1
    for key in (
        Qt.Key.Key_Plus,
        Qt.Key.Key_End,
        Qt.Key.Key_Home,
        Qt.Key.Key_BracketRight,
        Qt.Key.Key_Z,
        Qt.Key.Key_F,
    ):
        qtbot.keyClick(widget, key)
    assert export.save_image(widget, tmp_path / "x.png")


def test_text_is_readable_in_light_and_dark_palettes(qtbot: QtBot, view: TimelineView) -> None:
    from explorer.ui.timeline.colors import blend, max_tint

    for base, text in (("#ffffff", "#000000"), ("#1b1b1d", "#e8e8e8")):
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Base, QColor(base))
        palette.setColor(QPalette.ColorRole.Text, QColor(text))
        painter = TimelinePainter(palette, view.font())
        lay = view.current_layout()
        for k in range(len(CATS)):
            color = painter.category_color(lay, k)
            assert contrast_ratio(color, QColor(base)) >= 3.0  # markers stand out
            tinted = blend(color, QColor(base), max_tint(color.name(), base, text))
            assert contrast_ratio(QColor(text), tinted) >= 4.5  # titles on bars


def test_overview_shows_the_window_and_drags_it(
    qtbot: QtBot, view: TimelineView, data: TimelineData
) -> None:
    band = OverviewBand(data)
    qtbot.addWidget(band)
    band.resize(1000, 60)
    band.show()
    view.view_changed.connect(band.set_window)
    band.window_changed.connect(view.set_view)
    view.set_view(d(2022, 1, 1), d(2023, 1, 1))
    assert band.visible_window() == pytest.approx(view.view())
    rect = band._window_rect()
    start = QPoint(int(rect.center().x()), 30)
    with qtbot.waitSignal(band.window_changed):
        qtbot.mousePress(band, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(band, start + QPoint(-100, 0))
        qtbot.mouseRelease(band, Qt.MouseButton.LeftButton, pos=start + QPoint(-100, 0))
    t0, t1 = view.view()
    assert t0 < d(2022, 1, 1) and t1 - t0 == pytest.approx(365)
    # Dragging the right edge zooms (the window grows).
    rect = band._window_rect()
    edge = QPoint(int(rect.right()), 30)
    with qtbot.waitSignal(band.window_changed):
        qtbot.mousePress(band, Qt.MouseButton.LeftButton, pos=edge)
        qtbot.mouseMove(band, edge + QPoint(50, 0))
        qtbot.mouseRelease(band, Qt.MouseButton.LeftButton, pos=edge + QPoint(50, 0))
    assert view.view()[1] - view.view()[0] > 365
    assert not band.grab().isNull()
