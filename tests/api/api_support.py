"""Shared values for the API tests: quick retry waits, test credentials, a photo-like JPEG."""

from __future__ import annotations

import io
from collections.abc import Callable

import numpy as np
from PIL import Image

from booth.api.client import EventstationClient
from booth.api.retry import RetryPolicy

# The real policy's shape with short waits, so a test of "three retries" takes milliseconds.
FAST = RetryPolicy(max_retries=3, max_rate_limit_waits=2, base_delay_s=0.01, max_delay_s=0.05, retry_after_cap_s=1.5)

USER, PASSWORD, TOKEN = "anna", "pw-Kx83-very-secret", "tok-Zq91-static-secret"

MakeClient = Callable[..., EventstationClient]


def photo_jpeg(width: int = 1280, height: int = 960) -> bytes:
    """A small real photo-like JPEG: a gradient with a bright oval where a face would be."""
    y, x = np.mgrid[0:height, 0:width]
    pixels = np.stack([x * 255 // width, y * 255 // height, np.full_like(x, 120)], axis=-1).astype(np.uint8)
    oval = ((x - width / 2) / (width / 6)) ** 2 + ((y - height / 2.5) / (height / 4)) ** 2 < 1
    pixels[oval] = (224, 172, 150)
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, "JPEG", quality=90)
    return out.getvalue()
