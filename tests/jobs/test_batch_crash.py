"""Acceptance: `booth batch` killed with SIGKILL at random moments, 20 times, loses nothing and double-sends nothing.

The engine (this process, 1.5 s per run so most kills land with runs in flight) records every run it
receives with its image's digest. After the trials the same command runs to completion; runs whose answer
a kill may have swallowed are retried by the operator (`booth jobs retry`), and only those photos may reach
the engine a second time.
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from jobs_helpers import photo, stored_jobs
from PIL import Image

from booth.api.imaging import prepare_image
from booth.jobs.event import DB_NAME, EventFolder
from booth.jobs.job import JobState
from booth.jobs.store import JobStore

IMAGES = 20
TRIALS = 20


def _batch(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "booth", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip


def _runs_in_flight(event_dir: Path) -> int:
    """Jobs the killed process left submitting, queued or running: the kill landed mid-run."""
    if not (event_dir / DB_NAME).exists():
        return 0
    return sum(job.state.active for job in stored_jobs(event_dir))


def _captures_all_there(event_dir: Path) -> int:
    store = JobStore(EventFolder(event_dir))
    try:
        jobs = store.all()
        for job in jobs:
            assert job.capture_path is not None and job.capture_path.is_file(), f"{job.ticket}: capture lost"
            assert job.capture_path.stat().st_size > 0
        assert len({job.key for job in jobs}) == len(jobs), "an image got two jobs"
        return len(jobs)
    finally:
        store.close()


@pytest.mark.slow
@pytest.mark.timeout(150)
def test_sigkill_at_random_moments_loses_nothing_and_sends_nothing_twice(engine: Any, tmp_path: Path) -> None:
    engine.configure(latency_s=1.5)
    images = []
    for n in range(IMAGES):
        path = tmp_path / "in" / f"guest{n}.jpg"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(photo(100 + n))
        images.append(str(path))
    event_dir, out = tmp_path / "event", tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOOTH_")}
    env.update(BOOTH_API_URL=engine.url, QT_QPA_PLATFORM="offscreen")
    command = ["batch", *images, "--service", "filter", "--filter-id", "2", "--ratio", "portrait",
               "--event", str(event_dir), "--out", str(out)]  # fmt: skip
    rng = random.Random(20261125)
    retried: dict[str, int] = {}
    kills_mid_run = 0
    started = time.monotonic()
    for trial in range(TRIALS + 5):
        proc = _batch(command, env)
        if trial < TRIALS:
            time.sleep(rng.uniform(0.5, 2.0))  # startup takes ~0.7 s: most kills land while runs are in flight
            proc.kill()
            proc.wait()
            kills_mid_run += _runs_in_flight(event_dir) > 0
        try:
            _, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
            listing = subprocess.run([sys.executable, "-m", "booth", "jobs", "list", "--event", str(event_dir)],
                                     env=env, capture_output=True, text=True).stdout  # fmt: skip
            pytest.fail(f"booth batch did not finish:\n{err[-3000:]}\n{listing}")
        if (event_dir / DB_NAME).exists():
            _captures_all_there(event_dir)
        if trial >= TRIALS and proc.returncode != 7:
            break
        held = [job for job in stored_jobs(event_dir) if job.needs_operator]
        for job in held:  # 7: runs whose answer a kill swallowed wait for the operator's word
            subprocess.run([sys.executable, "-m", "booth", "jobs", "retry", job.id, "--event", str(event_dir)],
                           env=env, check=True, capture_output=True)  # fmt: skip
            retried[job.id] = retried.get(job.id, 0) + 1
    assert proc.returncode == 0, err
    assert time.monotonic() - started < 120
    assert kills_mid_run >= TRIALS // 2, f"only {kills_mid_run} of {TRIALS} kills landed with runs in flight"

    assert _captures_all_there(event_dir) == IMAGES
    results = sorted(p.name for p in out.iterdir())
    assert sorted(Path(name).stem for name in results) == sorted(f"guest{n}" for n in range(IMAGES))
    for name in results:
        with Image.open(out / name) as result:
            result.verify()
    jobs = stored_jobs(event_dir)
    assert all(job.state is JobState.COMPLETED and job.result_path and job.result_path.is_file() for job in jobs)
    for job in jobs:  # a second run only where the operator retried a run whose answer was lost
        assert job.attempts <= 1 + retried.get(job.id, 0), job
    # The engine's own record, photo by photo: what it received is what the sender prepared from the capture.
    sent = Counter(run["image_sha256"] for run in engine.runs())
    for job in jobs:
        assert job.capture_path is not None
        digest = hashlib.sha256(prepare_image(job.capture_path.read_bytes(), "portrait")).hexdigest()
        assert 1 <= sent[digest] <= 1 + retried.get(job.id, 0), f"{job.ticket} reached the engine {sent[digest]} times"
    stats = engine.stats()
    assert IMAGES - len(retried) <= stats["runs_received"] <= IMAGES + sum(retried.values())
    assert stats["runs_received"] <= sum(job.attempts for job in jobs)
