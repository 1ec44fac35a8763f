"""The engine's job book: what was accepted, where each job stands, and the figures tests read back.

A job's state is worked out from clocks when asked, not pushed by a timer task. That keeps jobs alive
across `go_down()`/`come_back()` (the HTTP server and its event loop restart; the book does not), and it
makes `latency_s` exact without a sleeping coroutine per job. The pixel work itself runs on a small
thread pool so status calls never wait behind a render.
"""

from __future__ import annotations

import logging
import math
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial

log = logging.getLogger(__name__)

# A job shows IN_QUEUE for this share of its latency (capped), as RunPod jobs do before a worker picks
# them up, so clients see every pending state at least once on a slow engine.
QUEUE_SHARE = 0.2
QUEUE_CAP_S = 2.0


@dataclass(frozen=True, slots=True)
class Rendered:
    """A finished result: the bytes and their MIME type (image/jpeg, image/png, video/mp4)."""

    data: bytes
    mime: str


@dataclass(slots=True)
class Job:
    id: str
    service: str
    created: float
    latency_s: float
    future: Future[Rendered]
    fail_message: str | None = None  # an injected failure: the job ends FAILED with this message
    done_at: float | None = None  # when the render finished (monotonic)
    counted: bool = False  # already added to the `completed` figure
    result_token: str = field(default_factory=lambda: secrets.token_urlsafe(16))

    def queued_until(self) -> float:
        return self.created + min(self.latency_s * QUEUE_SHARE, QUEUE_CAP_S)

    def finished_at(self) -> float | None:
        """When the job counts as over: the render is done and the configured latency has passed."""
        if self.done_at is None:  # set by the future's callback, the moment the render ends
            return None
        return max(self.done_at, self.created + self.latency_s)

    def state(self, now: float) -> str:
        """IN_QUEUE, IN_PROGRESS, COMPLETED or FAILED (the variant layer renames them for the wire)."""
        end = self.finished_at()
        if end is None or now < end:
            return "IN_QUEUE" if now < self.queued_until() else "IN_PROGRESS"
        if self.fail_message is not None or self.future.cancelled() or self.future.exception() is not None:
            return "FAILED"
        return "COMPLETED"

    def error(self) -> str | None:
        if self.fail_message is not None:
            return self.fail_message
        if self.future.cancelled():
            return "the engine stopped before the job ran"
        exc = self.future.exception() if self.future.done() else None
        return f"processing failed: {exc}" if exc is not None else None


def _finished(job: Job, future: Future[Rendered]) -> None:
    """Stamp the end of a render the moment it happens; a crash in a look is logged, not lost."""
    job.done_at = time.monotonic()
    if not future.cancelled() and future.exception() is not None:
        log.warning("engine job %s (%s) failed", job.id, job.service, exc_info=future.exception())


RUN_LOG_SIZE = 10_000

STAT_NAMES = (
    "runs_received",
    "runs_accepted",
    "in_flight",
    "max_in_flight_seen",
    "status_calls",
    "catalog_calls",
    "token_calls",
    "rejected_401",
    "rejected_402",
    "rejected_404",
    "rejected_422",
    "rejected_429",
    "faults_fired",
    "completed",
    "failed",
)


