"""Turning a completed job's `output` into bytes and a type, whatever shape the service chose.

contract.md cannot pin the output down: a bare base64 string, or an object with `images` (a string or a
list), `image`, `message`, `video`, `gif` or `url`; any of them may carry a `data:<mime>;base64,` prefix or
be a URL to download. So every shape is tried, and the type is told from the bytes' magic numbers, never from
the key or the prefix (a `video` key holding a GIF, or a `data:image/png` holding a JPEG, must still work).
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import warnings
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from PIL import Image

from booth.api.errors import AnswerTooLargeError
from booth.api.models import Result
from booth.netloc import is_loopback_host
from booth.workers import run_cpu

# Keys that may hold the result, in the order they are tried.
OUTPUT_KEYS = ("images", "image", "message", "video", "gif", "url", "result", "output")

_DATA_PREFIX = re.compile(r"^data:([\w.+-]+/[\w.+-]+)?(;[\w=.+-]+)*;base64,", re.IGNORECASE)
# str.split() and a regex's \s agree on what is whitespace; outside ASCII only these few are.
_ASCII_SPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"
_URLSAFE = str.maketrans("-_", "+/")
# Every step over a multi-megabyte text goes in slices this long (a multiple of 4, so base64 quads never
# straddle two): one C call over 3 MB holds the GIL for 10-100 ms even in a worker thread, freezing the GUI
# loop; between slices the interpreter hands the GIL over.
_SLICE = 256 * 1024
_NOT_BASE64 = "the result is neither base64 nor a download URL"
# Decoding a multi-megabyte result takes milliseconds; off the GUI loop it goes.
# An 8K result is 33 megapixels; more is no photo but a decompression bomb (see check_pixels).
MAX_RESULT_PIXELS = 50_000_000
_THREAD_ABOVE = 256 * 1024


class NoUsableOutput(ValueError):
    """The job says it completed but nothing in its output is a picture or a video."""


def sniff(data: bytes) -> tuple[str, str] | None:
    """(mime, ext) from the first bytes: PNG, JPEG, WebP, GIF, MP4; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", "jpg"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", "webp"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif", "gif"
    if len(data) >= 12 and data[4:8] == b"ftyp":
        return "video/mp4", "mp4"
    return None


def check_pixels(data: bytes, limit: int = MAX_RESULT_PIXELS) -> None:
    """Refuse a picture whose header claims more than `limit` pixels, before anything decodes it.

    A few kilobytes of PNG can declare 40000 x 40000 pixels: the kiosk, the printer's layout and the share
    page would each try to unpack gigabytes. Only the header is read here (Pillow opens lazily).
    """
    size: tuple[int, int] | None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                size = image.size
    except Image.DecompressionBombError:
        size = None  # past Pillow's own ceiling, which is higher still than booth's
    except (OSError, ValueError, SyntaxError):
        return  # not readable by Pillow (a WebP without the codec, a damaged file): the viewer will say so
    if size is None or size[0] * size[1] > limit:
        claim = f"{size[0]} x {size[1]} pixels" if size is not None else "more pixels"
        raise AnswerTooLargeError(
            f"the result claims {claim}, more than booth opens ({limit / 1e6:.0f} megapixels): it may be a "
            "decompression bomb; try again",
            limit=limit,
            size=size[0] * size[1] if size is not None else None,
        )


def to_result(data: bytes) -> Result:
    kind = sniff(data)
    if kind is None:
        head = data[:12].hex(" ")
        raise NoUsableOutput(f"the result is not a PNG, JPEG, WebP, GIF or MP4 (it starts with {head})")
    if kind[0].startswith("image/"):
        check_pixels(data)
    return Result(data, *kind)


def is_download_url(text: str) -> bool:
    """https anywhere, plain http only on loopback (the local engine), as for the API URL itself."""
    parts = urlsplit(text)
    if parts.scheme == "https" and parts.hostname:
        return True
    return parts.scheme == "http" and is_loopback_host(parts.hostname)


def decode_base64(text: str) -> bytes:
    """Base64 as services really send it: optional data: prefix, line breaks, missing padding, url-safe."""
    text = text.strip()
    prefix = _DATA_PREFIX.match(text)
    if prefix:
        text = text[prefix.end() :]
    if not text.isascii() or any(c in text for c in _ASCII_SPACE):
        text = "".join(part for i in range(0, len(text), _SLICE) for part in text[i : i + _SLICE].split())
    text += "=" * (-len(text) % 4)
    urlsafe = "-" in text or "_" in text
    try:
        return _decode_slices(text, urlsafe)
    except (binascii.Error, ValueError):
        if not urlsafe:
            raise NoUsableOutput(_NOT_BASE64) from None
    try:
        # url-safe text is decoded leniently, as base64.urlsafe_b64decode does (it skips stray characters).
        return base64.urlsafe_b64decode(text)
    except (binascii.Error, ValueError):
        raise NoUsableOutput(_NOT_BASE64) from None


def _decode_slices(text: str, urlsafe: bool) -> bytes:
    """Strict decode slice by slice; the same bytes (or error) as one b64decode(validate=True) of the text.

    Only the text before the first '=' is sliced: the padding and the last data quad before it go in one
    final call, so however the strict decoder judges padding, it judges it as it would for the whole text.
    """
    pad = text.find("=")
    cut = len(text) if pad < 0 else max(0, pad // 4 * 4 - (4 if pad % 4 == 0 else 0))
    parts: list[bytes] = []
    for start in range(0, cut, _SLICE):
        parts.append(_strict(text[start : min(start + _SLICE, cut)], urlsafe))
    if cut < len(text):
        parts.append(_strict(text[cut:], urlsafe))
    return b"".join(parts)


def _strict(piece: str, urlsafe: bool) -> bytes:
    return base64.b64decode(piece.translate(_URLSAFE) if urlsafe else piece, validate=True)


def candidates(output: Any) -> list[str]:
    """Every string in `output` that may be the result, best first (a list yields its first item)."""
    if isinstance(output, str):
        return [output] if output.strip() else []
    if isinstance(output, list):
        return candidates(output[0]) if output else []
    if not isinstance(output, dict):
        return []
    found: list[str] = []
    for key in OUTPUT_KEYS:
        if key in output:
            found.extend(candidates(output[key]))
    return found


async def read_output(output: Any, fetch: Callable[[str], Awaitable[bytes]]) -> Result:
    """The result held by a status answer's `output`; URLs are handed to `fetch` to download.

    Raises NoUsableOutput with the reason when no candidate gives a known picture or video format.
    """
    reasons: list[str] = []
    for text in candidates(output):
        text = text.strip()
        try:
            if is_download_url(text):
                return to_result(await fetch(text))
            if text.startswith(("http://", "ftp://", "file:")):
                raise NoUsableOutput(f"the result URL {text[:80]} is not https; booth only downloads over https")
            if len(text) > _THREAD_ABOVE:
                return await run_cpu(lambda t=text: to_result(decode_base64(t)))
            return to_result(decode_base64(text))
        except NoUsableOutput as exc:
            reason = str(exc)
            if " " in text and len(text) < 2000 and not text.startswith(("data:", "http")):
                # RunPod workers put their error text in `message`: show it rather than a decode failure.
                reason = f"the service answered with text instead of a result: {text[:200]!r}"
            reasons.append(reason)
    if not reasons:
        raise NoUsableOutput("the service said COMPLETED but sent no result")
    raise NoUsableOutput(reasons[0])
