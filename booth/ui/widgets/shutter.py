"""The big round shutter button of the pose screen, painted like a camera's release: a ring and a disc.

Painted by hand because style sheets draw a thick-bordered circle as a rounded square."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QWidget

DIAMETER = 180


class ShutterButton(QAbstractButton):
    def __init__(self, accent: str, ring: str = "#ffffff", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accent = QColor(accent)
        self._ring = QColor(ring)
        self.setFixedSize(DIAMETER, DIAMETER)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:
        return QSize(DIAMETER, DIAMETER)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        outer = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        ring = QColor(self._ring)
        if not self.isEnabled():
            ring.setAlpha(90)
        p.setPen(QPen(ring, 10))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(outer)
        inset = 22 if self.isDown() else 18
        disc = self._accent.darker(125) if self.isDown() else QColor(self._accent)
        if not self.isEnabled():
            disc.setAlpha(110)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(disc)
        p.drawEllipse(outer.adjusted(inset, inset, -inset, -inset))
        font = QFont(self.font())
        font.setPixelSize(38)
        font.setWeight(QFont.Weight.Black)
        p.setFont(font)
        p.setPen(QColor("white"))
        p.drawText(outer, Qt.AlignmentFlag.AlignCenter, self.text())
        p.end()
