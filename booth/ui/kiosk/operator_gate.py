"""The only way from the guest's kiosk to the operator: a 3 s press in the top-left corner, then the PIN.

Nothing on screen hints at it. The PIN is compared in constant time, never shown (dots only), never
logged; after a few wrong tries the pad rests for a while so a curious guest cannot just try them all.
"""

from __future__ import annotations

import hmac
import time

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from booth.ui.kiosk.screens.base import button, label

HOLD_MS = 3000
CORNER_PX = 140
MAX_TRIES = 5
LOCKOUT_S = 60.0


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


class PinCheck:
    """Constant-time PIN comparison with a lockout after `MAX_TRIES` wrong entries."""

    def __init__(self, pin: str, clock: object = time.monotonic) -> None:
        self._pin = pin.encode()
        self._clock = clock
        self.wrong = 0
        self.locked_until = 0.0

    @property
    def locked(self) -> bool:
        return self._clock() < self.locked_until  # type: ignore[operator]

    def check(self, entered: str) -> bool:
        if self.locked:
            return False
        if hmac.compare_digest(entered.encode(), self._pin):
            self.wrong = 0
            return True
        self.wrong += 1
        if self.wrong >= MAX_TRIES:
            self.wrong = 0
            self.locked_until = self._clock() + LOCKOUT_S  # type: ignore[operator]
        return False


class PinPad(QWidget):
    """A full-window overlay keypad. Signals `accepted()`, `cancelled()`."""

    accepted = Signal()
    cancelled = Signal()

    def __init__(self, pin: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("PinPad")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.check = PinCheck(pin)
        self._entered = ""
        card = QWidget(self)
        card.setObjectName("PinCard")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title = label(card, "Subtitle")
        self.dots = label(card, "PinDots")
        grid = QGridLayout()
        grid.setSpacing(20)
        for i, key in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", "C", "0", "OK"]):
            btn = button(card, f"pin_key_{key}", "key")
            btn.setText(key)
            btn.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(btn, i // 3, i % 3)
        self.cancel_button = button(card, "pin_cancel", "ghost")
        self.cancel_button.clicked.connect(self.cancel)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(56, 48, 56, 48)
        inner.setSpacing(24)
        inner.addWidget(self.title)
        inner.addWidget(self.dots)
        inner.addLayout(grid)
        inner.addWidget(self.cancel_button)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.hide()
        self._retranslate()

    def open(self) -> None:
        self._entered = ""
        self._retranslate()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()

    def press(self, key: str) -> None:
        if key == "C":
            self._entered = ""
        elif key == "OK":
            ok = self.check.check(self._entered)
            self._entered = ""
            if ok:
                self.hide()
                self.accepted.emit()
                return
            self.title.setText(self.tr("Wait a minute, then try again") if self.check.locked
                               else self.tr("Wrong PIN, try again"))
        elif len(self._entered) < 12:
            self._entered += key
        self.dots.setText("●" * len(self._entered) or " ")

    def cancel(self) -> None:
        self._entered = ""
        self.hide()
        self.cancelled.emit()

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Operator PIN"))
        self.dots.setText(" ")
        self.cancel_button.setText(self.tr("Cancel"))
