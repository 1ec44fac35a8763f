"""Video files the camera tests write and read back with OpenCV: every frame carries its number.

The number is drawn as a row of black/white blocks in the middle of the picture (inside every ratio
guide, robust to JPEG), with red and blue bars at the left and right edges of the portrait guide so a
test can tell a mirrored picture from a straight one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest

from booth.camera.guides import guide_rect

BITS = 10


def numbered_frame(n: int, width: int, height: int) -> np.ndarray:
    image = np.full((height, width, 3), 90, np.uint8)
    gx, _, gw, _ = guide_rect(width, height, "portrait")
    bar = max(4, gw // 12)
    image[:, gx : gx + bar] = (0, 0, 255)  # red on the guest's left as the camera sees it
    image[:, gx + gw - bar : gx + gw] = (255, 0, 0)  # blue on the right
    block = max(4, gw // (BITS + 4))
    x0 = width // 2 - block * BITS // 2
    y0 = height // 2 - block // 2
    for bit in range(BITS):
        value = 255 if (n >> bit) & 1 else 0
        image[y0 : y0 + block, x0 + bit * block : x0 + (bit + 1) * block] = value
    return image


def frame_number(image: np.ndarray) -> int:
    """Reads the number back from a full frame or from its portrait-guide crop (same centre)."""
    height, width = image.shape[:2]
    # The blocks were sized from the full frame's guide; in a crop the guide is the whole image.
    gw = guide_rect(width, height, "portrait")[2]
    block = max(4, gw // (BITS + 4))
    x0 = width // 2 - block * BITS // 2
    y = height // 2
    n = 0
    for bit in range(BITS):
        x = x0 + bit * block + block // 2
        if image[y, x].mean() > 128:
            n |= 1 << bit
    return n


def write_video(path: Path, frames: int, width: int = 640, height: int = 360, fps: float = 30.0,
                fourcc: str = "MJPG") -> Path:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*fourcc), fps, (width, height))
    assert writer.isOpened(), f"OpenCV cannot write {fourcc} here"
    for n in range(frames):
        writer.write(numbered_frame(n, width, height))
    writer.release()
    return path


@pytest.fixture
def make_video(tmp_path: Path) -> Callable[..., Path]:
    """make_video(name, frames, width=640, height=360, fps=30, fourcc="MJPG") -> path of a numbered video."""

    def make(name: str, frames: int, **kwargs: object) -> Path:
        return write_video(tmp_path / name, frames, **kwargs)  # type: ignore[arg-type]

    return make


@pytest.fixture
def read_number() -> Callable[[np.ndarray], int]:
    return frame_number
