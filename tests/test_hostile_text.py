"""Text a user or a file hands Kroniek, on screen and on the command line.

HTML in a tag, a note, a saved search, a place name or an event's title is
shown as the characters typed, never rendered (an ``<img src=/dev/zero>``
would be loaded); a lone surrogate pasted or passed on the command line never
ends in a traceback; a saved search with a nonsense view restores what it
can; an event of a million characters without a space does not freeze the
window; a screenshot run never waits for a person.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import open_window
from PySide6.QtCore import QModelIndex, QPointF, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QListWidget,
    QMenu,
    QMessageBox,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from test_bad_input import copy_of_bundled

from explorer import paths
from explorer.core.events.query import Query
from explorer.core.library.library import Library
from explorer.ui import crash
from explorer.ui.library.annotations import NoteEditor
from explorer.ui.mainwindow import MainWindow
from explorer.ui.plain import message_box

REPO = Path(__file__).resolve().parent.parent
EVENT = "e2f8dad2a147"
HOSTILE = [
    "<img src=/dev/zero>",
    "<b>vet</b> & <a href='file:///etc/passwd'>link</a>",
    "<table><tr><td>" * 3,
    "<style>*{font-size:400px}</style>",
]
IMG = "<img src=/dev/zero>"


def _raw(text: str | None) -> bool:
    """True if *text* would let Qt render the hostile markup (an unescaped tag)."""
    return bool(text) and any(h in str(text) for h in HOSTILE)


def hostile_database(tmp_path: Path) -> Path:
    """The bundled database with HTML in an event's title and text and a place name."""
    db = copy_of_bundled(tmp_path, "hostile.db")
    conn = sqlite3.connect(db)
    conn.execute(
        "UPDATE events SET title = ?, text = ? WHERE id = ?",
        (f"Titel {IMG}", f"Tekst {HOSTILE[1]} {IMG}", EVENT),
    )
    conn.execute(
        "UPDATE places SET name_nl = ?, name_en = ? WHERE id IN "
        "(SELECT place_id FROM event_places LIMIT 1)",
        (f"Plaats {IMG}", f"Place {IMG}"),
    )
    conn.commit()
    conn.close()
    return db


def hostile_library() -> None:
    with Library() as library:
        library.bookmarks.mark(EVENT)
        for text in HOSTILE:
            library.notes.add(EVENT, f"notitie {text}")
            library.tags.tag(EVENT, f"tag {text}"[:100])
            library.collections.create(f"collectie {text}")
        library.searches.save(f"zoekopdracht {IMG}", Query(text=f"kiev {IMG}"))


