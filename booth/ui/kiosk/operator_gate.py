"""The only way from the guest's kiosk to the operator: a 3 s press in the top-left corner, then the PIN.

Nothing on screen hints at it. The PIN is checked against its salted hash (booth.pin) off the GUI thread,
never shown (dots only), never logged; wrong tries earn a rest that grows (1, 5, 15 min ...) and is kept in
the event folder, so a curious guest cannot just try them all, nor restart the booth to try again. The
panel itself locks after a few idle minutes (kiosk.operator_idle_lock_s), so an operator who walks away
does not leave it open to the next guest.
"""

from __future__ import annotations

import contextlib
import logging
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from booth import pin
from booth.settings import Settings, config_path
from booth.ui.kiosk.screens.base import button, label
from booth.workers import submit_cpu

log = logging.getLogger(__name__)

HOLD_MS = 3000
CORNER_PX = 140
KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "C", "0", "OK")
_INPUT = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove,
                    QEvent.Type.Wheel, QEvent.Type.KeyPress, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate})


class CornerHold(QObject):
    """Event filter for the kiosk window: emits `held()` after a press held `HOLD_MS` in the corner."""

    held = Signal()

    def __init__(self, window: QWidget, hold_ms: int = HOLD_MS) -> None:
        super().__init__(window)
        self.window = window
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self.held.emit)

    def _in_corner(self, global_pos: QPointF) -> bool:
        local = self.window.mapFromGlobal(global_pos.toPoint())
        return QRect(0, 0, CORNER_PX, CORNER_PX).contains(local)

    def press(self, global_pos: QPointF) -> None:
        if self._in_corner(global_pos):
            self._timer.start()

    def release(self) -> None:
        self._timer.stop()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick) and isinstance(event, QMouseEvent):
            self.press(event.globalPosition())
        elif kind == QEvent.Type.TouchBegin and isinstance(event, QTouchEvent) and event.points():
            self.press(event.points()[0].globalPosition())
        else:
            ended = kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel)
            slid_out = (kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent) and self._timer.isActive()
                        and not self._in_corner(event.globalPosition()))
            if ended or slid_out:
                self.release()
        return False


def operator_pin(settings: Settings, event_dir: Path | None = None) -> pin.OperatorPin:
    """The kiosk's PIN: BOOTH_PIN or the settings file's (already hashed), else the hash file's.

    Reads two tiny files once at start, before any guest is served. A hash file that holds something
    else counts as no PIN (the kiosk asks for one) and is logged, so the operator is never locked out.
    """
    kiosk = settings.kiosk
    file = kiosk.operator_pin_file or pin.hash_file_for(config_path())
    hashed = kiosk.operator_pin.get_secret_value() if kiosk.operator_pin is not None else None
    if hashed is None:
        try:
            hashed = pin.read_hash(file)
        except (OSError, ValueError) as exc:
            log.warning("no usable operator PIN: %s", exc)
    folder = event_dir or settings.event.dir
    return pin.OperatorPin(hashed, file, pin.Lockout(folder / pin.LOCKOUT_FILE))


class _Relay(QObject):
    """Hands a worker's answer to the GUI thread (a queued signal: the receiver lives there)."""

    done = Signal(object)


def _run(relay: _Relay, work: Callable[[], object]) -> None:
    try:
        result = work()
    except Exception as exc:  # handed over as the answer: the GUI words it
        result = exc
    with contextlib.suppress(RuntimeError):  # the widget that asked is gone (the kiosk closed)
        relay.done.emit(result)


def off_gui(owner: QObject, work: Callable[[], object], on_done: Callable[[Any], object]) -> None:
    """Run `work` on the CPU pool (scrypt is slow on purpose; files are I/O) and `on_done` on the GUI thread."""
    relay = _Relay(owner)
    relay.done.connect(on_done)
    relay.done.connect(relay.deleteLater)
    submit_cpu(_run, relay, work)


class Overlay(QWidget):
    """A full-window layer over the kiosk that keeps covering it when the window is resized."""

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        parent.installEventFilter(self)
        self.hide()

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if parent is not None and obj is parent and event.type() == QEvent.Type.Resize and not self.isHidden():
            self.setGeometry(parent.rect())
        return False


