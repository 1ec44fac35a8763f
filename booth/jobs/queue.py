"""The job queue: every guest's photo goes to the service, comes back, and is on disk before anyone is told.

It lets the next guest pose while earlier pictures are generated (several runs in flight, in order), and it
guarantees no photo or job is lost: the capture is fsynced before a run is sent, every state change is
committed to the event's SQLite store before `job_changed` is emitted, and a result is written atomically
before its job is marked completed. A booth killed at any moment resumes from disk (`start()`). A run whose
answer was lost is never resent silently, because it may have cost a credit; the operator decides.

The queue alone changes jobs and emits. The `Sender` and the `Poller` decide and tell it what happened
through `_QueueSide`, which is all they see of it (the `SenderPort` and `PollerPort` of booth.jobs.ports).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from booth.api.retry import RetryPolicy, backoff_s
from booth.api.services import RETENTION_S, SERVICES
from booth.jobs.deadlines import CHECK_S, DeadlineRetries, deadline_due, deadline_s
from booth.jobs.event import EventFolder, atomic_write
from booth.jobs.fallback import Backends, EngineFactory, LocalFallback, frame_original
from booth.jobs.forget import forget_job
from booth.jobs.job import Delivery, Job, JobParams, JobState, RetryRefused, new_job_id, ticket_for
from booth.jobs.poller import Poller, follow_abandoned_run
from booth.jobs.ports import LOCAL, REMOTE, ServiceCondition
from booth.jobs.sender import Sender
from booth.jobs.store import JobStore
from booth.jobs.trouble import Trouble, job_problem
from booth.problems import Part, Problem, ProblemKind
from booth.settings import ApiSettings, JobSettings
from booth.workers import run_cpu

if TYPE_CHECKING:
    from booth.api.client import EventstationClient

log = logging.getLogger(__name__)

T = TypeVar("T")

# The retry policy for a client a JobQueue drives: the queue paces 429s itself (it waits Retry-After and
# lowers its in-flight limit), so the client hands them straight back instead of waiting each one out.
CLIENT_RETRY = RetryPolicy(max_rate_limit_waits=0)
CAPTURE_RETRY_FIRST_S = 1.0
CAPTURE_RETRY_MAX_S = 15.0


class JobQueue(QObject):
    """Signals: `job_added(id)`, `job_changed(id)`, `job_removed(id)` (a guest forgotten); `problem(Problem)`
    when something goes wrong (each standing problem once, until it is over); `problem_over(kind)` with the
    ProblemKind's value when a standing one ends (service back, sending resumed, disk writable again);
    `online_changed(bool)`."""

    job_added = Signal(str)
    job_changed = Signal(str)
    problem = Signal(object)
    problem_over = Signal(str)
    job_removed = Signal(str)
    online_changed = Signal(bool)

    def __init__(
        self,
        folder: EventFolder,
        client: EventstationClient,
        settings: JobSettings,
        *,
        api_settings: ApiSettings | None = None,
        event_name: str = "booth",
        engine_factory: EngineFactory | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self._settings = settings
        self._api_settings = api_settings or ApiSettings()
        self._event_name = event_name
        self._store: JobStore | None = None
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="booth-jobs-db")
        self._jobs: dict[str, Job] = {}
        self._active: dict[str, set[str]] = {REMOTE: set(), LOCAL: set()}
        # Slots taken by something other than an active job: a run being made ready to send, or a run the
        # service still works on for a job that moved on (cancelled, handed its original, retried).
        self._held: dict[str, set[str]] = {REMOTE: set(), LOCAL: set()}
        self._unwritten: set[str] = set()  # captures still being written
        self._due: set[str] = set()  # deadline being kept (original being framed): not to be sent meanwhile
        self._next_seq = 1
        self._backends = Backends(client, self._fallback(engine_factory))
        self._trouble = Trouble(self.problem.emit, self.problem_over.emit, self.online_changed.emit,
                                lambda: self._sender.wake(), fallback=self._backends.fallback is not None)  # fmt: skip
        side = _QueueSide(self)
        self._poller = Poller(side, self._backends.client_for, settings.poll_interval_s)
        self._sender = Sender(side, self._backends.client_for, local=self._backends.fallback is not None)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._running = False

    def _fallback(self, engine_factory: EngineFactory | None) -> LocalFallback | None:
        if self._settings.offline_fallback != "local":
            return None
        if engine_factory is None:
            log.warning("offline_fallback is 'local' but no local engine was handed to the queue: photos wait")
            return None
        return LocalFallback(engine_factory, self._api_settings)

    # -- public API ----------------------------------------------------------------------------------------------
    @property
    def online(self) -> bool:
        return self._trouble.condition.online

    @property
    def blocked(self) -> Problem | None:
        """The account problem (AUTH or CREDITS) while it stops new runs; None otherwise."""
        return self._trouble.condition.blocked

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

    async def start(self) -> None:
        """Take the event folder and resume every unfinished job (see `_resume`)."""
        if self._running:
            return
        self.folder.acquire()
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="booth-jobs-db")
        self._running = True
        await asyncio.to_thread(self.folder.clean_temp_files)
        self._store = store = await self._in_db(JobStore, self.folder)
        stored = await self._in_db(store.all)
        self._next_seq = max((job.seq for job in stored), default=0) + 1
        for job in stored:
            self._jobs[job.id] = job
            if job.state.active and not job.needs_operator:
                self._active[job.backend or REMOTE].add(job.id)
        await asyncio.gather(*(self._resume(job) for job in stored if not job.final))
        self._sender.start()
        self._poller.start()
        self._spawn(self._watch_deadlines())

    async def stop(self) -> None:
        """Stop sending and polling; nothing is lost (unfinished jobs resume at the next start)."""
        if not self._running:
            return
        self._running = False
        await self._sender.stop()
        await self._poller.stop()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await self._backends.close()  # last: a task still asking the local engine would start it again
        await self._in_db(lambda: None)  # drains queued writes
        if self._store is not None:
            await self._in_db(self._store.close)
        self._db.shutdown(wait=True)
        self.folder.release()

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
                  delivery=delivery or Delivery(), capture_path=self.folder.captures / f"{ticket}_{job_id[:8]}.{ext}",
                  key=key)  # fmt: skip
        self._jobs[job_id] = job
        self._unwritten.add(job_id)
        self._spawn(self._store_capture(job, capture_jpeg))
        return job

    def retry(self, job_id: str, *, force: bool = False) -> Job:
        """The operator's word: send this job (again), even if that may cost a second credit.

        Raises RetryRefused for a completed job, and for one the service is working on unless `force`.
        """
        job = self._jobs[job_id]
        refusal = job.retry_refusal(force=force)
        if refusal is not None:
            raise RetryRefused(refusal, job.ticket, job.state)
        self._trouble.resume_sending()
        self._poller.forget(job_id)
        self._abandon(job)
        self._put(job.retried())  # saved in order; a failed write is reported by `_saved`
        return self._jobs[job_id]

    def cancel(self, job_id: str) -> Job:
        """Stop working on the job; a run already at the service still finishes there, unused."""
        job = self._jobs[job_id]
        if job.final:
            return job
        self._poller.forget(job_id)
        self._abandon(job)
        self._put(job.cancelled())
        return self._jobs[job_id]

    def unblock(self) -> None:
        """After the operator fixed the account or credits: try sending again."""
        self._trouble.resume_sending()

    # -- slots -----------------------------------------------------------------------------------------------------
    def _hold(self, backend: str, key: str) -> None:
        """Count `key` against the in-flight limit until `_unhold` (see `_held`)."""
        self._held[backend].add(key)

    def _unhold(self, backend: str, key: str) -> None:
        if key in self._held[backend]:
            self._held[backend].discard(key)
            self._sender.wake()

    def _release(self, job_id: str) -> None:
        """The service finished the run: it no longer counts against the in-flight limit."""
        for ids in self._active.values():
            ids.discard(job_id)
        self._sender.wake()

    async def forget(self, job_id: str) -> list[Path]:
        """A guest asked to be forgotten: the job leaves memory, its files and its row the disk (booth.jobs.forget).

        Returns the files deleted. A run still at the service finishes there unused, as for a cancel.
        """
        job = self._jobs.pop(job_id)
        self._poller.forget(job_id)
        self._sender.forget(job_id)
        if not job.final:
            self._abandon(job)
        self._release(job_id)
        self.job_removed.emit(job_id)  # views drop the row now: the job is no longer there to show
        assert self._store is not None
        deleted: list[Path] = await self._in_db(forget_job, self.folder, self._store, job)
        return deleted

    def _abandon(self, job: Job) -> None:
        """The job moves on while its run may still be at the service: keep that run's slot counted."""
        if job.needs_operator:
            return  # its run is unknown; counting it could block the queue for good
        backend = job.backend or REMOTE
        if job.state is JobState.SUBMITTING:
            self._hold(backend, f"send:{job.id}")  # released when the send's answer comes (Sender._send)
        elif job.state.remote and job.remote_id is not None:
            self._abandon_run(backend, job.service, job.remote_id)

    def _abandon_run(self, backend: str, service: str, remote_id: str) -> None:
        """A run no job waits for: its slot stays taken until the service is done with it."""
        key = f"run:{remote_id}"
        if key in self._held[backend]:
            return  # already followed
        self._hold(backend, key)

        async def follow() -> None:
            try:
                await follow_abandoned_run(self._backends.client_for, backend, service, remote_id)
            finally:
                self._unhold(backend, key)

        self._spawn(follow())

    # -- persistence: memory first, disk in order, then the signal ------------------------------------------------
    async def _in_db(self, fn: Callable[..., T], *args: object) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._db, fn, *args)

    def _change(self, job_id: str, **changes: Any) -> asyncio.Future[None]:
        """Change a job: in memory now, on disk in order, then `job_changed`; await it to know it is saved."""
        return self._put(self._jobs[job_id].replace(**changes))

    def _put(self, job: Job) -> asyncio.Future[None]:
        job_id = job.id
        self._jobs[job_id] = job
        backend = job.backend or REMOTE
        for name, ids in self._active.items():
            if job.state.active and not job.needs_operator and name == backend:
                ids.add(job_id)
            else:
                ids.discard(job_id)
        if job.state is not JobState.CAPTURED:
            self._sender.forget(job_id)
        if job.state is not JobState.SUBMITTING:
            self._sender.wake()
        assert self._store is not None
        saved = asyncio.get_running_loop().run_in_executor(self._db, self._store.save, job)
        saved.add_done_callback(partial(self._saved, job_id))
        return saved

    def _saved(self, job_id: str, fut: asyncio.Future[None]) -> None:
        if fut.cancelled():
            return
        exc = fut.exception()
        if exc is not None:
            log.error("job %s: could not save its state: %s", job_id, exc)
            self._trouble.report(Problem.make(ProblemKind.STORE_UNWRITABLE, Part.JOBS, detail=exc), standing=True)
            return
        self._trouble.over(ProblemKind.STORE_UNWRITABLE)
        if job_id not in self._unwritten:  # until job_added, there is no job to have changed
            self.job_changed.emit(job_id)

    def _spawn(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
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
                    self._trouble.report(job_problem(ProblemKind.PHOTO_UNSAVED, job, str(exc)), standing=True)
                await asyncio.sleep(backoff_s(failures, CAPTURE_RETRY_FIRST_S, CAPTURE_RETRY_MAX_S))
        if failures:
            log.warning("job %s: the photo is saved now, after %d failed tries", job.ticket, failures)
            self._trouble.over(ProblemKind.PHOTO_UNSAVED, job.id)
        self._unwritten.discard(job.id)
        self.job_added.emit(job.id)
        self._sender.wake()

    # -- resume ---------------------------------------------------------------------------------------------------
    async def _resume(self, job: Job) -> None:
        """Continue a job found unfinished on disk, by the rules of the issue (never a silent second run)."""
        if job.needs_operator:
            return
        if job.state is JobState.SUBMITTING:
            if self._settings.resubmit_uncertain or job.backend == LOCAL:  # the local engine costs no credit
                await self._change(job.id, state=JobState.CAPTURED, backend=None, error=None)
            else:
                await self._hold_for_operator(job.id, ProblemKind.SEND_INTERRUPTED, "")
        elif job.state.remote:
            stale = job.submitted_at is None or time.time() - job.submitted_at > RETENTION_S + self._deadline_s(job)
            if job.backend == LOCAL or stale:
                # The previous process's local engine is gone, or the service has forgotten the run by now.
                await self._change(job.id, state=JobState.CAPTURED, remote_id=None, backend=None)
            else:
                self._poller.add(job.id, 0.0)

    async def _hold_for_operator(self, job_id: str, kind: ProblemKind, detail: str) -> None:
        """The run may be at the service (and may have cost a credit): the operator resubmits or cancels."""
        await self._change(job_id, needs_operator=True, problem=kind, error=detail or None)
        self._trouble.report(job_problem(kind, self._jobs[job_id], detail))

    # -- finishing ------------------------------------------------------------------------------------------------
    async def _fail(self, job_id: str, kind: ProblemKind, detail: str, **details: object) -> None:
        """Fail the job; the operator hears of it even if the store cannot record it (that is reported too)."""
        self._poller.forget(job_id)
        try:
            await self._change(job_id, state=JobState.FAILED, error=detail or None, problem=kind)
        finally:
            self._trouble.report(job_problem(kind, self._jobs[job_id], detail, **details))

    async def _complete(self, job_id: str, data: bytes, ext: str, kind: str, *, fallback: bool = False) -> bool:
        """Write the result atomically, then mark the job completed (in that order, always); False if the job
        had ended meanwhile. A result that cannot be written is reported and the OSError raised."""
        job = self._jobs[job_id]
        path = self.folder.results / f"{job.ticket}_{job.id[:8]}.{ext.lstrip('.')}"
        try:
            await asyncio.to_thread(atomic_write, path, data)
        except OSError as exc:
            log.error("job %s: the result could not be saved: %s", job.ticket, exc)
            self._trouble.report(job_problem(ProblemKind.RESULT_UNSAVED, job, str(exc)), standing=True)
            raise
        self._trouble.over(ProblemKind.RESULT_UNSAVED, job_id)
        if self._jobs[job_id].final:
            return False
        await self._change(job_id, state=JobState.COMPLETED, result_path=path, result_kind=kind, error=None,
                           fallback=fallback, problem=ProblemKind.DEADLINE if fallback else None)  # fmt: skip
        return True

    # -- deadlines ------------------------------------------------------------------------------------------------
    def _deadline_s(self, job: Job) -> float:
        return deadline_s(job, self._api_settings)

    def _deadline_due(self, job: Job, now: float) -> bool:
        """See `deadline_due`; a photo not yet on disk waits for it first."""
        return job.id not in self._unwritten and deadline_due(
            job, now, self._deadline_s(job), original_on_deadline=self._settings.original_on_deadline
        )

    async def _watch_deadlines(self) -> None:
        """Twice a second, hand each guest whose deadline came their framed original (or fail the job).

        It must outlive any fault: a full disk or a store that cannot be written is reported where it
        happens (RESULT_UNSAVED, STORE_UNWRITABLE), logged here, and that job is tried again after a
        growing pause, while the other guests' deadlines keep being kept.
        """
        retries = DeadlineRetries()
        while True:
            now = time.time()
            for job_id in [j.id for j in self._jobs.values() if self._deadline_due(j, now)]:
                if not retries.ready(job_id, now) or not self._deadline_due(self._jobs[job_id], now):
                    continue  # its pause after a fault; or it changed while an earlier one was handled (sent)
                try:
                    await self._deadline(job_id)
                except Exception:
                    log.exception("job %s: its deadline could not be kept (try %d); trying again",
                                  self._jobs[job_id].ticket, retries.failed(job_id))  # fmt: skip
                else:
                    retries.kept(job_id)
            await asyncio.sleep(CHECK_S)

    async def _deadline(self, job_id: str) -> None:
        """Hand over the framed original (or fail the job); the job leaves the line to be sent meanwhile."""
        self._due.add(job_id)
        try:
            await self._keep_deadline(self._jobs[job_id])
        finally:
            self._due.discard(job_id)

    async def _keep_deadline(self, job: Job) -> None:
        job_id = job.id
        self._poller.forget(job_id)
        self._abandon(job)
        deadline_s = round(self._deadline_s(job))
        if not self._settings.original_on_deadline or job.capture_path is None:
            await self._fail(job_id, ProblemKind.DEADLINE, "", fallback=False, deadline_s=deadline_s)
            return
        try:
            capture = await asyncio.to_thread(job.capture_path.read_bytes)
            framed = await run_cpu(frame_original, capture, self._event_name)
        except (OSError, ValueError) as exc:
            await self._fail(job_id, ProblemKind.DEADLINE, str(exc), fallback=False, deadline_s=deadline_s)
            return
        if await self._complete(job_id, framed, "jpg", "image", fallback=True):
            self._trouble.report(job_problem(ProblemKind.DEADLINE, job, fallback=True, deadline_s=deadline_s))


class _QueueSide:
    """The queue as the sender and the poller see it (`SenderPort` and `PollerPort`): the steps of a run, in
    the queue's own bookkeeping. The one class besides JobQueue that touches its private state."""

    def __init__(self, queue: JobQueue) -> None:
        self._q = queue

    # -- both ------------------------------------------------------------------------------------------------------
    @property
    def settings(self) -> JobSettings:
        return self._q._settings

    @property
    def condition(self) -> ServiceCondition:
        return self._q._trouble.condition

    def job(self, job_id: str) -> Job:
        return self._q._jobs[job_id]

    def spawn(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        return self._q._spawn(coro)

    def service_answered(self, backend: str) -> None:
        if backend == REMOTE:
            self._q._trouble.set_online(True)

    def service_unreachable(self, backend: str, detail: str) -> None:
        if backend == REMOTE:
            self._q._trouble.set_online(False, detail)

    def account_refused(self, kind: ProblemKind, detail: str) -> None:
        self._q._trouble.block(kind, detail)

    async def fail(self, job_id: str, detail: str) -> None:
        await self._q._fail(job_id, ProblemKind.FAILED, detail)

    # -- the sender ------------------------------------------------------------------------------------------------
    def waiting(self) -> list[Job]:
        """Jobs waiting for their turn to be sent, in ticket order (held ones excluded)."""
        q = self._q
        jobs = [j for j in q._jobs.values()
                if j.state is JobState.CAPTURED and not j.needs_operator and j.id not in q._due]  # fmt: skip
        return sorted(jobs, key=lambda j: j.seq)

    def ready(self, job_id: str) -> bool:
        """The job's photo is on disk (fsynced), so it may be sent."""
        return job_id not in self._q._unwritten

    def in_flight(self, backend: str) -> int:
        return self._q.in_flight(backend)

    def hold(self, backend: str, key: str) -> None:
        self._q._hold(backend, key)

    def unhold(self, backend: str, key: str) -> None:
        self._q._unhold(backend, key)

    async def sending(self, job_id: str, backend: str) -> None:
        attempts = self._q._jobs[job_id].attempts + 1
        await self._q._change(job_id, state=JobState.SUBMITTING, attempts=attempts, backend=backend, error=None,
                              problem=None)  # fmt: skip

    async def sent(self, job_id: str, backend: str, remote_id: str) -> None:
        q = self._q
        if backend == REMOTE:
            q._trouble.run_accepted()
        job = q._jobs[job_id]
        if job.state is not JobState.SUBMITTING:  # cancelled meanwhile: keep that, note the id
            q._abandon_run(backend, job.service, remote_id)
            await q._change(job_id, remote_id=remote_id)
            return
        await q._change(job_id, state=JobState.QUEUED, remote_id=remote_id, submitted_at=time.time())
        q._poller.add(job_id)

    async def send_refused(self, job_id: str, problem: ProblemKind | None = None, detail: str = "") -> None:
        attempts = max(0, self._q._jobs[job_id].attempts - 1)
        await self._q._change(job_id, state=JobState.CAPTURED, attempts=attempts, backend=None,
                              error=detail or None, problem=problem)  # fmt: skip

    async def send_undone(self, job_id: str) -> None:
        job = self._q._jobs[job_id]
        if job.attempts > 0:
            await self._q._change(job_id, attempts=job.attempts - 1)

    async def send_uncertain(self, job_id: str, backend: str, detail: str) -> None:
        if self._q._settings.resubmit_uncertain or backend == LOCAL:  # the local engine costs no credit
            await self._q._change(job_id, state=JobState.CAPTURED, backend=None, error=None)
            return
        await self._q._hold_for_operator(job_id, ProblemKind.ANSWER_LOST, detail)

    def rate_limited(self, limit: int) -> None:
        self._q._trouble.report(Problem.make(ProblemKind.RATE_LIMITED, Part.JOBS, limit=limit), standing=True)

    def service_trouble(self, detail: str) -> None:
        self._q._trouble.server_trouble(detail)

    # -- the poller ------------------------------------------------------------------------------------------------
    def release(self, job_id: str) -> None:
        self._q._release(job_id)

    async def mark_running(self, job_id: str) -> None:
        if self._q._jobs[job_id].state is JobState.QUEUED:
            await self._q._change(job_id, state=JobState.RUNNING)

    async def complete(self, job_id: str, data: bytes, ext: str, kind: str) -> None:
        await self._q._complete(job_id, data, ext, kind)

    async def expired(self, job_id: str, detail: str) -> None:
        """The service no longer knows the run (404 / past retention): send it again from the stored photo."""
        await self._q._change(job_id, state=JobState.CAPTURED, remote_id=None, backend=None, error=detail)
