"""Two kiosks, one account: two `booth batch` processes share one engine's limit of 3 runs at once.

The plan's limit counts for the whole account, so each kiosk, sending 3 at once, meets 429s from the other's
runs. Without a coordinator they must learn the shared limit (booth.jobs.pacing.InFlightLimit) and back off
so that no guest's job fails, few 429s are answered (fewer than the jobs, by the engine's own counters) and
the makespan of 2 x 15 jobs at 2 s stays within 1.3x of the ideal ceil(30 / 3) * 2 s = 20 s.

Run: `.venv/bin/python benchmarks/two_kiosks.py` (about half a minute); prints one JSON line, exit 1 when a
bound is missed.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from queue_throughput import _photo, _serve

JOBS_PER_KIOSK, KIOSKS, LATENCY_S, LIMIT = 15, 2, 2.0, 3
BOUND_RATIO = 1.3


def _kiosk(folder: Path, url: str, seed: int) -> subprocess.Popen[str]:
    photos = []
    for n in range(JOBS_PER_KIOSK):
        path = folder / "photos" / f"{n:02d}.jpg"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_photo(seed + n))
        photos.append(str(path))
    (folder / "none.toml").write_text("")
    config = str(folder / "none.toml")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BOOTH_API_URL": url, "BOOTH_CONFIG": config}
    return subprocess.Popen(
        [sys.executable, "-m", "booth", "batch", *photos, "--service", "filter", "--filter-id", "3",
         "--event", str(folder / "event"), "--out", str(folder / "out")],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _first_sent(event_dir: Path) -> float:
    """When the kiosk's first run went out (the process start before it counts in the makespan too)."""
    from booth.jobs.event import EventFolder
    from booth.jobs.store import JobStore

    store = JobStore(EventFolder(event_dir))
    try:
        return min(job.submitted_at or job.updated_at for job in store.all())
    finally:
        store.close()


def main() -> int:
    engine, url = _serve(["-m", "booth", "engine", "--latency", str(LATENCY_S), "--concurrency", str(LIMIT)])
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folders = [Path(tmp) / f"kiosk{k}" for k in range(KIOSKS)]
            t0, wall0 = time.monotonic(), time.time()
            kiosks = [_kiosk(folder, url, 1000 * k) for k, folder in enumerate(folders)]
            outcomes = [kiosk.communicate(timeout=300) for kiosk in kiosks]
            makespan = time.monotonic() - t0
            results = sum(len(list((folder / "out").glob("*"))) for folder in folders)
            first_sent = min(_first_sent(folder / "event") for folder in folders) - wall0
            with urllib.request.urlopen(f"{url}/_engine/stats", timeout=10) as answer:
                stats = json.load(answer)
    finally:
        engine.terminate()
        engine.wait(10)
    jobs = JOBS_PER_KIOSK * KIOSKS
    ideal = math.ceil(jobs / LIMIT) * LATENCY_S
    failed = [err[-400:] for kiosk, (_out, err) in zip(kiosks, outcomes, strict=True) if kiosk.returncode != 0]
    rejected = int(stats.get("rejected_429", 0))
    line = {"benchmark": "two_kiosks", "jobs": jobs, "results": results, "failed_kiosks": len(failed),
            "rejected_429": rejected, "makespan_s": round(makespan, 2), "ideal_s": ideal,
            "ratio": round(makespan / ideal, 3), "bound_ratio": BOUND_RATIO,
            "first_run_sent_s": round(first_sent, 2)}  # fmt: skip
    line["ok"] = not failed and results == jobs and rejected < jobs and makespan / ideal <= BOUND_RATIO
    print(json.dumps(line))
    for err in failed:
        print(err, file=sys.stderr)
    return 0 if line["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
