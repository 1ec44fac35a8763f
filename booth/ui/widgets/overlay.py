"""What the preview draws on top of the camera picture, kept as plain objects testable without a window.

`preview_layout` says where the picture and the ratio guide sit on a widget of any shape (portrait
kiosk screens, landscape laptops); `Countdown` is the timed 3-2-1 with a `finished` signal the kiosk
captures on; `Flash` is the fading white after the shot; `NumberSprites` renders the big countdown
digits once per size, because drawing 300-pixel text with outlines every frame costs more than the
whole camera picture.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen

from booth.camera.display import fit_size
from booth.camera.guides import Rect, guide_rect, person_halves, scale_rect


@dataclass(frozen=True, slots=True)
class PreviewLayout:
    picture: QRectF  # where the camera picture is drawn, widget coordinates
    guide: QRectF  # the ratio guide inside it: exactly what the still is cropped to
    halves: tuple[QRectF, QRectF] | None  # the two-person marks, if asked for


def preview_layout(widget_w: float, widget_h: float, frame_w: int, frame_h: int, ratio: str,
                   two_person: bool = False, picture_size: tuple[int, int] | None = None,
                   crop: Rect | None = None) -> PreviewLayout:
    """Picture centred and scaled to fit the widget, with the guide at the same scale.

    `picture_size` is the size the capture thread actually made the picture (it may trail a resize by
    one frame); without it the fitted size is used. `crop` is the part of the frame the picture shows
    (booth.camera.display.CropTo): then the picture is the guide itself and nothing around it is dimmed.
    """
    shown = crop or (0, 0, frame_w, frame_h)
    sx, sy, sw, sh = shown
    pw, ph = picture_size or fit_size(sw, sh, round(widget_w), round(widget_h))
    dx, dy = (widget_w - pw) // 2, (widget_h - ph) // 2
    scale = pw / sw
    ox, oy = dx - sx * scale, dy - sy * scale  # where the frame's origin would be on the widget
    rect = crop or guide_rect(frame_w, frame_h, ratio, two_person)
    picture = QRectF(dx, dy, pw, ph)
    guide = picture if crop else QRectF(*scale_rect(rect, scale, ox, oy))
    halves = None
    if two_person:
        left, right = person_halves(rect)
        halves = (QRectF(*scale_rect(left, scale, ox, oy)), QRectF(*scale_rect(right, scale, ox, oy)))
    return PreviewLayout(picture, guide, halves)


class Countdown(QObject):
    """Counts whole seconds down to zero.

    Signals:
        tick(int): seconds left (emitted at the start and every second after).
        finished(): the count reached zero; the moment to take the photo.
    """

    tick = Signal(int)
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self._deadline = 0.0
        self.remaining = 0

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self, seconds: int) -> None:
        """Start (or restart) the count; 0 finishes on the next turn of the event loop."""
        self.remaining = max(0, int(seconds))
        self._deadline = time.monotonic() + self.remaining
        self.tick.emit(self.remaining)
        self._schedule()

    def _schedule(self) -> None:
        # Aim at the next whole second from the deadline, so timer jitter never adds up.
        left = self._deadline - time.monotonic()
        step = left - (self.remaining - 1) if self.remaining > 0 else 0.0
        self._timer.start(max(0, round(step * 1000)))

    def _on_timeout(self) -> None:
        if self.remaining <= 0:
            self.finished.emit()
            return
        self.remaining -= 1
        self.tick.emit(self.remaining)
        if self.remaining == 0:
            self.finished.emit()
        else:
            self._schedule()


class Flash:
    """A white flash that fades out; `alpha()` is its opacity now (0 when over)."""

    def __init__(self, duration_s: float = 0.4) -> None:
        self.duration_s = duration_s
        self._started = -1.0

    def start(self) -> None:
        self._started = time.monotonic()

    @property
    def active(self) -> bool:
        return self._started >= 0 and time.monotonic() - self._started < self.duration_s

    def alpha(self) -> int:
        if not self.active:
            return 0
        done = (time.monotonic() - self._started) / self.duration_s
        return round(255 * (1.0 - done) ** 2)


class NumberSprites:
    """Countdown digits rendered once per (text, height) as outlined white glyphs on transparency."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, int], QImage] = {}

    def get(self, text: str, height: int) -> QImage:
        key = (text, max(8, height))
        sprite = self._cache.get(key)
        if sprite is None:
            if len(self._cache) > 32:
                self._cache.clear()
            sprite = self._cache[key] = self._render(*key)
        return sprite

    @staticmethod
    def _render(text: str, height: int) -> QImage:
        font = QFont()
        font.setPixelSize(height)
        font.setBold(True)
        path = QPainterPath()
        path.addText(QPointF(0, 0), font, text)
        box = path.boundingRect().adjusted(-height * 0.06, -height * 0.06, height * 0.06, height * 0.06)
        image = QImage(max(1, int(box.width())), max(1, int(box.height())), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(-box.left(), -box.top())
        painter.setPen(QPen(QColor(0, 0, 0, 170), max(2.0, height * 0.04)))
        painter.setBrush(QColor(255, 255, 255))
        painter.drawPath(path)
        painter.end()
        return image
