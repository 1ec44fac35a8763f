"""Step 3: choose the look (filter, workflow or style) and, where the service asks, who and which shape.

The grid fills from the catalog the kiosk already holds (cached, refreshed in the background); gender
and ratio rows appear only for services that send those fields (booth.ui.kiosk.looks).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from booth.api.services import GENDERS, RATIOS
from booth.settings import EventSettings
from booth.ui.common.catalog import Catalog
from booth.ui.common.wording import service_title
from booth.ui.kiosk import looks, wording
from booth.ui.kiosk.flow import GuestChoice
from booth.ui.kiosk.screens.base import Screen, button, label
from booth.ui.widgets.cards import ImageCard

CARD_MIN = 300


class LookScreen(Screen):
    """Signals: `look_chosen(object, str)` (id, name), `gender_chosen(str)`, `ratio_chosen(str)`,
    `next()`, `back()`."""

    look_chosen = Signal(object, str)
    gender_chosen = Signal(str)
    ratio_chosen = Signal(str)
    next = Signal()
    back = Signal()

    def __init__(self, event: EventSettings, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__("LookScreen", parent)
        self.branding = event
        self.catalog = catalog
        self.service = ""
        self.cards: list[ImageCard] = []
        self._entries: list[tuple[int | str, str, bytes | str | None]] = []
        self.heading = label(self, "Heading")
        self.hint = label(self, "Subtitle")

        self.looks_area = QScrollArea(self)
        self.looks_area.setObjectName("look_scroll")
        self.looks_area.setWidgetResizable(True)
        self.looks_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(24)
        self.grid.setContentsMargins(0, 0, 8, 0)
        self.looks_area.setWidget(self.grid_host)
        self.look_group = QButtonGroup(self)
        self.look_group.setExclusive(True)

        self.gender_label = label(self, "SectionLabel", center=False)
        self.gender_group, self.gender_row, self.gender_buttons = self._chips("gender", list(GENDERS))
        self.ratio_label = label(self, "SectionLabel", center=False)
        self.ratio_group, self.ratio_row, self.ratio_buttons = self._chips("ratio", list(RATIOS))
        self.gender_group.idClicked.connect(lambda i: self.gender_chosen.emit(list(GENDERS)[i]))
        self.ratio_group.idClicked.connect(lambda i: self.ratio_chosen.emit(list(RATIOS)[i]))

        self.back_button = button(self, "back_button", "ghost")
        self.back_button.clicked.connect(self.back.emit)
        self.next_button = button(self, "next_button", "hero")
        self.next_button.clicked.connect(self.next.emit)

        self.options = QVBoxLayout()
        self.options.setSpacing(14)
        for w in (self.gender_label,):
            self.options.addWidget(w)
        self.options.addLayout(self.gender_row)
        self.options.addWidget(self.ratio_label)
        self.options.addLayout(self.ratio_row)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.next_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(64, 56, 64, 48)
        lay.setSpacing(24)
        lay.addWidget(self.heading)
        lay.addWidget(self.hint)
        lay.addWidget(self.looks_area, 1)
        lay.addLayout(self.options)
        lay.addLayout(bottom)
        catalog.changed.connect(self._on_catalog_changed)
        catalog.previews_changed.connect(self._on_previews_changed)
        self.retranslate()

    def _chips(self, prefix: str, names: list[str]) -> tuple[QButtonGroup, QHBoxLayout, dict[str, QPushButton]]:
        group = QButtonGroup(self)
        group.setExclusive(True)
        row = QHBoxLayout()
        row.setSpacing(16)
        buttons: dict[str, QPushButton] = {}
        for i, name in enumerate(names):
            btn = button(self, f"{prefix}_{name}", "chip")
            btn.setCheckable(True)
            group.addButton(btn, i)
            row.addWidget(btn)
            buttons[name] = btn
        row.addStretch(1)
        return group, row, buttons

    # ---- state from the flow ------------------------------------------------------------------
    def show_for(self, service: str, choice: GuestChoice) -> None:
        """Fill for `service` with the guest's current choice (look id, gender, ratio)."""
        need = looks.needs(service)
        if service != self.service:
            self.service = service
            self._rebuild()
        for w in (self.gender_label, *self.gender_buttons.values()):
            w.setVisible(need.gender)
        for w in (self.ratio_label, *self.ratio_buttons.values()):
            w.setVisible(need.ratio)
        self.looks_area.setVisible(need.field is not None)
        if choice.gender in self.gender_buttons:
            self.gender_buttons[choice.gender].setChecked(True)
        if choice.ratio in self.ratio_buttons:
            self.ratio_buttons[choice.ratio].setChecked(True)
        self.look_group.setExclusive(False)  # an exclusive group refuses to uncheck its last button
        for card, (entry_id, _name, _src) in zip(self.cards, self._entries, strict=False):
            card.setChecked(entry_id == choice.look_id)
        self.look_group.setExclusive(True)
        self.next_button.setEnabled(need.field is None or choice.look_id is not None)
        self.retranslate()

    def first_look(self) -> tuple[int | str, str] | None:
        """The look offered by default (id, name), so a guest in a hurry can just tap Next."""
        return (self._entries[0][0], self._entries[0][1]) if self._entries else None

    def _entries_for(self, service: str) -> list[tuple[int | str, str, bytes | str | None]]:
        need = looks.needs(service)
        if need.kind is None:
            return []
        entries: list[tuple[int | str, str, bytes | str | None]] = [
            (e.id, e.name, self.catalog.preview(e)) for e in self.catalog.entries(need.kind)]
        if not entries and need.kind == "styles":
            style = QCoreApplication.translate("LookScreen", "Style %1")
            entries = [(i, style.replace("%1", n), None) for i, n in looks.fallback_styles()]
        return entries

    def _rebuild(self) -> None:
        for card in self.cards:
            self.look_group.removeButton(card)
            self.grid.removeWidget(card)
            card.deleteLater()
        self.cards = []
        self._entries = self._entries_for(self.service) if self.service else []
        for i, (entry_id, name, src) in enumerate(self._entries):
            card = ImageCard(name, accent=self.branding.accent_color, parent=self.grid_host)
            card.setObjectName(f"look_{i}")
            card.setCheckable(True)
            card.setMinimumSize(CARD_MIN - 40, CARD_MIN)
            if src:
                card.set_source(f"look:{looks.needs(self.service).kind}:{entry_id}", src)
            card.clicked.connect(lambda _=False, e=entry_id, n=name: self.look_chosen.emit(e, n))
            self.look_group.addButton(card)
            self.cards.append(card)
        self._layout_cards()

    def _layout_cards(self) -> None:
        cols = 3 if self.portrait else 5
        for i, card in enumerate(self.cards):
            self.grid.removeWidget(card)
            self.grid.addWidget(card, i // cols, i % cols)
        for c in range(6):
            self.grid.setColumnStretch(c, 1 if c < cols else 0)

    def _on_catalog_changed(self, kind: str) -> None:
        if self.service and looks.needs(self.service).kind == kind:
            self._rebuild()

    def _on_previews_changed(self, kind: str) -> None:
        if not self.service or looks.needs(self.service).kind != kind:
            return
        self._entries = self._entries_for(self.service)
        for card, (entry_id, _name, src) in zip(self.cards, self._entries, strict=False):
            if src:
                card.set_source(f"look:{kind}:{entry_id}", src)

    def orient(self, portrait: bool) -> None:
        self._layout_cards()

    def retranslate(self) -> None:
        need = looks.needs(self.service) if self.service else None
        if need is not None and need.field is None:
            self.heading.setText(self.tr("Just one thing"))
        else:
            self.heading.setText(self.tr("Choose your look"))
        self.hint.setText(service_title(self.service) if self.service else "")
        self.gender_label.setText(self.tr("WHO IS IN THE PICTURE?"))
        self.ratio_label.setText(self.tr("PICTURE SHAPE"))
        for name, btn in self.gender_buttons.items():
            btn.setText(wording.gender_label(name))
        for name, btn in self.ratio_buttons.items():
            btn.setText(wording.ratio_label(name))
        self.back_button.setText(self.tr("Back"))
        self.next_button.setText(self.tr("Next: strike a pose"))
