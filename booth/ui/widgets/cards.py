"""Big rounded picture cards: the thing guests tap to choose an experience or a look.

Painted by hand rather than styled, because a card is a picture with words on it: cover-cropped image,
a soft gradient so the title reads on any photo, an accent ring when chosen. A card whose picture has
not arrived (or never will) paints a branded gradient with the title's initial, never an empty box.
"""

from __future__ import annotations

import zlib
from functools import partial

from PySide6.QtCore import QRectF, QSize, Qt, QVariantAnimation
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from booth.ui.widgets.images import FACE_BIAS, Source, loader

RADIUS = 36
FADE_MS = 700


class ImageCard(QAbstractButton):
    """A tappable card. `set_source()` loads its picture in the background."""

    def __init__(self, title: str = "", subtitle: str = "", *, accent: str = "#ff5a8a", parent: QWidget | None = None):
        super().__init__(parent)
        self._title = title
        self._subtitle = subtitle
        self._accent = QColor(accent)
        self._pixmap: QPixmap | None = None
        self._previous: QPixmap | None = None  # fading out under the new picture
        self._covers: dict[tuple[int, int, int], QPixmap] = {}  # cover-scaled pictures, see _draw_cover
        self._opacity = 1.0
        self._fade = QVariantAnimation(self)
        self._fade.setStartValue(0.0)
        self._fade.setEndValue(1.0)
        self._fade.setDuration(FADE_MS)
        self._fade.valueChanged.connect(self._set_fade)
        self._source: tuple[str, Source] | None = None
        self._requested: QSize | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 200)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_text(self, title: str, subtitle: str = "") -> None:
        self._title, self._subtitle = title, subtitle
        self.setAccessibleName(title)
        self.update()

    def title(self) -> str:
        return self._title

    def set_source(self, key: str, source: Source | None) -> None:
        """Show another picture; the current one stays until the new one is decoded, then cross-fades."""
        self._source = (key, source) if source is not None else None
        if source is None:
            self._pixmap = None
        self._requested = None
        self._request()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._request()

    def _request(self) -> None:
        if self._source is None or self.width() < 50:
            return
        size = QSize(self.width(), self.height())
        if self._requested == size:
            return
        self._requested = size
        key, source = self._source
        loader().load(key, source, size, partial(self._on_image, key, size))

    def _on_image(self, key: str, size: QSize, image: QImage) -> None:
        current = self._source[0] if self._source is not None else None
        if key == current and size == self._requested and not image.isNull():  # late answers are stale
            self._previous = self._pixmap if self.isVisible() else None
            self._pixmap = QPixmap.fromImage(image)
            if self._previous is not None:
                self._fade.start()
            self.update()

    def _set_fade(self, value: object) -> None:
        self._opacity = float(value)  # type: ignore[arg-type]
        if self._opacity >= 1.0:
            self._previous = None
        self.update()

    def _draw_cover(self, p: QPainter, pm: QPixmap, rect: QRectF) -> None:
        target = rect.toRect()
        if pm.size() != target.size():
            # Scaled once per picture and size, not on every paint: a screen of cards repainting each
            # smooth-scaled pixmap stalled the GUI thread for tens of ms (benchmarks/event_sim.py).
            key = (pm.cacheKey(), target.width(), target.height())
            scaled = self._covers.get(key)
            if scaled is None:
                scaled = pm.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                                   Qt.TransformationMode.SmoothTransformation)
                if len(self._covers) >= 2:  # the picture and, while cross-fading, the one before
                    self._covers.pop(next(iter(self._covers)))
                self._covers[key] = scaled
            pm = scaled
        p.drawPixmap(target.topLeft(), pm, pm.rect().adjusted(
            (pm.width() - target.width()) // 2, int((pm.height() - target.height()) * FACE_BIAS), 0, 0))

    def _fallback(self, p: QPainter, rect: QRectF) -> None:
        hue = zlib.crc32(self._title.encode()) % 360
        base = QColor.fromHsv((self._accent.hue() + hue // 3) % 360, 170, 230)
        grad = QLinearGradient(rect.topLeft(), rect.bottomRight())
        grad.setColorAt(0, base)
        grad.setColorAt(1, base.darker(190))
        p.fillRect(rect, grad)
        font = QFont(self.font())
        font.setPixelSize(int(min(rect.width(), rect.height()) * 0.42))
        font.setWeight(QFont.Weight.Black)
        p.setFont(font)
        p.setPen(QColor(255, 255, 255, 90))
        p.drawText(rect.adjusted(0, 0, 0, -rect.height() * 0.18), Qt.AlignmentFlag.AlignCenter,
                   (self._title[:1] or "•").upper())

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        rect = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        path = QPainterPath()
        path.addRoundedRect(rect, RADIUS, RADIUS)
        p.save()
        p.setClipPath(path)
        if self._pixmap is not None:
            if self._previous is not None:
                self._draw_cover(p, self._previous, rect)
                p.setOpacity(self._opacity)
            self._draw_cover(p, self._pixmap, rect)
            p.setOpacity(1.0)
        else:
            self._fallback(p, rect)
        if self._title:  # a picture-only card (the attract wall) keeps its colours
            shade = QLinearGradient(rect.left(), rect.top() + rect.height() * 0.45, rect.left(), rect.bottom())
            shade.setColorAt(0, QColor(0, 0, 0, 0))
            shade.setColorAt(1, QColor(0, 0, 0, 200))
            p.fillRect(rect, shade)
        if self.isDown():
            p.fillRect(rect, QColor(255, 255, 255, 40))
        p.restore()
        self._paint_text(p, rect)
        if self.isChecked():
            p.setPen(QPen(self._accent, 10))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(rect.adjusted(5, 5, -5, -5), RADIUS - 4, RADIUS - 4)
            self._paint_check(p, rect)
        p.end()

    def _paint_text(self, p: QPainter, rect: QRectF) -> None:
        """Blurb at the bottom, title right above it, both wrapped to the card (German runs long)."""
        pad = max(20.0, rect.width() * 0.07)
        title_px = int(max(28, min(54, rect.width() * 0.09)))
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap)
        area = rect.adjusted(pad, pad, -pad, -pad)
        bottom = area.bottom()
        if self._subtitle:
            small = QFont(self.font())
            small.setPixelSize(int(title_px * 0.62))
            p.setFont(small)
            p.setPen(QColor(255, 255, 255, 215))
            used = QFontMetricsF(small).boundingRect(area, flags, self._subtitle)
            p.drawText(area, flags, self._subtitle)
            bottom -= used.height() + title_px * 0.2
        font = QFont(self.font())
        font.setPixelSize(title_px)
        font.setWeight(QFont.Weight.ExtraBold)
        p.setFont(font)
        p.setPen(QColor("white"))
        p.drawText(QRectF(area.left(), area.top(), area.width(), bottom - area.top()), flags, self._title)

    def _paint_check(self, p: QPainter, rect: QRectF) -> None:
        d = 64.0
        circle = QRectF(rect.right() - d - 22, rect.top() + 22, d, d)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self._accent)
        p.drawEllipse(circle)
        p.setPen(QPen(QColor("white"), 8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        c = circle.center()
        path = QPainterPath()
        path.moveTo(c.x() - 14, c.y() + 1)
        path.lineTo(c.x() - 4, c.y() + 11)
        path.lineTo(c.x() + 15, c.y() - 10)
        p.drawPath(path)
