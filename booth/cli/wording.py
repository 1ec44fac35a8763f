"""The terminal's words for each problem, written once for `booth batch` and `booth jobs`.

Parts report trouble as `booth.problems.Problem` records in no language; the operator panel words them
with the button that acts ("press Resubmit"), and this module with the command to type instead
(`booth jobs retry A01 --event DIR --force`). Before, the queue sent the panel's English and `booth batch`
cut the button advice out again with a regex.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from booth.jobs.job import RetryRefusal
from booth.problems import Problem, ProblemKind

if TYPE_CHECKING:
    from booth.jobs.job import Job

K = ProblemKind
# What happened, as the end of a "booth: ..." line. {cause} is the technical detail in brackets (or nothing);
# other fields come from Problem.details.
WORDS: Mapping[ProblemKind, str] = {
    K.OFFLINE: "the service cannot be reached{cause}; photos wait and go out when it returns",
    K.AUTH: "the service refused the sign-in{cause}; photos are kept and wait: fix api.username and "
    "api.password (or BOOTH_API_USERNAME / BOOTH_API_PASSWORD / BOOTH_API_TOKEN), then run the command again",
    K.CREDITS: "the account is out of credits{cause}; photos are kept and wait: top up the account, then run "
    "the command again",
    K.RATE_LIMITED: "the service allows fewer runs at once; sending {limit}",
    K.SERVER: "the service has trouble{cause}; booth tries again shortly",
    K.FAILED: "the job failed{cause}",
    K.DEADLINE: "no result in time{cause}",
    K.ANSWER_LOST: "the answer to its run was lost{cause}, so the service may have it (and charged a credit)",
    K.SEND_INTERRUPTED: "booth stopped while sending its run, so the service may have it (and charged a credit)",
    K.PHOTO_UNSAVED: "the photo could not be saved{cause}; booth keeps it and tries again: free some disk space",
    K.RESULT_UNSAVED: "the result could not be saved{cause}; check the disk of the event folder",
    K.STORE_UNWRITABLE: "the job store cannot be written{cause}; check the disk of the event folder",
    K.STORE_REBUILT: "the job store was damaged{cause}; moved it aside to {moved_to}, kept {kept} jobs from it and "
    "rebuilt {rebuilt} from captures/ and results/",
    K.CAMERA_LOST: "the camera stopped sending pictures{cause}; reconnecting",
    K.PRINTER_NOT_READY: "printer {name} is not ready: {state} ({reason})",
    K.PRINT_FAILED: "a print failed{cause}",
    K.PRINTING_OFF: "printing could not start{cause}; guests get the QR code only",
    K.SHARE_FAILED: "a picture could not be published for download{cause}",
    K.SHARING_OFF: "the download server could not start{cause}; no QR codes for now",
    K.SYNC_FAILED: "the shared storage cannot be reached{cause}; {waiting} files wait here and go when it returns",
}
# The same kinds when booth had something to fall back on (details: fallback=True).
WITH_FALLBACK: Mapping[ProblemKind, str] = {
    K.OFFLINE: "the service cannot be reached{cause}; the local engine takes the jobs until it answers",
    K.DEADLINE: "no result in time{cause}; the guest got their framed original photo",
}
# The problems that stop all sending until the operator acts, and the exit code each gives `booth batch`.
BLOCKING_EXIT: Mapping[ProblemKind, int] = {K.AUTH: 3, K.CREDITS: 4}


class _Figures(dict[str, object]):
    """Problem.details for a template; a figure the part did not send reads as '?', never a KeyError."""

    def __missing__(self, key: str) -> str:
        return "?"


def describe(kind: ProblemKind, *, detail: str = "", details: Mapping[str, object] | None = None) -> str:
    """What happened, in the terminal's words (no ticket, no command)."""
    figures = _Figures(details or {})
    template = WITH_FALLBACK.get(kind) if figures.get("fallback") else None
    figures["cause"] = f" ({detail})" if detail else ""
    # A kind added without words here still says what it is rather than stopping `booth batch`.
    return (template or WORDS.get(kind) or f"{kind.value}{{cause}}").format_map(figures)


def problem_line(problem: Problem) -> str:
    """One Problem as a line: the ticket it concerns, then what happened."""
    words = describe(problem.kind, detail=problem.detail, details=problem.details)
    return f"ticket {problem.ticket}: {words}" if problem.ticket else words


def job_words(job: Job) -> str:
    """Why a stored job is held or failed: its recorded problem worded, else its technical cause."""
    if job.problem is None:
        return job.error or ""
    return describe(job.problem, detail=job.error or "", details={"fallback": job.fallback})


def retry_command(ticket: str, event_dir: Path, *, force: bool = False) -> str:
    """The shell's Retry (Resubmit with force: a run the service may have)."""
    return f"`booth jobs retry {ticket} --event {shlex.quote(str(event_dir))}{' --force' if force else ''}`"


def cancel_command(ticket: str, event_dir: Path) -> str:
    return f"`booth jobs cancel {ticket} --event {shlex.quote(str(event_dir))}`"


def held_advice(job: Job, event_dir: Path) -> str:
    """What to type for a job held for the operator (where the panel shows Resubmit and Cancel)."""
    retry = retry_command(job.ticket, event_dir, force=bool(job.remote_id))
    return f"send it again: {retry} (may cost a credit); or drop it: {cancel_command(job.ticket, event_dir)}"

def refusal_words(job: Job, refusal: RetryRefusal) -> str:
    """Why `booth jobs retry` refuses, and how to do it anyway."""
    if refusal is RetryRefusal.COMPLETED:
        where = f": {job.result_path}" if job.result_path is not None else ""
        return (f"job {job.ticket} is already completed{where}; add --force to make it again (a new run: it may "
                "cost a credit)")  # fmt: skip
    return (f"job {job.ticket} is {job.state.value} at the service; sending it again starts a second run and "
            "may cost a second credit; add --force to send it again anyway (a second run: it may cost a credit)")
