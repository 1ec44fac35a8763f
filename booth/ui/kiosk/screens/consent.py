"""Step 3b (only when the event asks): the event's consent text, before the first photo is taken.

The words are the event's own (event.consent, one text per kiosk language, checked by booth.settings),
shown in the language the guest picked. Declining takes no photo: the camera is never asked for one
and the kiosk goes back to the attract screen for the next guest.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from booth.ui import i18n
from booth.ui.kiosk.screens.base import Screen, button, label


class ConsentScreen(Screen):
    """Signals: `agreed()`, `declined()`."""

    agreed = Signal()
    declined = Signal()

    def __init__(self, texts: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__("ConsentScreen", parent)
        self.texts = dict(texts)
        self.heading = label(self, "Heading")
        self.text = label(self, "Subtitle")
        self.text.setObjectName("consent_text")
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # the event's words, never markup
        self.decline_button = button(self, "consent_decline_button", "secondary")
        self.decline_button.clicked.connect(self.declined.emit)
        self.agree_button = button(self, "consent_agree_button", "hero")
        self.agree_button.clicked.connect(self.agreed.emit)
        row = QHBoxLayout()
        row.setSpacing(32)
        row.addStretch(1)
        row.addWidget(self.decline_button)
        row.addWidget(self.agree_button)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(96, 80, 96, 80)
        lay.setSpacing(40)
        lay.addStretch(1)
        lay.addWidget(self.heading)
        lay.addWidget(self.text)
        lay.addStretch(1)
        lay.addLayout(row)
        self.retranslate()

    def entered(self) -> None:
        self.retranslate()  # the guest may have switched language on the attract screen

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Before we take your photo"))
        code = i18n.current()
        self.text.setText(self.texts.get(code) or next(iter(self.texts.values()), ""))
        self.decline_button.setText(self.tr("No, thanks"))
        self.agree_button.setText(self.tr("I agree"))
