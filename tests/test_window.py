"""The main window as a person uses it: search, filters, selection, navigation."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import open_window
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from explorer import i18n, paths
from explorer.app import Kroniek, build
from explorer.ui.mainwindow import MainWindow


@pytest.fixture
def kroniek(qtbot: QtBot) -> Iterator[Kroniek]:
    k = open_window(qtbot)
    yield k
    k.close()


def parts(k: Kroniek) -> tuple[MainWindow, Kroniek]:
    return k.window, k


def search(qtbot: QtBot, k: Kroniek, text: str) -> None:
    window, app = parts(k)
    with qtbot.waitSignal(app.session.search_finished, timeout=10000):
        window.search_field.setText(text)
    qtbot.waitUntil(lambda: app.session.query.text == text and not app.session.busy())


def titles(window: MainWindow) -> list[str]:
    model = window.results.model()
    return [str(model.data(model.index(r, 1))) for r in range(model.rowCount())]


def test_the_window_opens_on_every_event_with_counts_in_the_status_bar(kroniek: Kroniek) -> None:
    window, app = parts(kroniek)
    assert window.results.model().rowCount() == app.presenter.total > 500
    assert f"{app.presenter.total:,} events" in window.status_counts.text()
    assert window.facets.tree.topLevelItemCount() >= 5


def test_searching_kharkiv_in_english_lists_the_charkov_events(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    window, app = parts(kroniek)
    search(qtbot, kroniek, "Kharkiv")
    found = titles(window)
    assert 5 <= len(found) < app.presenter.total
    texts = [app.store.event(app.model.event_id(r)).text for r in range(len(found))]
    assert all("charkov" in t.lower() or "kharkiv" in t.lower() for t in texts)
    assert "of" in window.status_counts.text()


def test_a_search_nothing_matches_shows_an_empty_list_not_an_error(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    window, _app = parts(kroniek)
    search(qtbot, kroniek, "zzzyyyxxx")
    assert window.results.model().rowCount() == 0
    assert not window.search_message.isVisible()


def test_selecting_in_the_list_selects_on_the_timeline_and_shows_details(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    window, app = parts(kroniek)
    search(qtbot, kroniek, "Przewodow")
    window.results.selectRow(0)
    event_id = app.model.event_id(0)
    qtbot.waitUntil(lambda: window.timeline.selected_id() == event_id)
    text = window.detail.plain_text()
    assert "Przewodów" in text and "15 November 2022" in text
    assert "In the article" in text or "Source" in text


def test_selecting_on_the_timeline_selects_the_list_row(qtbot: QtBot, kroniek: Kroniek) -> None:
    window, app = parts(kroniek)
    target = app.model.event_id(100)
    window.timeline.select_event(target)
    qtbot.waitUntil(lambda: app.session.selected == target)
    rows = window.results.selectionModel().selectedRows()
    assert rows and app.model.event_id(rows[0].row()) == target


def test_next_and_previous_walk_through_time(qtbot: QtBot, kroniek: Kroniek) -> None:
    window, app = parts(kroniek)
    app.session.select(app.model.event_id(200))
    first = app.store.event(app.session.selected)
    window.act_next.trigger()
    second = app.store.event(app.session.selected)
    assert first and second and second.date_min >= first.date_min and second.id != first.id
    window.act_previous.trigger()
    assert app.session.selected == first.id


def test_ticking_a_category_filters_and_shows_a_removable_chip(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    window, app = parts(kroniek)
    item = window.facets.find_item("category", "naval")
    assert item is not None
    with qtbot.waitSignal(app.session.search_finished, timeout=10000):
        item.setCheckState(0, Qt.CheckState.Checked)
    naval = window.results.model().rowCount()
    assert 0 < naval < app.presenter.total
    assert any("Naval" in label for label in window.facets.chip_labels())
    with qtbot.waitSignal(app.session.search_finished, timeout=10000):
        window.facets.facet_removed.emit("category", "naval")
    assert window.results.model().rowCount() == app.presenter.total
    assert window.facets.chip_labels() == []


def test_brushing_a_range_on_the_timeline_filters_by_date(qtbot: QtBot, kroniek: Kroniek) -> None:
    window, app = parts(kroniek)
    with qtbot.waitSignal(app.session.search_finished, timeout=10000):
        window.timeline.range_brushed.emit(date(2022, 2, 24), date(2022, 2, 28))
    count = window.results.model().rowCount()
    assert 0 < count < 100
    for row in range(count):
        event = app.store.event(app.model.event_id(row))
        assert event and event.date_max >= "2022-02-24" and event.date_min <= "2022-02-28"
    assert window.facets.chip_labels()


def test_go_to_date_moves_the_timeline_there(qtbot: QtBot, kroniek: Kroniek) -> None:
    window, app = parts(kroniek)
    app.controller.ask_text = lambda *_a: ("24 februari 2022", True)
    window.act_go_to_date.trigger()
    t0, t1 = window.timeline.view()
    assert t0 <= date(2022, 2, 24).toordinal() <= t1
    assert t1 - t0 < 60
    window.act_back.trigger()
    assert window.timeline.view() != (t0, t1)


def test_a_bad_date_in_go_to_date_does_not_move_the_view(
    qtbot: QtBot, kroniek: Kroniek, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, app = parts(kroniek)
    shown: list[str] = []
    monkeypatch.setattr("explorer.ui.controller.show_message", lambda *a: shown.append(a[3]))
    before = window.timeline.view()
    app.controller.ask_text = lambda *_a: ("de dertigste van nergens", True)
    window.act_go_to_date.trigger()
    assert window.timeline.view() == before
    assert shown and "Not a date" in shown[0]


@pytest.mark.parametrize("kind", ["png", "svg", "pdf"])
def test_exporting_the_timeline_view_writes_a_file(
    kroniek: Kroniek, tmp_path: Path, kind: str
) -> None:
    window, app = parts(kroniek)
    target = tmp_path / f"view.{kind}"
    app.controller.ask_save_path = lambda *_a: str(target)
    {"png": window.act_export_png, "svg": window.act_export_svg, "pdf": window.act_export_pdf}[
        kind
    ].trigger()
    assert target.exists() and target.stat().st_size > 1000


def test_switching_to_dutch_retranslates_the_window_at_once(qtbot: QtBot, kroniek: Kroniek) -> None:
    window, app = parts(kroniek)
    assert window.file_menu.title() == "&File"
    with qtbot.waitSignal(app.session.search_finished, timeout=10000):
        window.act_dutch.trigger()
    assert i18n.language() == "nl"
    assert window.file_menu.title() == "&Bestand"
    assert "gebeurtenissen" in window.status_counts.text()
    categories = window.facets.tree.topLevelItem(0)
    labels = [categories.child(i).text(0) for i in range(categories.childCount())]
    assert "Zeeoorlog" in labels


def test_window_geometry_and_splitters_come_back_on_the_next_start(qtbot: QtBot) -> None:
    first = build(paths.bundled_db(), "en")
    window = first.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    window.resize(734, 517)
    window.main_splitter.setSizes([300, 434])
    window.close()
    sizes = window.main_splitter.sizes()
    first.close()
    second = build(paths.bundled_db(), "en")
    again = second.window
    assert isinstance(again, MainWindow)
    qtbot.addWidget(again)
    again.restore_state()
    assert (again.width(), again.height()) == (734, 517)
    assert again.main_splitter.sizes()[0] == sizes[0]
    second.close()


def test_results_model_passes_the_qt_model_tester(qtmodeltester: object, kroniek: Kroniek) -> None:
    window, _app = parts(kroniek)
    qtmodeltester.check(window.results.model())  # type: ignore[attr-defined]
