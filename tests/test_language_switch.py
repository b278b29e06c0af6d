"""Switching language re-reads every text of the window, in both directions.

A person picks View › Language › Nederlands and expects no English left on
screen: menus, buttons, tooltips, placeholders, accessible names, headers,
facet titles, the detail view, the status bar, numbers and the month names on
the time axis. Each test walks the whole widget tree and reports any text that
is still the English source of a catalogue entry whose Dutch translation
differs (a widget that did not re-read its text), then switches back and
checks the reverse. Qt's own dialogs follow too (``qtbase_nl.qm``), the first
start follows the system locale, and the choice is remembered.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import open_window
from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QLibraryInfo,
    QPointF,
    Qt,
    QTranslator,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from explorer import i18n, paths
from explorer.app import Kroniek
from explorer.cli import build_parser
from explorer.ui import settings as keys
from explorer.ui.help import HelpDialog
from explorer.ui.mainwindow import MainWindow
from explorer.ui.settings import Settings

NL_PO = paths.translations_dir() / "nl" / "LC_MESSAGES" / "kroniek.po"
ENGLISH_MONTHS = re.compile(
    r"\b(January|February|March|April|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
)
# Only the names that differ from English (april, september … are the same).
DUTCH_MONTHS = re.compile(r"\b(januari|februari|maart|mei|juni|juli|augustus|oktober|mrt|okt)\b")


# -- the catalogue as patterns -------------------------------------------------------


def normalise(text: str) -> str:
    """What a person reads: no mnemonic ``&``, no trailing ellipsis, single spaces."""
    text = re.sub(r"&(?!&)", "", text).replace("&&", "&")
    text = re.sub(r"(…|\.\.\.)$", "", text.strip())
    return " ".join(text.split())


#: Placeholders that always hold a number ("{n} events" must not match "Bookmark event").
NUMBERS = {"n", "count", "total", "shown", "added", "updated", "skipped", "line", "col"}


def pattern(message: str) -> tuple[re.Pattern[str], int]:
    """A regex for *message* with each ``{field}`` matching any text, and its literal size."""
    text = normalise(message)
    parts = re.split(r"\{[^{}]*\}", text)
    names = re.findall(r"\{([^{}!:]*)[^{}]*\}", text)
    body = re.escape(parts[0])
    for name, literal in zip(names, parts[1:], strict=True):
        body += (r"[\d.,\u202f\xa0]+" if name in NUMBERS else "(.+?)") + re.escape(literal)
    return re.compile(body, re.DOTALL), sum(len(p.strip()) for p in parts)


class Stale:
    """Texts of one language that must not be on screen in the other."""

    def __init__(self, wrong: set[str], right: set[str]) -> None:
        self.full: list[tuple[str, re.Pattern[str]]] = []
        self.inside: list[tuple[str, re.Pattern[str]]] = []
        others = {normalise(t) for t in right}
        for message in sorted(wrong):
            if normalise(message) in others or not normalise(message):
                continue  # the same text in both languages ("Filters", "&Help")
            regex, literal = pattern(message)
            if literal == 0:
                continue
            self.full.append((message, regex))
            if literal >= 12:
                # Long enough to look for inside a paragraph (the detail view).
                edge = re.compile(r"(?<!\w)" + regex.pattern + r"(?!\w)", re.DOTALL)
                self.inside.append((message, edge))

    def find(self, text: str) -> str | None:
        """The catalogue text that *text* still shows, if any."""
        shown = normalise(text)
        if not shown:
            return None
        for message, regex in self.full:
            if regex.fullmatch(shown):
                return message
        for message, regex in self.inside:
            if regex.search(shown):
                return message
        return None


@pytest.fixture(scope="module")
def catalogue_texts() -> dict[str, Stale]:
    with NL_PO.open("rb") as handle:
        catalog = read_po(handle, locale="nl")
    english: set[str] = set()
    dutch: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strs = [message.string] if isinstance(message.string, str) else list(message.string)
        if not all(strs):
            continue  # untranslated: test_translations.py reports it
        english.update(ids)
        dutch.update(strs)
    return {"nl": Stale(english, dutch), "en": Stale(dutch, english)}


# -- walking the window ------------------------------------------------------------


def _name(widget: QWidget) -> str:
    return (
        f"{type(widget).__name__}({widget.objectName()})"
        if widget.objectName()
        else type(widget).__name__
    )


def _tree_texts(tree: QTreeWidget, where: str) -> Iterator[tuple[str, str]]:
    header = tree.headerItem()
    for column in range(tree.columnCount()):
        yield f"{where} header", header.text(column)
    stack: list[QTreeWidgetItem] = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        for column in range(tree.columnCount()):
            yield f"{where} item", item.text(column)
            yield f"{where} item tooltip", item.toolTip(column)
        stack.extend(item.child(j) for j in range(item.childCount()))


def widget_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """Every text a person can see or hear for *widget* itself."""
    where = _name(widget)
    yield f"{where} tooltip", widget.toolTip()
    yield f"{where} accessible name", widget.accessibleName()
    yield f"{where} accessible description", widget.accessibleDescription()
    yield f"{where} status tip", widget.statusTip()
    yield f"{where} what's this", widget.whatsThis()
    yield f"{where} window title", widget.windowTitle()
    if isinstance(widget, (QLabel, QAbstractButton)):
        yield f"{where} text", widget.text()
    if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
        yield f"{where} placeholder", widget.placeholderText()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        yield f"{where} text", widget.toPlainText()
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield f"{where} item {i}", widget.itemText(i)
    if isinstance(widget, QMenu):
        yield f"{where} title", widget.title()
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield f"{where} tab {i}", widget.tabText(i)
            yield f"{where} tab {i} tooltip", widget.tabToolTip(i)
    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield f"{where} tab {i}", widget.tabText(i)
    if isinstance(widget, QGroupBox):
        yield f"{where} title", widget.title()
    if isinstance(widget, QTreeWidget):
        yield from _tree_texts(widget, where)
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
        for column in range(columns):
            yield (
                f"{where} header {column}",
                str(model.headerData(column, Qt.Orientation.Horizontal) or ""),
            )
        for row in range(min(model.rowCount(), 50)):
            for column in range(columns):
                index = model.index(row, column)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    yield f"{where} row {row}", str(model.data(index, role) or "")


def action_texts(action: QAction) -> Iterator[tuple[str, str]]:
    where = f"QAction({action.text()!r})"
    yield f"{where} text", action.text()
    yield f"{where} tooltip", action.toolTip()
    yield f"{where} status tip", action.statusTip()
    yield f"{where} icon text", action.iconText()
    yield f"{where} what's this", action.whatsThis()


def timeline_tooltips(window: MainWindow) -> Iterator[tuple[str, str]]:
    """The hover texts of a grid of points over the timeline (events and clusters)."""
    timeline = window.timeline
    for y in range(10, timeline.height(), 12):
        for x in range(5, timeline.width(), 25):
            text = timeline.tooltip_at(QPointF(x, y))
            if text:
                yield f"timeline hover at {x},{y}", text


def all_texts(window: MainWindow) -> list[tuple[str, str]]:
    texts = [("window title", window.windowTitle())]
    texts.append(("status bar message", window.statusBar().currentMessage()))
    for widget in [window, *window.findChildren(QWidget)]:
        texts.extend(widget_texts(widget))
    for action in window.findChildren(QAction):
        texts.extend(action_texts(action))
    model = window.results.model()
    for row in range(min(model.rowCount(), 200)):
        for column in range(model.columnCount()):
            texts.append((f"result row {row}", str(model.data(model.index(row, column)) or "")))
            tip = model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
            texts.append((f"result row {row} tooltip", str(tip or "")))
    texts.extend(timeline_tooltips(window))
    return [(where, text) for where, text in texts if text and text.strip()]


def date_texts(window: MainWindow) -> list[tuple[str, str]]:
    """Texts made of dates (month names must follow the language)."""
    axis = window.timeline.current_layout().axis
    texts = [("axis tick", t.label) for t in axis.ticks]
    texts += [("axis context", c.label) for c in axis.context]
    model = window.results.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        texts.append((f"date column row {row}", str(model.data(index) or "")))
        tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
        texts.append((f"date column row {row} tooltip", str(tip or "")))
    texts += [("filter chip", label) for label in window.facets.chip_labels()]
    # The description ends with the selected event's title, which is Dutch article text.
    description = re.split(r"\. (Selected|Gekozen): ", window.timeline.accessibleDescription())
    texts.append(("timeline description", description[0]))
    texts.append(("overview description", window.overview.accessibleDescription()))
    first_line = window.detail.plain_text().strip().splitlines()[:1]
    texts += [("detail date line", line) for line in first_line]
    return texts


def leftovers(texts: list[tuple[str, str]], stale: Stale) -> list[str]:
    found = []
    for where, text in texts:
        message = stale.find(text)
        if message is not None:
            found.append(f"  {where}: {text[:100]!r} is still {message!r}")
    return sorted(set(found))


# -- the window ----------------------------------------------------------------------


def parts(k: Kroniek) -> tuple[MainWindow, Kroniek]:
    return k.window, k


def language_action(window: MainWindow, lang: str) -> QAction:
    """The View › Language entry for *lang*, found the way a person finds it."""
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu) or menu is not window.view_menu:
            continue
        for entry in menu.actions():
            sub = entry.menu()
            if isinstance(sub, QMenu) and sub is window.language_menu:
                for action in sub.actions():
                    if action.data() == lang:
                        return action
    raise AssertionError(f"no View › Language entry for {lang!r}")


def switch(qtbot: QtBot, k: Kroniek, lang: str) -> None:
    window, app = parts(k)
    with qtbot.waitSignal(app.session.search_finished, timeout=10000):
        language_action(window, lang).trigger()
    qtbot.waitUntil(lambda: not app.session.busy())
    assert i18n.language() == lang


def remove_qt_translators() -> None:
    """Take Qt's catalogues off the application so no test leaks Dutch dialogs."""
    app = QApplication.instance()
    assert app is not None
    for translator in app.findChildren(QTranslator):
        app.removeTranslator(translator)
        translator.setParent(None)


