"""The values the camera hands to the rest of the booth: one captured frame, and the one error type.

A `Frame` is immutable once published: the capture thread allocates a fresh array for every frame, so the
GUI, the still encoder and the preview can hold a frame without copying and without locks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np


class CameraError(RuntimeError):
    """A camera source that cannot be opened or stopped delivering; the message says what to check."""


class Captured(NamedTuple):
    """What a source read: the decoded picture and, for MJPG sources, the JPEG it came from."""

    image: np.ndarray  # BGR, HxWx3 uint8 (may be a view into `padded`)
    jpeg: np.ndarray | None = None  # the compressed bytes (uint8), decoded again exactly for photos
    padded: np.ndarray | None = None  # HxWx4 BGRX holding the same pixels, when the decoder made one


def captured_from_padded(padded: np.ndarray, jpeg: np.ndarray | None = None) -> Captured:
    """A Captured whose BGR image is a view of a 4-byte-per-pixel decode (see booth.camera.jpeg)."""
    if padded.ndim == 3 and padded.shape[2] == 4:
        return Captured(padded[:, :, :3], jpeg, padded)
    return Captured(padded, jpeg)


@dataclass(frozen=True, slots=True)
class Frame:
    image: np.ndarray  # BGR, HxWx3 uint8, full resolution, never mirrored; read-only by contract
    seq: int  # counts up from 1 for every frame the service publishes (across reconnects)
    captured_at: float  # time.monotonic() when the frame was in memory
    read_started_at: float = 0.0  # time.monotonic() when the read that produced it began
    jpeg: np.ndarray | None = None  # the camera's own JPEG of this frame, when it sent one
    padded: np.ndarray | None = None  # BGRX buffer `image` is a view of, when there is one (for the preview)

    @property
    def width(self) -> int:
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        return int(self.image.shape[0])
