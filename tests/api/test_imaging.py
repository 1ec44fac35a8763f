"""The photo goes out as a JPEG of the ratio's size, far under the 10 MB body limit, prepared off the loop."""

from __future__ import annotations

import asyncio
import base64
import io

import numpy as np
import pytest
from PIL import Image

from booth.api.errors import InvalidInputError
from booth.api.imaging import MAX_LONG_SIDE, encode_for_body, prepare_image, prepare_image_async
from booth.api.services import MAX_BODY_BYTES, RATIOS


def noisy_jpeg(width: int, height: int, quality: int = 95) -> bytes:
    """Random noise: the worst case for JPEG size, like a sensor at high ISO in a dark venue."""
    pixels = np.random.default_rng(width * height).integers(0, 256, (height, width, 3), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, "JPEG", quality=quality)
    return out.getvalue()


@pytest.fixture(scope="module")
def capture_12mp() -> bytes:
    return noisy_jpeg(4000, 3000)


@pytest.mark.parametrize("ratio", sorted(RATIOS))
async def test_4000x3000_capture_makes_a_body_under_10mb_at_the_ratio_size(capture_12mp: bytes, ratio: str) -> None:
    assert len(base64.b64encode(capture_12mp)) > MAX_BODY_BYTES  # sent raw, it would be refused
    b64 = await encode_for_body(capture_12mp, ratio)
    assert len(b64) < MAX_BODY_BYTES
    sent = Image.open(io.BytesIO(base64.b64decode(b64)))
    assert sent.format == "JPEG"
    assert sent.size == RATIOS[ratio]


def test_no_ratio_keeps_the_shape_and_caps_the_long_side() -> None:
    sent = Image.open(io.BytesIO(prepare_image(noisy_jpeg(3000, 2000, 80))))
    assert sent.size == (MAX_LONG_SIDE, 1024)
    small = Image.open(io.BytesIO(prepare_image(noisy_jpeg(640, 480, 80))))
    assert small.size == (640, 480)


def test_cover_crop_keeps_the_centre_and_cuts_the_sides() -> None:
    # a landscape frame: red left third, green centre, blue right third -> portrait keeps mostly green
    frame = np.zeros((1080, 1920, 3), dtype=np.uint8)
    frame[:, :640] = (255, 0, 0)
    frame[:, 640:1280] = (0, 255, 0)
    frame[:, 1280:] = (0, 0, 255)
    out = io.BytesIO()
    Image.fromarray(frame).save(out, "PNG")
    sent = np.asarray(Image.open(io.BytesIO(prepare_image(out.getvalue(), "portrait"))))
    assert sent.shape == (1152, 768, 3)
    middle = sent[:, 100:-100].reshape(-1, 3).mean(axis=0)
    assert middle[1] > 200 and middle[0] < 60 and middle[2] < 60


def test_exif_orientation_is_applied_so_a_portrait_is_not_sent_lying_down() -> None:
    landscape_pixels = Image.new("RGB", (1200, 800), (10, 20, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to view": the camera was held upright
    out = io.BytesIO()
    landscape_pixels.save(out, "JPEG", exif=exif.tobytes())
    sent = Image.open(io.BytesIO(prepare_image(out.getvalue())))
    assert sent.size == (800, 1200)


def test_transparent_png_is_flattened_on_white() -> None:
    rgba = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    out = io.BytesIO()
    rgba.save(out, "PNG")
    sent = np.asarray(Image.open(io.BytesIO(prepare_image(out.getvalue(), "square"))))
    assert sent.min() > 240


@pytest.mark.parametrize("data", [b"", b"not an image", b"\xff\xd8\xff\xe0" + b"\0" * 40])
def test_unreadable_photo_is_invalid_input_with_a_clear_message(data: bytes) -> None:
    with pytest.raises(InvalidInputError, match=r"not a readable JPEG or PNG|could not be decoded"):
        prepare_image(data, "portrait")


def test_unknown_ratio_names_the_choices() -> None:
    with pytest.raises(InvalidInputError, match="portrait, landscape, square"):
        prepare_image(noisy_jpeg(100, 100), "panorama")


async def test_preparing_a_4k_photo_leaves_the_event_loop_free(capture_12mp: bytes) -> None:
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.002)
            ticks += 1

    task = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    await prepare_image_async(capture_12mp, "portrait")
    task.cancel()
    # on the loop itself, the decode and encode would have allowed no tick at all
    assert ticks >= 1


@pytest.mark.parametrize("ratio", sorted(RATIOS))
@pytest.mark.parametrize(("width", "height"), [(1001, 777), (3840, 2160), (2160, 3840), (5, 2000), (2000, 5), (1, 1)])
def test_any_frame_shape_comes_out_exactly_at_the_ratio_size(ratio: str, width: int, height: int) -> None:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (90, 60, 30)).save(out, "JPEG")
    assert Image.open(io.BytesIO(prepare_image(out.getvalue(), ratio))).size == RATIOS[ratio]


def _jpeg(image: Image.Image, **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", **params)
    return out.getvalue()


@pytest.mark.parametrize("ratio", sorted(RATIOS))
def test_a_prepared_photo_passes_through_byte_identical(ratio: str) -> None:
    # The JobQueue prepares photos ahead; submitting them must not decode and re-encode them a second time.
    prepared = prepare_image(noisy_jpeg(1200, 900), ratio)
    assert prepare_image(prepared, ratio) == prepared


def _not_prepared(size: tuple[int, int]) -> dict[str, bytes]:
    exif = Image.Exif()
    exif[0x0112] = 3  # upside down: it must be turned, so it cannot go as it is
    gps = Image.Exif()
    gps[0x010F] = "Camera maker"  # any EXIF may sit beside GPS data the guest never meant to send
    pixels = Image.fromarray(np.random.default_rng(7).integers(0, 256, (size[1], size[0], 3), dtype=np.uint8))
    png = io.BytesIO()
    pixels.save(png, "PNG")
    return {
        "png": png.getvalue(),
        "one_pixel_off": _jpeg(pixels.resize((size[0] + 1, size[1]))),
        "grayscale": _jpeg(pixels.convert("L")),
        "cmyk": _jpeg(pixels.convert("CMYK")),
        "turned": _jpeg(pixels, exif=exif.tobytes()),
        "with_exif": _jpeg(pixels, exif=gps.tobytes()),
    }


@pytest.mark.parametrize("kind", ["png", "one_pixel_off", "grayscale", "cmyk", "turned", "with_exif"])
def test_anything_else_at_the_ratio_size_is_still_re_encoded(kind: str) -> None:
    data = _not_prepared(RATIOS["square"])[kind]
    sent = prepare_image(data, "square")
    assert sent != data
    image = Image.open(io.BytesIO(sent))
    assert (image.format, image.mode, image.size) == ("JPEG", "RGB", RATIOS["square"])
    assert not image.info.get("exif")