class Keypad(QWidget):
    """Ten digits, C and OK with big round keys, and dots for what was typed. Signals `submitted(str)`.

    Keys are named `<prefix>_<key>` (pin_key_5, pin_key_OK) so two pads in one window stay apart.
    """

    submitted = Signal(str)

    def __init__(self, prefix: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(f"{prefix}_pad")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # never squeeze the keys
        self._entered = ""
        self.dots = label(self, "PinDots", wrap=False)
        grid = QGridLayout()
        grid.setSpacing(20)
        for i, key in enumerate(KEYS):
            btn = button(self, f"{prefix}_{key}", "key")
            btn.setText(key)
            btn.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(btn, i // 3, i % 3)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(24)
        lay.addWidget(self.dots)
        lay.addLayout(grid)
        self.clear()

    def press(self, key: str) -> None:
        if key == "C":
            self._entered = ""
        elif key == "OK":
            entered, self._entered = self._entered, ""
            if entered:
                self.submitted.emit(entered)
        elif len(self._entered) < pin.MAX_DIGITS:
            self._entered += key
        self.dots.setText("●" * len(self._entered) or " ")

    def clear(self) -> None:
        self._entered = ""
        self.dots.setText(" ")


def pin_card(parent: QWidget) -> tuple[QWidget, QVBoxLayout]:
    card = QWidget(parent)
    card.setObjectName("PinCard")
    card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    inner = QVBoxLayout(card)
    inner.setContentsMargins(56, 48, 56, 48)
    inner.setSpacing(24)
    outer = QVBoxLayout(parent)
    outer.addWidget(card, 0, Qt.AlignmentFlag.AlignCenter)
    return card, inner


class PinPad(Overlay):
    """The keypad asking for the operator PIN. Signals `accepted()`, `cancelled()`."""

    accepted = Signal()
    cancelled = Signal()

    def __init__(self, gate: pin.OperatorPin, parent: QWidget) -> None:
        super().__init__("PinPad", parent)
        self.gate = gate
        self.busy = False  # a typed PIN is being checked (scrypt, the lockout file)
        card, inner = pin_card(self)
        self.title: QLabel = label(card, "Subtitle")
        self.keypad = Keypad("pin_key", card)
        self.keypad.submitted.connect(self._submit)
        self.dots = self.keypad.dots
        self.cancel_button = button(card, "pin_cancel", "ghost")
        self.cancel_button.clicked.connect(self.cancel)
        inner.addWidget(self.title)
        inner.addWidget(self.keypad)
        inner.addWidget(self.cancel_button)
        self._retranslate()

    def open(self) -> None:
        if not self.gate.is_set:  # the first-start screen asks for a PIN; there is nothing to check yet
            return
        self.keypad.clear()
        self._retranslate()
        self.cover()
        off_gui(self, self.gate.lockout.wait_s, self._show_rest)  # still resting from wrong tries?

    def press(self, key: str) -> None:
        self.keypad.press(key)

    def _submit(self, entered: str) -> None:
        if self.busy:
            return
        self.busy = True
        self.keypad.setEnabled(False)
        off_gui(self, lambda: self.gate.attempt(entered), self._answered)

    @Slot(object)
    def _answered(self, answer: object) -> None:
        self.busy = False
        self.keypad.setEnabled(True)
        if isinstance(answer, pin.Attempt) and answer.right:
            self.hide()
            self.accepted.emit()
            return
        if isinstance(answer, Exception):
            log.warning("the PIN check failed: %s", answer)
        wait = answer.wait_s if isinstance(answer, pin.Attempt) else 0.0
        if not self._show_rest(wait):
            self.title.setText(self.tr("Wrong PIN, try again"))

    @Slot(object)
    def _show_rest(self, wait: object) -> bool:
        """Say how long the pad still rests; False when it does not."""
        if not isinstance(wait, float) or wait <= 0:
            return False
        minutes = max(1, math.ceil(wait / 60))
        self.title.setText(self.tr("Locked after wrong tries: try again in {n} min").format(n=minutes))
        return True

    def cancel(self) -> None:
        self.keypad.clear()
        self.hide()
        self.cancelled.emit()

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Operator PIN"))
        self.cancel_button.setText(self.tr("Cancel"))


class PanelIdleLock(QObject):
    """Closes the operator panel after `idle_s` with no touch or key on it: the PIN is asked again.

    Watches the application's events (like the InputGuard): the panel's Show starts the clock, any input
    on the panel or its dialogs restarts it, Hide stops it. Signals `expired()`.
    """

    expired = Signal()

    def __init__(self, idle_s: float, panel: Callable[[], QWidget | None], parent: QWidget) -> None:
        super().__init__(parent)
        self._panel = panel
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(idle_s * 1000))
        self._timer.timeout.connect(self._timed_out)
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # Qt drops a deleted filter by itself

    def _on_panel(self, obj: QObject, panel: QWidget) -> bool:
        widget: QObject | None = obj
        while widget is not None:
            if widget is panel:
                return True
            widget = widget.parent()
        return False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _INPUT or kind in (QEvent.Type.Show, QEvent.Type.Hide):
            panel = self._panel()
            if panel is not None and obj is panel and kind == QEvent.Type.Hide:
                self._timer.stop()
            elif panel is not None and self._on_panel(obj, panel) and panel.isVisible():
                self._timer.start()
        return False

    def _timed_out(self) -> None:
        panel = self._panel()
        if panel is not None and panel.isVisible():
            log.info("operator panel locked after %.0f s without a touch", self._timer.interval() / 1000)
            self.expired.emit()
