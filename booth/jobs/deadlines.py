"""When a guest has waited long enough: each job's deadline, and the pause before keeping one tried again.

Plain rules over plain jobs, apart from the queue's bookkeeping so they read (and test) as arithmetic. The
queue's watcher asks `deadline_due` twice a second and hands a guest whose deadline came the framed
original; `DeadlineRetries` spaces out a deadline that could not be kept (a full disk), so the watcher
itself never stops and never spins on the fault.
"""

from __future__ import annotations

import time

from booth.api.retry import backoff_s
from booth.api.services import SERVICES
from booth.jobs.job import Job, JobState
from booth.settings import ApiSettings

CHECK_S = 0.5  # how often the watcher looks
RETRY_MAX_S = 10.0  # a deadline that could not be kept is tried again at most this late


def deadline_s(job: Job, api: ApiSettings) -> float:
    """The job's deadline: the service kind's `*_deadline_s`."""
    service = SERVICES.get(job.service)
    video = service is not None and service.kind == "video"
    return api.video_deadline_s if video else api.image_deadline_s


def deadline_due(job: Job, now: float, deadline: float, *, original_on_deadline: bool) -> bool:
    """The job's deadline has come.

    With `original_on_deadline` it counts from the photo, since the guest waits from then on, and hands
    over the framed original whatever the job is doing (a photo still in line is then never sent). Without
    it, only a run at the service can miss it, counted from when it was sent: a photo that waited for an
    offline service still gets its full time once it goes out.
    """
    if job.final or job.needs_operator or job.state is JobState.SUBMITTING:
        return False  # a run being sent: its answer decides first
    if original_on_deadline:
        return now >= job.created_at + deadline
    return job.state.remote and job.submitted_at is not None and now >= job.submitted_at + deadline


class DeadlineRetries:
    """Deadlines that could not be kept, each waiting a growing pause before the next try."""

    def __init__(self) -> None:
        self._waiting: dict[str, tuple[int, float]] = {}  # job id -> (failures, not before)

    def ready(self, job_id: str, now: float) -> bool:
        return now >= self._waiting.get(job_id, (0, 0.0))[1]

    def failed(self, job_id: str) -> int:
        """One more failure; returns how many in a row."""
        failures = self._waiting.get(job_id, (0, 0.0))[0] + 1
        self._waiting[job_id] = (failures, time.time() + backoff_s(failures, CHECK_S, RETRY_MAX_S))
        return failures

    def kept(self, job_id: str) -> None:
        self._waiting.pop(job_id, None)
