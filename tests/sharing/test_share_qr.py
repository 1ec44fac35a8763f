"""QR codes for share links: a real PNG with whole-pixel modules, and a QImage for the result screen."""

from __future__ import annotations

import io

import numpy as np
import pytest
import segno
from PIL import Image

from booth.sharing.qr import qr_png, qr_qimage

URL = "http://192.168.1.20:8765/s/3q2-7wqZ1m0nJx9vYb4a8Q"


def test_qr_png_is_a_scannable_black_and_white_code():
    image = Image.open(io.BytesIO(qr_png(URL, scale=8))).convert("L")
    modules = segno.make(URL, error="m", micro=False).symbol_size(scale=1, border=2)[0]
    assert image.size == (modules * 8, modules * 8)
    pixels = np.asarray(image)
    assert set(np.unique(pixels)) <= {0, 255}
    assert pixels[:16, :16].min() == 255  # quiet zone
    assert pixels[16, 16] == 0  # the top-left finder pattern starts after the 2-module border


def test_qr_scale_changes_only_the_pixel_size():
    small = Image.open(io.BytesIO(qr_png(URL, scale=2)))
    large = Image.open(io.BytesIO(qr_png(URL, scale=6)))
    assert large.size[0] == small.size[0] * 3


def test_qr_qimage_for_the_result_screen(qapp):
    image = qr_qimage(URL, scale=4)
    assert not image.isNull()
    assert image.width() == Image.open(io.BytesIO(qr_png(URL, scale=4))).width


def test_an_empty_url_is_refused():
    with pytest.raises(ValueError, match="needs a URL"):
        qr_png("")
