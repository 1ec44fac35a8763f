"""Share server flood: a phone on the venue Wi-Fi opens 1,100 idle connections; the booth keeps saving.

The acceptance line of issue 11: while an attacker holds (and keeps reopening) 1,100 silent connections to
the share server, the kiosk process saves a guest's capture and result through the real JobQueue against
the local engine, a valid share link still answers within 2 s, and the process stays under half of its
file-descriptor limit. The process runs at a soft limit of 1024 (the desktop default the attack was
reproduced with), so the guard's limits, not a raised limit, are what is measured.

The attacker is this file in another process (`--attack`), so its own sockets never count as the kiosk's;
it also counts the kiosk's open descriptors (/proc/<kiosk>/fd) as it goes, so the kiosk needs no extra
thread (one that allocates could free the kiosk's Qt objects off their thread).
It spreads its connections over many loopback source addresses (127.0.0.2 ...), the harder case: each
address stays under the per-client cap, so the total cap and idle eviction must do the work.

Run: `.venv/bin/python benchmarks/share_flood.py [--connections 1100] [--sources 50] [--nofile 1024]
[--trickle]` (about 15 s; `--trickle` makes every connection a slow-loris sending a byte each half second).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import resource
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

BOUNDS = {"link_s": 2.0, "fd_share_of_limit": 0.5}
LINK_SAMPLES = 10


# ---- the attacker (own process) -------------------------------------------------------------------------
def attack(host: str, port: int, count: int, sources: int, seconds: float, trickle: bool) -> dict[str, int]:
    """Hold `count` connections open for `seconds`, reopening each one the server closes.

    With `trickle`, every open connection gets one more byte of a request head each half second (a
    slow-loris). Prints "holding" once the first `count` connection attempts are out.
    """
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    sel = selectors.DefaultSelector()
    head = b"GET /s/aaaaaaaaaaaaaaaaaaaaaaaa HTTP/1.1\r\nHost: x\r\n" + b"X-Pad: " + b"a" * 4000
    sent: dict[socket.socket, int] = {}
    figures = {"opened": 0, "closed_by_server": 0, "connect_failed": 0, "max_open": 0, "kiosk_fd_peak": 0}
    kiosk_fds = f"/proc/{os.getppid()}/fd"
    announced = False
    deadline = time.monotonic() + seconds
    next_trickle = time.monotonic() + 0.5
    serial = 0
    while time.monotonic() < deadline and not stop.is_set():
        for _ in range(min(200, count - len(sent))):
            serial += 1
            sock = socket.socket()
            sock.setblocking(False)
            try:
                sock.bind((f"127.0.0.{2 + serial % max(1, sources)}", 0))
                sock.connect_ex((host, port))
            except OSError:
                figures["connect_failed"] += 1
                sock.close()
                continue
            sel.register(sock, selectors.EVENT_READ)
            sent[sock] = 0
            figures["opened"] += 1
        figures["max_open"] = max(figures["max_open"], len(sent))
        figures["kiosk_fd_peak"] = max(figures["kiosk_fd_peak"], len(os.listdir(kiosk_fds)))
        if not announced and figures["opened"] >= count:
            print("holding", flush=True)
            announced = True
        for key, _events in sel.select(0.05):
            sock = key.fileobj
            assert isinstance(sock, socket.socket)
            try:
                data = sock.recv(4096)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            if not data:
                figures["closed_by_server"] += 1
                sel.unregister(sock)
                sent.pop(sock, None)
                sock.close()
        if trickle and time.monotonic() >= next_trickle:
            next_trickle += 0.5
            for sock, done in list(sent.items()):
                try:
                    sock.send(head[done : done + 1])
                    sent[sock] = done + 1
                except OSError:
                    pass
    for sock in sent:
        sock.close()
    return figures


def start_attack(url: str, count: int, sources: int, seconds: float, trickle: bool = False) -> subprocess.Popen[str]:
    """The attacker as a child process, returned once its connections are out."""
    host, port = url.removeprefix("http://").split(":")
    args = [sys.executable, __file__, "--attack", host, port, str(count), str(sources), str(seconds)]
    proc = subprocess.Popen(args + (["--trickle"] if trickle else []), stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if line.strip() != "holding":
        proc.kill()
        raise RuntimeError(f"the attacker did not start: {line!r}")
    return proc


def attack_figures(proc: subprocess.Popen[str]) -> dict[str, int]:
    out, _err = proc.communicate(timeout=60)
    return dict(json.loads(out.strip().splitlines()[-1]))


# ---- the kiosk side ---------------------------------------------------------------------------------------
def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def photo() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (180, 120, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


async def save_one_guest(event_dir: Path, engine_url: str) -> dict[str, Any]:
    """One guest through the real JobQueue: capture saved, run at the local engine, result saved."""
    import shiboken6

    from booth.api.client import EventstationClient
    from booth.jobs.event import EventFolder
    from booth.jobs.job import JobParams, JobState
    from booth.jobs.queue import CLIENT_RETRY, JobQueue
    from booth.jobs.store import JobStore
    from booth.settings import ApiSettings, JobSettings

    t0 = time.monotonic()
    client = EventstationClient(ApiSettings(), base_url=engine_url, retry=CLIENT_RETRY)
    event = EventFolder(event_dir)
    queue = JobQueue(event, client, JobSettings())
    await queue.start()
    try:
        job = queue.enqueue(photo(), JobParams("filter", filter_id=1, ratio="square"))
        while not queue.job(job.id).final and time.monotonic() - t0 < 60:
            await asyncio.sleep(0.05)
        done = queue.job(job.id)
    finally:
        await queue.stop()
        await client.aclose()
        # Free the queue's Qt side here, on its own thread: left to the garbage collector it may be freed by
        # whichever thread allocates next (the share server's, under the flood), which crashes Qt later.
        shiboken6.delete(queue)
    store = JobStore(event)
    stored = store.get(job.id)
    store.close()
    capture_ok = done.capture_path is not None and done.capture_path.is_file()
    result_ok = done.state is JobState.COMPLETED and done.result_path is not None and done.result_path.is_file()
    return {"capture_saved": capture_ok, "result_saved": result_ok, "job_stored": stored is not None
            and stored.state is JobState.COMPLETED, "guest_s": round(time.monotonic() - t0, 2),
            "job_error": done.error}  # fmt: skip


def fetch_link(url: str) -> tuple[float, int]:
    import httpx

    t0 = time.monotonic()
    try:
        with httpx.Client(timeout=10) as http:
            status = http.get(url).status_code
            status = status if status != 200 else http.get(url + "/file").status_code
    except httpx.HTTPError as exc:
        print(f"link failed: {exc!r}", file=sys.stderr)
        status = 0
    return time.monotonic() - t0, status


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--connections", type=int, default=1100)
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--nofile", type=int, default=1024, help="the kiosk's soft open-file limit")
    parser.add_argument("--trickle", action="store_true", help="slow-loris: each connection sends a byte every 0.5 s")
    args = parser.parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(args.nofile, hard), hard))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    from booth.engine.server import EngineServer
    from booth.settings import EngineSettings, EventSettings, SharingSettings
    from booth.sharing.server import ShareServer

    app = QGuiApplication.instance() or QGuiApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    limit = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    figures: dict[str, Any] = {"connections": args.connections, "sources": args.sources, "trickle": args.trickle,
                               "fd_limit": limit}  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        event_dir = Path(tmp) / "event"
        (event_dir / "results").mkdir(parents=True)
        Image.new("RGB", (64, 48)).save(event_dir / "results" / "A00_earlier.jpg")
        engine = EngineServer(EngineSettings())
        engine_url = engine.start()
        sharing = SharingSettings(bind=["127.0.0.1"], port=0)
        share = ShareServer(sharing, EventSettings(dir=event_dir), event_dir / "shares")
        base = share.start()
        link = share.publish(event_dir / "results" / "A00_earlier.jpg")
        figures["fds_before"] = open_fds()
        attacker = start_attack(base, args.connections, args.sources, seconds=40.0, trickle=args.trickle)
        try:
            time.sleep(1.0)  # let the flood settle in
            figures.update(loop.run_until_complete(save_one_guest(event_dir, engine_url)))
            # A guest opens the link now and then for ten seconds (page, then picture): the slowest counts.
            samples = []
            for _ in range(LINK_SAMPLES):
                samples.append(fetch_link(link))
                time.sleep(1.0)
            link_s = max(seconds for seconds, _status in samples)
            statuses = sorted({status for _seconds, status in samples})
            figures.update(link_s=round(link_s, 3), link_status=statuses[0] if len(statuses) == 1 else statuses)
        finally:
            attacker.terminate()
        figures["attacker"] = attack_figures(attacker)
        figures["fd_peak"] = figures["attacker"]["kiosk_fd_peak"]
        figures["guard"] = {"refused": share.guard.refused, "evicted": share.guard.evicted,
                            "timed_out": share.guard.timed_out}  # fmt: skip
        share.close()
        engine.stop()
    loop.close()
    figures["fd_share_of_limit"] = round(figures["fd_peak"] / limit, 3)
    figures["bounds"] = BOUNDS
    figures["within"] = {
        "saved": bool(figures["capture_saved"] and figures["result_saved"] and figures["job_stored"]),
        "link_s": figures["link_status"] == 200 and figures["link_s"] <= BOUNDS["link_s"],
        "fd_share_of_limit": figures["fd_share_of_limit"] < BOUNDS["fd_share_of_limit"],
    }
    figures["ok"] = all(figures["within"].values())
    print(json.dumps(figures))
    return 0 if figures["ok"] else 1


if __name__ == "__main__":
    if len(sys.argv) >= 7 and sys.argv[1] == "--attack":
        host, port, count, sources, seconds = sys.argv[2:7]
        result = attack(host, int(port), int(count), int(sources), float(seconds), "--trickle" in sys.argv)
        print(json.dumps(result), flush=True)
    else:
        sys.exit(main())
