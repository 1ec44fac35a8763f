"""The share server under attack from the venue Wi-Fi: silent, trickling and piled-up connections.

Each test performs the attack on a real server over loopback. The last one is the issue's acceptance line
at a smaller scale, through the same code as benchmarks/share_flood.py: an attacker process floods the
server while this process saves a guest through the real JobQueue at a low descriptor limit.
"""

from __future__ import annotations

import gc
import importlib.util
import resource
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from PIL import Image

from booth.settings import EventSettings, SharingSettings
from booth.sharing.guard import Limits, raise_fd_limit
from booth.sharing.server import ShareServer

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "share_flood.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("share_flood", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def event_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "event"
    (folder / "results").mkdir(parents=True)
    Image.new("RGB", (32, 24), (10, 200, 10)).save(folder / "results" / "A01.jpg")
    return folder


@pytest.fixture
def make_server(event_dir: Path) -> Iterator[Callable[..., ShareServer]]:
    made: list[ShareServer] = []

    def make(**limits: Any) -> ShareServer:
        server = ShareServer(SharingSettings(host="127.0.0.1", port=0), EventSettings(dir=event_dir), event_dir,
                             limits=Limits(**limits))  # fmt: skip
        made.append(server)
        server.start()
        return server

    yield make
    for server in made:
        server.close()


def _connect(server: ShareServer, source: str = "127.0.0.1") -> socket.socket:
    sock = socket.socket()
    sock.bind((source, 0))
    sock.connect(("127.0.0.1", server.port))
    return sock


def _closed_within(sock: socket.socket, seconds: float) -> bool:
    """Whether the server closes the connection within `seconds` (reading whatever it sends meanwhile)."""
    sock.settimeout(seconds)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        return False
    except OSError:
        return True
    return True


def test_a_connection_that_never_sends_a_byte_holds_no_descriptor_and_is_closed(make_server):
    server = make_server(head_timeout_s=1.0, defer_accept_s=1)
    with _connect(server) as silent:
        t0 = time.monotonic()
        time.sleep(0.5)
        assert server.guard.open == 0  # it waits in the kernel's queue, not in the kiosk's descriptors
        assert _closed_within(silent, 6.0)
        assert 1.5 <= time.monotonic() - t0 < 6.0


def test_a_slow_loris_is_closed_though_it_keeps_sending(make_server):
    server = make_server(head_timeout_s=1.0)
    head = b"GET /s/aaaaaaaaaaaaaaaaaaaaaaaa HTTP/1.1\r\nHost: booth\r\nX-Slow: " + b"z" * 200
    with _connect(server) as slow:
        slow.settimeout(0.2)
        t0 = time.monotonic()
        closed = False
        for byte in head:  # one byte every 0.2 s: each would restart uvicorn's own keep-alive timer
            try:
                slow.send(bytes([byte]))
                if slow.recv(1) == b"":
                    closed = True
                    break
            except TimeoutError:
                continue
            except OSError:
                closed = True
                break
            if time.monotonic() - t0 > 4.0:
                break
        assert closed, "the trickling connection was still open after 4 s"
        assert time.monotonic() - t0 < 3.0


def test_a_kept_alive_connection_idles_out_too(make_server, event_dir: Path):
    server = make_server(head_timeout_s=1.0)
    url = server.publish(event_dir / "results" / "A01.jpg")
    path = url.split(str(server.port), 1)[1]
    with _connect(server) as conn:
        conn.sendall(f"GET {path} HTTP/1.1\r\nHost: booth\r\n\r\n".encode())
        assert conn.recv(12).startswith(b"HTTP/1.1 200")
        assert _closed_within(conn, 3.0)


