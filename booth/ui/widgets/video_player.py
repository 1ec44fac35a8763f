"""Plays an animated result (MP4) in a loop, decoding with OpenCV on its own thread.

Qt Multimedia is not part of PySide6-Essentials and a kiosk cannot afford a codec surprise, so frames are
read with the same OpenCV the camera uses, scaled on the worker thread, and handed to the GUI as QImages.
The worker never runs ahead of the screen: a frame not yet painted is replaced, not queued.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QThread, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from booth.ui.widgets.images import bgr_to_qimage, fit_image

log = logging.getLogger(__name__)


class _Decoder(QThread):
    frame = Signal(QImage)
    failed = Signal(str)

    def __init__(self, path: Path, size: QSize) -> None:
        super().__init__()
        self.path = path
        self.size = size
        self._stop = threading.Event()
        self.painted = threading.Event()
        self.painted.set()

    def stop(self) -> None:
        self._stop.set()

    def run(self) -> None:
        import cv2

        cap = cv2.VideoCapture(str(self.path))
        if not cap.isOpened():
            self.failed.emit(f"cannot open {self.path.name}")
            return
        fps = cap.get(cv2.CAP_PROP_FPS) or 12.0
        period = 1.0 / max(1.0, min(fps, 60.0))
        shown = 0
        try:
            next_at = time.monotonic()
            while not self._stop.is_set():
                ok, bgr = cap.read()
                if not ok:
                    if shown == 0:
                        self.failed.emit(f"no frames in {self.path.name}")
                        return
                    cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
                    continue
                if self.painted.is_set():  # drop frames the screen has not caught up with
                    self.painted.clear()
                    self.frame.emit(fit_image(bgr_to_qimage(bgr), self.size, "contain"))
                    shown += 1
                next_at += period
                delay = next_at - time.monotonic()
                if delay > 0:
                    self._stop.wait(delay)
                else:
                    next_at = time.monotonic()
        finally:
            cap.release()


class VideoPlayer(QWidget):
    """`play(path)` loops the video until `stop()`; signal `first_frame()` once something shows."""

    first_frame = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self._decoder: _Decoder | None = None
        self.frames_shown = 0

    def play(self, path: Path) -> None:
        self.stop()
        self.frames_shown = 0
        self._image = QImage()
        size = self.size() if self.width() > 50 else QSize(1080, 1080)
        self._decoder = _Decoder(path, size)
        self._decoder.frame.connect(self._on_frame)
        self._decoder.failed.connect(lambda why: log.warning("animation not shown: %s", why))
        self._decoder.start()

    def stop(self) -> None:
        if self._decoder is not None:
            self._decoder.stop()
            self._decoder.wait(2000)
            self._decoder.deleteLater()
            self._decoder = None

    def _on_frame(self, image: QImage) -> None:
        self._image = image
        self.frames_shown += 1
        if self.frames_shown == 1:
            self.first_frame.emit()
        self.update()
        if self._decoder is not None:
            self._decoder.painted.set()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self._decoder is not None:
            self._decoder.size = self.size()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._image.isNull():
            return
        p = QPainter(self)
        img = self._image
        if img.width() > self.width() or img.height() > self.height():
            img = img.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - img.width()) // 2
        y = (self.height() - img.height()) // 2
        p.fillRect(self.rect(), QColor(0, 0, 0, 0))
        p.drawImage(x, y, img)
        p.end()

    def hideEvent(self, event: object) -> None:
        self.stop()
        super().hideEvent(event)  # type: ignore[arg-type]