@pytest.fixture(autouse=True)
def _english_qt(qapp: QApplication) -> Iterator[None]:
    remove_qt_translators()
    yield
    remove_qt_translators()


def start(qtbot: QtBot, lang: str | None) -> Kroniek:
    return open_window(qtbot, lang)


def finish(k: Kroniek) -> None:
    """Quit as a person does: close the window (saving settings), then stop."""
    window, _app = parts(k)
    window.close()
    k.close()


@pytest.fixture
def kroniek(qtbot: QtBot) -> Iterator[Kroniek]:
    k = start(qtbot, "en")
    yield k
    finish(k)


def filter_and_select(qtbot: QtBot, k: Kroniek) -> None:
    """A realistic screen: a category filter, a date range, an event being read."""
    window, app = parts(k)
    item = window.facets.find_item("category", "naval")
    assert item is not None
    with qtbot.waitSignal(app.session.search_finished, timeout=10000):
        item.setCheckState(0, Qt.CheckState.Checked)
    with qtbot.waitSignal(app.session.search_finished, timeout=10000):
        window.timeline.range_brushed.emit(date(2022, 2, 1), date(2023, 12, 31))
    assert app.model.rowCount() > 0
    for row in range(app.model.rowCount()):
        event_id = app.model.event_id(row)
        event = app.store.event(event_id)
        if event and len(app.store.context(event)) > 1 and app.store.entities(event_id):
            app.session.select(event_id)
            break
    assert app.session.selected, "no naval event with article context and places"
    window.timeline.set_view(date(2022, 1, 1).toordinal(), date(2022, 7, 1).toordinal())


