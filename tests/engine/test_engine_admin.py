"""The engine's admin routes (`/_engine/*`) against what a phone on the venue Wi-Fi or a web page can send.

They switch auth off and wipe jobs, so only this machine may reach them, only with JSON, and a caller
cannot make the engine read an unbounded body. Each test performs the attack over a real socket.
"""

from __future__ import annotations

import socket
import time
from typing import Any

import httpx
import pytest

from booth.api.services import MAX_BODY_BYTES, SERVICES
from booth.engine.app import ADMIN_BODY_BYTES
from booth.engine.server import EngineServer
from booth.netloc import is_loopback_host
from booth.settings import EngineSettings
from booth.sharing.netaddr import lan_address


def _lan() -> str:
    address = lan_address()
    if is_loopback_host(address):
        pytest.skip("this machine has no non-loopback address to call from")
    return address


def test_a_forwarded_for_header_does_not_make_a_lan_caller_local(monkeypatch: pytest.MonkeyPatch) -> None:
    # An operator who put the engine behind a proxy trusts every hop: uvicorn then believes X-Forwarded-For.
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "*")
    address = _lan()
    with EngineServer(EngineSettings(host="0.0.0.0")) as engine:
        from_lan = f"http://{address}:{engine.port}"
        spoofed = {"X-Forwarded-For": "127.0.0.1"}
        answer = httpx.post(from_lan + "/_engine/config", json={"auth": "none"}, headers=spoofed)
        assert answer.status_code == 403
        assert httpx.get(from_lan + "/_engine/stats", headers=spoofed).status_code == 403
        assert httpx.post(engine.url + "/_engine/config", json={}).status_code == 200


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", b'{"auth": "none"}'),  # what a cross-site form or fetch may send without a preflight
        ("application/x-www-form-urlencoded", b"auth=none"),
        (None, b'{"auth": "none"}'),
    ],
)
def test_a_cross_site_post_is_refused(engine: Any, content_type: str | None, body: bytes) -> None:
    engine.configure(auth="bearer", tokens=["t0k"])
    headers = {"Content-Type": content_type} if content_type else {}
    for path in ("/_engine/config", "/_engine/reset"):
        with httpx.Client(base_url=engine.url) as http:
            request = http.build_request("POST", path, content=body, headers=headers)
            if content_type is None:
                request.headers.pop("Content-Type", None)
            assert http.send(request).status_code == 415
    assert engine.state.settings.auth == "bearer"


def _announce(url: str, path: str, length: int, content_type: str = "application/json") -> bytes:
    """Send headers announcing `length` bytes and only a few of them; return what the engine answers."""
    host, port = url.split("//", 1)[1].rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {length}\r\n\r\n{{".encode()
        )
        sock.settimeout(5)
        try:
            return sock.recv(4096)
        except TimeoutError:
            return b"(no answer: the engine waits for the whole body)"


@pytest.mark.parametrize(
    ("path", "limit"),
    [("/_engine/config", ADMIN_BODY_BYTES), (SERVICES["filter"].run_path, MAX_BODY_BYTES)],
)
def test_an_announced_huge_body_is_refused_before_it_is_read(engine: Any, path: str, limit: int) -> None:
    start = time.monotonic()
    answer = _announce(engine.url, path, 1024**3)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert time.monotonic() - start < 4


def test_a_chunked_admin_body_is_cut_off_at_the_limit(engine: Any) -> None:
    def chunks() -> Any:
        yield b'{"latency_s": 0, "pad": "'
        for _ in range(ADMIN_BODY_BYTES // 1024 + 2):
            yield b"x" * 1024
        yield b'"}'

    with httpx.Client(base_url=engine.url) as http:
        answer = http.post("/_engine/config", content=chunks(), headers={"Content-Type": "application/json"})
    assert answer.status_code == 413
