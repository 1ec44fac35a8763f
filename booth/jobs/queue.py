"""The job queue: every guest's photo goes to the service, comes back, and is on disk before anyone is told.

It lets the next guest pose while earlier pictures are generated (several runs in flight, in order), and it
guarantees no photo or job is lost: the capture is fsynced before a run is sent, every state change is
committed to the event's SQLite store before `job_changed` is emitted, and a result is written atomically
before its job is marked completed. A booth killed at any moment resumes from disk (`start()`). A run whose
answer was lost is never resent silently, because it may have cost a credit; the operator decides.

Signals: `job_added(id)`, `job_changed(id)`, `problem(kind, message)` with kind one of offline, auth, credits,
rate_limited, server, failed, needs_operator (a run to retry or cancel by hand), storage; `online_changed(bool)`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from booth.api.errors import (
    ApiError,
    AuthError,
    CreditsError,
    InvalidInputError,
    OutcomeUnknownError,
    ProtocolError,
    RateLimitedError,
    UnreachableError,
)
from booth.api.services import RETENTION_S, SERVICES
from booth.jobs.event import EventFolder, atomic_write
from booth.jobs.fallback import LocalFallback, frame_original
from booth.jobs.job import Delivery, Job, JobParams, JobState, new_job_id, ticket_for
from booth.jobs.pacing import (
    ERROR_MAX_RETRY_S,
    OFFLINE_FIRST_RETRY_S,
    OFFLINE_MAX_RETRY_S,
    InFlightLimit,
    PollPlan,
    backoff_s,
)
from booth.jobs.poller import Poller
from booth.jobs.store import JobStore
from booth.settings import ApiSettings, JobSettings

if TYPE_CHECKING:
    from booth.api.client import EventstationClient

log = logging.getLogger(__name__)

REMOTE, LOCAL = "remote", "local"
UNCERTAIN_MESSAGE = (
    "booth stopped while sending this run, so the service may have it (and charged a credit); "
    "press Retry to send it again, or Cancel"
)
ACTIVE = (JobState.SUBMITTING, JobState.QUEUED, JobState.RUNNING)


class JobQueue(QObject):
    job_added = Signal(str)
    job_changed = Signal(str)
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
        self._clients: dict[str, Any] = {REMOTE: client}
        self._fallback = LocalFallback(self.api_settings) if settings.offline_fallback == "local" else None
        self._store: JobStore | None = None
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="booth-jobs-db")
        self._jobs: dict[str, Job] = {}
        self._active: dict[str, set[str]] = {REMOTE: set(), LOCAL: set()}
        self._unwritten: set[str] = set()  # captures still being written
        self._next_seq = 1
        self._limit = InFlightLimit(settings.max_in_flight)
        self.poll_plan = PollPlan(interval_s=settings.poll_interval_s)
        self._poller = Poller(self)
        self._online = True
        self._offline_failures = 0
        self._offline_retry_at = 0.0
        self._blocked: tuple[str, str] | None = None
        self._wake = asyncio.Event()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._dispatcher: asyncio.Task[None] | None = None
        self._running = False

    # -- public API ----------------------------------------------------------------------------------------------
    @property
    def online(self) -> bool:
        return self._online

    @property
    def blocked(self) -> tuple[str, str] | None:
        """(kind, message) while auth or credits stop new runs; None otherwise."""
        return self._blocked

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
        return len(self._active[backend])

    async def start(self) -> None:
        """Take the event folder and resume every unfinished job (see `_resume`)."""
        if self._running:
            return
        self.event.acquire()
        self._running = True
        self._wake = asyncio.Event()
        await asyncio.to_thread(self.event.clean_temp_files)
        self._store = await self._in_db(JobStore, self.event)
        stored = await self._in_db(self._store.all)
        self._next_seq = max((job.seq for job in stored), default=0) + 1
        for job in stored:
            self._jobs[job.id] = job
            if job.state in ACTIVE and not job.needs_operator:
                self._active[job.backend or REMOTE].add(job.id)
        await asyncio.gather(*(self._resume(job) for job in stored if not job.final))
        self._dispatcher = asyncio.ensure_future(self._dispatch_loop())
        self._poller.start()

    async def stop(self) -> None:
        """Stop sending and polling; nothing is lost (unfinished jobs resume at the next start)."""
        if not self._running:
            return
        self._running = False
        await self._poller.stop()
        tasks = [t for t in (self._dispatcher, *self._tasks) if t is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._fallback is not None:
            await self._fallback.close()
        await self._in_db(lambda: None)  # drains queued writes
        if self._store is not None:
            await self._in_db(self._store.close)
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
        self._spawn(self._store_capture(job, capture_jpeg))
        return job

    def retry(self, job_id: str) -> Job:
        """The operator's word: send this job (again), even if that may cost a second credit."""
        job = self._jobs[job_id]
        self._blocked = None
        self._offline_retry_at = 0.0
        if job.state is JobState.COMPLETED and not job.fallback:
            return job
        self._poller.forget(job_id)
        self._spawn(self._put(job.retried()))
        self._wake.set()
        return self._jobs[job_id]

    def cancel(self, job_id: str) -> Job:
        """Stop working on the job; a run already at the service still finishes there, unused."""
        job = self._jobs[job_id]
        if job.final:
            return job
        self._poller.forget(job_id)
        self._spawn(self._put(job.cancelled()))
        self._wake.set()
        return self._jobs[job_id]

    def unblock(self) -> None:
        """After the operator fixed the account or credits: try sending again."""
        self._blocked = None
        self._wake.set()

    # -- persistence: memory first, disk in order, then the signal ------------------------------------------------
    async def _in_db(self, fn: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._db, fn, *args)

    def _change(self, job_id: str, **changes: Any) -> asyncio.Future[Any]:
        return self._put(self._jobs[job_id].replace(**changes))

    def _put(self, job: Job) -> asyncio.Future[Any]:
        job_id = job.id
        self._jobs[job_id] = job
        backend = job.backend or REMOTE
        for name, ids in self._active.items():
            if job.state in ACTIVE and not job.needs_operator and name == backend:
                ids.add(job_id)
            else:
                ids.discard(job_id)
        if job.state not in ACTIVE or job.needs_operator:
            self._wake.set()
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

    def _spawn(self, coro: Any) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("job queue task failed", exc_info=task.exception())

    async def _store_capture(self, job: Job, data: bytes) -> None:
        # The file first: a row without its photo could not be sent; a photo without a row is still a photo.
        assert job.capture_path is not None and self._store is not None
        try:
            await asyncio.to_thread(atomic_write, job.capture_path, data)
            await self._in_db(self._store.save, self._jobs[job.id])
        except OSError as exc:
            self._unwritten.discard(job.id)
            self._jobs.pop(job.id, None)
            self.problem.emit("storage", f"ticket {job.ticket}: the photo could not be saved ({exc}); check the disk")
            return
        self._unwritten.discard(job.id)
        self.job_added.emit(job.id)
        self._wake.set()

    # -- resume ---------------------------------------------------------------------------------------------------
    async def _resume(self, job: Job) -> None:
        """Continue a job found unfinished on disk, by the rules of the issue (never a silent second run)."""
        if job.needs_operator:
            return
        if job.state is JobState.SUBMITTING:
            if self.settings.resubmit_uncertain:
                await self._change(job.id, state=JobState.CAPTURED, backend=None, error=None)
            else:
                await self._change(job.id, needs_operator=True, error=UNCERTAIN_MESSAGE)
                self.problem.emit("needs_operator", f"ticket {job.ticket}: {UNCERTAIN_MESSAGE}")
        elif job.state.remote:
            stale = job.submitted_at is None or time.time() - job.submitted_at > RETENTION_S + self._deadline(job)
            if job.backend == LOCAL or stale:
                # The previous process's local engine is gone, or the service has forgotten the run by now.
                await self._change(job.id, state=JobState.CAPTURED, remote_id=None, backend=None)
            else:
                self._poller.add(job.id, 0.0)

    # -- sending --------------------------------------------------------------------------------------------------
    def _next_waiting(self) -> Job | None:
        waiting = [j for j in self._jobs.values() if j.state is JobState.CAPTURED and not j.needs_operator]
        return min(waiting, key=lambda j: j.seq) if waiting else None

    async def _dispatch_loop(self) -> None:
        while self._running:
            delay = self._dispatch_once()
            self._wake.clear()
            if delay == 0.0:
                continue
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=delay)
            except TimeoutError:
                pass

    def _dispatch_once(self) -> float | None:
        """Send the next job if allowed; 0 to go on at once, else how long to wait (None: until woken)."""
        job = self._next_waiting()
        if job is None or self._blocked is not None or job.id in self._unwritten:
            return None
        now = time.monotonic()
        backend = REMOTE
        if not self._online and now < self._offline_retry_at:
            if self._fallback is None:
                return self._offline_retry_at - now
            backend = LOCAL
        if backend == REMOTE:
            wait = self._limit.wait_s(self.in_flight(REMOTE), now)
        else:
            wait = 0.0 if self.in_flight(LOCAL) < self.settings.max_in_flight else None
        if wait != 0.0:
            return wait
        saved = self._change(job.id, state=JobState.SUBMITTING, attempts=job.attempts + 1, backend=backend, error=None)
        self._spawn(self._submit(job.id, backend, saved))
        return 0.0

    async def client_for(self, backend: str) -> Any:
        if backend == LOCAL and LOCAL not in self._clients:
            assert self._fallback is not None
            self._clients[LOCAL] = await self._fallback.client()
        return self._clients[backend]

    async def _submit(self, job_id: str, backend: str, saved: asyncio.Future[Any]) -> None:
        job = self._jobs[job_id]
        assert job.capture_path is not None
        try:
            await saved  # "submitting" is on disk before the run can reach the service
            image = await asyncio.to_thread(job.capture_path.read_bytes)
            client = await self.client_for(backend)
            remote_id = await client.submit(job.params.to_request(image))
        except FileNotFoundError:
            await self.fail(job_id, f"the photo {job.capture_path.name} is missing from the event folder")
            return
        except OutcomeUnknownError as exc:
            await self._uncertain(job_id, exc)
            return
        except ProtocolError as exc:  # an unreadable answer to a run may still be a run that exists
            await self._uncertain(job_id, exc)
            return
        except ApiError as exc:
            await self._submit_refused(job_id, backend, exc)
            return
        except Exception as exc:  # a bug must not leave the job stuck in "submitting"
            log.exception("job %s: submitting failed unexpectedly", job_id)
            await self._uncertain(job_id, exc)
            return
        if backend == REMOTE:
            self.set_online(True)
        if self._jobs[job_id].state is not JobState.SUBMITTING:  # cancelled meanwhile: keep that, note the id
            await self._change(job_id, remote_id=str(remote_id))
            return
        await self._change(job_id, state=JobState.QUEUED, remote_id=str(remote_id), submitted_at=time.time())
        self._poller.add(job_id, self.poll_plan.first_delay(job.service))

    async def _submit_refused(self, job_id: str, backend: str, exc: ApiError) -> None:
        """The service answered (or was never reached): the run does not exist, so sending again is safe."""
        job = self._jobs[job_id]
        back = {"state": JobState.CAPTURED, "attempts": max(0, job.attempts - 1), "backend": None}
        if isinstance(exc, InvalidInputError):
            await self.fail(job_id, f"the service refused the photo or its options: {exc}")
        elif isinstance(exc, UnreachableError):
            await self._change(job_id, **back)
            if backend == REMOTE:
                self.set_online(False, str(exc))
        elif isinstance(exc, RateLimitedError):
            self._limit.rate_limited(self.in_flight(backend), exc.retry_after, time.monotonic())
            await self._change(job_id, **back)
            self.problem.emit("rate_limited", f"the service allows fewer runs at once; sending {self._limit.limit}")
        elif isinstance(exc, AuthError | CreditsError):
            await self._change(job_id, **back, error=str(exc))
            self.block("auth" if isinstance(exc, AuthError) else "credits", str(exc))
        else:  # 5xx and the like: wait a little, as if offline, then try again
            await self._change(job_id, **back, error=str(exc))
            self._offline_failures += 1
            self._offline_retry_at = time.monotonic() + backoff_s(self._offline_failures, 1.0, ERROR_MAX_RETRY_S)
            self._online = False
            self.problem.emit("server", f"the service has trouble ({exc}); booth tries again shortly")
        self._wake.set()

    async def _uncertain(self, job_id: str, exc: BaseException) -> None:
        if self.settings.resubmit_uncertain:
            await self._change(job_id, state=JobState.CAPTURED, backend=None, error=None)
            return
        message = f"the answer to this run was lost ({exc}); press Retry to send it again (may cost a credit)"
        await self._change(job_id, needs_operator=True, error=message)
        self.problem.emit("needs_operator", f"ticket {self._jobs[job_id].ticket}: {message}")

    def block(self, kind: str, message: str) -> None:
        if self._blocked is None:
            self.problem.emit(kind, f"{message}; photos are kept and wait until this is fixed")
        self._blocked = (kind, message)

    def set_online(self, online: bool, detail: str = "") -> None:
        if online:
            self._offline_failures = 0
            self._offline_retry_at = 0.0
        else:
            self._offline_failures += 1
            self._offline_retry_at = time.monotonic() + backoff_s(
                self._offline_failures, OFFLINE_FIRST_RETRY_S, OFFLINE_MAX_RETRY_S
            )
        if online != self._online:
            self._online = online
            self.online_changed.emit(online)
            if not online:
                fallback = "the local engine takes over" if self._fallback else "photos wait and go out when it returns"
                self.problem.emit("offline", f"the service cannot be reached ({detail}); {fallback}")
        self._wake.set()

    # -- finishing ------------------------------------------------------------------------------------------------
    def _deadline(self, job: Job) -> float:
        service = SERVICES.get(job.service)
        video = service is not None and service.kind == "video"
        return self.api_settings.video_deadline_s if video else self.api_settings.image_deadline_s

    def deadline_passed(self, job: Job) -> bool:
        return job.submitted_at is not None and time.time() > job.submitted_at + self._deadline(job)

    async def fail(self, job_id: str, message: str) -> None:
        self._poller.forget(job_id)
        await self._change(job_id, state=JobState.FAILED, error=message)
        self.problem.emit("failed", f"ticket {self._jobs[job_id].ticket}: {message}")

    async def complete(self, job_id: str, data: bytes, ext: str, kind: str, *, fallback: bool = False) -> None:
        """Write the result atomically, then mark the job completed (in that order, always)."""
        job = self._jobs[job_id]
        path = self.event.results / f"{job.ticket}_{job.id[:8]}.{ext.lstrip('.')}"
        await asyncio.to_thread(atomic_write, path, data)
        if self._jobs[job_id].final:
            return
        error = "the service took too long: the guest got their framed original photo" if fallback else None
        await self._change(job_id, state=JobState.COMPLETED, result_path=path, result_kind=kind, error=error,
                           fallback=fallback)  # fmt: skip

    async def expired(self, job_id: str, detail: str) -> None:
        """The service no longer knows the run (404 / past retention): send it again from the stored photo."""
        await self._change(job_id, state=JobState.CAPTURED, remote_id=None, backend=None, error=detail)

    async def deadline(self, job_id: str) -> None:
        job = self._jobs[job_id]
        self._poller.forget(job_id)
        if not self.settings.original_on_deadline or job.capture_path is None:
            await self.fail(job_id, f"no result within {self._deadline(job):.0f} s")
            return
        try:
            capture = await asyncio.to_thread(job.capture_path.read_bytes)
            framed = await asyncio.to_thread(frame_original, capture, self.event_name)
        except (OSError, ValueError) as exc:
            await self.fail(job_id, f"no result in time, and the original could not be framed ({exc})")
            return
        await self.complete(job_id, framed, "jpg", "image", fallback=True)
        self.problem.emit("failed", f"ticket {job.ticket}: no result in time; the guest got their framed original")

    async def mark_running(self, job_id: str) -> None:
        if self._jobs[job_id].state is JobState.QUEUED:
            await self._change(job_id, state=JobState.RUNNING)
