"""Step 2: choose the experience. One big picture card per service the operator enabled."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from booth.ui.common.wording import service_title
from booth.ui.kiosk import wording
from booth.ui.kiosk.screens.base import Screen, button, label, service_art
from booth.ui.widgets.cards import ImageCard


class ChooseScreen(Screen):
    """Signals: `chosen(str)` with the service name, `back()`."""

    chosen = Signal(str)
    back = Signal()

    def __init__(self, event: Any, services: list[str], parent: QWidget | None = None) -> None:
        super().__init__("ChooseScreen", parent)
        self.services: list[str] = []
        self._accent = event.accent_color
        self._portrait = False
        self.heading = label(self, "Heading")
        self.hint = label(self, "Subtitle")
        self.cards: dict[str, ImageCard] = {}
        self._all_cards: dict[str, ImageCard] = {}
        self.grid = QGridLayout()
        self.grid.setSpacing(28)
        self.back_button = button(self, "back_button", "ghost")
        self.back_button.clicked.connect(self.back.emit)
        self.strip_slot = QVBoxLayout()

        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addLayout(self.strip_slot, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(64, 56, 64, 48)
        lay.setSpacing(24)
        lay.addWidget(self.heading)
        lay.addWidget(self.hint)
        lay.addSpacing(12)
        lay.addLayout(self.grid, 1)
        lay.addLayout(bottom)
        self.set_services(services)

    def set_services(self, services: list[str]) -> None:
        """Offer exactly these experiences, in this order (the operator can change them during the event)."""
        self.services = list(services)
        for card in self._all_cards.values():
            self.grid.removeWidget(card)
            card.hide()
        self.cards = {name: self._card(name) for name in self.services}
        for card in self.cards.values():
            card.show()
        self.orient(self.portrait)
        self.retranslate()

    def _card(self, name: str) -> ImageCard:
        card = self._all_cards.get(name)
        if card is None:
            card = ImageCard(accent=self._accent, parent=self)
            card.setObjectName(f"service_{name}")
            card.set_source(f"art:{name}", service_art(name))
            card.clicked.connect(lambda _=False, n=name: self.chosen.emit(n))
            self._all_cards[name] = card
        return card

    def orient(self, portrait: bool) -> None:
        self._portrait = portrait
        n = len(self.cards)
        cols = 2 if portrait else min(4, max(1, (n + 1) // 2))
        if n <= 3:
            cols = 1 if portrait else n
        for i, card in enumerate(self.cards.values()):
            self.grid.removeWidget(card)
            self.grid.addWidget(card, i // cols, i % cols)
        for c in range(4):
            self.grid.setColumnStretch(c, 1 if c < cols else 0)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Choose your experience"))
        self.hint.setText(self.tr("Tap the one that makes you smile."))
        self.back_button.setText(self.tr("Back"))
        for name, card in self.cards.items():
            card.set_text(service_title(name), wording.service_blurb(name))