def _walk_for_raw_markup(root: QWidget) -> list[str]:
    """Every place in *root*'s widgets where hostile text could be rendered."""
    found: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        name = f"{type(widget).__name__} {widget.objectName()}"
        if _raw(widget.toolTip()):
            found.append(f"{name}: tooltip")
        plain = isinstance(widget, QLabel) and widget.textFormat() == Qt.TextFormat.PlainText
        if isinstance(widget, QLabel) and _raw(widget.text()) and not plain:
            found.append(f"{name}: label")
        if isinstance(widget, QTreeWidget):
            stack = [widget.topLevelItem(i) for i in range(widget.topLevelItemCount())]
            while stack:
                item = stack.pop()
                stack += [item.child(i) for i in range(item.childCount())]
                for column in range(widget.columnCount()):
                    if _raw(item.toolTip(column)):
                        found.append(f"{name}: item tooltip {item.text(0)!r}")
        if isinstance(widget, QMenu):
            # Menus (the citation styles, "Add to collection", the menu bar's):
            # an entry's text is plain, its tooltip is rich text when shown.
            for action in widget.actions():
                if widget.toolTipsVisible() and _raw(action.toolTip()):
                    found.append(f"{name}: menu tooltip {action.text()!r}")
        if isinstance(widget, QListWidget):
            for row in range(widget.count()):
                if _raw(widget.item(row).toolTip()):
                    found.append(f"{name}: item tooltip {widget.item(row).text()!r}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            root = QModelIndex()
            try:
                columns = model.columnCount(root)
            except TypeError:  # a list model keeps columnCount private
                columns = 1
            for row in range(min(model.rowCount(root), 2000)):
                for column in range(columns):
                    index = model.index(row, column, QModelIndex())
                    if _raw(model.data(index, Qt.ItemDataRole.ToolTipRole)):
                        found.append(f"{name}: model tooltip row {row}")
    return found


# -- 10. HTML in user and file text is shown, never rendered ----------------------------
def test_every_widget_shows_hostile_text_as_plain_text(qtbot: QtBot, tmp_path: Path) -> None:
    from explorer.app import build

    hostile_library()
    k = build(hostile_database(tmp_path), "en")
    qtbot.addWidget(k.window)
    try:
        window, session = k.window, k.session
        window.resize(1400, 900)
        window.show()
        qtbot.waitUntil(lambda: k.model.rowCount() > 0, timeout=10000)
        # A TimelineJS file whose title and slides are HTML becomes a collection
        # (its name in the panel and the menus) and an import report (a dialog).
        timeline = tmp_path / "tijdlijn.json"
        timeline.write_text(
            __import__("json").dumps({
                "title": {"text": {"headline": f"Tijdlijn {HOSTILE[1]}"}},
                "events": [{"unique_id": EVENT, "start_date": {"year": 2022},
                            "text": {"headline": IMG}},
                           {"start_date": {"year": 1066}, "text": {"headline": IMG}}],
            }),
            encoding="utf-8",
        )  # fmt: skip
        reports: list[str] = []
        k.librarian.ask_open_path = lambda _title, _filters: str(timeline)
        k.librarian.inform = lambda _title, message: reports.append(message)
        k.librarian.import_()
        assert reports and "Tijdlijn" in reports[0]
        session.select(EVENT)
        session.add_facet("tag", f"tag {IMG}")
        qtbot.waitUntil(lambda: not session.busy(), timeout=10000)
        window.timeline.zoom_to_selection()
        # The timeline's hover text for the event, as Qt would show it.
        tips = [window.timeline.tooltip_at(QPointF(x, y))
                for x in range(0, window.timeline.width(), 8)
                for y in range(0, window.timeline.height(), 8)]  # fmt: skip
        assert any(IMG in t for t in tips)
        from explorer.ui.plain import tooltip

        problems = _walk_for_raw_markup(window)
        # The menus that show user text: "Add to collection" and the citation styles.
        collections = [a.text() for a in window.annotations.collect_menu.actions()]
        assert any("Tijdlijn" in c for c in collections)
        for menu in (window.annotations.collect_menu, window.annotations.cite.menu(),
                     window.citation_menu):  # fmt: skip
            problems += _walk_for_raw_markup(menu)
        assert problems == []
        assert all(not _raw(tooltip(t)) for t in tips)
        # The detail view escapes what it shows: the tag is text, not an image.
        assert IMG in window.detail.plain_text()
    finally:
        k.close()


@pytest.mark.parametrize("text", HOSTILE)
def test_message_boxes_and_the_crash_dialog_show_text_as_typed(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    box = message_box(None, "warning", "t", text)
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.deleteLater()
    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self) or 0)
    crash._dialog(None)(f"Something went wrong: {text}", text)
    assert shown[0].textFormat() == Qt.TextFormat.PlainText
    assert not _raw(shown[0].informativeText())
    for label in shown[0].findChildren(QLabel):
        assert not _raw(label.text()) or label.textFormat() == Qt.TextFormat.PlainText


def test_input_dialog_labels_quote_names_without_rendering_them(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    k = open_window(qtbot)
    try:
        labels: list[str] = []
        # The dialog is made by ui.library.dialogs.text_dialog and run with exec().
        monkeypatch.setattr(
            QInputDialog, "exec", lambda dialog: labels.append(dialog.labelText()) or 0
        )
        k.librarian.rename_tag(IMG)
        assert labels and not _raw(labels[0]) and "&lt;img" in labels[0]
    finally:
        k.close()


# -- 11. a saved search whose view is nonsense ------------------------------------------
@pytest.mark.parametrize(
    "view", [("not-a-date", "2022-03-01"), ("2022-03-01", "2021-01-01"), ("", "99999-01-01"),
             ("2022-02-30", "2022-03-01"), ("<img src=/dev/zero>", "")],
)  # fmt: skip
def test_a_saved_search_with_a_bad_view_restores_its_query_without_a_crash(
    qtbot: QtBot, view: tuple[str, str]
) -> None:
    with Library() as library:
        saved = library.searches.save("kapot", Query(text="kachovkadam"))
        spec = saved.spec()
        spec["view_start"], spec["view_end"] = view
        library.conn.execute(
            "UPDATE saved_searches SET spec = ? WHERE id = ?",
            (__import__("json").dumps(spec), saved.id),
        )
    errors: list[str] = []
    crash.install(show=lambda message, _details: errors.append(message))
    try:
        k = open_window(qtbot)
        try:
            window = k.window
            assert isinstance(window, MainWindow)
            with qtbot.waitSignal(k.session.search_finished, timeout=10000):
                window.library_panel.search_restored.emit(saved.id)
            assert window.search_field.text() == "kachovkadam"
        finally:
            k.close()
    finally:
        sys.excepthook = sys.__excepthook__
    assert errors == []


# -- 12. lone surrogates ------------------------------------------------------------------
SURROGATE_ARGS = [
    ["search", "\udced\udca0\udc80"],
    ["facets", "a\udcff"],
    ["--db", "/tmp/x\udcff.db", "info"],
    ["library", "export", "--format", "csv", "-o", "OUT\udcff.csv"],
    ["library", "import", "IN\udcff.jsonld"],
    ["library", "restore", "B\udcff.sqlite3"],
]


@pytest.mark.parametrize("argv", SURROGATE_ARGS, ids=lambda a: " ".join(a[:2]))
def test_a_lone_surrogate_on_the_command_line_never_ends_in_a_traceback(
    tmp_path: Path, argv: list[str]
) -> None:
    argv = [a.replace("OUT", f"{tmp_path}/o").replace("IN", f"{tmp_path}/i")
            .replace("B\udcff", f"{tmp_path}/b\udcff") for a in argv]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8:strict",
           "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
    done = subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"explorer", b"--lang", b"en", b"--data-dir",
         os.fsencode(tmp_path / "data"), *(os.fsencode(a) for a in argv)],
        capture_output=True, env=env, cwd=REPO, timeout=120, check=False,
    )  # fmt: skip
    err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and done.returncode in (0, 1, 2), err
    assert len(err.strip().splitlines()) <= 1


