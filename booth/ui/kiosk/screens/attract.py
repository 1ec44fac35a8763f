"""Step 1, the attract screen: a living wall of pictures, the event's name, and one big invitation.

The wall shows the event's recent results when there are some (guests love seeing the others), else
sample looks from the catalog, else the experience art; one tile changes every few seconds. A tap
anywhere starts; the language switch sits in a corner.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QPixmap
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from booth.ui.kiosk.screens.base import Screen, button, label, service_art
from booth.ui.widgets.cards import ImageCard
from booth.ui.widgets.images import Source, loader

ROTATE_MS = 3500
RESULT_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".mp4")


class AttractScreen(Screen):
    """Signals: `start()` on any tap, `language_chosen(str)`."""

    start = Signal()
    language_chosen = Signal(str)

    def __init__(self, event: Any, services: list[str], parent: QWidget | None = None) -> None:
        super().__init__("AttractScreen", parent)
        self.branding = event
        self.services = services
        self._pool: list[tuple[str, Source]] = []
        self._tiles: list[ImageCard] = []

        self.logo = QLabel(self)
        self.logo.setObjectName("Logo")
        self.event_name = label(self, "EventName", center=False)
        self.lang_group = QButtonGroup(self)
        self.lang_buttons: dict[str, Any] = {}
        top = QHBoxLayout()
        top.addWidget(self.logo)
        top.addSpacing(12)
        top.addWidget(self.event_name, 1)
        for code in ("en", "de"):
            btn = button(self, f"lang_{code}", "lang")
            btn.setText(code.upper())
            btn.setCheckable(True)
            btn.clicked.connect(lambda _=False, c=code: self.language_chosen.emit(c))
            self.lang_group.addButton(btn)
            self.lang_buttons[code] = btn
            top.addWidget(btn)

        self.wall = QWidget(self)
        self.wall_grid = QGridLayout(self.wall)
        self.wall_grid.setSpacing(20)
        self.wall_grid.setContentsMargins(0, 0, 0, 0)

        self.title = label(self, "Title")
        self.subtitle = label(self, "Subtitle")
        self.notice = label(self, "AttractNotice")  # the studio's condition, said before anyone poses
        self.notice.setVisible(False)
        self._credits_out = False
        self.start_button = button(self, "start_button", "hero")
        self.start_button.clicked.connect(self.start.emit)
        self.strip_slot = QVBoxLayout()

        lay = QVBoxLayout(self)
        lay.setContentsMargins(64, 48, 64, 48)
        lay.setSpacing(28)
        lay.addLayout(top)
        lay.addWidget(self.wall, 1)
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        lay.addWidget(self.notice)
        lay.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addLayout(self.strip_slot)

        self._timer = QTimer(self)
        self._timer.setInterval(ROTATE_MS)
        self._timer.timeout.connect(self._rotate)
        self.set_logo(event.logo)
        self.retranslate()

    def set_language(self, code: str) -> None:
        btn = self.lang_buttons.get(code)
        if btn is not None:
            btn.setChecked(True)

    def set_credits_out(self, out: bool) -> None:
        """The service has no credits left: guests hear it before they pose (their photos still wait safely)."""
        self._credits_out = out
        self.notice.setVisible(out)
        self.retranslate()

    def set_logo(self, path: Path | None) -> None:
        self.logo.setVisible(path is not None)
        if path is not None:
            loader().load(f"logo:{path}", path, QSize(96, 96),
                          lambda img: self.logo.setPixmap(QPixmap.fromImage(img)), mode="contain")

    def set_pool(self, results: list[Path], samples: list[tuple[str, Source]]) -> None:
        """Pictures for the wall: results first, then catalog samples, then the experience art."""
        pool: list[tuple[str, Source]] = [(f"result:{p}", p) for p in results if p.suffix.lower() in RESULT_SUFFIXES]
        pool += samples
        if len(pool) < 6:
            pool += [(f"art:{s}", art) for s in self.services if (art := service_art(s)) is not None]
        self._pool = pool
        self._fill()

    def _fill(self) -> None:
        for i, tile in enumerate(self._tiles):
            if self._pool:
                key, src = self._pool[i % len(self._pool)]
                tile.set_source(key, src)

    def _rotate(self) -> None:
        if not self._tiles or len(self._pool) <= len(self._tiles):
            return
        tile = random.choice(self._tiles)
        key, src = random.choice(self._pool)
        tile.set_source(key, src)

    def orient(self, portrait: bool) -> None:
        for tile in self._tiles:
            self.wall_grid.removeWidget(tile)
            tile.deleteLater()
        self._tiles = []
        cols, rows = (3, 3) if portrait else (5, 1)
        for r in range(rows):
            for c in range(cols):
                tile = ImageCard(accent=self.branding.accent_color, parent=self.wall)
                tile.setObjectName(f"wall_tile_{r}_{c}")
                # The wall is decoration: a tap anywhere goes through to the screen and starts.
                tile.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
                tile.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                self._tiles.append(tile)
                self.wall_grid.addWidget(tile, r, c)
        self._fill()

    def retranslate(self) -> None:
        self.event_name.setText(self.branding.name)
        self.title.setText(self.tr("Your AI photo awaits"))
        self.subtitle.setText(self.tr("Strike a pose, pick a look, and watch the magic happen."))
        self.start_button.setText(self.tr("Tap to start"))
        self.notice.setText(self.tr("Our AI studio is waiting for a top-up from our host. You can still pose: "
                                    "your picture is kept safe and made as soon as the studio is back.")
                            if self._credits_out else "")

    def entered(self) -> None:
        self._timer.start()

    def left(self) -> None:
        self._timer.stop()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.start.emit()
        super().mouseReleaseEvent(event)
