"""Decoding and scaling pictures off the GUI thread, for every screen that shows one.

Results, captures and catalog previews can be megabytes; decoding one on the GUI thread stalls the
preview and the countdown. Requests go to the booth's CPU pool (booth.workers: at most cpu-1 at once,
so a burst of results cannot take the GUI thread's core) as QImages (thread-safe, unlike QPixmap) and
come back through a queued signal; a small cache makes the attract wall's loops free.
"""

from __future__ import annotations

import base64
import binascii
import logging
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage

from booth.video import VIDEO_SUFFIXES, first_frame_rgb, first_frame_rgb_of
from booth.workers import submit_cpu

log = logging.getLogger(__name__)

Source = Path | bytes | str | QImage
# Share of the overflow cropped from the top in "cover": portraits keep heads, not belts.
FACE_BIAS = 0.3
VECTOR_SUFFIXES = (".svg", ".svgz")


def decode_source(source: Source) -> QImage:
    """A QImage from a file path, encoded bytes, base64 text or a data: URL; null when unreadable."""
    if isinstance(source, QImage):
        return source
    if isinstance(source, Path):
        if source.suffix.lower() in VIDEO_SUFFIXES:
            return first_video_frame(source)
        return QImage(str(source))
    if isinstance(source, str):
        text = source.split(",", 1)[1] if source.startswith("data:") else source
        try:
            source = base64.b64decode(text, validate=False)
        except (binascii.Error, ValueError):
            return QImage()
    image = QImage()
    image.loadFromData(source)
    if image.isNull() and source[4:8] == b"ftyp":
        try:
            return rgb_to_qimage(first_frame_rgb_of(source))
        except ValueError:
            return QImage()
    return image


def first_video_frame(path: Path) -> QImage:
    """A video's first frame; null when unreadable, as QImage is for a bad picture file."""
    try:
        return rgb_to_qimage(first_frame_rgb(path))
    except ValueError:
        return QImage()


def rgb_to_qimage(rgb: np.ndarray) -> QImage:
    """A deep-copied QImage of an RGB array (the numpy buffer may be reused)."""
    arr = np.ascontiguousarray(rgb)
    h, w = arr.shape[:2]
    return QImage(arr.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def bgr_to_qimage(frame: np.ndarray) -> QImage:
    """A deep-copied RGB QImage of an OpenCV BGR frame."""
    return rgb_to_qimage(frame[:, :, ::-1])


def fit_image(image: QImage, size: QSize, mode: str = "cover") -> QImage:
    """Scale to `size`: "cover" fills and crops (keeping the upper middle, where faces are), "contain" fits."""
    if image.isNull() or size.isEmpty():
        return image
    if mode == "contain":
        return image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    scaled = image.scaled(
        size, Qt.AspectRatioMode.KeepAspectRatioByExpanding, Qt.TransformationMode.SmoothTransformation
    )
    x = (scaled.width() - size.width()) // 2
    y = int((scaled.height() - size.height()) * FACE_BIAS)
    return scaled.copy(x, y, size.width(), size.height())


class _Relay(QObject):
    done = Signal(int, QImage)


def _decode(ticket: int, source: Source, size: QSize, mode: str, relay: _Relay) -> None:
    """On a pool thread: decode and fit, then hand the image to the GUI thread."""
    try:
        image = fit_image(decode_source(source), size, mode)
    except Exception:  # a broken file must never take the kiosk down
        log.warning("could not decode an image", exc_info=True)
        image = QImage()
    relay.done.emit(ticket, image)


class ImageLoader(QObject):
    """`load(key, source, size, callback)`; the callback runs on the GUI thread with a (maybe null) QImage."""

    def __init__(self, cache_size: int = 96, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._next = 0
        self._pending: dict[int, tuple[tuple[str, int, int, str], Callable[[QImage], None]]] = {}
        self._cache: OrderedDict[tuple[str, int, int, str], QImage] = OrderedDict()
        self._cache_size = cache_size
        self._vectors: dict[Path, QImage] = {}

    def load(
        self, key: str, source: Source, size: QSize, callback: Callable[[QImage], None], mode: str = "cover"
    ) -> None:
        ckey = (key, size.width(), size.height(), mode)
        cached = self._cache.get(ckey)
        if cached is not None:
            self._cache.move_to_end(ckey)
            callback(cached)
            return
        if isinstance(source, Path) and source.suffix.lower() in VECTOR_SUFFIXES:
            # Vector art draws its text with the font database, which is not safe to use from several
            # threads at once: render it here once at its own size; the scaling still goes to the pool.
            native = self._vectors.get(source)
            if native is None:
                native = self._vectors[source] = QImage(str(source))
            source = native
        self._next += 1
        self._pending[self._next] = (ckey, callback)
        submit_cpu(_decode, self._next, source, size, mode, self._relay)

    def _on_done(self, ticket: int, image: QImage) -> None:
        ckey, callback = self._pending.pop(ticket, (None, None))
        if ckey is None or callback is None:
            return
        if not image.isNull():
            self._cache[ckey] = image
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        try:
            callback(image)
        except RuntimeError:  # the widget that asked was deleted meanwhile
            pass


_loader: ImageLoader | None = None


def loader() -> ImageLoader:
    """The shared loader (one cache for all screens)."""
    global _loader
    if _loader is None:
        _loader = ImageLoader()
    return _loader
