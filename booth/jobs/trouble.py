"""The queue's view of trouble: the service's condition (online, blocked, backoff) and the problems it reports.

A standing problem (the service offline, an account block, a disk that refuses writes) is a condition, not
an event: it is reported once when it begins (again only if its figures change) and `over` when it ends,
so the operator log shows one line per condition instead of one per retry. Job-level problems (a failed
job, a lost answer) are events and always reported. Owned by the JobQueue, which hands it its signals'
emitters; the sender and the poller only read `condition` (through the ports).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from booth.api.retry import backoff_s
from booth.jobs.job import Job
from booth.jobs.pacing import ERROR_MAX_RETRY_S, OFFLINE_FIRST_RETRY_S, OFFLINE_MAX_RETRY_S
from booth.jobs.ports import ServiceCondition
from booth.problems import Part, Problem, ProblemKind, Remedy

# What the operator can do about a job-level problem (the rest: wait, booth copes).
REMEDIES = {
    ProblemKind.FAILED: Remedy.RETRY,
    ProblemKind.DEADLINE: Remedy.RETRY,
    ProblemKind.ANSWER_LOST: Remedy.RESUBMIT,
    ProblemKind.SEND_INTERRUPTED: Remedy.RESUBMIT,
    ProblemKind.AUTH: Remedy.RESUME,
    ProblemKind.CREDITS: Remedy.RESUME,
}


def job_problem(kind: ProblemKind, job: Job, detail: str = "", **details: object) -> Problem:
    """A problem of one job, with the remedy its kind calls for (none for a guest who got their original)."""
    remedy = Remedy.NONE if details.get("fallback") else REMEDIES.get(kind, Remedy.NONE)
    return Problem.make(kind, Part.JOBS, remedy=remedy, job_id=job.id, ticket=job.ticket, detail=detail, **details)


class Trouble:
    """Signals go out through the emitters the queue hands over: `problem(Problem)`, `problem_over(kind)`,
    `online_changed(bool)`; `wake` tells the sender that the condition changed."""

    def __init__(
        self,
        emit_problem: Callable[[Problem], None],
        emit_over: Callable[[str], None],
        emit_online: Callable[[bool], None],
        wake: Callable[[], None],
        *,
        fallback: bool,
    ) -> None:
        self.condition = ServiceCondition()
        self._emit_problem = emit_problem
        self._emit_over = emit_over
        self._emit_online = emit_online
        self._wake = wake
        self._fallback = fallback  # the local engine takes over while offline
        self._standing: dict[tuple[ProblemKind, str | None], Problem] = {}  # reported, not over yet

    def report(self, problem: Problem, *, standing: bool = False) -> None:
        """Emit `problem`; a standing one only when it begins or its figures change."""
        if standing:
            key = (problem.kind, problem.job_id)
            old = self._standing.get(key)
            if old is not None and old.details == problem.details:
                return
            self._standing[key] = problem
        self._emit_problem(problem)

    def over(self, kind: ProblemKind, job_id: str | None = None) -> None:
        """The standing problem of `kind` (for `job_id`) ended; `problem_over` once none of its kind stands."""
        if self._standing.pop((kind, job_id), None) is None:
            return
        if not any(other == kind for other, _ in self._standing):
            self._emit_over(kind.value)

    def set_online(self, online: bool, detail: str = "") -> None:
        condition = self.condition
        if online:
            condition.failures = 0
            condition.retry_at = 0.0
        else:
            condition.failures += 1
            wait = backoff_s(condition.failures, OFFLINE_FIRST_RETRY_S, OFFLINE_MAX_RETRY_S)
            condition.retry_at = time.monotonic() + wait
        if online != condition.online:
            condition.online = online
            self._emit_online(online)
            if online:
                self.over(ProblemKind.OFFLINE)
            else:
                offline = Problem.make(ProblemKind.OFFLINE, Part.JOBS, detail=detail, fallback=self._fallback)
                self.report(offline, standing=True)
        self._wake()

    def block(self, kind: ProblemKind, detail: str) -> None:
        """Auth or credits: no new runs until the operator acts; the photos wait."""
        if self.condition.blocked is None:
            problem = Problem.make(kind, Part.JOBS, remedy=Remedy.RESUME, detail=detail)
            self.condition.blocked = problem
            self.report(problem, standing=True)

    def resume_sending(self) -> None:
        """The operator acted (retry, unblock) or a run went through: stop waiting out a backoff or a block."""
        blocked = self.condition.blocked
        self.condition.blocked = None
        self.condition.retry_at = 0.0
        if blocked is not None:
            self.over(blocked.kind)
        self._wake()

    def server_trouble(self, detail: str) -> None:
        """A 5xx or the like: the next run waits a growing pause."""
        condition = self.condition
        condition.failures += 1
        condition.retry_at = time.monotonic() + backoff_s(condition.failures, 1.0, ERROR_MAX_RETRY_S)
        self.report(Problem.make(ProblemKind.SERVER, Part.JOBS, detail=detail), standing=True)

    def run_accepted(self) -> None:
        """The service took a run: whatever kept runs back (offline, 5xx, 429, credits, sign-in) is over, even
        if a 402 that was already on its way when the operator unblocked arrived after the fix."""
        self.set_online(True)
        self.over(ProblemKind.SERVER)
        self.over(ProblemKind.RATE_LIMITED)
        if self.condition.blocked is not None:
            self.resume_sending()
