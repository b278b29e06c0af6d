"""The librarian's workspace in the window: bookmarks, notes, tags, collections,
saved searches, export and import — and a damaged library at start-up."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import open_window
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from explorer import paths
from explorer.app import Kroniek
from explorer.core.library.library import Library
from explorer.ui.library.controller import LibraryController
from explorer.ui.mainwindow import MainWindow


def start(qtbot: QtBot, **kwargs: object) -> Kroniek:
    return open_window(qtbot, "en", **kwargs)


@pytest.fixture
def kroniek(qtbot: QtBot) -> Iterator[Kroniek]:
    k = start(qtbot)
    yield k
    k.close()


def parts(k: Kroniek) -> tuple[MainWindow, Kroniek, LibraryController]:
    return k.window, k, k.librarian


def select_first(qtbot: QtBot, k: Kroniek, text: str) -> str:
    window, app, _lib = parts(k)
    with qtbot.waitSignal(app.session.search_finished, timeout=10000):
        window.search_field.setText(text)
    qtbot.waitUntil(lambda: not app.session.busy())
    event_id = app.model.event_id(0)
    app.session.select(event_id)
    return event_id


def test_bookmarking_marks_the_event_in_the_list_panel_and_facets(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    window, app, lib = parts(kroniek)
    event_id = select_first(qtbot, kroniek, "Przewodow")
    with qtbot.waitSignal(app.session.search_finished, timeout=10000):
        window.act_bookmark.trigger()
    assert event_id in lib.library.bookmarks
    assert window.annotations.star.isChecked()
    assert "★" in str(app.model.data(app.model.index(0, 1)))
    assert window.library_panel.bookmarks.count() == 1
    index = app.data.index_of(event_id)
    assert index is not None and app.data.marks[index] & 1
    item = window.facets.find_item("mine", "bookmarked")
    assert item is not None and item.text(1) == "1"


def test_a_note_saves_itself_while_typing_and_is_there_after_a_restart(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    window, _app, lib = parts(kroniek)
    event_id = select_first(qtbot, kroniek, "kachovkadam")
    window.act_add_note.trigger()
    editor = window.annotations.editors[-1]
    qtbot.keyClicks(editor.edit, "Voor de tentoonstelling: foto van de dam")
    qtbot.waitUntil(
        lambda: (
            [n.body for n in lib.library.notes.all(event_id)]
            == ["Voor de tentoonstelling: foto van de dam"]
        ),
        timeout=5000,
    )
    assert window.library_panel.notes.count() == 1
    kroniek.close()
    again = Library()
    assert [n.body for n in again.notes.all(event_id)] == [
        "Voor de tentoonstelling: foto van de dam"
    ]
    again.close()


def test_typing_then_selecting_another_event_loses_nothing(qtbot: QtBot, kroniek: Kroniek) -> None:
    window, app, lib = parts(kroniek)
    event_id = select_first(qtbot, kroniek, "Przewodow")
    window.act_add_note.trigger()
    qtbot.keyClicks(window.annotations.editors[-1].edit, "snel getypt")
    app.session.select("")  # selecting nothing moves away from the note
    assert [n.body for n in lib.library.notes.all(event_id)] == ["snel getypt"]


def test_tags_with_autocomplete_rename_and_merge(qtbot: QtBot, kroniek: Kroniek) -> None:
    window, app, lib = parts(kroniek)
    first = select_first(qtbot, kroniek, "Przewodow")
    window.annotations.tag_field.setText("lesmateriaal")
    qtbot.keyClick(window.annotations.tag_field, Qt.Key.Key_Return)
    second = select_first(qtbot, kroniek, "kachovkadam")
    window.annotations.tag_field.setText("les materiaal")
    qtbot.keyClick(window.annotations.tag_field, Qt.Key.Key_Return)
    assert "lesmateriaal" in window.annotations.completions.stringList()
    assert {t.name for t in lib.library.tags.all()} == {"lesmateriaal", "les materiaal"}
    lib.ask_item = lambda *_a: ("lesmateriaal", True)
    lib.merge_tag("les materiaal")
    assert [(t.name, t.count) for t in lib.library.tags.all()] == [("lesmateriaal", 2)]
    lib.ask_text = lambda *_a: ("onderwijs", True)
    lib.rename_tag("lesmateriaal")
    assert lib.library.tags.tagged_ids(["onderwijs"]) == {first, second}
    assert window.library_panel.tags.item(0).text().startswith("onderwijs")
    with qtbot.waitSignal(app.session.search_finished, timeout=10000):
        window.search_field.clear()
    with qtbot.waitSignal(app.session.search_finished, timeout=10000):
        window.library_panel.tag_filter_requested.emit("onderwijs")
    assert window.results.model().rowCount() == 2


def test_collections_keep_the_order_the_reader_drags_them_into(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    window, _app, lib = parts(kroniek)
    lib.ask_text = lambda *_a: ("Tentoonstelling 2025", True)
    ids = []
    for text in ("Przewodow", "kachovkadam", "Boetsja"):
        ids.append(select_first(qtbot, kroniek, text))
        lib.add_to_collection(0 if not ids[:-1] else window.library_panel.current_collection())
    collection = lib.library.collections.all()[0]
    assert collection.name == "Tentoonstelling 2025"
    assert list(collection.event_ids) == ids
    assert window.library_panel.collection_order() == ids
    window.library_panel.collection_reordered.emit(collection.id, list(reversed(ids)))
    assert list(lib.library.collections.all()[0].event_ids) == list(reversed(ids))


def test_a_saved_search_restores_text_and_filters_in_one_click(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    window, app, lib = parts(kroniek)
    with qtbot.waitSignal(app.session.search_finished, timeout=10000):
        window.search_field.setText("kerncentrale")
    with qtbot.waitSignal(app.session.search_finished, timeout=10000):
        app.session.toggle_facet("category", "nuclear")
    wanted = window.results.model().rowCount()
    lib.ask_text = lambda *_a: ("Kernenergie", True)
    window.act_save_search.trigger()
    app.session.clear_all()
    qtbot.waitUntil(lambda: window.results.model().rowCount() == app.presenter.total)
    item = window.library_panel.searches.item(0)
    assert item.text() == "Kernenergie"
    with qtbot.waitSignal(app.session.search_finished, timeout=10000):
        window.library_panel.searches.itemActivated.emit(item)
    assert window.search_field.text() == "kerncentrale"
    assert window.results.model().rowCount() == wanted
    assert any("Nuclear" in chip for chip in window.facets.chip_labels())


def test_export_to_web_annotations_and_import_into_a_fresh_library(
    qtbot: QtBot, tmp_path: Path
) -> None:
    k = start(qtbot)
    window, _app, lib = parts(k)
    event_id = select_first(qtbot, k, "Przewodow")
    lib.toggle_bookmark()
    lib.add_tag("polen")
    target = tmp_path / "mijn-bibliotheek.jsonld"
    lib.ask_save_path = lambda *_a: str(target)
    messages: list[str] = []
    lib.inform = lambda _t, m: messages.append(m)
    window.act_export_library.trigger()
    data = json.loads(target.read_text(encoding="utf-8"))
    items = (
        data
        if isinstance(data, list)
        else data.get("items", data.get("first", {}).get("items", []))
    )
    assert any("urn:kroniek:event:" + event_id in json.dumps(item) for item in items)
    k.close()
    paths.set_data_dir(tmp_path / "fresh")
    k2 = start(qtbot)
    _w2, _c2, lib2 = parts(k2)
    lib2.ask_open_path = lambda *_a: str(target)
    lib2.inform = lambda _t, m: messages.append(m)
    lib2.import_()
    assert event_id in lib2.library.bookmarks
    assert lib2.library.tags.tagged_ids(["polen"]) == {event_id}
    assert "added" in messages[-1].lower()
    k2.close()


def test_a_damaged_library_offers_the_backup_and_restores_it(qtbot: QtBot) -> None:
    library = Library()
    library.notes.add("e000000000a", "een belangrijke notitie")
    library.backup()
    library.close()
    path = library.path
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(0)
        handle.write(os.urandom(min(size, 4096)))
    asked: list[str] = []
    k = start(qtbot, ask=lambda _t, q: asked.append(q) or True, tell=lambda *_a: None)
    _w, _c, lib = parts(k)
    assert asked and "backup" in asked[0]
    assert [n.body for n in lib.library.notes.all("e000000000a")] == ["een belangrijke notitie"]
    k.close()


def test_searching_finds_events_through_the_readers_notes(qtbot: QtBot, kroniek: Kroniek) -> None:
    window, app, lib = parts(kroniek)
    event_id = select_first(qtbot, kroniek, "Przewodow")
    editor = window.annotations.add_editor(None)
    editor.edit.setPlainText("Vitrine drie: het raketfragment uit het museum")
    editor.flush()
    assert lib.library.notes.event_ids() == {event_id}
    with qtbot.waitSignal(app.session.search_finished, timeout=10000):
        window.search_field.setText("raketfragment")
    assert [app.model.event_id(r) for r in range(app.model.rowCount())] == [event_id]


def test_copy_citation_offers_the_styles_and_remembers_the_last(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    from PySide6.QtGui import QGuiApplication

    window, _controller, _lib = parts(kroniek)
    select_first(qtbot, kroniek, "Przewodow")
    styles = [a.text() for a in window.annotations.cite.menu().actions()]
    assert styles == ["APA", "Chicago", "UGent Geschiedenis (Nederlands)"]
    window.annotations.cite.menu().actions()[1].trigger()  # Chicago
    chicago = QGuiApplication.clipboard().text()
    quote, source = chicago.split("\n")
    assert quote.startswith("“") and "Przewod" in quote
    assert source.startswith("Wikipedia contributors. “Russische invasie van Oekraïne")
    QGuiApplication.clipboard().clear()
    window.act_copy_citation.trigger()  # the style used last
    assert QGuiApplication.clipboard().text() == chicago
    window.citation_menu.actions()[0].trigger()  # Library › Copy citation as › APA
    assert "Wikipedia contributors. (2023)." in QGuiApplication.clipboard().text()


def test_the_current_results_export_as_a_timeline(
    qtbot: QtBot, kroniek: Kroniek, tmp_path: Path
) -> None:
    window, app, lib = parts(kroniek)
    select_first(qtbot, kroniek, "Przewodow")
    target = tmp_path / "resultaten.timeline.json"
    lib.ask_save_path = lambda _title, _filters: str(target)
    told: list[str] = []
    lib.inform = lambda _title, message: told.append(message)
    window.act_export_results.trigger()
    data = json.loads(target.read_text(encoding="utf-8"))
    ids = [s["unique_id"] for s in data["events"]]
    assert ids == list(app.model.ids()) and data["title"]["text"]["headline"] == "Przewodow"
    noun = "event" if len(ids) == 1 else "events"
    assert ids and told == [f"Exported {len(ids)} {noun} to {target}."]


def _fill_disk(lib: LibraryController) -> None:
    """The library's disk is full: no page can be added any more."""
    conn = lib.library.conn
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")


