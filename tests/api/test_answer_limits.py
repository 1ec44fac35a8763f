"""A service (or whoever answers in its place) cannot make the kiosk swallow an unbounded answer.

A real loopback HTTP server plays the service and answers the status check with what an attacker or a
runaway worker could send: a gzip bomb, an endless chunked body, a huge Content-Length, a small PNG that
claims 40000 x 40000 pixels. Each must end the job with a clear error instead of eating the kiosk's memory.
"""

from __future__ import annotations

import base64
import functools
import gzip
import json
import struct
import threading
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from api_support import FAST

from booth.api.client import EventstationClient
from booth.api.errors import AnswerTooLargeError, JobFailedError
from booth.api.output import check_pixels, to_result
from booth.settings import ApiSettings

LIMIT = 1024 * 1024


def _png(width: int, height: int) -> bytes:
    """A valid PNG header and one tiny IDAT: a few dozen bytes that claim width x height pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


@functools.cache
def _gzip_bomb() -> bytes:
    """40 MB of JSON once unpacked, about 40 KB on the wire."""
    return gzip.compress(b'{"status": "COMPLETED", "output": "' + b"A" * (40 * 1024 * 1024) + b'"}', 6)


class _Service(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    mode = "gzip_bomb"

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        getattr(self, f"_{self.mode}")()

    def _gzip_bomb(self) -> None:
        body = _gzip_bomb()
        self._head({"Content-Encoding": "gzip", "Content-Length": str(len(body))})
        self.wfile.write(body)

    def _endless_chunks(self) -> None:
        self._head({"Transfer-Encoding": "chunked"})
        piece = b"A" * 65536
        try:
            self.wfile.write(b'c\r\n{"output": "\r\n')
            for _ in range(2000):  # 128 MB if nobody stops reading
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass  # the client hung up: what it should do

    def _huge_length(self) -> None:
        self._head({"Content-Length": str(10 * 1024**3)})
        try:
            self.wfile.write(b'{"status": "COMPLETED", "output": "')
        except OSError:
            pass

    def _pixel_bomb(self) -> None:
        body = json.dumps({"status": "COMPLETED", "output": base64.b64encode(_png(40000, 40000)).decode()})
        self._head({"Content-Length": str(len(body))})
        self.wfile.write(body.encode())

    def _head(self, headers: dict[str, str]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def service_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Service)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("mode", ["gzip_bomb", "endless_chunks", "huge_length", "pixel_bomb"])
async def test_an_oversized_answer_fails_the_job_with_a_clear_error(
    service_url: str, tmp_path: Path, mode: str
) -> None:
    _Service.mode = mode
    settings = ApiSettings(url=service_url, catalog_cache=tmp_path / "catalogs")
    async with EventstationClient(settings, retry=FAST, max_answer_bytes=LIMIT) as client:
        status = await client.status("filter", "job-1")
        assert status.state == "FAILED" and status.result is None
        assert "more than booth" in (status.error or ""), status.error
        with pytest.raises(JobFailedError, match="more than booth"):
            await client.wait_for_result("filter", "job-1", deadline_s=5)


def test_a_result_claiming_too_many_pixels_is_refused_before_decoding() -> None:
    with pytest.raises(AnswerTooLargeError, match="more than booth opens") as caught:
        to_result(_png(40000, 40000))
    assert not caught.value.retryable
    with pytest.raises(AnswerTooLargeError, match="10000 x 9000 pixels") as caught:
        to_result(_png(10000, 9000))  # over booth's limit, under Pillow's own
    assert caught.value.size == 90_000_000
    check_pixels(_png(3840, 2160))  # a 4K result is fine
    assert to_result(_png(1024, 1024)).mime == "image/png"
