"""Preparing the guest's photo for sending: the ratio's size as JPEG, always well under the 10 MB body limit.

A camera still is 12 MP or more; sent raw as base64 it can pass RunPod's 10 MB request limit and costs upload
time the guest waits through. The service renders at the ratio's size anyway (contract.md), so the photo is
cover-cropped and scaled to exactly that size before it leaves. Decoding a 4K JPEG and re-encoding it takes
tens of milliseconds, so `prepare_image` runs in a worker thread: qasync's GUI loop must never stall on it.
"""

from __future__ import annotations

import base64
import io
import math

from PIL import Image, ImageOps, UnidentifiedImageError

from booth.api.errors import InvalidInputError
from booth.api.services import MAX_BODY_BYTES, RATIOS
from booth.workers import run_cpu

JPEG_QUALITY = 90
# With no ratio the service picks the size; the long side is capped so the upload stays small.
MAX_LONG_SIDE = 1536
# How far under the target size a JPEG may be decoded by DCT scaling before it is scaled up.
DRAFT_SLACK = 0.9
# Room left in the body for the other JSON fields.
_BODY_SLACK = 64 * 1024
MAX_BASE64_CHARS = MAX_BODY_BYTES - _BODY_SLACK
# Pillow refuses absurd images (decompression bombs) above this many pixels; a camera never gets close.
Image.MAX_IMAGE_PIXELS = 120_000_000


def target_size(width: int, height: int, ratio: str | None) -> tuple[int, int]:
    """The size the photo is sent at: the ratio's size, or the photo's own shape capped at MAX_LONG_SIDE."""
    if ratio is not None:
        try:
            return RATIOS[ratio]
        except KeyError:
            raise InvalidInputError(f"unknown ratio {ratio!r}: choose one of {', '.join(RATIOS)}") from None
    scale = min(1.0, MAX_LONG_SIDE / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _open(data: bytes) -> Image.Image:
    try:
        # Opening only reads the header; pixels are decoded later, after the JPEG draft scale is chosen.
        return Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        raise InvalidInputError("the photo is not a readable JPEG or PNG image") from None
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise InvalidInputError(f"the photo is not a readable JPEG or PNG image ({exc})") from None


def _flatten(image: Image.Image) -> Image.Image:
    """JPEG has no alpha: transparent parts go on white, as a print would show them."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        base = Image.new("RGB", rgba.size, (255, 255, 255))
        base.paste(rgba, mask=rgba.getchannel("A"))
        return base
    return image.convert("RGB")


def _cover(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Scale to cover `size` and cut the overflow evenly (the camera guide is centred), in one resample."""
    scale = max(size[0] / image.width, size[1] / image.height)
    crop_w, crop_h = min(size[0] / scale, image.width), min(size[1] / scale, image.height)
    left, top = max((image.width - crop_w) / 2, 0.0), max((image.height - crop_h) / 2, 0.0)
    box = (left, top, left + crop_w, top + crop_h)
    # reducing_gap: a cheap box reduction first, then Lanczos over the last factor of 2 (Pillow's own speedup).
    return image.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=2.0)


def _encode(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=False)
    return out.getvalue()


def prepare_image(data: bytes, ratio: str | None = None) -> bytes:
    """JPEG bytes of `data` cover-cropped and scaled to the ratio's size; raises InvalidInputError if unreadable.

    Blocking and CPU-heavy: call `prepare_image_async` from the event loop.
    """
    image = _open(data)
    try:
        # EXIF orientation first: a phone or DSLR portrait must not reach the service lying on its side.
        orientation = image.getexif().get(0x0112, 1)
        turned = orientation in (5, 6, 7, 8)
        w, h = (image.height, image.width) if turned else image.size
        size = target_size(w, h, ratio)
        if _already_prepared(data, image, orientation, size):
            # The JobQueue prepares photos ahead with this function; re-encoding them on submit only costs time.
            return data
        if image.format == "JPEG":
            # Let libjpeg decode at 1/2, 1/4 or 1/8 scale (DCT scaling): a 4K frame decodes several times
            # faster. It may land up to 10% under the target (1080 rows for 1152): an upscale no one can see.
            scale = max(size[0] / w, size[1] / h) * DRAFT_SLACK
            need = (math.ceil(w * scale), math.ceil(h * scale))
            image.draft("RGB", (need[1], need[0]) if turned else need)
        image = ImageOps.exif_transpose(image)
        image = _flatten(image)
        if image.size != size:
            image = _cover(image, size)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise InvalidInputError(f"the photo could not be decoded ({exc}); take it again") from None
    quality = JPEG_QUALITY
    encoded = _encode(image, quality)
    # A 1536 px JPEG is far below the limit; this loop only guards against pathological noise images.
    while _b64_len(encoded) > MAX_BASE64_CHARS:
        if quality > 50:
            quality -= 15
        else:
            image = image.resize((max(1, image.width * 3 // 4), max(1, image.height * 3 // 4)))
        encoded = _encode(image, quality)
    return encoded


def _already_prepared(data: bytes, image: Image.Image, orientation: int, size: tuple[int, int]) -> bool:
    """True when `data` is what prepare_image would send: an upright RGB JPEG at exactly `size`, small enough.

    It must carry no EXIF or ICC block either: re-encoding drops them, and a camera's EXIF may hold GPS data.
    """
    return (
        image.format == "JPEG"
        and image.mode == "RGB"
        and orientation == 1
        and image.size == size
        and not image.info.get("exif")
        and "icc_profile" not in image.info
        and _b64_len(data) <= MAX_BASE64_CHARS
    )


def _b64_len(data: bytes) -> int:
    return 4 * math.ceil(len(data) / 3)


async def prepare_image_async(data: bytes, ratio: str | None = None) -> bytes:
    """prepare_image in a worker thread, so the GUI loop keeps painting while a 4K photo is re-encoded."""
    return await run_cpu(prepare_image, data, ratio)


async def encode_for_body(data: bytes, ratio: str | None = None) -> str:
    """The base64 text of the prepared photo, ready to go in the JSON body."""

    def work() -> str:
        return base64.b64encode(prepare_image(data, ratio)).decode("ascii")

    return await run_cpu(work)
