"""Step 4b: review the capture. Retake (while the limit allows) or use it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from booth.ui.kiosk.screens.base import Screen, button, label
from booth.ui.widgets.picture import PictureView


class ReviewScreen(Screen):
    """Signals: `retake()`, `use()`."""

    retake = Signal()
    use = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("ReviewScreen", parent)
        self._retakes_left = 0
        self._shot = 0
        self.heading = label(self, "Heading")
        self.picture = PictureView(self)
        self.picture.setObjectName("review_picture")
        self.retake_button = button(self, "retake_button", "secondary")
        self.retake_button.clicked.connect(self.retake.emit)
        self.use_button = button(self, "use_button", "hero")
        self.use_button.clicked.connect(self.use.emit)
        row = QHBoxLayout()
        row.setSpacing(32)
        row.addStretch(1)
        row.addWidget(self.retake_button)
        row.addWidget(self.use_button)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(64, 56, 64, 56)
        lay.setSpacing(32)
        lay.addWidget(self.heading)
        lay.addWidget(self.picture, 1)
        lay.addLayout(row)
        self.retranslate()

    def show_capture(self, jpeg: bytes, retakes_left: int) -> None:
        self._shot += 1
        self._retakes_left = retakes_left
        self.picture.show_source(f"capture:{self._shot}", jpeg)
        self.retake_button.setEnabled(retakes_left > 0)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Love it?"))
        if self._retakes_left > 0:
            self.retake_button.setText(self.tr("Retake (%n left)", "", self._retakes_left))
        else:
            self.retake_button.setText(self.tr("No retakes left"))
        self.use_button.setText(self.tr("Use it!"))
