"""What the sender and the poller may ask of the job queue: two narrow doors instead of the whole queue.

The queue is the only one that changes a job's state, keeps the service's condition and emits signals. The
sender (which run goes out next) and the poller (which run is done) decide, then tell the queue what
happened through these Protocols; they never reach each other or the queue's innards. This module is what
both import, so queue -> sender/poller -> ports is a one-way street with no circle, not even for typing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from booth.problems import Problem, ProblemKind

if TYPE_CHECKING:
    from booth.api.client import EventstationClient
    from booth.jobs.job import Job
    from booth.settings import JobSettings

T = TypeVar("T")

# Which service holds a run: the configured one, or the booth's own engine standing in while it is offline.
REMOTE, LOCAL = "remote", "local"

# The client for a backend (the local engine is started on first use).
ClientFor = Callable[[str], Awaitable["EventstationClient"]]


@dataclass(slots=True)
class ServiceCondition:
    """How the service is doing, as the sender needs it to pick the next run: owned and changed by the queue.

    `blocked` holds the account problem (auth, credits) that stops new runs until the operator acts;
    `retry_at` (monotonic) is when the service may be asked again after it was unreachable or in trouble.
    """

    online: bool = True
    blocked: Problem | None = None
    failures: int = 0
    retry_at: float = 0.0


class QueuePort(Protocol):
    """What both the sender and the poller may ask of the queue."""

    @property
    def settings(self) -> JobSettings: ...

    @property
    def condition(self) -> ServiceCondition: ...

    def job(self, job_id: str) -> Job: ...

    def spawn(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]: ...

    def service_answered(self, backend: str) -> None:
        """The backend answered a request: whatever kept it unreachable is over."""

    def service_unreachable(self, backend: str, detail: str) -> None:
        """The backend could not be reached; the queue backs off (and may hand runs to the local engine)."""

    def account_refused(self, kind: ProblemKind, detail: str) -> None:
        """Sign-in (AUTH) or credits (CREDITS) refused: no new runs until the operator acts."""

    async def fail(self, job_id: str, detail: str) -> None:
        """The job failed for good; `detail` is the technical cause."""


class SenderPort(QueuePort, Protocol):
    """What the sender may ask: the line of waiting jobs, slots, and the steps of one send."""

    def waiting(self) -> list[Job]: ...

    def ready(self, job_id: str) -> bool: ...

    def in_flight(self, backend: str) -> int: ...

    def hold(self, backend: str, key: str) -> None: ...

    def unhold(self, backend: str, key: str) -> None: ...

    async def sending(self, job_id: str, backend: str) -> None:
        """The run is about to go out: "submitting" is on disk when this returns."""

    async def sent(self, job_id: str, backend: str, remote_id: str) -> None:
        """The service accepted the run under `remote_id`."""

    async def send_refused(self, job_id: str, problem: ProblemKind | None = None, detail: str = "") -> None:
        """The service refused (or was never reached): no run exists, the job waits for its turn again."""

    async def send_undone(self, job_id: str) -> None:
        """A send that never made a run, for a job that moved on meanwhile (its original handed over): the
        attempt does not count."""

    async def send_uncertain(self, job_id: str, backend: str, detail: str) -> None:
        """The answer was lost: the run may exist (and may have cost a credit)."""

    def rate_limited(self, limit: int) -> None:
        """The service allows fewer runs at once; the sender now sends at most `limit`."""

    def service_trouble(self, detail: str) -> None:
        """A 5xx or the like: the queue waits a little before the next run."""


class PollerPort(QueuePort, Protocol):
    """What the poller may ask: the outcomes of a run the service holds."""

    def release(self, job_id: str) -> None: ...

    async def mark_running(self, job_id: str) -> None: ...

    async def complete(self, job_id: str, data: bytes, ext: str, kind: str) -> None:
        """Write the result, then mark the job completed; raises OSError (reported) if it cannot be written."""

    async def expired(self, job_id: str, detail: str) -> None:
        """The service no longer knows the run: send the photo again."""
