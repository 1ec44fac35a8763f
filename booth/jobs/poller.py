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
from booth.api.retry import backoff_ceiling, backoff_s
from booth.api.services import RETENTION_S
from booth.jobs.pacing import ERROR_MAX_RETRY_S, OFFLINE_FIRST_RETRY_S, OFFLINE_MAX_RETRY_S, PollPlan
from booth.jobs.ports import REMOTE, ClientFor, PollerPort
from booth.problems import ProblemKind

if TYPE_CHECKING:
    from booth.api.models import JobStatus
    from booth.jobs.job import Job

log = logging.getLogger(__name__)

BLOCKED_RETRY_S = 15.0
MAX_PARALLEL_STATUS = 4
CONFIRM_UNKNOWN_S = 2.0  # a run the service says it does not know is asked about once more after this
ABANDONED_FIRST_S = 1.0
ABANDONED_MAX_S = 10.0
PENDING_STATES = ("IN_PROGRESS", "RUNNING")  # the service's words for a run it has started


class _Track:
    __slots__ = ("due", "failures", "last_pending", "pending_polls", "started", "unknown_since")

    def __init__(self, due: float, started: float) -> None:
        self.due = due
        self.started = started
        self.pending_polls = 0
        self.last_pending: float | None = None
        self.failures = 0
        self.unknown_since: float | None = None  # when the service first said it does not know the run


class Poller:
    """Asks the service about every run it holds and tells the queue (through `PollerPort`) how each ends.

    It owns the `PollPlan` (when to ask, learned per service) and talks to the service through `client_for`.
    """

    def __init__(self, queue: PollerPort, client_for: ClientFor, poll_interval_s: float) -> None:
        self._queue = queue
        self._client_for = client_for
        self.plan = PollPlan(interval_s=poll_interval_s)
        self._tracks: dict[str, _Track] = {}
        self._busy: set[str] = set()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._calls: set[asyncio.Task[None]] = set()

    def start(self) -> None:
        self._wake = asyncio.Event()
        self._task = asyncio.ensure_future(self._loop())

    async def stop(self) -> None:
        tasks = [t for t in (self._task, *self._calls) if t is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._task = None

    def add(self, job_id: str, delay: float | None = None) -> None:
        """Watch a run the service accepted (first asked when the plan expects it done, unless `delay`); for a
        resumed run, its age comes from `submitted_at`."""
        now = time.monotonic()
        job = self._queue.job(job_id)
        if delay is None:
            delay = self.plan.first_delay(job.service)
        age = max(0.0, time.time() - job.submitted_at) if job.submitted_at else 0.0
        self._tracks[job_id] = _Track(now + delay, now - age)
        self._wake.set()

    def forget(self, job_id: str) -> None:
        self._tracks.pop(job_id, None)

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
        except Exception:  # a bug or a store fault must not turn into a tight loop of status calls
            log.exception("status poll of job %s failed unexpectedly; asking again later", job_id)
            self._again(job_id, BLOCKED_RETRY_S)
        finally:
            self._busy.discard(job_id)
            self._wake.set()

    async def _poll_once(self, job_id: str) -> None:
        """Ask about one run, then act on the answer: done, still pending, or a failed question."""
        job = self._queue.job(job_id)
        track = self._tracks.get(job_id)
        if track is None or not job.state.remote or job.remote_id is None:
            self.forget(job_id)
            return
        status = await self._ask(job, track)
        if status is None:
            return  # the failed question is handled; the run is asked about again later (or forgotten)
        current = self._queue.job(job_id)
        if current.remote_id != job.remote_id or not current.state.remote:
            return  # cancelled or retried while we asked
        elapsed = time.monotonic() - track.started
        if status.final:
            await self._finished(job, track, status, elapsed)
            return
        if status.state in PENDING_STATES:
            await self._queue.mark_running(job_id)
        track.pending_polls += 1
        track.last_pending = elapsed
        self._again(job_id, self.plan.next_delay(job.service, elapsed, track.pending_polls))

    async def _ask(self, job: Job, track: _Track) -> JobStatus | None:
        """One status call; a failure is dealt with here (backoff, account block, forgotten run) -> None."""
        assert job.remote_id is not None
        backend = job.backend or REMOTE
        try:
            client = await self._client_for(backend)
            status = await client.status(job.service, job.remote_id)
        except JobExpiredError as exc:
            await self._unknown(job, track, str(exc))
            return None
        except UnreachableError as exc:
            track.failures += 1
            self._queue.service_unreachable(backend, str(exc))
            self._again(job.id, backoff_s(track.failures, OFFLINE_FIRST_RETRY_S, OFFLINE_MAX_RETRY_S))
            return None
        except (AuthError, CreditsError) as exc:
            self._queue.account_refused(ProblemKind.AUTH if isinstance(exc, AuthError) else ProblemKind.CREDITS,
                                        str(exc))  # fmt: skip
            self._again(job.id, BLOCKED_RETRY_S)
            return None
        except ApiError as exc:
            track.failures += 1
            log.warning("job %s: status failed (%s); asking again later", job.ticket, exc)
            self._again(job.id, backoff_s(track.failures, 1.0, ERROR_MAX_RETRY_S))
            return None
        self._queue.service_answered(backend)
        track.failures = 0
        track.unknown_since = None
        return status

    async def _unknown(self, job: Job, track: _Track, detail: str) -> None:
        """The service says it does not know the run. Sending again costs a credit: one 404 may be a service
        that has not caught up with its own answer yet, so the run counts as gone only when the service still
        says so a while later."""
        now = time.monotonic()
        if track.unknown_since is None or now - track.unknown_since < CONFIRM_UNKNOWN_S:
            if track.unknown_since is None:
                track.unknown_since = now
            self._again(job.id, CONFIRM_UNKNOWN_S)
            return
        self.forget(job.id)
        if self._queue.job(job.id).remote_id == job.remote_id:
            await self._queue.expired(job.id, detail)

    async def _finished(self, job: Job, track: _Track, status: JobStatus, elapsed: float) -> None:
        """The service is done with the run: its slot may take the next run already; fetch or fail the job."""
        self.forget(job.id)
        self._queue.release(job.id)
        if status.state != "COMPLETED" or status.result is None:
            await self._queue.fail(job.id, status.error or status.state)
            return
        self.plan.observe(job.service, track.last_pending, elapsed)
        result = status.result
        try:
            await self._queue.complete(job.id, result.data, result.ext, result.kind)
        except OSError:  # reported by the queue; the service keeps the result a while: fetch it again later
            self._tracks[job.id] = _Track(time.monotonic() + ERROR_MAX_RETRY_S, track.started)
            self._wake.set()


async def follow_abandoned_run(client_for: ClientFor, backend: str, service: str, remote_id: str) -> None:
    """Ask now and then about a run no job waits for any more; return when the service is done with it.

    The service keeps working on a cancelled or timed-out run; sending another in its slot would break the
    plan's limit (429s, and a slower service for everyone), so the caller holds the slot until this returns.
    Gives up after the service's retention.
    """
    give_up = time.monotonic() + RETENTION_S
    asked = 0
    while time.monotonic() < give_up:
        await asyncio.sleep(backoff_ceiling(asked, ABANDONED_FIRST_S, ABANDONED_MAX_S))
        asked += 1
        try:
            client = await client_for(backend)
            status = await client.status(service, remote_id)
        except JobExpiredError:
            return
        except ApiError as exc:
            log.debug("abandoned run %s: status failed (%s)", remote_id, exc)
            continue
        if status.final:
            return