# -- the tests -----------------------------------------------------------------------


def test_switching_to_dutch_leaves_no_english_text_and_back_again(
    qtbot: QtBot, kroniek: Kroniek, catalogue_texts: dict[str, Stale]
) -> None:
    window, _app = parts(kroniek)
    filter_and_select(qtbot, kroniek)
    english = all_texts(window)
    assert ("window title", "Kroniek — the Russian invasion of Ukraine") in english
    assert not leftovers(english, catalogue_texts["en"]), "Dutch text in the English window"

    switch(qtbot, kroniek, "nl")
    dutch = all_texts(window)
    stale = leftovers(dutch, catalogue_texts["nl"])
    assert not stale, "English left after switching to Dutch:\n" + "\n".join(stale)
    # The walk saw the places that matter, in Dutch.
    seen = {text for _where, text in dutch}
    assert "Kroniek — de Russische invasie van Oekraïne" in seen
    assert {"&Bestand", "Be&eld", "&Ga naar", "&Help"} <= seen
    assert {"Datum", "Gebeurtenis"} <= seen  # the result list's header
    assert "Categorie" in seen  # a facet title
    assert any("gevonden" in text or "gebeurtenissen" in text for text in seen)
    detail = window.detail.plain_text()
    assert "Sectie:" in detail and "In het artikel" in detail and "Bron:" in detail

    switch(qtbot, kroniek, "en")
    back = all_texts(window)
    stale = leftovers(back, catalogue_texts["en"])
    assert not stale, "Dutch left after switching back to English:\n" + "\n".join(stale)
    assert "&File" in {text for _where, text in back}
    assert "In the article" in window.detail.plain_text()


