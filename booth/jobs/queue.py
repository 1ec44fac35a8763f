"""The job queue: every guest's photo goes to the service, comes back, and is on disk before anyone is told.

It lets the next guest pose while earlier pictures are generated (several runs in flight, in order), and it
guarantees no photo or job is lost: the capture is fsynced before a run is sent, every state change is
committed to the event's SQLite store before `job_changed` is emitted, and a result is written atomically
before its job is marked completed. A booth killed at any moment resumes from disk (`start()`). A run whose
answer was lost is never resent silently, because it may have cost a credit; the operator decides.

Signals: `job_added(id)`, `job_changed(id)`, `job_removed(id)` (a guest forgotten), `problem(kind, message)`
with kind one of offline, auth, credits, rate_limited, server, failed, needs_operator (a run to retry or cancel
by hand), storage; `online_changed(bool)`.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from booth.api.retry import RetryPolicy
from booth.api.services import RETENTION_S, SERVICES
from booth.jobs.event import EventFolder, atomic_write
from booth.jobs.fallback import frame_original
from booth.jobs.forget import forget_job
from booth.jobs.job import Delivery, Job, JobParams, JobState, RetryRefused, new_job_id, ticket_for
from booth.jobs.pacing import PollPlan, backoff_s
from booth.jobs.poller import Poller, follow_abandoned_run
from booth.jobs.sender import LOCAL, REMOTE, Sender
from booth.jobs.store import JobStore
from booth.settings import ApiSettings, JobSettings
from booth.workers import run_cpu

if TYPE_CHECKING:
    from booth.api.client import EventstationClient

log = logging.getLogger(__name__)

UNCERTAIN_MESSAGE = (
    "booth stopped while sending this run, so the service may have it (and charged a credit); "
    "press Resubmit to send it again, or Cancel"
)
ACTIVE = (JobState.SUBMITTING, JobState.QUEUED, JobState.RUNNING)
# The retry policy for a client a JobQueue drives: the queue paces 429s itself (it waits Retry-After and
# lowers its in-flight limit), so the client hands them straight back instead of waiting each one out.
CLIENT_RETRY = RetryPolicy(max_rate_limit_waits=0)
DEADLINE_CHECK_S = 0.5
CAPTURE_RETRY_FIRST_S = 1.0
CAPTURE_RETRY_MAX_S = 15.0


class JobQueue(QObject):
    job_added = Signal(str)
    job_changed = Signal(str)
    job_removed = Signal(str)
    problem = Signal(str, str)
    online_changed = Signal(bool)

    def __init__(
        self,
        event: EventFolder,
        client: EventstationClient,
        settings: JobSettings,
        *,
        api_settings: ApiSettings | None = None,
        event_name: str = "booth",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.event = event
        self.settings = settings
        self.api_settings = api_settings or ApiSettings()
        self.event_name = event_name
        self._store: JobStore | None = None
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="booth-jobs-db")
        self._jobs: dict[str, Job] = {}
        self._active: dict[str, set[str]] = {REMOTE: set(), LOCAL: set()}
        # Slots taken by something other than an active job: a run being made ready to send, or a run the
        # service still works on for a job that moved on (cancelled, handed its original, retried).
        self._held: dict[str, set[str]] = {REMOTE: set(), LOCAL: set()}
        self._unwritten: set[str] = set()  # captures still being written
        self._next_seq = 1
        self.poll_plan = PollPlan(interval_s=settings.poll_interval_s)
        self.poller = Poller(self)
        self.sender = Sender(self, client)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._running = False

    # -- public API ----------------------------------------------------------------------------------------------
    @property
    def online(self) -> bool:
        return self.sender.online

    @property
    def blocked(self) -> tuple[str, str] | None:
        """(kind, message) while auth or credits stop new runs; None otherwise."""
        return self.sender.blocked

    def job(self, job_id: str) -> Job:
        return self._jobs[job_id]

    def jobs(self) -> list[Job]:
        return sorted(self._jobs.values(), key=lambda job: job.seq)

    def result_path(self, job_id: str) -> Path | None:
        job = self._jobs[job_id]
        return job.result_path if job.state is JobState.COMPLETED else None

    def find_by_key(self, key: str) -> list[Job]:
        return [job for job in self.jobs() if job.key == key]

    def in_flight(self, backend: str = REMOTE) -> int:
        return len(self._active[backend]) + len(self._held[backend])

    def hold(self, backend: str, key: str) -> None:
        """Count `key` against the in-flight limit until `unhold` (see `_held`)."""
        self._held[backend].add(key)

    def unhold(self, backend: str, key: str) -> None:
        if key in self._held[backend]:
            self._held[backend].discard(key)
            self.sender.wake()

    def release(self, job_id: str) -> None:
        """The service finished the run: it no longer counts against the in-flight limit."""
        for ids in self._active.values():
            ids.discard(job_id)
        self.sender.wake()

    def waiting(self) -> list[Job]:
        """Jobs waiting for their turn to be sent, in ticket order (held ones excluded)."""
        jobs = [j for j in self._jobs.values() if j.state is JobState.CAPTURED and not j.needs_operator]
        return sorted(jobs, key=lambda j: j.seq)

    def ready(self, job_id: str) -> bool:
        """The job's photo is on disk (fsynced), so it may be sent."""
        return job_id not in self._unwritten

    async def start(self) -> None:
        """Take the event folder and resume every unfinished job (see `_resume`)."""
        if self._running:
            return
        self.event.acquire()
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="booth-jobs-db")
        self._running = True
        await asyncio.to_thread(self.event.clean_temp_files)
        self._store = await self._in_db(JobStore, self.event)
        stored = await self._in_db(self._store.all)
        self._next_seq = max((job.seq for job in stored), default=0) + 1
        for job in stored:
            self._jobs[job.id] = job
            if job.state in ACTIVE and not job.needs_operator:
                self._active[job.backend or REMOTE].add(job.id)
        await asyncio.gather(*(self._resume(job) for job in stored if not job.final))
        self.sender.start()
        self.poller.start()
        self.spawn(self._watch_deadlines())

    async def stop(self) -> None:
        """Stop sending and polling; nothing is lost (unfinished jobs resume at the next start)."""
        if not self._running:
            return
        self._running = False
        await self.sender.stop()
        await self.poller.stop()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await self._in_db(lambda: None)  # drains queued writes
        if self._store is not None:
            await self._in_db(self._store.close)
        self._db.shutdown(wait=True)
        self.event.release()

    def enqueue(
        self, capture_jpeg: bytes, params: JobParams, delivery: Delivery | None = None, *, key: str | None = None
    ) -> Job:
        """Add a guest's photo; returns at once with the ticket. The photo is fsynced before it is sent."""
        if not self._running:
            raise RuntimeError("JobQueue.enqueue() before start(): start the queue first")
        if params.service not in SERVICES:
            raise ValueError(f"unknown service {params.service!r}; choose one of: {', '.join(SERVICES)}")
        seq = self._next_seq
        self._next_seq += 1
        job_id = new_job_id()
        ticket = ticket_for(seq)
        ext = "png" if capture_jpeg.startswith(b"\x89PNG") else "jpg"
        job = Job(id=job_id, seq=seq, ticket=ticket, state=JobState.CAPTURED, params=params,
                  delivery=delivery or Delivery(), capture_path=self.event.captures / f"{ticket}_{job_id[:8]}.{ext}",
                  key=key)  # fmt: skip
        self._jobs[job_id] = job
        self._unwritten.add(job_id)
        self.spawn(self._store_capture(job, capture_jpeg))
        return job

    def retry(self, job_id: str, *, force: bool = False) -> Job:
        """The operator's word: send this job (again), even if that may cost a second credit.

        Raises RetryRefused for a completed job, and for one the service is working on unless `force`.
        """
        job = self._jobs[job_id]
        refusal = job.retry_refusal(force=force)
        if refusal is not None:
            raise RetryRefused(refusal)
        self.sender.retry_now()
        self.poller.forget(job_id)
        self._abandon(job)
        self.spawn(self.put(job.retried()))
        return self._jobs[job_id]

    def cancel(self, job_id: str) -> Job:
        """Stop working on the job; a run already at the service still finishes there, unused."""
        job = self._jobs[job_id]
        if job.final:
            return job
        self.poller.forget(job_id)
        self._abandon(job)
        self.spawn(self.put(job.cancelled()))
        return self._jobs[job_id]

    async def forget(self, job_id: str) -> list[Path]:
        """A guest asked to be forgotten: the job leaves memory, its files and its row the disk (booth.jobs.forget).

        Returns the files deleted. A run still at the service finishes there unused, as for a cancel.
        """
        job = self._jobs.pop(job_id)
        self.poller.forget(job_id)
        self.sender.forget(job_id)
        if not job.final:
            self._abandon(job)
        for ids in self._active.values():
            ids.discard(job_id)
        self.job_removed.emit(job_id)  # views drop the row now: the job is no longer there to show
        assert self._store is not None
        deleted: list[Path] = await self._in_db(forget_job, self.event, self._store, job)
        return deleted

    def _abandon(self, job: Job) -> None:
        """The job moves on while its run may still be at the service: keep that run's slot counted."""
        if job.needs_operator:
            return  # its run is unknown; counting it could block the queue for good
        backend = job.backend or REMOTE
        if job.state is JobState.SUBMITTING:
            self.hold(backend, f"send:{job.id}")  # released when the send's answer comes (Sender._submit)
        elif job.state.remote and job.remote_id is not None:
            self.abandon_run(backend, job.service, job.remote_id)

    def abandon_run(self, backend: str, service: str, remote_id: str) -> None:
        """A run no job waits for: its slot stays taken until the service is done with it."""
        self.hold(backend, f"run:{remote_id}")
        self.spawn(follow_abandoned_run(self, backend, service, remote_id))

    def unblock(self) -> None:
        """After the operator fixed the account or credits: try sending again."""
        self.sender.retry_now()

    # -- persistence: memory first, disk in order, then the signal ------------------------------------------------
    async def _in_db(self, fn: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._db, fn, *args)

    def change(self, job_id: str, **changes: Any) -> asyncio.Future[Any]:
        """Change a job: in memory now, on disk in order, then `job_changed`; await it to know it is saved."""
        return self.put(self._jobs[job_id].replace(**changes))

    def put(self, job: Job) -> asyncio.Future[Any]:
        job_id = job.id
        self._jobs[job_id] = job
        backend = job.backend or REMOTE
        for name, ids in self._active.items():
            if job.state in ACTIVE and not job.needs_operator and name == backend:
                ids.add(job_id)
            else:
                ids.discard(job_id)
        if job.state is not JobState.CAPTURED:
            self.sender.forget(job_id)
        if job.state is not JobState.SUBMITTING:
            self.sender.wake()
        assert self._store is not None
        saved = asyncio.get_running_loop().run_in_executor(self._db, self._store.save, job)
        saved.add_done_callback(lambda fut: self._saved(job_id, fut))
        return saved

    def _saved(self, job_id: str, fut: asyncio.Future[Any]) -> None:
        if fut.cancelled():
            return
        if fut.exception() is not None:
            log.error("job %s: could not save its state: %s", job_id, fut.exception())
            self.problem.emit("storage", f"the job store cannot be written ({fut.exception()}); check the disk")
            return
        if job_id not in self._unwritten:  # until job_added, there is no job to have changed
            self.job_changed.emit(job_id)

    def spawn(self, coro: Any) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("job queue task failed", exc_info=task.exception())

    async def _store_capture(self, job: Job, data: bytes) -> None:
        """Write the photo, then its row; on a disk fault keep both in memory and try again until it works.

        The file first: a row without its photo could not be sent; a photo without a row is still a photo.
        Until both are on disk the job is not sent (the issue's rule), but it is never dropped either.
        """
        assert job.capture_path is not None and self._store is not None
        failures = 0
        while True:
            try:
                await asyncio.to_thread(atomic_write, job.capture_path, data)
                await self._in_db(self._store.save, self._jobs[job.id])
                break
            except (OSError, sqlite3.Error) as exc:
                failures += 1
                if failures == 1:
                    log.error("job %s: the photo could not be saved: %s", job.ticket, exc)
                    self.problem.emit("storage", f"ticket {job.ticket}: the photo could not be saved ({exc}); free "
                                                 "disk space: booth keeps it in memory and tries again")  # fmt: skip
                await asyncio.sleep(backoff_s(failures, CAPTURE_RETRY_FIRST_S, CAPTURE_RETRY_MAX_S))
        if failures:
            log.warning("job %s: the photo is saved now, after %d failed tries", job.ticket, failures)
        self._unwritten.discard(job.id)
        self.job_added.emit(job.id)
        self.sender.wake()

    # -- resume ---------------------------------------------------------------------------------------------------
    async def _resume(self, job: Job) -> None:
        """Continue a job found unfinished on disk, by the rules of the issue (never a silent second run)."""
        if job.needs_operator:
            return
        if job.state is JobState.SUBMITTING:
            if self.settings.resubmit_uncertain or job.backend == LOCAL:  # the local engine costs no credit
                await self.change(job.id, state=JobState.CAPTURED, backend=None, error=None)
            else:
                await self.change(job.id, needs_operator=True, error=UNCERTAIN_MESSAGE)
                self.problem.emit("needs_operator", f"ticket {job.ticket}: {UNCERTAIN_MESSAGE}")
        elif job.state.remote:
            stale = job.submitted_at is None or time.time() - job.submitted_at > RETENTION_S + self._deadline(job)
            if job.backend == LOCAL or stale:
                # The previous process's local engine is gone, or the service has forgotten the run by now.
                await self.change(job.id, state=JobState.CAPTURED, remote_id=None, backend=None)
            else:
                self.poller.add(job.id, 0.0)

    # -- finishing ------------------------------------------------------------------------------------------------
    def _deadline(self, job: Job) -> float:
        service = SERVICES.get(job.service)
        video = service is not None and service.kind == "video"
        return self.api_settings.video_deadline_s if video else self.api_settings.image_deadline_s

    def deadline_due(self, job: Job, now: float) -> bool:
        """The job's deadline has come (the service kind's `*_deadline_s`).

        With `original_on_deadline` it counts from the photo, since the guest waits from then on, and
        hands over the framed original whatever the job is doing (a photo still in line is then never
        sent). Without it, only a run at the service can miss it, counted from when it was sent: a photo
        that waited for an offline service still gets its full time once it goes out.
        """
        if job.final or job.needs_operator or job.id in self._unwritten or job.state is JobState.SUBMITTING:
            return False  # a run being sent: its answer decides first
        if self.settings.original_on_deadline:
            return now >= job.created_at + self._deadline(job)
        return job.state.remote and job.submitted_at is not None and now >= job.submitted_at + self._deadline(job)

    async def _watch_deadlines(self) -> None:
        while True:
            now = time.time()
            for job in [j for j in self._jobs.values() if self.deadline_due(j, now)]:
                await self.deadline(job.id)
            await asyncio.sleep(DEADLINE_CHECK_S)

    async def fail(self, job_id: str, message: str) -> None:
        self.poller.forget(job_id)
        await self.change(job_id, state=JobState.FAILED, error=message)
        self.problem.emit("failed", f"ticket {self._jobs[job_id].ticket}: {message}")

    async def complete(self, job_id: str, data: bytes, ext: str, kind: str, *, fallback: bool = False) -> None:
        """Write the result atomically, then mark the job completed (in that order, always)."""
        job = self._jobs[job_id]
        path = self.event.results / f"{job.ticket}_{job.id[:8]}.{ext.lstrip('.')}"
        await asyncio.to_thread(atomic_write, path, data)
        if self._jobs[job_id].final:
            return
        error = "the service took too long: the guest got their framed original photo" if fallback else None
        await self.change(job_id, state=JobState.COMPLETED, result_path=path, result_kind=kind, error=error,
                           fallback=fallback)  # fmt: skip

    async def expired(self, job_id: str, detail: str) -> None:
        """The service no longer knows the run (404 / past retention): send it again from the stored photo."""
        await self.change(job_id, state=JobState.CAPTURED, remote_id=None, backend=None, error=detail)

    async def deadline(self, job_id: str) -> None:
        job = self._jobs[job_id]
        self.poller.forget(job_id)
        self._abandon(job)
        if not self.settings.original_on_deadline or job.capture_path is None:
            await self.fail(job_id, f"no result within {self._deadline(job):.0f} s")
            return
        try:
            capture = await asyncio.to_thread(job.capture_path.read_bytes)
            framed = await run_cpu(frame_original, capture, self.event_name)
        except (OSError, ValueError) as exc:
            await self.fail(job_id, f"no result in time, and the original could not be framed ({exc})")
            return
        await self.complete(job_id, framed, "jpg", "image", fallback=True)
        self.problem.emit("failed", f"ticket {job.ticket}: no result in time; the guest got their framed original")

    async def mark_running(self, job_id: str) -> None:
        if self._jobs[job_id].state is JobState.QUEUED:
            await self.change(job_id, state=JobState.RUNNING)
