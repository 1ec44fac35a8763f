"""The live preview: the guest's picture at camera rate, framed by the crop guide, with countdown and flash.

Painting is kept to copying pixels: the capture thread has already scaled, mirrored and colour-converted
the frame for this widget's size (booth.camera.display), so `paintEvent` is one unscaled `drawImage` plus
a few rectangles. The widget repaints only when a new frame (or an overlay change) arrives and records,
per painted frame, how old the picture was, so the benchmark and the operator see the real lag.
"""

from __future__ import annotations

import time
import weakref
from collections import deque

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QPen, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from booth.camera.display import CropTo, DisplayFrame, DisplayTarget
from booth.camera.service import CameraService
from booth.ui.widgets.overlay import Countdown, Flash, NumberSprites, PreviewLayout, preview_layout

_DIM = QColor(0, 0, 0, 140)
_GUIDE_PEN = QColor(255, 255, 255)
_GUIDE_LINE = 3
_FLASH_FRAME_MS = 16


class PreviewWidget(QWidget):
    """Shows a CameraService's newest frame.

    Signals:
        frame_painted(int): a camera frame (by seq) reached the screen.
        countdown_tick(int): seconds left in the countdown.
        countdown_finished(): the countdown reached zero (take the photo now).
    """

    frame_painted = Signal(int)
    countdown_tick = Signal(int)
    countdown_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._camera: CameraService | None = None
        self._target: DisplayTarget | None = None
        self._ratio = "portrait"
        self._two_person = False
        self._mirror = False
        self._cropped = False
        self._painted_seq = 0
        self._camera_state = ("stopped", "")
        self.frame_ages_ms: deque[float] = deque(maxlen=2000)
        self.frames_painted = 0
        self._countdown = Countdown(self)
        self._countdown.tick.connect(self._on_tick)
        self._countdown.finished.connect(self._on_countdown_finished)
        self._flash = Flash()
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(_FLASH_FRAME_MS)
        self._flash_timer.timeout.connect(self._on_flash_frame)
        self._sprites = NumberSprites()

    # -- what callers set ------------------------------------------------------------------------------
    def set_camera(self, camera: CameraService | None) -> None:
        if self._camera is not None:
            self._camera.frame_ready.disconnect(self._on_frame_ready)
            self._camera.state_changed.disconnect(self._on_state)
            if self._target is not None:
                self._camera.remove_display(self._target)
        self._camera, self._target = camera, None
        if camera is not None:
            self._camera_state = (camera.state, camera.detail)
            self._target = camera.add_display(mirror=self._mirror)
            # A preview dropped without set_camera(None) must not keep the capture thread scaling for it.
            weakref.finalize(self, camera.remove_display, self._target)
            self._configure_target()
            self._target.set_crop(self._crop())
            camera.frame_ready.connect(self._on_frame_ready)
            camera.state_changed.connect(self._on_state)
        self.update()

    def set_guide(self, ratio: str, two_person: bool = False) -> None:
        preview_layout(16, 16, 16, 16, ratio)  # an unknown ratio fails here, not at paint time
        self._ratio, self._two_person = ratio, two_person
        if self._target is not None:
            self._target.set_crop(self._crop())
        self.update()

    def set_cropped(self, cropped: bool) -> None:
        """Show only what will be captured (the guide's crop), as large as the widget allows."""
        self._cropped = bool(cropped)
        if self._target is not None:
            self._target.set_crop(self._crop())
        self.update()

    def _crop(self) -> CropTo | None:
        return CropTo(self._ratio, self._two_person) if self._cropped else None

    def set_mirror(self, mirror: bool) -> None:
        self._mirror = bool(mirror)
        self._configure_target()

    @property
    def mirror(self) -> bool:
        return self._mirror

    def start_countdown(self, seconds: int) -> None:
        self._countdown.start(seconds)

    @property
    def counting_down(self) -> bool:
        return self._countdown.active

    def flash(self) -> None:
        self._flash.start()
        self._flash_timer.start()
        self.update()

    def current_layout(self) -> PreviewLayout | None:
        """Where picture and guide are on screen now (None before the first frame)."""
        shown = self._target.latest() if self._target is not None else None
        if shown is None:
            return None
        return self._layout(shown)

    # -- Qt events -------------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        self._configure_target()
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self._configure_target()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        if self._target is not None:  # a hidden preview should cost the capture thread nothing
            self._target.configure(0, 0, self._mirror)
        super().hideEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        shown = self._target.latest() if self._target is not None else None
        painter = QPainter(self)
        if shown is None:
            painter.fillRect(self.rect(), Qt.GlobalColor.black)
        else:
            layout = self._layout(shown)
            self._paint_picture(painter, shown, layout)
            self._paint_guide(painter, layout)
        self._paint_status(painter)
        self._paint_countdown(painter)
        alpha = self._flash.alpha()
        if alpha:
            painter.fillRect(self.rect(), QColor(255, 255, 255, alpha))
        painter.end()
        if shown is not None and shown.seq != self._painted_seq:
            self._painted_seq = shown.seq
            self.frames_painted += 1
            self.frame_ages_ms.append((time.monotonic() - shown.captured_at) * 1000.0)
            self.frame_painted.emit(shown.seq)

    # -- painting --------------------------------------------------------------------------------------
    def _layout(self, shown: DisplayFrame) -> PreviewLayout:
        dpr = self.devicePixelRatioF()
        size = (round(shown.image.width() / dpr), round(shown.image.height() / dpr))
        return preview_layout(self.width(), self.height(), shown.frame_w, shown.frame_h, self._ratio,
                              self._two_person, size, shown.crop)

    def _paint_picture(self, painter: QPainter, shown: DisplayFrame, layout: PreviewLayout) -> None:
        pic = layout.picture
        w, h = self.width(), self.height()
        black = Qt.GlobalColor.black
        # Only the bars around the picture need clearing: the picture covers the rest.
        if pic.top() > 0:
            painter.fillRect(QRectF(0, 0, w, pic.top()), black)
        if pic.bottom() < h:
            painter.fillRect(QRectF(0, pic.bottom(), w, h - pic.bottom()), black)
        if pic.left() > 0:
            painter.fillRect(QRectF(0, pic.top(), pic.left(), pic.height()), black)
        if pic.right() < w:
            painter.fillRect(QRectF(pic.right(), pic.top(), w - pic.right(), pic.height()), black)
        shown.image.setDevicePixelRatio(self.devicePixelRatioF())
        painter.drawImage(pic.topLeft(), shown.image)

    def _paint_guide(self, painter: QPainter, layout: PreviewLayout) -> None:
        pic, g = layout.picture, layout.guide
        if g.top() > pic.top():
            painter.fillRect(QRectF(pic.left(), pic.top(), pic.width(), g.top() - pic.top()), _DIM)
        if g.bottom() < pic.bottom():
            painter.fillRect(QRectF(pic.left(), g.bottom(), pic.width(), pic.bottom() - g.bottom()), _DIM)
        if g.left() > pic.left():
            painter.fillRect(QRectF(pic.left(), g.top(), g.left() - pic.left(), g.height()), _DIM)
        if g.right() < pic.right():
            painter.fillRect(QRectF(g.right(), g.top(), pic.right() - g.right(), g.height()), _DIM)
        # The frame as four opaque bars: a stroked, translucent rectangle costs ~20x more per paint.
        r = g.toAlignedRect()
        line = _GUIDE_LINE
        for bar in (QRect(r.left(), r.top(), r.width(), line), QRect(r.left(), r.bottom() - line + 1, r.width(), line),
                    QRect(r.left(), r.top(), line, r.height()), QRect(r.right() - line + 1, r.top(), line, r.height())):
            painter.fillRect(bar, _GUIDE_PEN)
        if layout.halves is not None:
            left, right = layout.halves
            pen = QPen(_GUIDE_PEN, 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(right.left(), g.top() + 8), QPointF(right.left(), g.bottom() - 8))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            for half in (left, right):  # a head marker per guest, where faces frame best
                radius = half.width() * 0.22
                painter.drawEllipse(QPointF(half.center().x(), half.top() + half.height() * 0.3), radius, radius * 1.25)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

    def _paint_status(self, painter: QPainter) -> None:
        state, _detail = self._camera_state
        if self._camera is not None and state == "live":
            return
        words = {
            "starting": self.tr("Starting the camera…"),
            "reconnecting": self.tr("Camera reconnecting…"),
        }.get(state, self.tr("No camera"))
        font = painter.font()
        font.setPixelSize(max(14, self.height() // 20))
        painter.setFont(font)
        painter.setPen(QColor(255, 255, 255))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, words)

    def _paint_countdown(self, painter: QPainter) -> None:
        if not self._countdown.active or self._countdown.remaining <= 0:
            return
        sprite = self._sprites.get(str(self._countdown.remaining), round(min(self.width(), self.height()) * 0.45))
        painter.drawImage(QPointF((self.width() - sprite.width()) / 2, (self.height() - sprite.height()) / 2), sprite)

    # -- slots -----------------------------------------------------------------------------------------
    def _configure_target(self) -> None:
        if self._target is None:
            return
        dpr = self.devicePixelRatioF()
        visible = self.isVisible()
        w, h = (round(self.width() * dpr), round(self.height() * dpr)) if visible else (0, 0)
        self._target.configure(w, h, self._mirror)

    def _on_frame_ready(self) -> None:
        self.update()

    def _on_state(self, state: str, detail: str) -> None:
        self._camera_state = (state, detail)
        self.update()

    def _on_tick(self, remaining: int) -> None:
        self.countdown_tick.emit(remaining)
        self.update()

    def _on_countdown_finished(self) -> None:
        self.update()
        self.countdown_finished.emit()

    def _on_flash_frame(self) -> None:
        if not self._flash.active:
            self._flash_timer.stop()
        self.update()
