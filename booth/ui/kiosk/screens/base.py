"""What every kiosk screen shares: re-wording on a language switch, portrait/landscape, button makers.

Screens build their widgets once and set words in `retranslate()`, which runs again when the guest
switches language; `orient(portrait)` runs on every resize that crosses the square.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

ASSETS = Path(__file__).resolve().parents[3] / "assets"  # booth/assets: package data, so in a wheel or bundle too


def service_art(name: str) -> Path | None:
    path = ASSETS / "services" / f"{name}.svg"
    return path if path.exists() else None


def button(parent: QWidget, name: str, role: str = "") -> QPushButton:
    """A kiosk button: named for tests and the operator's logs, never takes keyboard focus (no focus ring)."""
    btn = QPushButton(parent)
    btn.setObjectName(name)
    if role:
        btn.setProperty("role", role)
    btn.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    btn.setCursor(Qt.CursorShape.PointingHandCursor)
    return btn


def label(parent: QWidget, name: str, *, wrap: bool = True, center: bool = True) -> QLabel:
    lab = QLabel(parent)
    lab.setObjectName(name)
    lab.setWordWrap(wrap)
    if center:
        lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
    lab.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    return lab


class Screen(QWidget):
    """Base of the kiosk screens. Subclasses override `retranslate`, `orient`, `entered`, `left`.

    A screen that shows the ticket strip sets `strip_slot`, the layout the window puts the strip into.
    """

    strip_slot: QVBoxLayout | None = None

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self._portrait: bool | None = None

    @property
    def portrait(self) -> bool:
        return bool(self._portrait)

    def retranslate(self) -> None:
        """Set every visible word (again)."""

    def orient(self, portrait: bool) -> None:
        """Re-arrange for a tall or a wide screen."""

    def entered(self) -> None:
        """The flow arrived at this screen."""

    def left(self) -> None:
        """The flow moved on: stop timers and players."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        portrait = self.height() > self.width()
        if portrait != self._portrait:
            self._portrait = portrait
            self.orient(portrait)