class JobBook:
    """Thread-safe store of jobs and counters; the ASGI app and EngineServer both talk to it."""

    def __init__(self, workers: int = 2) -> None:
        self._lock = threading.RLock()
        self._jobs: dict[str, Job] = {}
        self._workers = workers
        self._pool: ThreadPoolExecutor | None = None  # made on first use, and again after shutdown()
        self._stats: dict[str, int] = dict.fromkeys(STAT_NAMES, 0)
        # Every accepted run's service and image digest, so a test can tell which photo was sent how often.
        self._received: deque[dict[str, str]] = deque(maxlen=RUN_LOG_SIZE)

    # -- figures -------------------------------------------------------------------------------------
    def count(self, name: str, by: int = 1) -> None:
        with self._lock:
            self._stats[name] = self._stats.get(name, 0) + by

    def stats(self) -> dict[str, int]:
        with self._lock:
            self._sweep(time.monotonic(), retention_s=math.inf)
            figures = dict(self._stats)
            figures["in_flight"] = self._in_flight(time.monotonic())
            figures["jobs_kept"] = len(self._jobs)
            return figures

    def reset_stats(self) -> None:
        with self._lock:
            kept = {"completed": 0, "failed": 0}
            self._stats = dict.fromkeys(STAT_NAMES, 0) | kept
            self._stats["max_in_flight_seen"] = self._in_flight(time.monotonic())

    def runs(self) -> list[dict[str, str]]:
        """The accepted runs, oldest first: {"id", "service", "image_sha256"}."""
        with self._lock:
            return list(self._received)

    def clear(self) -> None:
        """Forget every job (their renders still finish on the pool, unseen) and zero the figures."""
        with self._lock:
            self._jobs.clear()
            self._received.clear()
            self._stats = dict.fromkeys(STAT_NAMES, 0)

    # -- jobs ----------------------------------------------------------------------------------------
    def in_flight(self) -> int:
        with self._lock:
            return self._in_flight(time.monotonic())

    def _in_flight(self, now: float) -> int:
        return sum(1 for job in self._jobs.values() if job.state(now) in ("IN_QUEUE", "IN_PROGRESS"))

    def seconds_until_slot(self) -> float:
        """How long until the soonest running job ends: the Retry-After a 429 carries."""
        now = time.monotonic()
        with self._lock:
            ends = [
                (job.finished_at() or (job.created + job.latency_s)) - now
                for job in self._jobs.values()
                if job.state(now) in ("IN_QUEUE", "IN_PROGRESS")
            ]
        return max(0.0, min(ends)) if ends else 0.0

    def accept(
        self,
        service: str,
        work: Callable[[], Rendered],
        *,
        latency_s: float,
        fail_message: str | None = None,
        retention_s: float = math.inf,
        image_sha256: str = "",
    ) -> Job:
        """Book a job and start its render; the caller has already checked credits and concurrency.

        Expired jobs are dropped here too, so a long event's results do not pile up in memory.
        """
        with self._lock:
            self._sweep(time.monotonic(), retention_s)
            job = Job(
                id=f"{secrets.token_hex(4)}-{secrets.token_hex(2)}-{secrets.token_hex(2)}-{secrets.token_hex(6)}",
                service=service,
                created=time.monotonic(),
                latency_s=latency_s,
                future=self._executor().submit(work),
                fail_message=fail_message,
            )
            job.future.add_done_callback(partial(_finished, job))
            self._jobs[job.id] = job
            self._received.append({"id": job.id, "service": service, "image_sha256": image_sha256})
            self._stats["runs_accepted"] += 1
            flying = self._in_flight(job.created)
            self._stats["max_in_flight_seen"] = max(self._stats["max_in_flight_seen"], flying)
            return job

    def get(self, job_id: str, retention_s: float) -> Job | None:
        """The job, or None when unknown or past its retention (then it is forgotten for good)."""
        with self._lock:
            self._sweep(time.monotonic(), retention_s)
            return self._jobs.get(job_id)

    def by_result_token(self, token: str) -> Job | None:
        with self._lock:
            return next((job for job in self._jobs.values() if job.result_token == token), None)

    def _sweep(self, now: float, retention_s: float) -> None:
        for job_id, job in list(self._jobs.items()):
            end = job.finished_at()
            if end is None or now < end:
                continue
            if not job.counted:
                job.counted = True
                self._stats["completed" if job.state(now) == "COMPLETED" else "failed"] += 1
            if now - end >= retention_s:
                del self._jobs[job_id]

    def _executor(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=self._workers, thread_name_prefix="engine-render")
        return self._pool

    def shutdown(self) -> None:
        """Stop the render threads (queued renders are dropped); a later run starts fresh ones."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
