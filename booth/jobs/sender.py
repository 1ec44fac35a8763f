"""Sending runs: which waiting job goes next, where to (service or local engine), and what an answer means.

Kept apart from the queue's bookkeeping because this is where a credit is spent. The rules: jobs go in
ticket order, never more than the in-flight limit at once; "submitting" is on disk before the run leaves;
an answer that proves no run exists (refused connection, 429, 5xx, auth, credits) puts the job back in
line, while a lost answer holds the job for the operator. While earlier runs are at the service, the next
photos are prepared (scaled and encoded) in a worker thread, so a freed slot is refilled at once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from functools import partial
from typing import TYPE_CHECKING, Any

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
from booth.jobs.job import Job, JobState
from booth.jobs.pacing import InFlightLimit
from booth.jobs.ports import LOCAL, REMOTE, ClientFor, SenderPort
from booth.problems import ProblemKind

if TYPE_CHECKING:
    from booth.api.client import EventstationClient

log = logging.getLogger(__name__)

# A photo for a send: prepared ahead, still being prepared, or not yet (made at the send).
Prepared = bytes | asyncio.Task[bytes | None] | None


async def _photo_to_send(job: Job) -> bytes:
    """The capture scaled and encoded as the service gets it (the read on an I/O thread)."""
    from booth.api.imaging import prepare_image_async

    assert job.capture_path is not None
    data = await asyncio.to_thread(job.capture_path.read_bytes)
    return await prepare_image_async(data, job.params.ratio)


def _release(turn: asyncio.Future[None], _task: asyncio.Task[Any]) -> None:
    if not turn.done():
        turn.set_result(None)


class Sender:
    """Picks the next run and sends it; the queue (through `SenderPort`) records what came of it.

    `local` says whether the local engine may stand in while the service is unreachable.
    """

    def __init__(self, queue: SenderPort, client_for: ClientFor, *, local: bool) -> None:
        self._queue = queue
        self._settings = queue.settings
        self._client_for = client_for
        self._local = local
        self._limit = InFlightLimit(self._settings.max_in_flight)
        self._prepared: dict[str, bytes] = {}
        self._preparing: dict[str, asyncio.Task[bytes | None]] = {}
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._sending: set[asyncio.Task[None]] = set()
        self._readying: set[str] = set()  # taken from the line, photo being made ready; not yet "submitting"
        self._turn: asyncio.Future[None] | None = None  # done once the last job taken has gone out (or not)

    def start(self) -> None:
        self._wake = asyncio.Event()
        self._task = asyncio.ensure_future(self._loop())

    async def stop(self, grace_s: float = 5.0) -> None:
        """No new runs; runs being sent get `grace_s` to hear their answer (else they wait for the operator)."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        if self._sending:
            await asyncio.wait(list(self._sending), timeout=grace_s)

    def wake(self) -> None:
        self._wake.set()

    def forget(self, job_id: str) -> None:
        self._prepared.pop(job_id, None)

    # -- choosing the next run -----------------------------------------------------------------------------------
    async def _loop(self) -> None:
        while True:
            delay = self._dispatch_once()
            self._prepare_ahead()
            self._wake.clear()
            if delay == 0.0:
                continue
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=delay)
            except TimeoutError:
                pass

    def _backend_now(self, now: float) -> tuple[str | None, float | None]:
        """Where the next run may go now (REMOTE or LOCAL), or None and how long to wait (None: until woken)."""
        condition = self._queue.condition
        backend = REMOTE
        if now < condition.retry_at:
            if not self._local or condition.online:  # server trouble is waited out, not sent elsewhere
                return None, condition.retry_at - now
            backend = LOCAL
        if backend == REMOTE:
            wait = self._limit.wait_s(self._queue.in_flight(REMOTE), now)
        else:
            wait = 0.0 if self._queue.in_flight(LOCAL) < self._settings.max_in_flight else None
        return (backend, 0.0) if wait == 0.0 else (None, wait)

    def _dispatch_once(self) -> float | None:
        """Send the next job if allowed; 0 to go on at once, else how long to wait (None: until woken)."""
        waiting = self._line()
        if not waiting or self._queue.condition.blocked is not None or not self._queue.ready(waiting[0].id):
            return None
        job = waiting[0]
        backend, wait = self._backend_now(time.monotonic())
        if backend is None:
            return wait
        # The slot is taken now; "submitting" goes on disk only once the photo is ready and the POST is next,
        # so a crash while the photo is being made ready leaves a job to send, not a run to ask about.
        prepared = self._prepared.pop(job.id, None) or self._preparing.get(job.id)
        self._readying.add(job.id)
        self._queue.hold(backend, f"ready:{job.id}")
        before, self._turn = self._turn, asyncio.get_running_loop().create_future()
        sending = self._queue.spawn(self._submit(job, backend, prepared, before, self._turn))
        self._sending.add(sending)
        sending.add_done_callback(self._sent)
        sending.add_done_callback(partial(_release, self._turn))  # however the send ends, the next may go
        return 0.0

    def _line(self) -> list[Job]:
        """Jobs waiting their turn that no send has taken yet, in ticket order."""
        return [job for job in self._queue.waiting() if job.id not in self._readying]

    def _sent(self, task: asyncio.Task[None]) -> None:
        self._sending.discard(task)
        self._wake.set()  # time to prepare the next photos

    def _prepare_ahead(self) -> None:
        """Scale and encode the next photos in line while the service is busy with earlier ones."""
        if self._sending:  # never compete for the CPU with a run on its way out; the loop comes back after it
            return
        ahead = self._settings.max_in_flight
        for job in self._line()[:ahead]:
            if len(self._prepared) + len(self._preparing) >= ahead:
                return
            if job.id in self._prepared or job.id in self._preparing or not self._queue.ready(job.id):
                continue
            self._preparing[job.id] = self._queue.spawn(self._prepare(job))

    async def _prepare(self, job: Job) -> bytes | None:
        try:
            prepared = await _photo_to_send(job)
            if self._queue.job(job.id).state is JobState.CAPTURED:
                self._prepared[job.id] = prepared
            return prepared
        except Exception:  # the real submission meets the same problem and reports it properly
            log.debug("job %s: could not prepare ahead", job.ticket, exc_info=True)
            return None
        finally:
            self._preparing.pop(job.id, None)

    # -- one run ---------------------------------------------------------------------------------------------------
    async def _ready_image(self, job: Job, prepared: Prepared) -> bytes:
        """The photo as it will be sent: prepared ahead, still being prepared (wait for it), or made now."""
        if isinstance(prepared, asyncio.Task):  # its own cancel is no error: the photo is made here then
            await asyncio.wait({prepared})
            prepared = None if prepared.cancelled() else prepared.result()
        return prepared or await _photo_to_send(job)

    async def _submit(
        self, job: Job, backend: str, prepared: Prepared, before: asyncio.Future[None] | None,
        turn: asyncio.Future[None],
    ) -> None:  # fmt: skip
        """Make the photo ready, wait for the job taken before this one to go out (ticket order), send it.

        `turn` is done once this job's "submitting" is on disk (the next job may then go out); the
        dispatcher also completes it when this task ends, however it ends.
        """
        ready = await self._make_ready(job, backend, prepared, before)
        if ready is None:
            return
        current = self._queue.job(job.id)
        if current.state is not JobState.CAPTURED or current.needs_operator:
            return  # cancelled or handed its original while the photo was made ready: nothing was sent
        image, client = ready
        await self._send(job, backend, image, client, turn)

    async def _make_ready(
        self, job: Job, backend: str, prepared: Prepared, before: asyncio.Future[None] | None
    ) -> tuple[bytes, EventstationClient] | None:
        """The photo and the client, once the job before this one went out; None if the job failed here."""
        try:
            image = await self._ready_image(job, prepared)
            client = await self._client_for(backend)
            if before is not None:
                await asyncio.wait({before})
            return image, client
        except (FileNotFoundError, InvalidInputError) as exc:  # the photo is gone, or the service would refuse it
            await self._queue.fail(job.id, str(exc))
        except Exception as exc:  # nothing was sent: the job fails visibly instead of hanging in line
            log.exception("job %s: the photo could not be made ready to send", job.ticket)
            await self._queue.fail(job.id, str(exc))
        finally:
            self._readying.discard(job.id)
            self._queue.unhold(backend, f"ready:{job.id}")
        return None

    async def _send(
        self, job: Job, backend: str, image: bytes, client: EventstationClient, turn: asyncio.Future[None]
    ) -> None:
        """The state "submitting" on disk, then the POST; the queue records what the answer means."""
        queue = self._queue
        try:
            await queue.sending(job.id, backend)
            turn.set_result(None)
            remote_id = await client.submit(job.params.to_request(image))
        except (OutcomeUnknownError, ProtocolError) as exc:  # an unreadable answer may still be a run that exists
            await self._uncertain(job.id, backend, exc)
            return
        except ApiError as exc:
            await self._refused(job.id, backend, exc)
            return
        except Exception as exc:  # a bug must not leave the job stuck in "submitting"
            log.exception("job %s: submitting failed unexpectedly", job.ticket)
            await self._uncertain(job.id, backend, exc)
            return
        finally:
            queue.unhold(backend, f"send:{job.id}")  # held if the job was cancelled while its run went out
        if backend == REMOTE:
            self._limit.accepted(queue.in_flight(backend), time.monotonic())
        await queue.sent(job.id, backend, str(remote_id))

    async def _refused(self, job_id: str, backend: str, exc: ApiError) -> None:
        """The service answered (or was never reached): the run does not exist, so sending again is safe."""
        queue = self._queue
        if queue.job(job_id).state is not JobState.SUBMITTING:
            await queue.send_undone(job_id)  # cancelled or handed its original meanwhile; no run exists
            return
        if isinstance(exc, InvalidInputError):
            await queue.fail(job_id, str(exc))  # the client's text: what was refused and why
        elif isinstance(exc, UnreachableError):
            await queue.send_refused(job_id)
            queue.service_unreachable(backend, str(exc))
        elif isinstance(exc, RateLimitedError):
            self._limit.rate_limited(queue.in_flight(backend), exc.retry_after, time.monotonic())
            await queue.send_refused(job_id)
            queue.rate_limited(self._limit.limit)
        elif isinstance(exc, AuthError | CreditsError):
            kind = ProblemKind.AUTH if isinstance(exc, AuthError) else ProblemKind.CREDITS
            await queue.send_refused(job_id, kind, str(exc))
            queue.account_refused(kind, str(exc))
        else:  # 5xx and the like: wait a little, then try again
            await queue.send_refused(job_id, ProblemKind.SERVER, str(exc))
            queue.service_trouble(str(exc))
        self._wake.set()

    async def _uncertain(self, job_id: str, backend: str, exc: BaseException) -> None:
        if self._queue.job(job_id).state is not JobState.SUBMITTING:
            return  # the job moved on (cancelled, original handed over); a run it may have left is not counted
        await self._queue.send_uncertain(job_id, backend, str(exc) or type(exc).__name__)
