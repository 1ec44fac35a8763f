"""Plain helpers shared by the engine tests (fixtures live in conftest.py)."""

from __future__ import annotations

import base64
from typing import Any

import cv2
import numpy as np

from booth.api.services import SERVICES


def jpeg(img: np.ndarray) -> bytes:
    return cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 92])[1].tobytes()


def decode(data: bytes, flags: int = cv2.IMREAD_UNCHANGED) -> np.ndarray:
    img = cv2.imdecode(np.frombuffer(data, np.uint8), flags)
    assert img is not None, f"not an image: {data[:16]!r}"
    return img


def body_for(service: str, image_b64: str, **extra: Any) -> dict[str, Any]:
    """A valid run body for `service` with the photo in the service's own image field."""
    spec = SERVICES[service]
    body: dict[str, Any] = {spec.image_field: image_b64}
    defaults = {"filter_id": 1, "workflow_id": 1, "style_id": 0, "gender": 1, "capture_mode": 1,
                "positive_prompt": "a portrait", "negative_prompt": "", "base_video": 0, "video_name": "clip"}
    body.update({key: value for key, value in defaults.items() if spec.uses(key)})
    body.update(extra)
    return body


def output_bytes(status: dict[str, Any]) -> bytes:
    """Decode the default output shape ({"images"|"video": b64})."""
    out = status["output"]
    return base64.b64decode(out.get("images") or out["video"])