def test_dates_and_axis_month_names_follow_the_language(qtbot: QtBot, kroniek: Kroniek) -> None:
    window, _app = parts(kroniek)
    filter_and_select(qtbot, kroniek)
    axis = window.timeline.current_layout().axis
    assert axis.ticks, "no ticks on the axis for the first half of 2022"
    english_axis = " ".join([t.label for t in axis.ticks] + [c.label for c in axis.context])
    assert ENGLISH_MONTHS.search(english_axis), english_axis
    wrong = [f"{w}: {t!r}" for w, t in date_texts(window) if DUTCH_MONTHS.search(t)]
    assert not wrong, "Dutch month names in English:\n" + "\n".join(wrong)

    switch(qtbot, kroniek, "nl")
    axis = window.timeline.current_layout().axis
    dutch_axis = " ".join([t.label for t in axis.ticks] + [c.label for c in axis.context])
    assert DUTCH_MONTHS.search(dutch_axis), dutch_axis
    wrong = [f"{w}: {t!r}" for w, t in date_texts(window) if ENGLISH_MONTHS.search(t)]
    assert not wrong, "English month names in Dutch:\n" + "\n".join(wrong)
    assert DUTCH_MONTHS.search(" ".join(label for label in window.facets.chip_labels()))

    switch(qtbot, kroniek, "en")
    axis = window.timeline.current_layout().axis
    english_again = " ".join([t.label for t in axis.ticks] + [c.label for c in axis.context])
    assert english_again == english_axis


def test_status_bar_counts_use_the_languages_digit_grouping(qtbot: QtBot, kroniek: Kroniek) -> None:
    window, app = parts(kroniek)
    shown = app.presenter.total
    assert shown < 1000
    switch(qtbot, kroniek, "nl")
    assert window.status_counts.text() == f"{shown} gebeurtenissen"
    app.presenter.total = 1234  # as if the database held a thousand events more
    switch(qtbot, kroniek, "en")
    assert window.status_counts.text() == "1,234 events"
    switch(qtbot, kroniek, "nl")
    assert window.status_counts.text() == "1.234 gebeurtenissen"
    with qtbot.waitSignal(app.session.search_finished, timeout=10000):
        window.search_field.setText("Kharkiv")
    qtbot.waitUntil(lambda: app.session.query.text == "Kharkiv" and not app.session.busy())
    found = app.model.rowCount()
    assert 0 < found < shown
    assert window.status_counts.text() == f"{found} van 1.234 gebeurtenissen gevonden"
    switch(qtbot, kroniek, "en")
    assert window.status_counts.text() == f"{found} of 1,234 events match"


def test_help_dialogs_open_in_dutch(
    qtbot: QtBot, kroniek: Kroniek, catalogue_texts: dict[str, Stale]
) -> None:
    window, _app = parts(kroniek)
    switch(qtbot, kroniek, "nl")
    titles = {}
    for page in ("shortcuts", "guide", "about"):
        dialog = HelpDialog(page, window)
        qtbot.addWidget(dialog)
        texts = [t for w in [dialog, *dialog.findChildren(QWidget)] for t in widget_texts(w)]
        stale = leftovers([(f"{page}: {w}", t) for w, t in texts], catalogue_texts["nl"])
        assert not stale, "English in a Dutch help page:\n" + "\n".join(stale)
        titles[page] = dialog.windowTitle()
        close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
        assert close.text() == "Sluiten"  # Qt's own button, from qtbase_nl.qm
    assert titles == {"shortcuts": "Sneltoetsen", "guide": "Handleiding", "about": "Over Kroniek"}


