"""The map pane as a user drives it: click, hover, zoom, pan, keys, export, play."""

from __future__ import annotations

import re
import sqlite3
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QImage, QTextDocument, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from explorer import i18n, paths
from explorer.core.geo.basemap import ProjectedBaseMap, load_basemap
from explorer.core.geo.places import MapPlace, gazetteer_codes
from explorer.ui.map.hover import tooltip_html
from explorer.ui.map.play import PlayControl
from explorer.ui.map.view import MapView

SIZE = (900, 650)


@pytest.fixture(scope="module")
def basemap() -> ProjectedBaseMap:
    return load_basemap().project()


def bundled_places() -> list[MapPlace]:
    """Every place of the bundled database with its number of events and top titles."""
    codes = gazetteer_codes()
    conn = sqlite3.connect(f"file:{paths.bundled_db()}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT p.id, p.name_nl, p.name_en, p.kind, p.lon, p.lat, p.oblast, "
            "COUNT(ep.seq) FROM places p LEFT JOIN event_places ep ON ep.place_id = p.id "
            "GROUP BY p.id ORDER BY p.id"
        ).fetchall()
        titles: dict[str, list[str]] = {}
        for place_id, title in conn.execute(
            "SELECT ep.place_id, e.title FROM event_places ep JOIN events e ON e.seq = ep.seq "
            "ORDER BY e.date_min, e.id"
        ):
            titles.setdefault(place_id, []).append(title)
    finally:
        conn.close()
    return [
        MapPlace(
            pid,
            nl,
            en,
            kind,
            lon,
            lat,
            n,
            n,
            tuple(titles.get(pid, [])[:3]),
            code=codes.get(pid, ""),
            oblast=codes.get(oblast or "", ""),
        )
        for pid, nl, en, kind, lon, lat, oblast, n in rows
    ]


def open_map(
    qtbot: QtBot, basemap: ProjectedBaseMap, places: Sequence[MapPlace] | None = None
) -> MapView:
    view = MapView(basemap)
    qtbot.addWidget(view)
    view.resize(*SIZE)
    view.set_places(bundled_places() if places is None else places)
    view.show()
    qtbot.waitExposed(view)
    return view


def screen_point(view: MapView, place_id: str) -> QPoint:
    marker = view.current_layout().marker(place_id)
    assert marker is not None, f"{place_id} is not on the map"
    return QPoint(round(marker.x), round(marker.y))


def overlaps(rects: list[tuple[float, float, float, float]]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, a in enumerate(rects)
        for j, b in enumerate(rects[i + 1 :], i + 1)
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]


# -- clicking --------------------------------------------------------------------------


def test_clicking_the_kharkiv_marker_asks_for_the_kharkiv_filter(
    qtbot: QtBot, basemap: ProjectedBaseMap
) -> None:
    view = open_map(qtbot, basemap)
    where = screen_point(view, "kharkiv")
    assert view.current_layout().marker_at(where.x(), where.y()).id == "kharkiv"  # type: ignore[union-attr]
    with qtbot.waitSignal(view.place_clicked, timeout=2000) as blocker:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=where)
    assert blocker.args == ["kharkiv"]


def test_clicking_an_oblast_away_from_markers_asks_for_that_oblast(
    qtbot: QtBot, basemap: ProjectedBaseMap
) -> None:
    view = open_map(qtbot, basemap)
    volyn = basemap.get("UA-07")
    assert volyn is not None
    x, y = view.viewport().to_screen(*volyn.label)
    assert view.current_layout().marker_at(x, y) is None
    with qtbot.waitSignal(view.oblast_clicked, timeout=2000) as blocker:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(y)))
    assert blocker.args == ["UA-07"]


def test_dragging_pans_the_map_and_clicks_nothing(qtbot: QtBot, basemap: ProjectedBaseMap) -> None:
    view = open_map(qtbot, basemap)
    start = screen_point(view, "kharkiv")
    before = view.viewport()
    with qtbot.assertNotEmitted(view.place_clicked):
        qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(view, start + QPoint(40, 10))
        qtbot.mouseMove(view, start + QPoint(80, 30))
        qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(80, 30))
    assert view.viewport() != before
    assert screen_point(view, "kharkiv") == start + QPoint(80, 30)


# -- hover -----------------------------------------------------------------------------