def test_a_download_the_client_stops_reading_is_closed(make_server, event_dir: Path):
    server = make_server(stall_timeout_s=1.0)
    big = event_dir / "results" / "A09.mp4"
    big.write_bytes(b"\0" * (64 << 20))  # more than the loopback socket buffers hold
    path = server.publish(big).split(str(server.port), 1)[1]
    with _connect(server) as reader:
        reader.sendall(f"GET {path}/file HTTP/1.1\r\nHost: booth\r\n\r\n".encode())
        deadline = time.monotonic() + 10
        while server.guard.stalled == 0 and time.monotonic() < deadline:
            time.sleep(0.1)  # never reading a byte
        assert server.guard.stalled == 1
        assert server.guard.open == 0
    with httpx.Client(timeout=10) as http:  # a phone that reads gets the whole file
        assert len(http.get(server.url_for(path.rsplit("/", 1)[1]) + "/file").content) == 64 << 20
    assert server.guard.stalled == 1


def test_one_client_holds_only_its_share_of_connections(make_server, event_dir: Path):
    server = make_server(per_client=4)
    url = server.publish(event_dir / "results" / "A01.jpg")
    hog = [_connect(server, "127.0.0.9") for _ in range(20)]
    for sock in hog:
        sock.sendall(b"G")  # a request begun, never finished
    try:
        time.sleep(0.3)
        closed = sum(_closed_within(sock, 0.2) for sock in hog)
        assert closed >= 16  # all but the client's 4 were closed on arrival
        assert server.guard.open <= 4
        with httpx.Client(timeout=2) as http:  # another phone is served at once
            assert http.get(url).status_code == 200
    finally:
        for sock in hog:
            sock.close()


def test_when_full_the_longest_idle_connection_makes_room_for_a_guest(make_server, event_dir: Path):
    server = make_server(total=8, per_client=8)
    url = server.publish(event_dir / "results" / "A01.jpg")
    idle = [_connect(server, f"127.0.0.{10 + i}") for i in range(8)]
    for sock in idle:
        sock.sendall(b"GET /s/")  # requests begun, never finished
    try:
        time.sleep(0.3)
        t0 = time.monotonic()
        with httpx.Client(timeout=2) as http:
            assert http.get(url + "/file").status_code == 200
        assert time.monotonic() - t0 < 1.0
        assert server.guard.evicted >= 1 and server.guard.open <= 8
    finally:
        for sock in idle:
            sock.close()


def test_raise_fd_limit_lifts_the_soft_limit_up_to_the_hard_one():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))
        raised = raise_fd_limit(4096)
        assert raised == min(4096, hard) == resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        assert raise_fd_limit(128) == raised  # never lowered
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


@pytest.fixture
def low_fd_limit() -> Iterator[int]:
    """This process at a soft limit of 512 descriptors, as a kiosk at the desktop default is (1024) but
    smaller, so a flood of 600 would take every one of them."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(512, hard), hard))
    try:
        yield resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_a_flood_of_idle_connections_does_not_stop_the_booth_saving(arun, engine, tmp_path: Path, low_fd_limit):
    bench = _bench()
    event_dir = tmp_path / "event"
    (event_dir / "results").mkdir(parents=True)
    Image.new("RGB", (32, 24)).save(event_dir / "results" / "A00_earlier.jpg")
    share = ShareServer(SharingSettings(host="127.0.0.1", port=0), EventSettings(dir=event_dir), event_dir / "shares")
    base = share.start()
    link = share.publish(event_dir / "results" / "A00_earlier.jpg")
    attacker = bench.start_attack(base, 600, sources=30, seconds=30.0)
    try:
        time.sleep(0.5)
        saved = arun(bench.save_one_guest(event_dir, engine.url), timeout=40)
        # The finished qasync loop's Qt timers are garbage now: free them on this thread, before the share
        # server's thread (allocating hard under the flood) runs a collection and frees them off-thread.
        gc.collect()
        link_s, status = bench.fetch_link(link)
    finally:
        attacker.terminate()
        figures = bench.attack_figures(attacker)
        share.close()
    assert figures["max_open"] == 600  # the attack really ran
    assert saved["capture_saved"] and saved["result_saved"] and saved["job_stored"], saved
    assert status == 200 and link_s < 2.0
    assert figures["kiosk_fd_peak"] < low_fd_limit / 2  # counted by the attacker, in /proc/<this process>/fd
