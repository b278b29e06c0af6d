"""A long session of random use: nothing breaks, nothing warns, memory stays put.

A reader who keeps Kroniek open all afternoon zooms, pans, types and erases
searches in Dutch and English, ticks filters and removes their chips, brushes
date ranges, walks from event to event, bookmarks, writes notes, tags, switches
language and exports pictures. This test does ten thousand such actions, chosen
by a seeded random generator so a failure can be replayed, and then checks:

* no exception escaped a slot or a Qt virtual method (pytest-qt fails the test);
* Qt printed no warning (``qt_log_level_fail`` in pyproject fails the test);
* resident memory grew by at most 50 MB after a warm-up of 1,000 actions;
* the reader's library is intact and holds what the session wrote.

Searches are not awaited after every keystroke on purpose: a new keystroke
cancels the running search, which is part of what is soaked. They are awaited
where the next action needs their result (the facet tree, the list).
"""

from __future__ import annotations

import gc
import os
import random
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QToolButton,
    QTreeWidgetItem,
)
from pytestqt.qtbot import QtBot

from explorer import i18n, paths
from explorer.app import build
from explorer.core.library.connection import default_library_path
from explorer.core.library.library import Library
from explorer.ui.controller import Controller
from explorer.ui.library.controller import LibraryController
from explorer.ui.mainwindow import MainWindow
from explorer.ui.search.facet_panel import VALUE_ROLE
from explorer.ui.search.session import SearchSession

SEED = 20220224
ACTIONS = 10_000
WARM_UP = 1_000
EXPORT_EVERY = 400
MAX_GROWTH_MB = 50
#: What the actions must visibly have done during the session, each several times.
EFFECTS = {
    "brushed", "chip removed", "dates cleared", "dragged", "noted", "switched language",
    "tagged", "toggled a facet", "untagged",
}  # fmt: skip

WORDS = [
    "Kharkiv", "Charkov", "Kyiv", "Kiev", "Marioepol", "Mariupol", "Boetsja", "Bucha",
    "Zelensky", "Zelenski", "Poetin", "Putin", "kerncentrale", "Zaporizhzhia", "Krim",
    "Crimea", "Bachmoet", "Bakhmut", "Przewodów", "graan", "grain", "NAVO", "NATO",
    "Cherson", "Kherson", "oorlog", "sancties", "raket*", "2022", "Oekraïne", "Rusland",
    '"speciale militaire operatie"', '"Zwarte Zee"', "-Kyiv", "OR", "AND", "NOT", '"',
    "Wagner", "Prigozjin", "dam", "Kachovka", "Ćwiczenia", "ééé", "x" * 60,
]  # fmt: skip
NOTES = ["Voor de les", "check this source", "zie ook de kaart", "€ 5 – 10 mln", "🇺🇦"]
TAGS = ["les", "bron", "kaart", "later lezen", "Charkiv"]


