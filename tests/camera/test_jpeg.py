"""MJPG decoding: fast for the preview, exact for photos, and buffers reused only when nobody holds them."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from booth.camera import jpeg


def _encoded(value: int) -> np.ndarray:
    ok, data = cv2.imencode(".jpg", np.full((48, 64, 3), value, np.uint8))
    assert ok
    return data


def test_fast_and_exact_decodes_agree_closely() -> None:
    data = _encoded(120)
    fast, exact = jpeg.decode(data), jpeg.decode(data, exact=True)
    assert fast.shape == exact.shape == (48, 64, 3)
    assert np.abs(fast.astype(int) - exact.astype(int)).max() <= 3


def test_padded_decode_is_qt_rgb32_layout() -> None:
    padded = jpeg.decode(_encoded(200), padded=True)
    if padded.shape[2] == 4:  # only with simplejpeg
        assert (padded[:, :, 3] == 255).all()
        assert abs(int(padded[0, 0, 0]) - 200) <= 2


def test_pool_never_overwrites_a_frame_someone_still_holds() -> None:
    pool = jpeg.BufferPool()
    held = jpeg.decode(_encoded(10), padded=True, pool=pool)[:, :, :3]  # a view keeps its buffer alive
    for value in (60, 110, 160, 210):
        jpeg.decode(_encoded(value), padded=True, pool=pool)
    assert abs(int(held[0, 0, 0]) - 10) <= 2


def test_pool_reuses_a_released_buffer() -> None:
    pool = jpeg.BufferPool()
    first = jpeg.decode(_encoded(10), padded=True, pool=pool)
    address = first.__array_interface__["data"][0]
    del first
    again = jpeg.decode(_encoded(90), padded=True, pool=pool)
    assert again.__array_interface__["data"][0] == address
    assert abs(int(again[0, 0, 0]) - 90) <= 2


def test_garbage_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="JPEG"):
        jpeg.decode(b"\xff\xd8not a jpeg")
