"""A large picture with rounded corners, decoded and scaled off the GUI thread (review and result)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPainterPath, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from booth.ui.widgets.images import Source, loader

RADIUS = 32


class PictureView(QWidget):
    """`show_source(key, source)`; signal `shown()` once the picture is on screen."""

    shown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap: QPixmap | None = None
        self._source: tuple[str, Source] | None = None
        self._asked: QSize | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def has_picture(self) -> bool:
        return self._pixmap is not None

    def clear(self) -> None:
        self._pixmap = None
        self._source = None
        self._asked = None
        self.update()

    def show_source(self, key: str, source: Source) -> None:
        self._source = (key, source)
        self._pixmap = None
        self._asked = None
        self._request()
        self.update()

    def _request(self) -> None:
        if self._source is None or self.width() < 50 or self.height() < 50:
            return
        size = self.size()
        if self._asked == size:
            return
        self._asked = size
        key, source = self._source
        loader().load(key, source, size, partial(self._on_image, key, size), mode="contain")

    def _on_image(self, key: str, size: QSize, image: QImage) -> None:
        # A late answer for an earlier source or an earlier (smaller) size must not replace the current one.
        if self._source is None or self._source[0] != key or size != self._asked or image.isNull():
            return
        self._pixmap = QPixmap.fromImage(image)
        self.update()
        self.shown.emit()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._request()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._pixmap is None:
            return
        pm = self._pixmap
        if pm.width() > self.width() or pm.height() > self.height():
            pm = pm.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        rect = QRectF((self.width() - pm.width()) / 2, (self.height() - pm.height()) / 2, pm.width(), pm.height())
        p = QPainter(self)
        p.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        path = QPainterPath()
        path.addRoundedRect(rect, RADIUS, RADIUS)
        p.setClipPath(path)
        p.drawPixmap(rect.topLeft(), pm)
        p.end()
