"""Application-wide input policy of the kiosk: no way out for guests, the trigger key, activity, the gate.

Installed on the QApplication so it sees every key and touch before any widget: Escape, Alt+F4, Ctrl+Q,
Ctrl+W and the Close key are swallowed; the configured trigger key (what USB buzzers and foot switches
send) starts the countdown; any touch or key restarts the inactivity clock; presses on the kiosk window
feed the hidden corner gesture. The operator panel's own window is left alone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget

from booth.ui.kiosk.flow import KioskFlow
from booth.ui.kiosk.operator_gate import CornerHold

_POINTER_DOWN = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
_POINTER_OTHER = (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.MouseMove)


def is_escape(event: QKeyEvent) -> bool:
    """Keys a window manager or a curious guest uses to leave an application."""
    key = Qt.Key(event.key())
    mods = event.modifiers()
    if key in (Qt.Key.Key_Escape, Qt.Key.Key_Close):
        return True
    if key == Qt.Key.Key_F4 and mods & Qt.KeyboardModifier.AltModifier:
        return True
    return key in (Qt.Key.Key_Q, Qt.Key.Key_W) and bool(mods & Qt.KeyboardModifier.ControlModifier)


class InputGuard(QObject):
    """Event filter for the application; `operator_window()` names the panel's window (or None)."""

    def __init__(self, window: QWidget, flow: KioskFlow, corner: CornerHold, trigger_key: str,
                 operator_window: Callable[[], QWidget | None]) -> None:
        super().__init__(window)
        self.window = window
        self.flow = flow
        self.corner = corner
        self.trigger = QKeySequence.fromString(trigger_key)
        self.operator_window = operator_window

    def _for_operator(self, obj: QObject) -> bool:
        panel = self.operator_window()
        return panel is not None and isinstance(obj, QWidget) and obj.window() is panel.window()

    def _on_kiosk(self, obj: QObject) -> bool:
        return isinstance(obj, QWidget) and obj.window() is self.window

    def is_trigger(self, event: QKeyEvent) -> bool:
        return not self.trigger.isEmpty() and QKeySequence(event.keyCombination()) == self.trigger

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(event, QKeyEvent):
            if self._for_operator(obj):
                return False
            if is_escape(event):
                event.accept()
                return True
            if kind == QEvent.Type.KeyPress:
                self.flow.touch()
                if self.is_trigger(event):
                    self.flow.trigger()
                    return True
        elif kind in _POINTER_DOWN and not self._for_operator(obj):
            self.flow.touch()
            if self._on_kiosk(obj):
                self.corner.eventFilter(obj, event)
        elif kind in _POINTER_OTHER and self._on_kiosk(obj):
            self.corner.eventFilter(obj, event)
        return False