def test_a_note_typed_on_a_full_disk_is_kept_and_saved_once_there_is_room(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    window, _controller, lib = parts(kroniek)
    warnings: list[str] = []
    lib.warn = lambda _title, message: warnings.append(message)
    event_id = select_first(qtbot, kroniek, "kachovkadam")
    _fill_disk(lib)
    window.act_add_note.trigger()
    editor = window.annotations.editors[-1]
    text = "Lange notitie " + "x" * 30_000
    editor.edit.setPlainText(text[:20_000])
    editor.flush()
    editor.edit.setPlainText(text)
    editor.flush()  # a second autosave of the same draft
    assert warnings and "disk is full" in warnings[0] and "until you quit" in warnings[0]
    assert lib.library.unsaved() == ["Add a note"]  # kept once, not once per autosave
    assert "keeps trying" in window.library_panel.state.text()
    assert lib.retry_timer.isActive()
    lib.library.conn.execute("PRAGMA max_page_count = 1000000")  # room again
    lib.retry_timer.setInterval(10)
    qtbot.waitUntil(lambda: not lib.library.unsaved(), timeout=5000)
    assert [n.body for n in lib.library.notes.all(event_id)] == [text]
    assert not lib.retry_timer.isActive()
    kroniek.close()
    with Library() as again:
        assert [n.body for n in again.notes.all(event_id)] == [text]


def test_quitting_with_changes_that_still_cannot_be_saved_says_which_are_lost(
    qtbot: QtBot, kroniek: Kroniek
) -> None:
    window, _controller, lib = parts(kroniek)
    warnings: list[str] = []
    lib.warn = lambda _title, message: warnings.append(message)
    select_first(qtbot, kroniek, "kachovkadam")
    _fill_disk(lib)
    window.act_add_note.trigger()
    window.annotations.editors[-1].edit.setPlainText("z" * 30_000)
    window.annotations.editors[-1].flush()
    assert lib.library.unsaved() == ["Add a note"]
    warnings.clear()
    kroniek.close()
    assert len(warnings) == 1 and "are lost" in warnings[0] and "Add a note" in warnings[0]
