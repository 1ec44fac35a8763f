"""Frames made ready to paint, in the capture thread, so the GUI thread only copies pixels to the screen.

The costly part of a live preview is not drawing but scaling a 1080p/4K frame and converting its colours.
Doing that on the GUI thread is what makes other booths stutter: the event loop stalls, frames queue up and
the picture trails the guest by seconds. Here each preview tells the camera the size it shows the frame
at; the capture thread resizes (INTER_AREA for big reductions, linear otherwise), mirrors if asked and
hands over 32-bit BGRX, which is byte for byte Qt's RGB32 on little-endian machines, so the widget
wraps the buffer in a QImage without a copy and draws it unscaled. A preview that shows only what will be
captured (the pose screen) asks for the guide's crop: the capture thread cuts the frame to the guide
before scaling (a view, no copy), so the guest sees themselves as large as the screen allows at the
shape of their photo, and the cut costs less than scaling the whole frame. MJPG frames are decoded straight to
BGRX (booth.camera.jpeg), so they skip the colour pass too.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import cv2
import numpy as np
from PySide6.QtGui import QImage

from booth.camera.frame import Frame
from booth.camera.guides import Rect, guide_rect


@dataclass(frozen=True, slots=True)
class DisplayFrame:
    image: QImage  # RGB32, already at display size and mirrored if asked
    pixels: np.ndarray  # the buffer the QImage points into; kept alive with it
    seq: int
    captured_at: float
    frame_w: int  # size of the camera frame it was made from, to place the guide
    frame_h: int
    mirrored: bool
    crop: Rect | None = None  # the part of the frame shown (frame pixels), when the preview asked for a crop

    @property
    def scale(self) -> float:
        return self.image.width() / self.frame_w


def fit_size(frame_w: int, frame_h: int, box_w: int, box_h: int) -> tuple[int, int]:
    """The largest size of the frame's aspect that fits in the box (at least 1x1)."""
    scale = min(box_w / frame_w, box_h / frame_h)
    return max(1, round(frame_w * scale)), max(1, round(frame_h * scale))


def _shrink(src: np.ndarray, w: int, h: int) -> np.ndarray:
    """Resize to w x h; big reductions first average 2x2 blocks so a 4K source does not shimmer.

    OpenCV's INTER_AREA is only fast (SIMD) for an exact factor of two, so big reductions halve the frame
    (trimmed to even size) as often as it stays at least w x h, and the remaining < 2x step is linear.
    """
    while src.shape[1] >= 2 * w and src.shape[0] >= 2 * h:
        fh, fw = src.shape[:2]
        src = src[: fh - fh % 2, : fw - fw % 2]
        src = cv2.resize(src, (fw // 2, fh // 2), interpolation=cv2.INTER_AREA)
    if src.shape[1] == w and src.shape[0] == h:
        return src
    return cv2.resize(src, (w, h), interpolation=cv2.INTER_LINEAR)


@dataclass(frozen=True, slots=True)
class CropTo:
    """A preview's wish to see only the guide of a ratio: exactly the rectangle the still is cut to."""

    ratio: str
    two_person: bool = False


def prepare(frame: Frame, box_w: int, box_h: int, mirror: bool, crop: CropTo | None = None) -> DisplayFrame:
    """Cut to the guide if asked, scale to fit the box, mirror if asked, and wrap it as an RGB32 QImage."""
    src = frame.padded if frame.padded is not None else frame.image
    fh, fw = src.shape[:2]
    rect: Rect | None = None
    if crop is not None:
        rect = guide_rect(fw, fh, crop.ratio, crop.two_person)
        x, y, cw, ch = rect
        src = src[y : y + ch, x : x + cw]
    w, h = fit_size(src.shape[1], src.shape[0], box_w, box_h)
    if (w, h) != (src.shape[1], src.shape[0]):
        src = _shrink(src, w, h)
    if mirror:
        src = cv2.flip(src, 1)
    # BGRX already is RGB32's byte order; only a plain BGR frame needs the colour pass. (A crop shown
    # unscaled is a view with the frame's row stride: ascontiguousarray copies only then.)
    pixels = np.ascontiguousarray(src) if src.shape[2] == 4 else cv2.cvtColor(src, cv2.COLOR_BGR2BGRA)
    image = QImage(pixels.data, w, h, pixels.strides[0], QImage.Format.Format_RGB32)
    return DisplayFrame(image, pixels, frame.seq, frame.captured_at, fw, fh, mirror, rect)


class DisplayTarget:
    """One preview's wish (box size, mirror, crop) and the newest frame made for it; safe across threads."""

    def __init__(self, width: int = 0, height: int = 0, mirror: bool = False) -> None:
        self._lock = threading.Lock()
        self._size = (width, height)
        self._mirror = mirror
        self._crop: CropTo | None = None
        self._latest: DisplayFrame | None = None

    def configure(self, width: int, height: int, mirror: bool) -> None:
        with self._lock:
            self._size = (max(0, width), max(0, height))
            self._mirror = mirror

    def set_crop(self, crop: CropTo | None) -> None:
        """Show only the guide of `crop` from the next frame on (None: the whole frame)."""
        with self._lock:
            self._crop = crop

    def latest(self) -> DisplayFrame | None:
        with self._lock:
            return self._latest

    def update(self, frame: Frame) -> None:
        """Called by the capture thread with each new frame; a hidden (0x0) preview costs nothing."""
        with self._lock:
            (w, h), mirror, crop = self._size, self._mirror, self._crop
        if w <= 0 or h <= 0:
            return
        made = prepare(frame, w, h, mirror, crop)
        with self._lock:
            self._latest = made
