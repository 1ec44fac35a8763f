"""booth.app wiring: the kiosk process starts and stops cleanly, and optional parts fail soft.

Kept beside the kiosk tests to share their qasync loop fixture (`arun`).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from booth import settings as settings_mod
from booth.problems import ProblemKind

ROOT = Path(__file__).resolve().parents[3]


def test_demo_kiosk_starts_paints_the_preview_and_stops_on_sigterm(tmp_path: Path) -> None:
    stamp = tmp_path / "first_frame"
    config = tmp_path / "booth.toml"
    config.write_text(f'[event]\ndir = "{tmp_path / "event"}"\n[printing]\nenabled = false\n'
                      '[sharing]\nhost = "127.0.0.1"\nport = 0\n[api]\nauth = "bearer"\n'
                      f'catalog_cache = "{tmp_path / "cache"}"\n')
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BOOTH_CONFIG=str(config), BOOTH_FIRST_FRAME_FILE=str(stamp),
               BOOTH_PIN="2580")
    proc = subprocess.Popen([sys.executable, "-m", "booth", "--demo", "--windowed"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not (stamp.exists() and stamp.read_text().strip()):
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "no preview frame painted within 30 s"
            time.sleep(0.05)
        # Let the services come up too (the job store is opened by the queue), so shutdown stops them all.
        while not (tmp_path / "event" / "jobs.sqlite").exists():
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline + 30, "the job queue did not start within 30 s of the preview"
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err.decode()
    assert "Traceback" not in err.decode()
    assert (tmp_path / "event" / "captures").is_dir(), "the event folder was set up"


def test_printing_and_sharing_failures_leave_a_working_kiosk(arun, engine, tmp_path: Path) -> None:
    from booth.app import start_parts, stop_parts

    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    settings = settings_mod.from_mapping({
        "event": {"dir": str(tmp_path / "event")},
        "api": {"url": engine.url, "auth": "bearer", "catalog_cache": str(tmp_path / "cache")},
        "camera": {"source": "demo"},
        "printing": {"enabled": True, "layout": "postcard"},
        "sharing": {"host": "127.0.0.1", "port": busy.getsockname()[1]},
    })
    settings.printing.layout = "missing"  # what a hand-edited file might say

    async def scenario() -> None:
        ctx = await start_parts(settings)
        try:
            assert ctx.printer is None and ctx.share is None
            kinds = {m.kind for m in ctx.messages.active()}
            assert {ProblemKind.PRINTING_OFF, ProblemKind.SHARING_OFF} <= kinds, "the operator is told what is off"
            assert ctx.queue is not None and ctx.camera is not None
        finally:
            await stop_parts(ctx)

    try:
        arun(scenario(), timeout=30)
    finally:
        busy.close()

