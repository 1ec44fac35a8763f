"""Turning a captured frame into the photo that is sent: cropped to the guide, never mirrored, JPEG.

Kept apart from the capture thread so the same cut is used by the kiosk, the CLI and the tests, and so
the heavy encode can run in whichever worker thread the caller picks.
"""

from __future__ import annotations

import cv2
import numpy as np

from booth.camera import jpeg
from booth.camera.frame import Frame
from booth.camera.guides import guide_rect

JPEG_QUALITY = 95  # the AI services rescale anyway; keep the guest's face free of block artefacts


def crop_to_guide(image: np.ndarray, ratio: str, two_person: bool = False) -> np.ndarray:
    """The part of the frame inside the guide, as a view (no copy)."""
    h, w = image.shape[:2]
    x, y, gw, gh = guide_rect(w, h, ratio, two_person)
    return image[y : y + gh, x : x + gw]


def encode_jpeg(image: np.ndarray, quality: int = JPEG_QUALITY) -> bytes:
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    if not ok:
        raise ValueError("the frame could not be encoded as JPEG")
    return data.tobytes()


def still_jpeg(image: np.ndarray, ratio: str, two_person: bool = False) -> bytes:
    """The photo for a ratio: full resolution inside the guide, unmirrored, as JPEG bytes."""
    return encode_jpeg(crop_to_guide(image, ratio, two_person))


def frame_still_jpeg(frame: Frame, ratio: str, two_person: bool = False) -> bytes:
    """The photo from a captured frame, decoded exactly from the camera's JPEG when there is one."""
    image = frame.image
    if frame.jpeg is not None:
        try:
            image = jpeg.decode(frame.jpeg, exact=True)
        except ValueError:
            pass  # the preview decode of the same bytes worked; use it rather than lose the photo
    return still_jpeg(image, ratio, two_person)
