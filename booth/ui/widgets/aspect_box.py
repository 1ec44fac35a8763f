"""Holds one widget at a fixed aspect ratio, centred: the live preview takes the camera's shape exactly,
so no letterbox bars cut into the kiosk's background."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QSizePolicy, QWidget


class AspectBox(QWidget):
    def __init__(self, child: QWidget, aspect: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.child = child
        child.setParent(self)
        self._aspect = aspect
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    @property
    def aspect(self) -> float:
        return self._aspect

    def set_aspect(self, aspect: float) -> None:
        if aspect > 0 and abs(aspect - self._aspect) > 1e-3:
            self._aspect = aspect
            self._place()

    def _place(self) -> None:
        w, h = self.width(), self.height()
        if w <= 0 or h <= 0:
            return
        cw, ch = (w, round(w / self._aspect)) if w / h < self._aspect else (round(h * self._aspect), h)
        self.child.setGeometry(QRect((w - cw) // 2, (h - ch) // 2, cw, ch))

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._place()