# The offscreen platform cannot raise the tooltip window; harmless and not ours.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_hover_text_is_plain_text_even_for_a_name_that_looks_like_html(
    qtbot: QtBot, basemap: ProjectedBaseMap
) -> None:
    name = "<img src=x>"
    title = "<b>not bold</b> & <a href='file:///etc'>link</a>"
    places = [MapPlace("evil", name, name, "city", 36.25, 49.98, 7, 12, (title,))]
    view = open_map(qtbot, basemap, places)
    where = screen_point(view, "evil")
    text = view.tooltip_at(QPointF(where))
    assert text.splitlines()[0] == name
    assert "• " + title in text
    assert "7 events in view" in text and "12 events in all" in text
    shown = tooltip_html(text)
    assert "<img" not in shown and "<b>" not in shown
    document = QTextDocument()
    document.setHtml(shown)
    assert document.toPlainText() == text
    event = QHelpEvent(QEvent.Type.ToolTip, where, view.mapToGlobal(where))
    QApplication.sendEvent(view, event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert QToolTip.text() == shown
    QToolTip.hideText()


def test_hovering_crimea_says_it_is_occupied(qtbot: QtBot, basemap: ProjectedBaseMap) -> None:
    view = open_map(qtbot, basemap, [])
    crimea = basemap.get("UA-43")
    assert crimea is not None
    text = view.tooltip_at(QPointF(*view.viewport().to_screen(*crimea.label)))
    assert text.splitlines()[0] == "Crimea"
    assert "Occupied by Russia since 2014" in text


# -- labels and language -------------------------------------------------------------


@pytest.mark.parametrize(("lang", "kyiv"), [("nl", "Kiev"), ("en", "Kyiv")])
def test_labels_are_in_the_interface_language_and_never_overlap(
    qtbot: QtBot, basemap: ProjectedBaseMap, lang: str, kyiv: str
) -> None:
    i18n.set_language(lang)
    view = open_map(qtbot, basemap)
    view.set_language(lang)
    for zoom in (1.0, 2.5, 0.4):
        view.zoom(zoom)
        layout = view.current_layout()
        rects = [(lb.rect.x0, lb.rect.y0, lb.rect.x1, lb.rect.y1) for lb in layout.labels]
        assert rects and not overlaps(rects)
    view.fit()
    texts = [label.text for label in view.current_layout().labels]
    assert kyiv in texts
    assert (("OEKRAÏNE" if lang == "nl" else "UKRAINE") in texts) or kyiv in texts


def test_switching_language_relabels_the_map(qtbot: QtBot, basemap: ProjectedBaseMap) -> None:
    view = open_map(qtbot, basemap)
    assert "Kharkiv" in [label.text for label in view.current_layout().labels]
    view.set_language("nl")
    assert "Charkov" in [label.text for label in view.current_layout().labels]
    assert view.accessibleName()


# -- selection ---------------------------------------------------------------------------


def test_selecting_an_event_highlights_its_places(qtbot: QtBot, basemap: ProjectedBaseMap) -> None:
    view = open_map(qtbot, basemap)
    view.set_highlight(["bucha", "kharkiv-oblast"])
    layout = view.current_layout()
    bucha = layout.marker("bucha")
    assert bucha is not None and bucha.highlighted
    assert layout.highlighted_shapes == {"UA-63"}  # an oblast is outlined, not dotted
    assert layout.markers[-1].id == "bucha"


# -- zoom and pan -------------------------------------------------------------------------


def test_keys_zoom_pan_and_home_fits_ukraine(qtbot: QtBot, basemap: ProjectedBaseMap) -> None:
    view = open_map(qtbot, basemap)
    fitted = view.viewport()
    ukraine = basemap.get("UA")
    assert ukraine is not None
    assert fitted.to_screen(*ukraine.bbox.centre) == pytest.approx(
        (SIZE[0] / 2, SIZE[1] / 2), abs=1.0
    )
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.viewport().scale == pytest.approx(fitted.scale * 1.25)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.viewport().scale == pytest.approx(fitted.scale / 1.25)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.viewport().cx > fitted.cx
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.viewport() == fitted


def test_the_wheel_zooms_around_the_cursor(qtbot: QtBot, basemap: ProjectedBaseMap) -> None:
    view = open_map(qtbot, basemap)
    where = screen_point(view, "odesa")
    before = view.viewport()
    event = QWheelEvent(
        QPointF(where),
        QPointF(view.mapToGlobal(where)),
        QPoint(),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, event)
    assert view.viewport().scale == pytest.approx(before.scale * 1.25**2)
    odesa = view.current_layout().marker("odesa")
    assert odesa is not None
    assert (odesa.x, odesa.y) == pytest.approx((where.x(), where.y()), abs=1.0)
    assert not view.current_layout().choropleth or view.viewport().scale <= 1.5e-3


def test_page_down_walks_markers_by_count_and_enter_picks_one(
    qtbot: QtBot, basemap: ProjectedBaseMap
) -> None:
    view = open_map(qtbot, basemap)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    busiest = max(view.current_layout().markers, key=lambda m: m.place.count)
    assert view.focused_place() == busiest.id
    assert busiest.place.name("en") in view.accessibleDescription()
    with qtbot.waitSignal(view.place_clicked, timeout=2000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [busiest.id]


# -- export -------------------------------------------------------------------------------


def test_export_writes_png_svg_and_pdf(
    qtbot: QtBot, basemap: ProjectedBaseMap, tmp_path: Path
) -> None:
    view = open_map(qtbot, basemap)
    png, svg, pdf = tmp_path / "map.png", tmp_path / "map.svg", tmp_path / "map.pdf"
    assert view.export_png(png)
    image = QImage(str(png))
    assert not image.isNull() and (image.width(), image.height()) == SIZE
    view.export_svg(svg)
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    text = svg.read_text(encoding="utf-8")
    assert "Natural Earth" in text
    # Fonts are sized in pixels for export: a point size would be multiplied by the
    # device's dpi (1200 for PDF) and cover the map with a few giant letters.
    sizes = [float(v) for v in re.findall(r'font-size="([0-9.]+)', text)]
    assert sizes and max(sizes) < 30
    view.export_pdf(pdf)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]
    assert len(data) > 20_000


def test_an_export_shows_the_same_area_larger(qtbot: QtBot, basemap: ProjectedBaseMap) -> None:
    from PySide6.QtCore import QSize

    view = open_map(qtbot, basemap)
    image = view.render_image(QSize(SIZE[0] * 2, SIZE[1] * 2))
    assert (image.width(), image.height()) == (SIZE[0] * 2, SIZE[1] * 2)
    sea = image.pixelColor(SIZE[0], SIZE[1] * 2 - 60)  # the Black Sea, bottom middle
    assert sea.blue() > sea.red()


# -- play --------------------------------------------------------------------------------


def test_play_steps_a_week_at_a_time_until_paused(qtbot: QtBot) -> None:
    control = PlayControl()
    qtbot.addWidget(control)
    control.show()
    control.set_speed(8.0)
    with qtbot.waitSignal(control.playing_changed, timeout=1000) as started:
        qtbot.mouseClick(control.play_button, Qt.MouseButton.LeftButton)
    assert started.args == [True]
    with qtbot.waitSignals([control.step_requested] * 3, timeout=3000) as steps:
        pass
    assert all(s.args == [7] for s in steps.all_signals_and_args)
    with qtbot.waitSignal(control.playing_changed, timeout=1000) as stopped:
        qtbot.mouseClick(control.play_button, Qt.MouseButton.LeftButton)
    assert stopped.args == [False] and not control.is_playing()


def test_play_control_keys_step_toggle_and_change_speed(qtbot: QtBot) -> None:
    control = PlayControl()
    qtbot.addWidget(control)
    control.show()
    control.setFocus()
    with qtbot.waitSignal(control.step_requested, timeout=1000) as back:
        qtbot.keyClick(control, Qt.Key.Key_Left)
    assert back.args == [-7]
    control.set_step_days(1)
    with qtbot.waitSignal(control.step_requested, timeout=1000) as forward:
        qtbot.mouseClick(control.forward_button, Qt.MouseButton.LeftButton)
    assert forward.args == [1]
    speed = control.speed()
    qtbot.keyClick(control, Qt.Key.Key_Plus)
    assert control.speed() > speed
    with qtbot.waitSignal(control.playing_changed, timeout=1000):
        qtbot.keyClick(control, Qt.Key.Key_Space)
    assert control.is_playing()
    qtbot.keyClick(control, Qt.Key.Key_Space)
    assert not control.is_playing()
    for button in (control.play_button, control.back_button, control.forward_button):
        assert button.accessibleName()


def test_a_dragged_map_looks_like_the_same_view_drawn_afresh(
    qtbot: QtBot, basemap: ProjectedBaseMap
) -> None:
    """Dragging reuses the cached land and borders; they must land where they belong."""
    import numpy as np

    def pixels(view: MapView) -> np.ndarray:
        image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        data = np.frombuffer(image.constBits(), dtype=np.uint8)
        return data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]

    dragged = open_map(qtbot, basemap)
    pixels(dragged)  # draw once, so the drag below moves a cache
    for _ in range(5):
        dragged.pan(17, 9)
        pixels(dragged)
    fresh = open_map(qtbot, basemap)
    fresh.set_viewport(dragged.viewport())
    differ = np.abs(pixels(dragged).astype(int) - pixels(fresh).astype(int)).max(axis=1) > 60
    assert differ.mean() < 0.01
