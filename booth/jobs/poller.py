"""One shared poll loop for every run the service holds, instead of a task per job knocking on its own.

The loop keeps a due time per run and sleeps until the earliest; each status call is a short task, so a
slow download of one result never delays the others. Due times come from `PollPlan` (ask when the run
should be done, then a few quick follow-ups), and back off when the service is unreachable or in trouble,
so a booth with many guests waiting does not flood a service that is already struggling.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING

from booth.api.errors import ApiError, AuthError, CreditsError, JobExpiredError, UnreachableError
from booth.jobs.pacing import ERROR_MAX_RETRY_S, OFFLINE_FIRST_RETRY_S, OFFLINE_MAX_RETRY_S, backoff_s

if TYPE_CHECKING:
    from booth.jobs.queue import JobQueue

log = logging.getLogger(__name__)

BLOCKED_RETRY_S = 15.0
MAX_PARALLEL_STATUS = 4


class _Track:
    __slots__ = ("due", "failures", "last_pending", "pending_polls", "started")

    def __init__(self, due: float, started: float) -> None:
        self.due = due
        self.started = started
        self.pending_polls = 0
        self.last_pending: float | None = None
        self.failures = 0


class Poller:
    def __init__(self, queue: JobQueue) -> None:
        self._queue = queue
        self._tracks: dict[str, _Track] = {}
        self._busy: set[str] = set()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._calls: set[asyncio.Task[None]] = set()
        self.status_calls = 0

    def start(self) -> None:
        self._wake = asyncio.Event()
        self._task = asyncio.ensure_future(self._loop())

    async def stop(self) -> None:
        tasks = [t for t in (self._task, *self._calls) if t is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._task = None

    def add(self, job_id: str, delay: float) -> None:
        """Watch a run the service accepted; for a resumed run, its age comes from `submitted_at`."""
        now = time.monotonic()
        job = self._queue.job(job_id)
        age = max(0.0, time.time() - job.submitted_at) if job.submitted_at else 0.0
        self._tracks[job_id] = _Track(now + delay, now - age)
        self._wake.set()

    def forget(self, job_id: str) -> None:
        self._tracks.pop(job_id, None)

    def watching(self) -> int:
        return len(self._tracks)

    async def _loop(self) -> None:
        while True:
            now = time.monotonic()
            due = [jid for jid, t in self._tracks.items() if t.due <= now + 0.01 and jid not in self._busy]
            for job_id in due[: max(0, MAX_PARALLEL_STATUS - len(self._busy))]:
                self._busy.add(job_id)
                task = asyncio.ensure_future(self._poll(job_id))
                self._calls.add(task)
                task.add_done_callback(self._call_done)
            waiting = [t.due for jid, t in self._tracks.items() if jid not in self._busy]
            self._wake.clear()
            timeout = max(0.0, min(waiting) - time.monotonic()) if waiting else None
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=timeout)
            except TimeoutError:
                pass

    def _call_done(self, task: asyncio.Task[None]) -> None:
        self._calls.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("status poll failed", exc_info=task.exception())

    def _again(self, job_id: str, delay: float) -> None:
        track = self._tracks.get(job_id)
        if track is not None:
            track.due = time.monotonic() + delay

    async def _poll(self, job_id: str) -> None:
        try:
            await self._poll_once(job_id)
        finally:
            self._busy.discard(job_id)
            self._wake.set()

    async def _poll_once(self, job_id: str) -> None:
        queue = self._queue
        job = queue.job(job_id)
        track = self._tracks.get(job_id)
        if track is None or not job.state.remote or job.remote_id is None:
            self.forget(job_id)
            return
        backend = job.backend or "remote"
        try:
            client = await queue.sender.client_for(backend)
            self.status_calls += 1
            status = await client.status(job.service, job.remote_id)
        except JobExpiredError as exc:
            self.forget(job_id)
            if queue.job(job_id).remote_id == job.remote_id:
                await queue.expired(job_id, f"the service no longer knows this run ({exc}); sending it again")
            return
        except UnreachableError as exc:
            track.failures += 1
            if backend == "remote":
                queue.sender.set_online(False, str(exc))
            self._again(job_id, backoff_s(track.failures, OFFLINE_FIRST_RETRY_S, OFFLINE_MAX_RETRY_S))
            return
        except (AuthError, CreditsError) as exc:
            queue.sender.block("auth" if isinstance(exc, AuthError) else "credits", str(exc))
            self._again(job_id, BLOCKED_RETRY_S)
            return
        except ApiError as exc:
            track.failures += 1
            log.warning("job %s: status failed (%s); asking again later", job.ticket, exc)
            self._again(job_id, backoff_s(track.failures, 1.0, ERROR_MAX_RETRY_S))
            return
        if backend == "remote":
            queue.sender.set_online(True)
        track.failures = 0
        current = queue.job(job_id)
        if current.remote_id != job.remote_id or not current.state.remote:
            return  # cancelled or retried while we asked
        elapsed = time.monotonic() - track.started
        if status.final:
            self.forget(job_id)
            queue.release(job_id)  # the service is done with it: its slot may take the next run already
            if status.state == "COMPLETED" and status.result is not None:
                queue.poll_plan.observe(job.service, track.last_pending, elapsed)
                result = status.result
                try:
                    await queue.complete(job_id, result.data, result.ext, result.kind)
                except OSError as exc:  # the service keeps the result a while: fetch it again later
                    queue.problem.emit("storage", f"ticket {job.ticket}: the result could not be saved ({exc})")
                    self._tracks[job_id] = _Track(time.monotonic() + ERROR_MAX_RETRY_S, track.started)
            else:
                await queue.fail(job_id, status.error or f"the service ended the run as {status.state}")
            return
        if status.state in ("IN_PROGRESS", "RUNNING"):
            await queue.mark_running(job_id)
        if queue.deadline_passed(current):
            await queue.deadline(job_id)
            return
        track.pending_polls += 1
        track.last_pending = elapsed
        self._again(job_id, queue.poll_plan.next_delay(job.service, elapsed, track.pending_polls))
