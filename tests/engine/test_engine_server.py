"""EngineServer's life: it answers as soon as start() returns, goes down and comes back on the same port
with its jobs, runs beside other engines, and `booth engine` serves it from the command line."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from engine_support import body_for

from booth.api.services import SERVICES
from booth.engine.server import EngineServer
from booth.settings import EngineSettings

REPO = Path(__file__).resolve().parents[2]


def test_start_returns_a_url_that_already_answers() -> None:
    with EngineServer(EngineSettings()) as engine:
        assert engine.url.startswith("http://127.0.0.1:")
        assert httpx.get(engine.url + "/v1/filters/").status_code == 200
    with pytest.raises(httpx.ConnectError):
        httpx.get(engine.url + "/v1/filters/")


def test_stop_then_start_again_still_renders(photo_b64: str) -> None:
    engine = EngineServer(EngineSettings())
    engine.start()
    engine.stop()
    with engine:
        job = httpx.post(engine.url + SERVICES["comic"].run_path, json=body_for("comic", photo_b64)).json()["id"]
        deadline = time.monotonic() + 10
        while (state := httpx.post(engine.url + SERVICES["comic"].status_url(job)).json()["status"]) != "COMPLETED":
            assert state in ("IN_QUEUE", "IN_PROGRESS") and time.monotonic() < deadline
            time.sleep(0.05)


def test_offline_and_back_on_the_same_port_keeping_jobs(engine: Any, photo_b64: str) -> None:
    engine.configure(latency_s=0.5)
    url = engine.url
    job = httpx.post(url + SERVICES["comic"].run_path, json=body_for("comic", photo_b64)).json()["id"]
    engine.go_down()
    with pytest.raises(httpx.ConnectError):
        httpx.post(url + SERVICES["comic"].status_url(job))
    time.sleep(0.6)
    engine.come_back()
    assert engine.url == url
    answer = httpx.post(url + SERVICES["comic"].status_url(job)).json()
    assert answer["status"] == "COMPLETED"
    engine.go_down()
    engine.go_down()  # twice is harmless
    engine.come_back()
    assert httpx.get(url + "/_engine/stats").json()["runs_accepted"] == 1


def test_a_fixed_port_and_two_engines_side_by_side() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with EngineServer(EngineSettings(port=port)) as first, EngineServer(EngineSettings()) as second:
        assert first.url == f"http://127.0.0.1:{port}"
        assert first.url != second.url
        first.configure(credits=0)
        assert httpx.get(second.url + "/_engine/stats").json()["credits_left"] == -1


def test_a_busy_port_is_a_clear_error() -> None:
    with EngineServer(EngineSettings()) as first:
        taken = EngineServer(EngineSettings(port=first.port))
        with pytest.raises(OSError, match="cannot listen"):
            taken.start()
        taken.stop()


def test_status_calls_stay_fast_while_a_render_is_running(engine: Any, photo_b64: str) -> None:
    """Pixels are made on worker threads, so the event loop keeps answering."""
    big = body_for("animate_image", photo_b64)
    with httpx.Client(base_url=engine.url) as http:
        for _ in range(2):
            http.post(SERVICES["animate_image"].run_path, json=big)
        start = time.monotonic()
        for _ in range(5):
            assert http.get("/_engine/stats").status_code == 200
        assert time.monotonic() - start < 1.0


def test_booth_engine_command_serves_until_interrupted(tmp_path: Path) -> None:
    config = tmp_path / "booth.toml"
    config.write_text("[engine]\nlatency_s = 0.25\ncredits = 3\n")
    env = dict(os.environ, BOOTH_CONFIG=str(config), PYTHONUNBUFFERED="1")
    command = [sys.executable, "-m", "booth", "engine", "--credits", "5", "--auth", "bearer", "--token", "t0k",
               "--variant", "run_id_key=job_id", "--fault", "catalog.error.next=1"]
    proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert "listening on http://127.0.0.1:" in line, line + (proc.stderr.read() if proc.poll() else "")
        url = line.split("listening on ", 1)[1].split()[0]
        signed = {"Authorization": "Bearer t0k"}
        assert httpx.get(url + "/v1/filters/", headers=signed).status_code == 503
        assert httpx.get(url + "/v1/filters/", headers=signed).status_code == 200
        assert httpx.get(url + "/v1/filters/").status_code == 401
        stats = httpx.get(url + "/_engine/stats").json()
        assert stats["credits_left"] == 5
        settings = httpx.post(url + "/_engine/config", json={}).json()["settings"]
        assert settings["latency_s"] == 0.25 and settings["variant"] == {"run_id_key": "job_id"}
    finally:
        proc.send_signal(signal.SIGINT)
        assert proc.wait(10) == 0


def test_booth_engine_refuses_bad_options_in_one_line() -> None:
    result = subprocess.run([sys.executable, "-m", "booth", "engine", "--variant", "output=fax"], cwd=REPO,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "output='fax'" in result.stderr and "Traceback" not in result.stderr


def _lan_address() -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent; this only picks the outgoing interface
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_admin_routes_refuse_callers_from_the_network() -> None:
    address = _lan_address()
    if address is None:
        pytest.skip("this machine has no non-loopback address to call from")
    with EngineServer(EngineSettings(host="0.0.0.0")) as engine:
        from_lan = f"http://{address}:{engine.port}"
        assert httpx.get(from_lan + "/v1/filters/").status_code == 200
        assert httpx.post(from_lan + "/_engine/config", json={"auth": "none"}).status_code == 403
        assert httpx.get(engine.url + "/_engine/stats").status_code == 200
