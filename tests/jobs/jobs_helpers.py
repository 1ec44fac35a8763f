"""Shared by the job queue tests (a module with a unique name: the test folders are not packages)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image
from waiting import wait_until

from booth.jobs.event import EventFolder
from booth.problems import Problem

__all__ = ["QueueHarness", "photo", "run_batch", "stored_jobs", "wait_until", "write_photos"]


def photo(seed: int, size: tuple[int, int] = (320, 240)) -> bytes:
    """A small, distinct JPEG (different seeds -> different bytes, hence different jobs)."""
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 255, size=(size[1], size[0], 3), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="JPEG", quality=80)
    return out.getvalue()


def write_photos(folder: Path, names: Iterable[str]) -> list[str]:
    """Distinct photos under `folder` (names may hold subfolders), as the paths `booth batch` is given."""
    paths = []
    for n, name in enumerate(names):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(photo(n))
        paths.append(str(path))
    return paths


def stored_jobs(event_dir: Path) -> list[Any]:
    """The jobs an event folder's store holds now, read as another process would (opened, then closed)."""
    from booth.jobs.store import JobStore

    store = JobStore(EventFolder(event_dir))
    try:
        return store.all()
    finally:
        store.close()


def run_batch(images: list[str], tmp_path: Path, *extra: str) -> int:
    """`booth batch` in this process with the tests' usual choices, event folder and --out under tmp_path."""
    from booth.cli import main

    return main(["batch", *images, "--service", "filter", "--filter-id", "3", "--ratio", "square",
                 "--event", str(tmp_path / "event"), "--out", str(tmp_path / "out"), *extra])  # fmt: skip


class QueueHarness:
    """A started JobQueue on a real client, with the signals it emitted recorded for assertions."""

    def __init__(self, event: EventFolder, url: str, api: Any = None, **job_settings: Any) -> None:
        from booth.api.client import EventstationClient
        from booth.api.retry import RetryPolicy
        from booth.engine.factory import make_engine
        from booth.jobs.queue import JobQueue
        from booth.settings import ApiSettings, EngineSettings, JobSettings

        self.api = api or ApiSettings(connect_timeout_s=1.0, read_timeout_s=10.0)
        self.client = EventstationClient(self.api, base_url=url, retry=RetryPolicy(max_rate_limit_waits=0))
        engine_factory = partial(make_engine, EngineSettings())
        self.queue = JobQueue(event, self.client, JobSettings(**job_settings), api_settings=self.api,
                              event_name="Gala 2026", engine_factory=engine_factory)  # fmt: skip
        self.problems: list[tuple[str, Problem]] = []  # (kind, the record): kinds compare equal to their names
        self.over: list[str] = []  # kinds of standing problems that ended
        self.online: list[bool] = []
        self.changes: list[tuple[str, str]] = []  # (job id, state it changed to)
        self.queue.problem.connect(lambda problem: self.problems.append((problem.kind, problem)))
        self.queue.problem_over.connect(self.over.append)
        self.queue.online_changed.connect(self.online.append)
        self.queue.job_changed.connect(lambda job_id: self.changes.append((job_id, self.queue.job(job_id).state)))

    async def __aenter__(self) -> QueueHarness:
        await self.queue.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.queue.stop()
        await self.client.aclose()

    def enqueue(self, n: int, service: str = "filter", first_seed: int = 0, **params: Any) -> list[str]:
        from booth.jobs.job import JobParams

        fields = {"filter_id": 1, "ratio": "square"} if service == "filter" else {}
        fields.update(params)
        return [self.queue.enqueue(photo(first_seed + i), JobParams(service, **fields)).id for i in range(n)]

    def sent_order(self) -> list[str]:
        """Job ids in the order they went out (first change past "captured")."""
        order: list[str] = []
        for job_id, state in self.changes:
            if state != "captured" and job_id not in order:
                order.append(job_id)
        return order

    def states(self, ids: list[str]) -> list[str]:
        return [self.queue.job(i).state.value for i in ids]

    async def all_final(self, ids: list[str], timeout: float = 20.0) -> None:
        await wait_until(lambda: all(self.queue.job(i).final for i in ids), timeout)
