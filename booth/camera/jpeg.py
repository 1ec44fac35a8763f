"""JPEG decoding for MJPG cameras and files: fast for the live picture, exact for the photo.

USB webcams send 1080p30 as MJPG, so every preview frame is a JPEG decode; it is the largest cost of a
live preview. OpenCV decodes through FFmpeg (and then converts colour in a second pass); libjpeg-turbo
through simplejpeg decodes straight to BGR and, with its fast IDCT and chroma upsampling, takes about half
the time on the same frame. The difference is invisible at preview size; the guest's photo is decoded
again from the same bytes with the exact methods. Without simplejpeg, OpenCV's decoder is used.
"""

from __future__ import annotations

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


def decode(data: np.ndarray | bytes, *, exact: bool = False, padded: bool = False) -> np.ndarray:
    """BGR image from JPEG bytes; `exact` for photos, fast otherwise. Raises ValueError if undecodable.

    `padded` asks for 4 bytes per pixel (B, G, R, 255) when the fast decoder is there: the layout of Qt's
    RGB32, so the preview needs no colour pass. Callers check the channel count they got.
    """
    buffer = data.reshape(-1) if isinstance(data, np.ndarray) else np.frombuffer(data, np.uint8)
    if simplejpeg is not None:
        space = "BGRX" if padded else "BGR"
        try:
            return simplejpeg.decode_jpeg(buffer, space, fastdct=not exact, fastupsample=not exact, strict=False)
        except ValueError:
            pass  # some webcams send frames libjpeg-turbo rejects; OpenCV's decoder may still read them
    image = cv2.imdecode(buffer, cv2.IMREAD_COLOR)
    if image is None:
        raise ValueError("a camera frame was not a readable JPEG")
    return image