def test_a_lone_surrogate_in_library_text_is_kept_as_a_replacement_character() -> None:
    with Library() as library:
        library.notes.add(EVENT, "half \ud800 pair")
        library.tags.tag(EVENT, "tag \udfff")
        collection = library.collections.create("col \ud800", "desc \udc00")
        library.searches.save("zoek \ud800", Query(text="kiev \ud800"))
        assert library.notes.all()[0].body == "half \ufffd pair"
        assert library.tags.all()[0].name == "tag \ufffd"
        assert library.collections.get(collection.id).description == "desc \ufffd"  # type: ignore[union-attr]
        assert library.searches.all()[0].query.text == "kiev \ufffd"


def test_pasting_a_lone_surrogate_in_the_window_saves_without_a_crash(qtbot: QtBot) -> None:
    errors: list[str] = []
    crash.install(show=lambda message, _details: errors.append(message))
    try:
        k = open_window(qtbot)
        try:
            window, session = k.window, k.session
            session.select(EVENT)
            window.annotations.tag_field.setText("plak \ud800")
            qtbot.keyClick(window.annotations.tag_field, Qt.Key.Key_Return)
            window.act_add_note.trigger()
            editor = window.annotations.editors[-1]
            assert isinstance(editor, NoteEditor)
            editor.edit.setPlainText("notitie \udc00")
            editor.flush()
            window.search_field.setText("kiev \ud800")
            qtbot.waitUntil(lambda: not session.busy(), timeout=10000)
            library = k.librarian.library
            # Qt drops or replaces the broken half; either way it is saved.
            assert [t.name for t in library.tags.of_event(EVENT)] in (["plak"], ["plak \ufffd"])
            assert [n.body.rstrip() for n in library.notes.all(EVENT)] in (
                ["notitie"],
                ["notitie \ufffd"],
            )
        finally:
            k.close()
    finally:
        sys.excepthook = sys.__excepthook__
    assert errors == []


# -- 15. a screenshot never waits for a person --------------------------------------------
@pytest.mark.parametrize("state", ["damaged", "newer", "not a library"])
def test_a_screenshot_run_never_waits_on_a_dialog(tmp_path: Path, state: str) -> None:
    data = tmp_path / "data"
    paths.set_data_dir(data)
    with Library() as library:
        library.notes.add(EVENT, "x")
    path = data / "library.sqlite3"
    if state == "damaged":
        with path.open("r+b") as handle:
            handle.write(b"\xde\xad" * 50)
    elif state == "newer":
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA user_version = 99")
        conn.commit()
        conn.close()
    else:
        path.unlink()
        shutil.copy(paths.bundled_db(), path)
    before = path.read_bytes()
    shot = tmp_path / "shot.png"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "explorer", "--lang", "en", "--data-dir", str(data),
         "--screenshot", str(shot), "--size", "800x600"],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=120, check=False,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert shot.stat().st_size > 1000
    assert "Traceback" not in done.stderr and "library" in done.stderr.lower()
    assert path.read_bytes() == before  # nothing moved aside or changed by a screenshot


# -- 20. a million characters without a space ---------------------------------------------
def test_an_event_of_a_million_characters_is_shown_shortened_not_frozen(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from explorer.app import build

    db = copy_of_bundled(tmp_path, "huge.db")
    conn = sqlite3.connect(db)
    conn.execute(
        "UPDATE events SET title = ?, text = ? WHERE id = ?",
        ("T" * 1_000_000, "x" * 1_000_000, EVENT),
    )
    conn.commit()
    conn.close()
    k = build(db, "en")
    qtbot.addWidget(k.window)
    try:
        window, model = k.window, k.model
        window.resize(1200, 800)
        window.show()
        qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10000)
        k.session.select(EVENT)
        window.timeline.zoom_to_selection()
        window.repaint()
        shown = window.detail.plain_text()
        assert len(shown) < 50_000 and "shortened" in shown
        row = next(r for r in range(model.rowCount()) if model.event_id(r) == EVENT)
        title = model.data(model.index(row, 1))
        assert len(title) <= 310
        assert len(k.data.title(k.data.index_of(EVENT))) <= 300  # type: ignore[arg-type]
    finally:
        k.close()
