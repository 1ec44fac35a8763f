"""The values the camera hands to the rest of the booth: one captured frame, and the one error type.

A `Frame` is immutable once published: the capture thread allocates a fresh array for every frame, so the
GUI, the still encoder and the preview can hold a frame without copying and without locks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


class CameraError(RuntimeError):
    """A camera source that cannot be opened or stopped delivering; the message says what to check."""


@dataclass(frozen=True, slots=True)
class Frame:
    image: np.ndarray  # BGR, HxWx3 uint8, full resolution, never mirrored
    seq: int  # counts up from 1 for every frame the service publishes (across reconnects)
    captured_at: float  # time.monotonic() when the frame was in memory
    read_started_at: float = 0.0  # time.monotonic() when the read that produced it began

    @property
    def width(self) -> int:
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        return int(self.image.shape[0])