def rss_mb() -> float:
    """Resident memory of this process in megabytes (Linux /proc)."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


class Session:
    """The window and a random reader acting on it."""

    def __init__(self, qtbot: QtBot, tmp_path: Path) -> None:
        self.qtbot = qtbot
        self.tmp_path = tmp_path
        self.rng = random.Random(SEED)
        k = build(paths.bundled_db(), "en", ask=self._refuse, tell=self._refuse)
        self.k = k
        self.window: MainWindow = k.window
        self.controller: Controller = k.controller
        self.session: SearchSession = k.session
        self.lib: LibraryController = k.librarian
        qtbot.addWidget(self.window)
        self.window.resize(1400, 900)
        self.window.show()
        self.exports = 0
        self.counts: dict[str, int] = {}
        #: How often an action visibly did something (a brush set dates, a chip went...).
        self.effects: dict[str, int] = {}
        # Every dialog answered by the script; an unexpected one fails the test.
        self.controller.ask_save_path = lambda *_a: str(tmp_path / "view.png")
        self.controller.ask_text = lambda *_a: ("24 februari 2022", True)
        self.lib.confirm = lambda *_a: True
        self.lib.ask_text = lambda *_a: ("Soak", True)
        self.lib.warn = self._refuse
        self.lib.inform = lambda *_a: None
        self.wait()

    @staticmethod
    def _refuse(title: str, message: str) -> bool:
        raise AssertionError(f"unexpected dialog: {title}: {message}")

    # -- helpers ---------------------------------------------------------------
    def wait(self) -> None:
        self.qtbot.waitUntil(lambda: not self.session.busy(), timeout=20000)

    def _mouse(self, kind: QEvent.Type, x: float, button: Qt.MouseButton, shift: bool) -> None:
        timeline = self.window.timeline
        pos = QPointF(x, timeline.height() / 2)
        buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else button
        modifiers = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
        event = QMouseEvent(kind, pos, timeline.mapToGlobal(pos), button, buttons, modifiers)
        QApplication.sendEvent(timeline, event)

    def type_text(self, widget: QLineEdit | QPlainTextEdit, text: str) -> None:
        """Type *text* key by key; QTest has no keys for non-ASCII, so those are inserted."""
        for char in text:
            if char.isascii():
                self.qtbot.keyClicks(widget, char)
            elif isinstance(widget, QLineEdit):
                widget.insert(char)
            else:
                widget.insertPlainText(char)

    def did(self, what: str) -> None:
        self.effects[what] = self.effects.get(what, 0) + 1

    # -- the reader's actions ---------------------------------------------------
    def zoom_in(self) -> None:
        self.window.act_zoom_in.trigger()

    def zoom_out(self) -> None:
        self.window.act_zoom_out.trigger()

    def pan(self) -> None:
        if self.rng.random() < 0.5:
            self.window.timeline.pan_pixels(self.rng.uniform(-600, 600))
            return
        width = self.window.timeline.width()
        x0 = self.rng.uniform(50, width - 50)
        x1 = min(width - 1, max(1, x0 + self.rng.uniform(-300, 300)))
        before = self.window.timeline.view()
        self._mouse(QEvent.Type.MouseButtonPress, x0, Qt.MouseButton.LeftButton, False)
        self._mouse(QEvent.Type.MouseMove, x1, Qt.MouseButton.LeftButton, False)
        self._mouse(QEvent.Type.MouseButtonRelease, x1, Qt.MouseButton.LeftButton, False)
        if self.window.timeline.view() != before:
            self.did("dragged")

    def fit_all(self) -> None:
        self.window.act_fit_all.trigger()

    def back_or_forward(self) -> None:
        action = self.window.act_back if self.rng.random() < 0.6 else self.window.act_forward
        action.trigger()

    def step(self) -> None:
        (self.window.act_next if self.rng.random() < 0.5 else self.window.act_previous).trigger()

    def click_timeline(self) -> None:
        x = self.rng.uniform(10, self.window.timeline.width() - 10)
        self._mouse(QEvent.Type.MouseButtonPress, x, Qt.MouseButton.LeftButton, False)
        self._mouse(QEvent.Type.MouseButtonRelease, x, Qt.MouseButton.LeftButton, False)

    def type_search(self) -> None:
        field = self.window.search_field
        word = self.rng.choice(WORDS)
        if field.text() and not field.text().endswith(" "):
            word = " " + word
        field.setFocus()
        field.end(False)
        self.type_text(field, word)
        if self.rng.random() < 0.3:
            self.wait()

    def erase_search(self) -> None:
        field = self.window.search_field
        if self.rng.random() < 0.3:
            field.clear()
            return
        field.setFocus()
        field.end(False)
        for _ in range(self.rng.randint(1, 8)):
            self.qtbot.keyClick(field, Qt.Key.Key_Backspace)

    def toggle_facet(self) -> None:
        self.wait()
        items: list[QTreeWidgetItem] = []
        tree = self.window.facets.tree
        stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item.data(0, VALUE_ROLE) is not None:
                items.append(item)
            stack.extend(item.child(j) for j in range(item.childCount()))
        if not items:
            return
        item = self.rng.choice(items)
        checked = item.checkState(0) == Qt.CheckState.Checked
        item.setCheckState(0, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
        self.did("toggled a facet")

    def remove_chip(self) -> None:
        chips = [
            chip
            for chip in self.window.facets.findChildren(QToolButton)
            if chip.isVisible() and chip.text().endswith("×")
        ]
        if chips:
            self.rng.choice(chips).click()
            self.did("chip removed")

    def brush(self) -> None:
        width = self.window.timeline.width()
        x0 = self.rng.uniform(20, width - 120)
        x1 = x0 + self.rng.uniform(10, 100)
        self._mouse(QEvent.Type.MouseButtonPress, x0, Qt.MouseButton.LeftButton, True)
        self._mouse(QEvent.Type.MouseMove, x1, Qt.MouseButton.LeftButton, True)
        self._mouse(QEvent.Type.MouseButtonRelease, x1, Qt.MouseButton.LeftButton, True)
        if self.session.query.date_from:
            self.did("brushed")

    def clear_dates(self) -> None:
        if self.session.query.date_from or self.session.query.date_to:
            self.window.facets.date_range_removed.emit()
            self.did("dates cleared")

    def select_row(self) -> None:
        self.wait()
        rows = self.window.results.model().rowCount()
        if rows:
            self.window.results.selectRow(self.rng.randrange(rows))

    def bookmark(self) -> None:
        self.window.act_bookmark.trigger()

    def note(self) -> None:
        if not self.session.selected:
            return
        annotations = self.window.annotations
        if not annotations.editors or self.rng.random() < 0.4:
            self.window.act_add_note.trigger()
        if annotations.editors:
            editor = self.rng.choice(annotations.editors)
            self.type_text(editor.edit, self.rng.choice(NOTES))
            self.did("noted")
            if self.rng.random() < 0.3:
                editor.flush()

    def tag(self) -> None:
        annotations = self.window.annotations
        if not annotations.isEnabled():
            return
        chips = [
            annotations.tag_chips.itemAt(i).widget() for i in range(annotations.tag_chips.count())
        ]
        if chips and self.rng.random() < 0.6:
            chip = self.rng.choice(chips)
            assert isinstance(chip, QToolButton)
            chip.click()
            self.did("untagged")
            return
        annotations.tag_field.setText(self.rng.choice(TAGS))
        self.qtbot.keyClick(annotations.tag_field, Qt.Key.Key_Return)
        self.did("tagged")

    def switch_language(self) -> None:
        dutch = i18n.language() == "en"
        (self.window.act_dutch if dutch else self.window.act_english).trigger()
        self.wait()
        assert i18n.language() == ("nl" if dutch else "en")
        self.did("switched language")

    def sort(self) -> None:
        box = self.window.sort_box
        box.setCurrentIndex((box.currentIndex() + 1) % box.count())

    def clear_all(self) -> None:
        self.window.act_clear.trigger()

    def go_to_date(self) -> None:
        self.window.act_go_to_date.trigger()

    def export_png(self) -> None:
        self.controller.export("png")
        target = self.tmp_path / "view.png"
        assert target.is_file() and target.stat().st_size > 1000
        target.unlink()
        self.exports += 1

    def actions(self) -> list[tuple[int, Callable[[], None]]]:
        return [
            (8, self.zoom_in), (8, self.zoom_out), (10, self.pan), (3, self.fit_all),
            (5, self.back_or_forward), (8, self.step), (5, self.click_timeline),
            (12, self.type_search), (8, self.erase_search), (6, self.toggle_facet),
            (4, self.remove_chip), (3, self.brush), (2, self.clear_dates), (6, self.select_row),
            (3, self.bookmark), (3, self.note), (3, self.tag), (1, self.sort),
            (1, self.clear_all), (1, self.go_to_date),
        ]  # fmt: skip

    def run(self, count: int, on_warm: Callable[[], None]) -> None:
        weighted = self.actions()
        choices = [action for _w, action in weighted]
        weights = [w for w, _action in weighted]
        for n in range(1, count + 1):
            if n % EXPORT_EVERY == 0:
                action = self.export_png
            elif n % 997 == 0:
                action = self.switch_language
            else:
                action = self.rng.choices(choices, weights)[0]
            self.counts[action.__name__] = self.counts.get(action.__name__, 0) + 1
            action()
            QApplication.processEvents()
            if n == WARM_UP:
                on_warm()


@pytest.mark.slow
def test_ten_thousand_random_actions_leave_no_error_warning_or_leak(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_box(_parent: object, title: str, text: str, *_rest: object) -> None:
        raise AssertionError(f"unexpected message box: {title}: {text}")

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(no_box))
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(no_box))
    session = Session(qtbot, tmp_path)
    start = time.monotonic()
    warm: list[float] = []

    def settle() -> float:
        session.wait()
        session.window.annotations.flush()
        QApplication.processEvents()
        gc.collect()
        return rss_mb()

    try:
        session.run(ACTIONS, lambda: warm.append(settle()))
        after = settle()
        seconds = time.monotonic() - start
        library = session.lib.library
        bookmarks = library.bookmarks.event_ids()
        notes = sorted(n.body for n in library.notes.all())
        tags = {t.name for t in library.tags.all()}
    finally:
        session.k.close()
    print(
        f"\nsoak: {ACTIONS} actions in {seconds:.0f} s, RSS {warm[0]:.0f} MB after "
        f"{WARM_UP} -> {after:.0f} MB at the end (+{after - warm[0]:.1f} MB), "
        f"{session.exports} PNG exports, {len(bookmarks)} bookmarks, {len(notes)} notes; "
        f"{session.effects}"
    )
    # Every kind of action really happened, often.
    assert all(session.counts[a.__name__] >= 50 for _w, a in session.actions())
    assert session.exports == ACTIONS // EXPORT_EVERY
    assert set(session.effects) == EFFECTS and min(session.effects.values()) >= 5, session.effects
    assert after - warm[0] <= MAX_GROWTH_MB
    # What the session wrote is in the library on disk, and the file is sound.
    with Library(auto_backup=False) as again:
        assert again.bookmarks.event_ids() == bookmarks
        assert sorted(n.body for n in again.notes.all()) == notes
        assert {t.name for t in again.tags.all()} == tags
    conn = sqlite3.connect(default_library_path())
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