def test_qt_standard_buttons_speak_dutch_after_the_switch(qtbot: QtBot, kroniek: Kroniek) -> None:
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert (folder / "qtbase_nl.qm").is_file(), f"PySide6 ships no qtbase_nl.qm in {folder}"

    def cancel() -> tuple[str, str]:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        button = box.button(QDialogButtonBox.StandardButton.Cancel)
        return QCoreApplication.translate("QPlatformTheme", "Cancel"), button.text()

    assert cancel() == ("Cancel", "Cancel")
    switch(qtbot, kroniek, "nl")
    assert cancel() == ("Annuleren", "Annuleren")
    switch(qtbot, kroniek, "en")
    assert cancel() == ("Cancel", "Cancel")


# -- which language at start ---------------------------------------------------------


@pytest.fixture
def no_locale(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LANG": "nl"}, "nl"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LC_ALL": "nl_NL.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "nl_NL.UTF-8"}, "en"),
        ({"LC_MESSAGES": "nl_NL.UTF-8", "LANG": "en_GB.UTF-8"}, "nl"),
        ({"LANGUAGE": "nl:en"}, "nl"),
    ],
)
def test_the_system_language_is_dutch_only_for_a_dutch_locale(
    no_locale: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for var, value in env.items():
        no_locale.setenv(var, value)
    assert i18n.system_language() == expected


@pytest.mark.parametrize(("code", "expected"), [("nl_NL", "nl"), ("en_US", "en"), (None, "en")])
def test_without_locale_variables_the_process_locale_decides(
    no_locale: pytest.MonkeyPatch, code: str | None, expected: str
) -> None:
    no_locale.setattr("locale.getlocale", lambda *_a: (code, "UTF-8"))
    assert i18n.system_language() == expected


def test_the_first_start_follows_a_dutch_system_locale(
    qtbot: QtBot, no_locale: pytest.MonkeyPatch
) -> None:
    no_locale.setenv("LANG", "nl_NL.UTF-8")
    assert Settings().get(keys.LANGUAGE) == ""  # a first start: nothing remembered
    k = start(qtbot, None)
    window, _app = parts(k)
    assert i18n.language() == "nl"
    assert window.file_menu.title() == "&Bestand"
    assert language_action(window, "nl").isChecked()
    finish(k)


def test_the_chosen_language_is_remembered_and_lang_overrides_it(
    qtbot: QtBot, no_locale: pytest.MonkeyPatch
) -> None:
    no_locale.setenv("LANG", "en_GB.UTF-8")
    first = start(qtbot, None)
    window, _app = parts(first)
    assert i18n.language() == "en" and window.file_menu.title() == "&File"
    switch(qtbot, first, "nl")
    finish(first)  # quitting saves the settings

    i18n.set_language("en")  # a new process would start from nothing
    second = start(qtbot, None)
    again, _controller = parts(second)
    assert i18n.language() == "nl"
    assert again.file_menu.title() == "&Bestand"
    assert language_action(again, "nl").isChecked()
    finish(second)

    args = build_parser().parse_args(["--lang", "en"])
    third = start(qtbot, args.lang)
    window, _app = parts(third)
    assert i18n.language() == "en" and window.file_menu.title() == "&File"
    assert Settings().get(keys.LANGUAGE) == "nl"  # --lang is for this run only
    finish(third)


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&\s])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


@pytest.mark.parametrize(
    "lang",
    [
        "en",
        "nl",
    ],
)
def test_menu_accelerators_do_not_clash(qtbot: QtBot, kroniek: Kroniek, lang: str) -> None:
    """Alt+letter must reach one entry per menu, in both languages."""
    window, _app = parts(kroniek)
    if lang != "en":
        switch(qtbot, kroniek, lang)
    menus: list[tuple[str, list[QAction]]] = [("menu bar", window.menuBar().actions())]
    menus += [(normalise(m.title()), m.actions()) for m in window.findChildren(QMenu)]
    clashes = []
    for name, actions in menus:
        seen: dict[str, str] = {}
        for action in actions:
            if action.isSeparator() or not action.isVisible():
                continue
            letter = mnemonic(action.text())
            if letter is None:
                continue
            if letter in seen:
                clashes.append(f"  {name}: {seen[letter]!r} and {action.text()!r} share &{letter}")
            seen[letter] = action.text()
    assert not clashes, f"Accelerator clashes in {lang}:\n" + "\n".join(clashes)
