"""The map pane in the window, driven as a reader drives it: keys, clicks, play."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from explorer import i18n, paths
from explorer.app import Kroniek
from explorer.ui.map.view import MapView
from tests.conftest import open_window

SPRING_2022 = (float(date(2022, 2, 24).toordinal()), float(date(2022, 3, 24).toordinal()))


@pytest.fixture
def kroniek(qtbot: QtBot) -> Iterator[Kroniek]:
    k = open_window(qtbot)
    yield k
    k.close()


def open_map(qtbot: QtBot, k: Kroniek, view: tuple[float, float] = SPRING_2022) -> MapView:
    """Ctrl+M, then wait until the search thread has counted the places."""
    k.window.timeline.set_view(*view)
    k.window.activateWindow()
    with qtbot.waitSignal(k.session.facets_changed, timeout=10000):
        qtbot.keyClick(k.window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert k.maps.dock.isVisible()
    qtbot.waitUntil(lambda: k.maps.counts is not None)
    k.maps.view.resize(700, 600)
    k.maps.view.fit()
    return k.maps.view


def count_of(view: MapView, place_id: str) -> int:
    return next((p.count for p in view.places() if p.id == place_id), 0)


def click_marker(qtbot: QtBot, view: MapView, place_id: str) -> None:
    marker = view.current_layout().marker(place_id)
    assert marker is not None, f"{place_id} has no marker"
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(round(marker.x), round(marker.y)))


def test_the_map_opens_with_ctrl_m_and_counts_the_events_in_view(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    assert not kroniek.maps.dock.isVisible()  # no base map loaded until asked for
    assert not kroniek.maps.pane.has_view()
    view = open_map(qtbot, kroniek)
    sql = kroniek.store.conn.execute(
        "SELECT count(*) FROM events e JOIN event_places ep ON ep.event_id = e.id "
        "WHERE ep.place_id = 'kharkiv' AND e.date_max >= '2022-02-24' AND e.date_min < '2022-03-24'"
    ).fetchone()[0]
    assert count_of(view, "kharkiv") == sql > 0
    assert "24 Feb" in kroniek.maps.pane.caption.text()
    assert view.accessibleName() == "Map" and kroniek.maps.pane.accessibleName() == "Map pane"
    assert view.hasFocus()  # Ctrl+M takes the keyboard to the map
    kroniek.maps.dock.act_below.trigger()
    assert (
        kroniek.window.dockWidgetArea(kroniek.maps.dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    )
    qtbot.keyClick(kroniek.window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert not kroniek.maps.dock.isVisible() and not kroniek.maps.is_open()


def test_clicking_a_marker_adds_a_place_chip_and_filters_the_list(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    view = open_map(qtbot, kroniek)
    with qtbot.waitSignal(kroniek.session.search_finished, timeout=10000):
        click_marker(qtbot, view, "kharkiv")
    assert kroniek.session.query.facets == {"place": frozenset({"kharkiv"})}
    assert "Kharkiv" in kroniek.window.facets.chip_labels()
    rows = kroniek.model.rowCount()
    assert 0 < rows < kroniek.presenter.total
    for row in range(rows):
        places = [e.id for e in kroniek.store.entities(kroniek.model.event_id(row))]
        assert "kharkiv" in places
    # The map follows: only Kharkiv's events are counted now.
    qtbot.waitUntil(lambda: count_of(view, "lviv") < 2)


def test_clicking_an_oblast_filters_by_the_whole_oblast(qtbot: QtBot, kroniek: Kroniek) -> None:
    view = open_map(qtbot, kroniek, (float(date(2014, 1, 1).toordinal()), SPRING_2022[1]))
    shape = view.basemap.get("UA-46")  # Lviv oblast, far from the busy east
    assert shape is not None
    layout = view.current_layout()
    x, y = view.viewport().to_screen(*shape.label)
    point = QPointF(x, y)
    for dx, dy in ((0, 0), (12, 12), (-12, 12), (12, -12), (-12, -12), (20, 0), (-20, 0)):
        point = QPointF(x + dx, y + dy)
        inside = view.basemap.shape_at(*view.viewport().to_map(point.x(), point.y()), "oblast")
        if layout.marker_at(point.x(), point.y()) is None and inside is shape:
            break
    with qtbot.waitSignal(kroniek.session.search_finished, timeout=10000):
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert kroniek.session.query.facets == {"place": frozenset({"oblast:UA/lviv-oblast"})}
    assert any("Lviv" in label for label in kroniek.window.facets.chip_labels())


def test_selecting_an_event_in_the_list_rings_its_places(qtbot: QtBot, kroniek: Kroniek) -> None:
    view = open_map(qtbot, kroniek)
    with qtbot.waitSignal(kroniek.session.search_finished, timeout=10000):
        kroniek.window.search_field.setText("Przewodow")
    results = kroniek.window.results
    rect = results.visualRect(kroniek.model.index(0, 1))
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: kroniek.session.selected != "")
    assert "przewodow" in view.highlight()
    marker = view.current_layout().marker("przewodow")
    assert marker is not None and marker.highlighted  # shown even when outside the span


def test_panning_the_timeline_changes_the_counts_on_the_map(qtbot: QtBot, kroniek: Kroniek) -> None:
    view = open_map(qtbot, kroniek)
    before = {p.id: p.count for p in view.places()}
    timeline = kroniek.window.timeline
    timeline.setFocus()
    with qtbot.waitSignal(kroniek.session.view_changed, timeout=5000):
        qtbot.keyClick(timeline, Qt.Key.Key_PageDown)
    after = {p.id: p.count for p in view.places()}
    assert after != before
    t0, t1 = kroniek.session.view
    first = date.fromordinal(int(t0)).isoformat()
    kyiv = kroniek.store.conn.execute(
        "SELECT count(*) FROM events e JOIN event_places ep ON ep.event_id = e.id "
        "WHERE ep.place_id = 'kyiv' AND e.date_max >= ? AND e.date_min < ?",
        (first, date.fromordinal(int(t1)).isoformat()),
    ).fetchone()[0]
    assert after["kyiv"] == kyiv


def test_hovering_a_marker_names_its_counts_and_first_events_in_view(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    view = open_map(qtbot, kroniek)
    marker = view.current_layout().marker("kharkiv")
    assert marker is not None
    text = view.tooltip_at(QPointF(marker.x, marker.y))
    lines = text.splitlines()
    assert lines[0] == "Kharkiv" and "events in view" in lines[1]
    bullets = [line for line in lines if line.startswith("• ")]
    assert len(bullets) == 3


def test_play_steps_a_week_pauses_steps_and_stops_at_the_end(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    open_map(qtbot, kroniek)
    play = kroniek.maps.pane.play
    t0 = kroniek.session.view[0]
    view = kroniek.maps.view
    with qtbot.waitSignal(kroniek.session.view_changed, timeout=5000):
        qtbot.mouseClick(play.play_button, Qt.MouseButton.LeftButton)
    assert play.is_playing() and kroniek.session.view[0] == pytest.approx(t0 + 7)
    # One marker scale for the whole play: the busiest week ahead, not this one.
    playing_scale = view.current_layout().max_count
    assert playing_scale > max(p.count for p in view.places())
    qtbot.mouseClick(play.play_button, Qt.MouseButton.LeftButton)
    assert not play.is_playing()
    assert view.current_layout().max_count == max(p.count for p in view.places())
    paused = kroniek.session.view[0]
    qtbot.mouseClick(play.forward_button, Qt.MouseButton.LeftButton)
    assert kroniek.session.view[0] == pytest.approx(paused + 7)
    play.setFocus()
    qtbot.keyClick(play, Qt.Key.Key_Left)
    assert kroniek.session.view[0] == pytest.approx(paused)
    # Near the last event, playing stops by itself.
    last = kroniek.data.last_day
    assert last is not None
    kroniek.window.timeline.set_view(last - 20.0, last - 6.0)
    play.set_speed(8.0)
    qtbot.keyClick(play, Qt.Key.Key_Space)
    assert play.is_playing()
    qtbot.waitUntil(lambda: not play.is_playing(), timeout=10000)
    assert kroniek.session.view[1] > last


def test_the_map_speaks_dutch_after_the_switch(qtbot: QtBot, kroniek: Kroniek) -> None:
    view = open_map(qtbot, kroniek)
    with qtbot.waitSignal(kroniek.session.search_finished, timeout=10000):
        kroniek.window.act_dutch.trigger()
    assert i18n.language() == "nl" and view.language() == "nl"
    assert kroniek.maps.dock.windowTitle() == "Kaart"
    assert "plaatsen" in kroniek.maps.pane.caption.text()
    labels = {label.text for label in view.current_layout().labels}
    assert "Charkov" in labels and "Kharkiv" not in labels


def test_the_map_exports_from_the_file_menu(qtbot: QtBot, kroniek: Kroniek, tmp_path: Path) -> None:
    open_map(qtbot, kroniek)
    target = tmp_path / "map.svg"
    kroniek.maps.ask_save_path = lambda *_a: str(target)
    kroniek.maps.pane.export_actions["svg"].trigger()
    text = target.read_text(encoding="utf-8")
    assert "Map data: Natural Earth" in text and "Events per place" in text


HOSTILE = "<img src=/dev/zero>&amp;<b>Charkov</b>"


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.db"
    shutil.copy(paths.bundled_db(), path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE places SET name_en = ?, name_nl = ? WHERE id = 'kharkiv'", (HOSTILE,) * 2)
    conn.commit()
    conn.close()
    return path


def test_a_place_name_holding_markup_is_shown_as_typed(qtbot: QtBot, hostile_db: Path) -> None:
    from explorer.app import build
    from explorer.ui.map.hover import tooltip_html

    k = build(hostile_db, "en")
    qtbot.addWidget(k.window)
    try:
        k.window.show()
        with qtbot.waitSignal(k.session.search_finished, timeout=10000):
            pass
        view = open_map(qtbot, k)
        marker = view.current_layout().marker("kharkiv")
        assert marker is not None
        text = view.tooltip_at(QPointF(marker.x, marker.y))
        assert text.splitlines()[0] == HOSTILE
        assert "&lt;img" in tooltip_html(text) and "<img" not in tooltip_html(text)
        assert HOSTILE in {label.text for label in view.current_layout().labels}
        QApplication.processEvents()
    finally:
        k.close()
    done = subprocess.run(
        [sys.executable, "-m", "explorer", "--db", str(hostile_db), "places", "--json",
         "--facet", "place=kharkiv"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert rows[0]["id"] == "kharkiv" and rows[0]["name_en"] == HOSTILE


def test_f6_reaches_the_open_map_and_the_next_start_brings_it_back(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    from explorer.app import build

    w = kroniek.window
    view = open_map(qtbot, kroniek)
    w.search_field.setFocus()
    seen = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        pane = w.panes.current()
        seen.append(pane.key if pane else "")
    assert seen == ["side", "timeline", "results", "detail", "map", "search"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert view.hasFocus()
    kroniek.maps.dock.act_below.trigger()
    kroniek.close()  # the window saves its panes and where the dock is
    again = build(paths.bundled_db(), "en")
    qtbot.addWidget(again.window)
    again.window.restore_state()
    try:
        dock = again.maps.dock
        assert dock.isVisibleTo(again.window) and dock.act_show.isChecked()
        assert again.window.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
        again.window.show()
        again.window.activateWindow()
        qtbot.waitUntil(again.window.isActiveWindow)
        qtbot.keyClick(again.window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
        assert not dock.isVisible()
    finally:
        again.close()
    third = build(paths.bundled_db(), "en")
    qtbot.addWidget(third.window)
    third.window.restore_state()
    assert not third.maps.dock.isVisibleTo(third.window)  # closed last time: closed now
    third.close()
