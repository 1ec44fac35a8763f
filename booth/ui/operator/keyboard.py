"""An on-screen keyboard for the settings pages: a kiosk has a touchscreen and often no keyboard at all.

It types into whichever line edit of its page has the focus. Its keys never take the focus themselves
(Qt.NoFocus), so the field being typed in keeps it, and a secret field stays masked while typed. The keys
are plain characters; only Shift, Space, the erase key and Hide carry words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QGridLayout, QLineEdit, QPushButton, QWidget

from booth.ui.operator.common import Worded

ROWS = ("1234567890", "qwertyuiop", "asdfghjkl@", "zxcvbnm.-_", ":/#&+!?=~")
SHIFTED = ('!"§$%/()=?', "QWERTYUIOP", "ASDFGHJKL*", "ZXCVBNM,;'", "<>[]{}|\\^")


class OnScreenKeyboard(Worded):
    """Keys in a grid; `target()` is the focused line edit inside `scope` (the page the keyboard serves)."""

    def __init__(self, scope: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("osk")
        self._scope = scope
        self._shift = False
        self._last: QLineEdit | None = None
        grid = QGridLayout(self)
        grid.setSpacing(6)
        self._keys: list[QPushButton] = []
        for row, chars in enumerate(ROWS):
            for col, _char in enumerate(chars):
                key = self._key(f"osk_key_{row}_{col}")
                key.clicked.connect(lambda _c=False, r=row, c=col: self._type(r, c))
                grid.addWidget(key, row, col)
                self._keys.append(key)
        self.shift_key = self._key("osk_shift")
        self.shift_key.setCheckable(True)
        self.shift_key.toggled.connect(self._set_shift)
        self.space_key = self._key("osk_space")
        self.space_key.clicked.connect(lambda: self._insert(" "))
        self.erase_key = self._key("osk_erase")
        self.erase_key.clicked.connect(self._erase)
        self.hide_key = self._key("osk_hide")
        self.hide_key.clicked.connect(self.hide)
        grid.addWidget(self.shift_key, len(ROWS), 0, 1, 2)
        grid.addWidget(self.space_key, len(ROWS), 2, 1, 5)
        grid.addWidget(self.erase_key, len(ROWS), 7, 1, 2)
        grid.addWidget(self.hide_key, len(ROWS), 9)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        self._label_keys()
        self.retranslate()
        self.hide()  # until a field is touched

    def _key(self, name: str) -> QPushButton:
        key = QPushButton(self)
        key.setObjectName(name)
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.setMinimumSize(56, 52)
        return key

    def retranslate(self) -> None:
        self.shift_key.setText(self.tr("Shift"))
        self.space_key.setText(self.tr("Space"))
        self.erase_key.setText(self.tr("⌫ Erase"))
        self.hide_key.setText(self.tr("Hide"))

    def _label_keys(self) -> None:
        rows = SHIFTED if self._shift else ROWS
        keys = iter(self._keys)
        for chars in rows:
            for char in chars:
                next(keys).setText(char.replace("&", "&&"))

    def _set_shift(self, on: bool) -> None:
        self._shift = on
        self._label_keys()

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, QLineEdit) and new.isEnabled() and self._scope.isAncestorOf(new):
            self._last = new
            self.show()  # typing starts: the keys come up under the page

    def target(self) -> QLineEdit | None:
        """The line edit the keys type into: the focused one of the page, else the last one focused."""
        focused = QApplication.focusWidget()
        if isinstance(focused, QLineEdit) and self._scope.isAncestorOf(focused):
            return focused
        return self._last

    def _type(self, row: int, col: int) -> None:
        self._insert((SHIFTED if self._shift else ROWS)[row][col])
        if self._shift:
            self.shift_key.setChecked(False)

    def _insert(self, text: str) -> None:
        field = self.target()
        if field is not None and field.isEnabled():
            field.insert(text)

    def _erase(self) -> None:
        field = self.target()
        if field is not None and field.isEnabled():
            field.backspace()
