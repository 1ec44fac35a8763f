"""JPEG decoding for MJPG cameras and files: fast for the live picture, exact for the photo.

USB webcams send 1080p30 as MJPG, so every preview frame is a JPEG decode; it is the largest cost of a
live preview. OpenCV decodes through FFmpeg (and then converts colour in a second pass); libjpeg-turbo
through simplejpeg decodes straight to BGR and, with its fast IDCT and chroma upsampling, takes about half
the time on the same frame. The difference is invisible at preview size; the guest's photo is decoded
again from the same bytes with the exact methods. Without simplejpeg, OpenCV's decoder is used.
"""

from __future__ import annotations

import sys

import cv2
import numpy as np

try:
    import simplejpeg
except ImportError:  # pragma: no cover - the dependency is declared; this keeps a broken install running
    simplejpeg = None

_SOI = b"\xff\xd8"


def looks_like_jpeg(data: np.ndarray | bytes) -> bool:
    head = bytes(data[:2]) if isinstance(data, bytes) else data.reshape(-1)[:2].tobytes()
    return head == _SOI


class BufferPool:
    """Hands out frame buffers again once no frame refers to them any more.

    A 4K BGRX frame is 33 MB, above glibc's largest mmap threshold, so a fresh array per frame means
    mapping, faulting in and zeroing 33 MB thirty times a second (~4 ms a frame here). Frames are never
    written after they are published, and every view of a buffer holds a reference to it, so a buffer
    whose reference count shows only the pool is free to decode into again.
    """

    def __init__(self, keep: int = 6) -> None:
        self.keep = keep
        # Held only by this list: its count, taken the same way, is what "nobody else holds it" reads as
        # (the number differs between Python versions, so it is measured rather than assumed).
        self._sentinel: list[np.ndarray] = [np.empty(0, np.uint8)]
        self._buffers: list[np.ndarray] = []

    def get(self, shape: tuple[int, ...]) -> np.ndarray:
        free = None
        for buffer in self._sentinel + self._buffers:
            refs = sys.getrefcount(buffer)
            if free is None:
                free = refs
            elif buffer.shape == shape and refs <= free:
                return buffer
        buffer = np.empty(shape, np.uint8)
        self._buffers = [*self._buffers[-(self.keep - 1) :], buffer] if self.keep > 1 else [buffer]
        return buffer


def decode(data: np.ndarray | bytes, *, exact: bool = False, padded: bool = False,
           pool: BufferPool | None = None) -> np.ndarray:
    """BGR image from JPEG bytes; `exact` for photos, fast otherwise. Raises ValueError if undecodable.

    `padded` asks for 4 bytes per pixel (B, G, R, 255) when the fast decoder is there: the layout of Qt's
    RGB32, so the preview needs no colour pass. Callers check the channel count they got.
    """
    buffer = data.reshape(-1) if isinstance(data, np.ndarray) else np.frombuffer(data, np.uint8)
    if simplejpeg is not None:
        space = "BGRX" if padded else "BGR"
        try:
            out = None
            if pool is not None:
                height, width = simplejpeg.decode_jpeg_header(buffer)[:2]
                out = pool.get((height, width, 4 if padded else 3))
            decoded: np.ndarray = simplejpeg.decode_jpeg(
                buffer, space, fastdct=not exact, fastupsample=not exact, strict=False, buffer=out
            )
            return decoded
        except ValueError:
            pass  # some webcams send frames libjpeg-turbo rejects; OpenCV's decoder may still read them
    image = cv2.imdecode(buffer, cv2.IMREAD_COLOR)
    if image is None:
        raise ValueError("a camera frame was not a readable JPEG")
    return image
