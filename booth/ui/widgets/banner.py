"""A friendly floating note at the top of the kiosk: the only way a problem ever reaches a guest."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget


class Banner(QFrame):
    """`say(text, seconds)`; hides itself after the time, or stays while `seconds` is 0."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._label = QLabel(self)
        self._label.setObjectName("BannerText")
        self._label.setWordWrap(True)
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(40, 14, 40, 14)
        lay.addWidget(self._label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def text(self) -> str:
        return self._label.text()

    def say(self, text: str, seconds: float = 8.0) -> None:
        self._label.setText(text)
        self.place()
        self.show()
        self.raise_()
        if seconds > 0:
            self._timer.start(int(seconds * 1000))
        else:
            self._timer.stop()

    def place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        width = min(parent.width() - 80, 1400)
        self._label.setFixedWidth(width - 80)
        self.adjustSize()
        self.setGeometry((parent.width() - width) // 2, 16, width, self.height())
