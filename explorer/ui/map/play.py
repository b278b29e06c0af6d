"""The play control: moves the timeline's visible span through time, step by step.

It knows nothing about the timeline. Playing, it emits
:attr:`PlayControl.step_requested` with the step in days (a week by default)
at the chosen speed; the step buttons and the arrow keys emit one step back
or forward. The composition root connects the signal to the timeline's pan,
and calls :meth:`PlayControl.pause` when the span reaches the end.

Keys (with the control focused): Space or K plays and pauses, Left/Right or
J/L step, +/− change the speed.
"""

from __future__ import annotations

from babel.numbers import format_decimal
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeyEvent, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QStyle, QToolButton, QWidget

from explorer.i18n import _, babel_locale, ngettext

#: Steps per second the speed menu offers.
SPEEDS = (0.5, 1.0, 2.0, 4.0, 8.0)
#: Step sizes in days the step menu offers.
STEPS = (1, 7, 28)


class PlayControl(QWidget):
    """Play/pause, step back and forward, speed and step size."""

    step_requested = Signal(int)  # days to move the visible span; negative = back
    playing_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *, step_days: int = 7) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self.back_button = QToolButton(self)
        self.play_button = QToolButton(self)
        self.forward_button = QToolButton(self)
        self.speed_box = QComboBox(self)
        self.step_box = QComboBox(self)
        style = self.style()
        self.back_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekBackward))
        self.forward_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward))
        self.back_button.clicked.connect(self.step_back)
        self.forward_button.clicked.connect(self.step_forward)
        self.play_button.clicked.connect(self.toggle)
        self.speed_box.currentIndexChanged.connect(self._speed_changed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.back_button, self.play_button, self.forward_button):
            row.addWidget(w)
        row.addWidget(self.step_box)
        row.addWidget(self.speed_box)
        row.addStretch(1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.retranslate()
        self.speed_box.setCurrentIndex(SPEEDS.index(2.0))
        self.set_step_days(step_days)
        self._update_play_button()

    # -- state ---------------------------------------------------------------------------

    def is_playing(self) -> bool:
        return self._timer.isActive()

    def step_days(self) -> int:
        value = self.step_box.currentData()
        return int(value) if value is not None else 7

    def set_step_days(self, days: int) -> None:
        """Choose the step; a size the menu lacks is added to it."""
        index = self.step_box.findData(days)
        if index < 0:
            self.step_box.addItem(self._step_text(days), days)
            index = self.step_box.count() - 1
        self.step_box.setCurrentIndex(index)

    def speed(self) -> float:
        """Steps per second while playing."""
        return SPEEDS[max(self.speed_box.currentIndex(), 0)]

    def set_speed(self, steps_per_second: float) -> None:
        nearest = min(range(len(SPEEDS)), key=lambda k: abs(SPEEDS[k] - steps_per_second))
        self.speed_box.setCurrentIndex(nearest)

    def interval_ms(self) -> int:
        return round(1000 / self.speed())

    # -- actions -------------------------------------------------------------------------

    def play(self) -> None:
        if not self.is_playing():
            self._timer.start(self.interval_ms())
            self._update_play_button()
            self.playing_changed.emit(True)

    def pause(self) -> None:
        if self.is_playing():
            self._timer.stop()
            self._update_play_button()
            self.playing_changed.emit(False)

    def toggle(self) -> None:
        if self.is_playing():
            self.pause()
        else:
            self.play()

    def step_forward(self) -> None:
        self.step_requested.emit(self.step_days())

    def step_back(self) -> None:
        self.step_requested.emit(-self.step_days())

    def faster(self) -> None:
        self.speed_box.setCurrentIndex(min(self.speed_box.currentIndex() + 1, len(SPEEDS) - 1))

    def slower(self) -> None:
        self.speed_box.setCurrentIndex(max(self.speed_box.currentIndex() - 1, 0))

    def _tick(self) -> None:
        self.step_requested.emit(self.step_days())

    def _speed_changed(self, _index: int) -> None:
        if self.is_playing():
            self._timer.setInterval(self.interval_ms())

    # -- keyboard ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Space, Qt.Key.Key_K):
            self.toggle()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_L):
            self.step_forward()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_J):
            self.step_back()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.faster()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.slower()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # -- texts -----------------------------------------------------------------------------

    def _step_text(self, days: int) -> str:
        # Short: the box sits in a narrow pane; its name ("Step size") says what it is.
        if days % 7 == 0:
            weeks = days // 7
            return ngettext("{count} week", "{count} weeks", weeks).format(count=weeks)
        return ngettext("{count} day", "{count} days", days).format(count=days)

    def _update_play_button(self) -> None:
        playing = self.is_playing()
        icon = (
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        )
        self.play_button.setIcon(self.style().standardIcon(icon))
        text = _("Pause") if playing else _("Play through time")
        self.play_button.setToolTip(text + " (" + _("Space") + ")")
        self.play_button.setAccessibleName(text)

    def retranslate(self) -> None:
        self.setAccessibleName(_("Play through time"))
        self.back_button.setToolTip(_("Step back") + " (←)")
        self.back_button.setAccessibleName(_("Step back"))
        self.forward_button.setToolTip(_("Step forward") + " (→)")
        self.forward_button.setAccessibleName(_("Step forward"))
        self.speed_box.setAccessibleName(_("Speed"))
        self.speed_box.setToolTip(_("Speed") + " (+/−)")
        self.step_box.setAccessibleName(_("Step size"))
        self.step_box.setToolTip(_("Step size"))
        current_speed = self.speed_box.currentIndex()
        self.speed_box.blockSignals(True)
        self.speed_box.clear()
        for s in SPEEDS:
            number = format_decimal(s, locale=babel_locale())
            self.speed_box.addItem(_("{steps} steps/s").format(steps=number), s)
        self.speed_box.setCurrentIndex(max(current_speed, 0))
        self.speed_box.blockSignals(False)
        days = [int(self.step_box.itemData(k)) for k in range(self.step_box.count())] or list(STEPS)
        current_step = self.step_box.currentIndex()
        self.step_box.clear()
        for d in days:
            self.step_box.addItem(self._step_text(d), d)
        self.step_box.setCurrentIndex(max(current_step, 0))
        self._update_play_button()
