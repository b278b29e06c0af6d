"""The window's panes: what can be shown, hidden and cycled through with F6.

A pane is a part of the window with a key, its widget, a title and a
shortcut: the search bar, the side panel, the timeline, the result list, the
detail view, the map dock -- and the reading pane as it arrives. The window
places each pane's widget in its layout (or a dock) and registers it here with
:meth:`Panes.add`; from then on the pane has

* a checkable action in *View › Panes* (with its shortcut) that shows or
  hides it, when it may be hidden -- or the action it brings (the map dock's
  Ctrl+M in *View*);
* a stop in the F6 / Shift+F6 cycle, in registration order, visible panes
  only; the cycle focuses the pane's ``focus`` widget (or the first control in
  it);
* a place in the keyboard's Tab order: the panes' controls follow each other
  in registration order (:meth:`Panes.tab`, which the window's Tab calls);
* an entry in the session: :meth:`hidden` names the hidden panes for the
  settings, :meth:`restore_hidden` hides them again on the next start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QMenu,
    QTabWidget,
    QWidget,
)


@dataclass
class Pane:
    """One part of the window (see the module's docstring)."""

    key: str
    widget: QWidget
    #: The pane's name in the active language (called again after a language switch).
    title: Callable[[], str]
    #: Shows or hides the pane ("" for none); only for panes that may be hidden.
    shortcut: str = ""
    #: What F6 focuses; by default the first control of the pane.
    focus: QWidget | None = None
    can_hide: bool = True
    #: The pane's show/hide action when it brings its own (a dock's toggle
    #: action, already in a menu); otherwise :meth:`Panes.add` makes one.
    action: QAction | None = None


def _tab_stops(root: QWidget) -> list[QWidget]:
    """The controls inside *root* that Tab should stop at, in reading order.

    Children come in the order they were added to their layouts; a compound
    control (combo box, spin box, scroll area) is one stop, its insides are not.
    """
    stops: list[QWidget] = []

    def walk(widget: QWidget) -> None:
        policy = widget.focusPolicy()
        if widget.focusProxy() is None and policy & Qt.FocusPolicy.TabFocus:
            stops.append(widget)
            if isinstance(widget, QComboBox | QAbstractSpinBox | QAbstractScrollArea):
                return
        children = [c for c in widget.children() if isinstance(c, QWidget) and not c.isWindow()]
        if isinstance(widget, QTabWidget):
            # Its tabs come before the page they show (Qt creates the page stack first).
            children.sort(key=lambda c: c is not widget.tabBar())
        for child in children:
            walk(child)

    walk(root)
    return stops


class Panes(QObject):
    """The window's panes, in the order of F6 and of Tab."""

    #: A pane was shown or hidden (its key, and whether it is visible now).
    visibility_changed = Signal(str, bool)

    def __init__(self, window: QWidget, menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self.menu = menu
        self._panes: list[Pane] = []

    def add(self, pane: Pane) -> Pane:
        """Register *pane* (its widget already placed in the window's layout)."""
        self._panes.append(pane)
        if pane.can_hide and pane.action is not None:
            # Its own action shows and hides it; the session still hears of it.
            pane.action.toggled.connect(
                lambda on, key=pane.key: self.visibility_changed.emit(key, on)
            )
        elif pane.can_hide:
            action = QAction(self._window)
            action.setCheckable(True)
            action.setChecked(True)
            if pane.shortcut:
                action.setShortcut(QKeySequence(pane.shortcut))
            action.toggled.connect(lambda on, key=pane.key: self.set_visible(key, on))
            self._window.addAction(action)
            self.menu.addAction(action)
            pane.action = action
        self.retranslate()
        return pane

    def __iter__(self) -> Iterator[Pane]:
        return iter(self._panes)

    def get(self, key: str) -> Pane:
        return next(p for p in self._panes if p.key == key)

    def keys(self) -> list[str]:
        return [p.key for p in self._panes]

    def retranslate(self) -> None:
        for pane in self._panes:
            if pane.action is not None:
                pane.action.setText(pane.title())

    # -- showing and hiding ----------------------------------------------------
    def is_visible(self, key: str) -> bool:
        return not self.get(key).widget.isHidden()

    def set_visible(self, key: str, visible: bool) -> None:
        pane = self.get(key)
        if not pane.can_hide or pane.widget.isHidden() != visible:
            return
        focused = QApplication.focusWidget()
        had_focus = focused is not None and pane.widget.isAncestorOf(focused)
        pane.widget.setVisible(visible)
        if pane.action is not None and pane.action.isChecked() != visible:
            pane.action.setChecked(visible)
        if visible:
            self.focus(key)
        elif had_focus:
            self.cycle(True)
        self.visibility_changed.emit(key, visible)

    def hidden(self) -> list[str]:
        """The keys of the hidden panes (for the settings)."""
        return [p.key for p in self._panes if p.can_hide and p.widget.isHidden()]

    def restore_hidden(self, keys: list[str]) -> None:
        """Hide the panes named in *keys* (from the settings); show the others."""
        for pane in self._panes:
            if pane.can_hide:
                pane.widget.setVisible(pane.key not in keys)
                if pane.action is not None:
                    pane.action.setChecked(pane.key not in keys)

    # -- focus -----------------------------------------------------------------
    def _visible(self) -> list[Pane]:
        return [p for p in self._panes if p.widget.isVisibleTo(self._window)]

    def focus_target(self, pane: Pane) -> QWidget | None:
        if pane.focus is not None and pane.focus.isVisibleTo(self._window):
            return pane.focus
        for stop in _tab_stops(pane.widget):
            if stop.isEnabled() and stop.isVisibleTo(self._window):
                return stop
        return None

    def focus(self, key: str) -> None:
        target = self.focus_target(self.get(key))
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def current(self) -> Pane | None:
        """The pane that holds the keyboard focus."""
        widget = QApplication.focusWidget()
        for pane in self._panes:
            if widget is not None and (widget is pane.widget or pane.widget.isAncestorOf(widget)):
                return pane
        return None

    def cycle(self, forward: bool) -> None:
        """Focus the next (previous) visible pane: F6 and Shift+F6."""
        panes = self._visible()
        if not panes:
            return
        here = self.current()
        start = panes.index(here) if here in panes else (-1 if forward else 0)
        for step in range(1, len(panes) + 1):
            pane = panes[(start + (step if forward else -step)) % len(panes)]
            target = self.focus_target(pane)
            if target is not None:
                target.setFocus(
                    Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
                )
                return

    def tab(self, forward: bool) -> bool:
        """Move the focus to the next (previous) control, pane after pane: Tab and
        Shift+Tab. The stops are worked out at each press, so controls made later
        (a tag's chip, a note) and hidden panes are always right. False when the
        focus is not in a pane (Qt's own order then applies)."""
        window = self._window
        stops = [
            w
            for pane in self._visible()
            for w in _tab_stops(pane.widget)
            if w.isVisibleTo(window) and w.isEnabled()
        ]
        here = QApplication.focusWidget()
        while here is not None and here not in stops:
            here = here.parentWidget()
        if not stops or here is None:
            return False
        target = stops[(stops.index(here) + (1 if forward else -1)) % len(stops)]
        reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        return True
