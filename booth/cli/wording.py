"""The shell's words for what the job queue reports as data (`Problem`, `Job.problem`, `RetryRefusal`).

The queue emits kinds and technical causes, never sentences; the kiosk and the operator panel word them
through tr(), and the doors a terminal opens (`booth batch`, `booth jobs`) word them here, once, in English.
A shell has no buttons, so the advice names commands where the panel would name a button.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from booth.api.redact import redact
from booth.jobs.job import RetryRefusal
from booth.problems import ProblemKind

if TYPE_CHECKING:
    from booth.jobs.job import Job
    from booth.problems import Problem

# Runs held for the operator's word (`booth jobs retry|cancel`): the service may have them.
HELD_KINDS = frozenset({ProblemKind.ANSWER_LOST, ProblemKind.SEND_INTERRUPTED})


def cause_words(kind: ProblemKind | None, detail: str, details: Mapping[str, object]) -> str:
    """What went wrong (`detail` is the technical cause, shown in brackets)."""
    cause = f" ({detail})" if detail else ""
    if kind is ProblemKind.OFFLINE:
        then = "the local engine takes over" if details.get("fallback") else "photos wait and go out when it returns"
        return f"the service cannot be reached{cause}; {then}"
    if kind in (ProblemKind.AUTH, ProblemKind.CREDITS):
        return f"{detail or kind}; photos are kept and wait until this is fixed"
    if kind is ProblemKind.DEADLINE:
        got = "; the guest got their framed original" if details.get("fallback") else ""
        return f"no result in time{cause}{got}"
    words = {
        ProblemKind.RATE_LIMITED: f"the service allows fewer runs at once; sending {details.get('limit')}",
        ProblemKind.SERVER: f"the service has trouble{cause}; booth tries again shortly",
        ProblemKind.ANSWER_LOST: f"the answer to this run was lost{cause}",
        ProblemKind.SEND_INTERRUPTED: "booth stopped while sending this run, so the service may have it (and "
        "charged a credit)",
        ProblemKind.PHOTO_UNSAVED: f"the photo could not be saved{cause}; free disk space: booth keeps it in "
        "memory and tries again",
        ProblemKind.RESULT_UNSAVED: f"the result could not be saved{cause}",
        ProblemKind.STORE_UNWRITABLE: f"the job store cannot be written{cause}; check the disk",
    }
    return words.get(kind, detail) if kind is not None else detail


def problem_words(problem: Problem) -> str:
    """One line for a problem the queue reported (and, belt and braces, without any known secret)."""
    text = cause_words(problem.kind, problem.detail, problem.details)
    return redact(f"ticket {problem.ticket}: {text}" if problem.ticket else text)


def job_words(job: Job) -> str:
    """Why a job is held, waits or did not deliver, from what its record keeps."""
    return redact(cause_words(job.problem, job.error or "", {"fallback": job.fallback}))


def refusal_words(job: Job, refusal: RetryRefusal) -> str:
    """Why `booth jobs retry` refuses, and how to do it anyway."""
    if refusal is RetryRefusal.COMPLETED:
        where = f": {job.result_path}" if job.result_path is not None else ""
        return (f"job {job.ticket} is already completed{where}; add --force to make it again (a new run: it may "
                "cost a credit)")  # fmt: skip
    return (f"job {job.ticket} is {job.state.value} at the service; sending it again starts a second run and "
            "may cost a second credit; add --force to send it again anyway (a second run: it may cost a credit)")
