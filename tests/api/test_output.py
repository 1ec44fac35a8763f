"""Every output shape contract.md allows decodes to the same bytes, and the type comes from the bytes."""

from __future__ import annotations

import asyncio
import base64
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booth.api.models import Result
from booth.api.output import NoUsableOutput, decode_base64, read_output, sniff

MAGIC = {
    "image/png": b"\x89PNG\r\n\x1a\n",
    "image/jpeg": b"\xff\xd8\xff\xe0",
    "image/webp": b"RIFF\x10\x00\x00\x00WEBPVP8 ",
    "image/gif": b"GIF89a",
    "video/mp4": b"\x00\x00\x00\x18ftypisom",
}
VARIANTS = ("plain", "data_prefix", "images", "images_list", "image", "message", "video", "gif", "url")


class _Files(BaseHTTPRequestHandler):
    files: dict[str, bytes] = {}

    def do_GET(self) -> None:
        body = self.files.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def file_server() -> Iterator[tuple[str, dict[str, bytes]]]:
    """A real loopback HTTP server the `url` variant downloads from."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Files)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Files.files
    server.shutdown()
    server.server_close()


def shape(variant: str, data: bytes, mime: str, url: str) -> object:
    b64 = base64.b64encode(data).decode()
    return {
        "plain": b64,
        "data_prefix": f"data:{mime};base64,{b64}",
        "images": {"status": "success", "images": b64},
        "images_list": {"images": [f"data:{mime};base64,{b64}", "ignored"]},
        "image": {"image": b64},
        "message": {"status": "success", "message": b64},
        "video": {"video": b64},
        "gif": {"gif": f"data:image/gif;base64,{b64}"},
        "url": {"url": url},
    }[variant]


def _decode_all(outputs: list[object]) -> list[Result]:
    async def go() -> list[Result]:
        async with httpx.AsyncClient() as http:

            async def fetch(url: str) -> bytes:
                response = await http.get(url)
                response.raise_for_status()
                return response.content

            return [await read_output(output, fetch) for output in outputs]

    return asyncio.run(go())


def _decode(output: object) -> Result:
    return _decode_all([output])[0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mime=st.sampled_from(sorted(MAGIC)), payload=st.binary(min_size=0, max_size=2048))
def test_every_output_variant_decodes_to_the_same_bytes(
    file_server: tuple[str, dict[str, bytes]], mime: str, payload: bytes
) -> None:
    base, files = file_server
    data = MAGIC[mime] + payload
    path = f"/r/{abs(hash(data))}"
    files[path] = data
    results = _decode_all([shape(variant, data, mime, base + path) for variant in VARIANTS])
    for variant, result in zip(VARIANTS, results, strict=True):
        assert result.data == data, variant
        assert result.mime == mime, variant
    assert len({result.data for result in results}) == 1


@pytest.mark.parametrize(
    ("head", "mime", "ext", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n", "image/png", "png", "image"),
        (b"\xff\xd8\xff\xdb", "image/jpeg", "jpg", "image"),
        (b"RIFF\0\0\0\0WEBPVP8L", "image/webp", "webp", "image"),
        (b"GIF87a", "image/gif", "gif", "video"),
        (b"\0\0\0\x20ftypmp42", "video/mp4", "mp4", "video"),
    ],
)
def test_format_is_told_from_the_bytes_not_the_key(head: bytes, mime: str, ext: str, kind: str) -> None:
    data = head + b"\0" * 32
    # a PNG in the `video` key with a JPEG data: prefix is still a PNG
    result = _decode({"video": "data:image/jpeg;base64," + base64.b64encode(data).decode()})
    assert (result.mime, result.ext, result.kind) == (mime, ext, kind)
    assert sniff(data) == (mime, ext)


def test_base64_as_services_send_it_line_breaks_no_padding_urlsafe() -> None:
    data = b"\xff\xd8\xff" + bytes(range(256)) * 3
    plain = base64.b64encode(data).decode()
    wrapped = "\n".join(plain[i : i + 76] for i in range(0, len(plain), 76))
    assert decode_base64(wrapped) == data
    assert decode_base64(plain.rstrip("=")) == data
    assert decode_base64(base64.urlsafe_b64encode(data).decode()) == data


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        (None, "sent no result"),
        ({}, "sent no result"),
        ({"images": []}, "sent no result"),
        ({"message": "CUDA out of memory"}, "text instead of a result.*CUDA out of memory"),
        ({"image": "%%%"}, "neither base64"),
        (base64.b64encode(b"plain text, not a picture").decode(), "not a PNG"),
        ({"url": "http://example.com/x.png"}, "not https"),
    ],
)
def test_no_usable_output_says_why(output: object, reason: str) -> None:
    with pytest.raises(NoUsableOutput, match=reason):
        _decode(output)


def test_first_usable_key_wins_over_later_ones() -> None:
    png = MAGIC["image/png"] + b"x"
    jpeg = MAGIC["image/jpeg"] + b"y"
    result = _decode({"images": base64.b64encode(png).decode(), "url": base64.b64encode(jpeg).decode()})
    assert result.data == png


def _strict_whole(text: str) -> bytes | None:
    """The reference: one strict decode of the whole text (what decode_base64 did before it sliced)."""
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:
        return None


@settings(max_examples=40, deadline=None)
@given(
    size=st.integers(min_value=600_000, max_value=700_000),
    cut=st.integers(min_value=0, max_value=3),
    flaw=st.sampled_from(["none", "bad_char_late", "pad_in_middle", "pad_at_slice", "extra_pad"]),
    at=st.floats(min_value=0.0, max_value=1.0),
)
def test_a_multi_megabyte_result_decodes_slice_by_slice_to_the_same_bytes(
    size: int, cut: int, flaw: str, at: float
) -> None:
    # Big results are decoded in slices so the GUI thread gets the GIL between them; the bytes must not change.
    data = MAGIC["image/jpeg"] + bytes(range(256)) * (size // 256) + b"\0" * cut
    plain = base64.b64encode(data).decode()
    spot = int(at * (len(plain) // 4 - 1)) * 4
    text = {
        "none": plain,
        "bad_char_late": plain[:spot] + "*" + plain[spot + 1 :],
        "pad_in_middle": plain[:spot] + "==" + plain[spot + 2 :],
        "pad_at_slice": plain[: 256 * 1024] + "====" + plain[256 * 1024 :],
        "extra_pad": plain + "====",
    }[flaw]
    expected = _strict_whole(text)
    if expected is None:
        with pytest.raises(NoUsableOutput, match="neither base64"):
            decode_base64(text)
    else:
        assert decode_base64(text) == expected
        assert decode_base64("\r\n".join(text[i : i + 76] for i in range(0, len(text), 76))) == expected
        assert decode_base64(f"data:image/jpeg;base64,{text.rstrip('=')}") == expected
        urlsafe = text.translate(str.maketrans("+/", "-_"))
        assert decode_base64(urlsafe) == expected
    if flaw == "none":
        assert decode_base64(plain) == data
