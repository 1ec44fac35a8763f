"""What the client costs per job beyond the HTTP calls themselves, for a 4K capture; prints one JSON line.

Against the local engine at zero latency, each job is timed over the two calls a job needs: the run (submit)
and the status call that returns the finished result. The client does them with everything it adds: photo
preparation (decode the 3840x2160 JPEG, cover-crop to the ratio size, re-encode as JPEG, base64, in a worker
thread), auth headers, retry bookkeeping, tolerant output parsing and format sniffing. The baseline is a bare
httpx.AsyncClient posting an already prepared body and base64-decoding the answer. Time spent waiting for the
engine to render is not counted on either side (the job is awaited untimed between the two calls).

Figures: `client_ms` and `baseline_ms` (median per job over `jobs`), `overhead_ms` = their difference,
`prepare_ms` (median of the photo preparation alone, which is most of the overhead and is work the service
would otherwise spend upload time on), and `overhead_without_prepare_ms`.

Run: .venv/bin/python benchmarks/api_roundtrip.py [--jobs N]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import io
import json
import statistics
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
from PIL import Image

from booth.api.client import EventstationClient
from booth.api.imaging import encode_for_body
from booth.api.models import RunRequest
from booth.api.services import service
from booth.engine.server import EngineServer
from booth.settings import ApiSettings, EngineSettings

SERVICE = "skin_refiner"
RATIO = "portrait"


def capture_4k() -> bytes:
    """A 3840x2160 camera-like JPEG: smooth gradients with sensor noise, as a real frame compresses."""
    rng = np.random.default_rng(4)
    y, x = np.mgrid[0:2160, 0:3840].astype(np.float32)
    base = np.stack([x / 3840 * 200 + 30, y / 2160 * 180 + 40, (x + y) / 6000 * 160 + 50], axis=-1)
    pixels = np.clip(base + rng.normal(0, 6, base.shape), 0, 255).astype(np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, "JPEG", quality=92)
    return out.getvalue()


async def until_done(http: httpx.AsyncClient, url: str) -> None:
    """Untimed: wait for the engine to finish rendering, so neither side's timing includes it."""
    while True:
        answer = (await http.post(url)).json()
        if answer.get("status") in ("COMPLETED", "FAILED"):
            return
        await asyncio.sleep(0.02)


async def client_job(client: EventstationClient, watcher: httpx.AsyncClient, base: str, photo: bytes) -> float:
    svc = service(SERVICE)
    started = time.perf_counter()
    job_id = await client.submit(RunRequest(SERVICE, photo, ratio=RATIO))
    submitted = time.perf_counter()
    await until_done(watcher, base + svc.status_url(job_id))
    polled = time.perf_counter()
    status = await client.status(SERVICE, job_id)
    done = time.perf_counter()
    assert status.completed, status.error
    return (submitted - started) + (done - polled)


async def baseline_job(http: httpx.AsyncClient, base: str, body: dict[str, str]) -> float:
    svc = service(SERVICE)
    started = time.perf_counter()
    job_id = (await http.post(base + svc.run_path, json=body)).json()["id"]
    submitted = time.perf_counter()
    await until_done(http, base + svc.status_url(job_id))
    polled = time.perf_counter()
    answer = (await http.post(base + svc.status_url(job_id))).json()
    data = base64.b64decode(answer["output"]["images"])
    done = time.perf_counter()
    assert data[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb") or data[:3] == b"\xff\xd8\xff"
    return (submitted - started) + (done - polled)


async def measure(base: str, jobs: int) -> dict[str, object]:
    photo = capture_4k()
    body = {service(SERVICE).image_field: await encode_for_body(photo, RATIO)}
    prepare: list[float] = []
    for _ in range(jobs):
        started = time.perf_counter()
        await encode_for_body(photo, RATIO)
        prepare.append(time.perf_counter() - started)
    with tempfile.TemporaryDirectory() as cache:
        settings = ApiSettings(catalog_cache=Path(cache))
        async with (
            EventstationClient(settings, base_url=base) as client,
            httpx.AsyncClient(timeout=60) as watcher,
            httpx.AsyncClient(timeout=60) as bare,
        ):
            await client_job(client, watcher, base, photo)  # warm-up: connections, thread pool
            await baseline_job(bare, base, body)
            client_times, baseline_times = [], []
            for _ in range(jobs):  # interleaved, so drift in machine load hits both alike
                client_times.append(await client_job(client, watcher, base, photo))
                baseline_times.append(await baseline_job(bare, base, body))
    client_ms = statistics.median(client_times) * 1000
    baseline_ms = statistics.median(baseline_times) * 1000
    prepare_ms = statistics.median(prepare) * 1000
    return {
        "benchmark": "api_roundtrip",
        "capture": "3840x2160 JPEG",
        "service": SERVICE,
        "ratio": RATIO,
        "jobs": jobs,
        "client_ms": round(client_ms, 2),
        "baseline_ms": round(baseline_ms, 2),
        "overhead_ms": round(client_ms - baseline_ms, 2),
        "prepare_ms": round(prepare_ms, 2),
        "overhead_without_prepare_ms": round(client_ms - baseline_ms - prepare_ms, 2),
        "capture_bytes": len(photo),
        "body_bytes": len(body[service(SERVICE).image_field]),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=10, help="jobs timed on each side (default 10)")
    args = parser.parse_args()
    with EngineServer(EngineSettings(latency_s=0.0)) as engine:
        figures = asyncio.run(measure(engine.url, max(1, args.jobs)))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
