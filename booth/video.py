"""The first frame of a video result, for every reader that shows or prints one.

Animated looks come back as MP4/WebM/GIF; the print layout, the kiosk's picture widgets and the operator's
job card each need a still of them. Decoding lived in three places that disagreed on what an unreadable
file gives (a null image, a LayoutError, a ValueError); here it is one function with one answer, a
`ValueError` naming the file. Bottom of the house (no Qt, no booth imports), so printing and the UI both
lean on it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

# Suffixes booth treats as video results (GIF too: OpenCV reads it, though Pillow also can).
VIDEO_SUFFIXES = frozenset({".mp4", ".mov", ".webm", ".avi", ".mkv", ".gif"})


def is_video(path: str | Path) -> bool:
    return Path(path).suffix.lower() in VIDEO_SUFFIXES


def first_frame_rgb(path: str | Path) -> NDArray[np.uint8]:
    """The first frame as a contiguous height x width x 3 RGB array.

    Raises ValueError naming the file when it is missing or no frame can be decoded from it.
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path}: could not be read: no such file")
    capture = cv2.VideoCapture(str(path))
    try:
        ok, frame = capture.read()
    finally:
        capture.release()
    if not ok or frame.ndim != 3:
        raise ValueError(f"{path}: could not be read: no video frame in it (damaged, or not a video)")
    rgb = cv2.cvtColor(np.asarray(frame, dtype=np.uint8), cv2.COLOR_BGR2RGB)
    return np.ascontiguousarray(rgb, dtype=np.uint8)


def first_frame_rgb_of(data: bytes, suffix: str = ".mp4") -> NDArray[np.uint8]:
    """Like `first_frame_rgb` for a video held in memory (OpenCV only reads files, so it goes via one)."""
    fd, name = tempfile.mkstemp(suffix=suffix, prefix="booth-video-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            return first_frame_rgb(name)
        except ValueError:
            raise ValueError(f"a video of {len(data)} bytes could not be read: no frame in it") from None
    finally:
        os.unlink(name)
