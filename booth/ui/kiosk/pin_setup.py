"""First start without an operator PIN: the kiosk asks the operator to choose one, before any guest.

There is no default PIN any more (the old 1234 was the first thing a guest tried), so a booth whose
settings name none covers its whole window with this screen: the PIN is typed twice on the same touch pad
the operator will use later, checked against booth.pin's rules, and its hash written where `booth pin set`
would write it. Until then the screen swallows every touch and key meant for the kiosk behind it (the
trigger button included), so no guest can start a session on a booth nobody can stop.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from booth import pin
from booth.ui.kiosk.operator_gate import Keypad, Overlay, off_gui, pin_card
from booth.ui.kiosk.screens.base import button, label

log = logging.getLogger(__name__)

_BLOCKED = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
                      QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.KeyPress,
                      QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride, QEvent.Type.Wheel})  # fmt: skip


class PinSetup(Overlay):
    """Choose the operator PIN: type it, type it again, saved. Signals `done()` once the PIN holds."""

    done = Signal()

    def __init__(self, gate: pin.OperatorPin, parent: QWidget) -> None:
        super().__init__("PinSetup", parent)
        self.gate = gate
        self._first: str | None = None
        self._problem = ""  # what went wrong with the last entry, re-worded on a language switch
        card, inner = pin_card(self)
        self.title: QLabel = label(card, "Subtitle")
        self.hint: QLabel = label(card, "Hint")
        self.keypad = Keypad("pin_setup_key", card)
        self.keypad.submitted.connect(self._entered)
        self.continue_button = button(card, "pin_setup_continue", "primary")
        self.continue_button.clicked.connect(self._finish)
        self.continue_button.hide()
        inner.addWidget(self.title)
        inner.addWidget(self.hint)
        inner.addWidget(self.keypad)
        inner.addWidget(self.continue_button)
        self._retranslate()

    @classmethod
    def when_needed(cls, gate: pin.OperatorPin, parent: QWidget) -> PinSetup | None:
        """The screen, already covering `parent`, if no PIN is set; else None."""
        if gate.is_set:
            return None
        screen = cls(gate, parent)
        screen.cover()
        return screen

    # ---- keeping guests out ----------------------------------------------------------------------------
    def showEvent(self, event: object) -> None:
        # Installed when shown, after the kiosk's InputGuard: Qt asks the newest filter first.
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        super().showEvent(event)  # type: ignore[arg-type]

    def hideEvent(self, event: object) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        super().hideEvent(event)  # type: ignore[arg-type]

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in _BLOCKED and self.isVisible() and self._behind(obj):
            return True  # a touch or key for the kiosk behind this screen
        return super().eventFilter(obj, event)

    def _behind(self, obj: QObject) -> bool:
        mine = obj is self or (isinstance(obj, QWidget) and self.isAncestorOf(obj))
        return not mine and isinstance(obj, QWidget) and obj.window() is self.window()

    # ---- choosing ----------------------------------------------------------------------------------------
    def _entered(self, entered: str) -> None:
        if self._first is None:
            rule = pin.broken_rule(entered)
            if rule is not None:
                self._say(rule.value)
                return
            self._first = entered
            self._say("again")
            return
        first, self._first = self._first, None
        if entered != first:
            self._say("differ")
            return
        self.keypad.setEnabled(False)
        off_gui(self, lambda: self.gate.set(entered), self._saved)

    @Slot(object)
    def _saved(self, error: object) -> None:
        self.keypad.setEnabled(True)
        if isinstance(error, pin.PinRuleError):  # the pad checks first; kept for a rule changed in between
            self._say(error.rule.value)
            return
        if isinstance(error, Exception):
            log.warning("the operator PIN holds for this run only: %s (%s)", self.gate.file, error)
            self._say("unsaved")
            self.keypad.hide()
            self.continue_button.show()
            return
        log.info("operator PIN set on the kiosk; its hash is in %s", self.gate.file)
        self._finish()

    def _finish(self) -> None:
        self.hide()
        self.done.emit()

    # ---- words ---------------------------------------------------------------------------------------------
    def _say(self, problem: str) -> None:
        self._problem = problem
        self._retranslate()

    def _problem_words(self) -> str:
        words = {
            "": self.tr("Nobody can open the control panel yet. Type a PIN of 4 to 12 digits."),
            "again": self.tr("Type the same PIN again."),
            "differ": self.tr("The two PINs were different. Start again."),
            "unsaved": self.tr("The PIN works until the booth restarts, but it could not be saved. "
                               "Run 'booth pin set' on this computer."),
            pin.PinRule.NOT_DIGITS: self.tr("Digits only. Start again."),
            pin.PinRule.TOO_SHORT: self.tr("At least 4 digits. Start again."),
            pin.PinRule.TOO_LONG: self.tr("At most 12 digits. Start again."),
            pin.PinRule.OLD_DEFAULT: self.tr("1234 is the first PIN every guest tries. Choose another."),
        }  # fmt: skip
        return words.get(self._problem, words[""])

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Choose the operator PIN"))
        self.hint.setText(self._problem_words())
        self.continue_button.setText(self.tr("Continue"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
