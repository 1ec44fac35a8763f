"""Problems as data: what went wrong, where, and what the operator can do about it, in no language.

The queue, the camera, the printer and the share server report trouble as `Problem` records; the kiosk
turns them into guest words, the operator panel into sentences in the operator's language (EN/DE) with the
button that acts, the CLI into terminal advice, and the log into the full record. Before this, parts
emitted English sentences ("press Resubmit ...") that the German panel could not translate and that
`booth batch` had to strip again with a regex: one wording per reader, written where the reader is.

Lives at the bottom of the house (beside `booth.settings`) because jobs, camera, printing and sharing are
independent of each other and all report through it.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


class Part(StrEnum):
    """Which part of the booth reports."""

    JOBS = "jobs"
    CAMERA = "camera"
    PRINTER = "printer"
    SHARE = "share"
    BOOTH = "booth"  # the wiring: a part that could not start
    SYNC = "sync"  # copying to the event's shared storage (booth.sync)


class ProblemKind(StrEnum):
    """What went wrong. The UI words each kind; `Problem.details` carries the figures a wording needs."""

    # the service's condition (jobs)
    OFFLINE = "offline"  # the service cannot be reached; details: fallback (bool)
    AUTH = "auth"  # sign-in refused; photos wait
    CREDITS = "credits"  # out of credits; photos wait
    RATE_LIMITED = "rate_limited"  # fewer runs at once; details: limit (int)
    SERVER = "server"  # 5xx and the like; booth tries again
    # one job (jobs); `job_id` and `ticket` are set
    FAILED = "failed"  # the job failed for good
    DEADLINE = "deadline"  # no result in time; details: fallback (bool: the guest got the framed original)
    ANSWER_LOST = "answer_lost"  # the answer to a sent run was lost; it may have cost a credit
    SEND_INTERRUPTED = "send_interrupted"  # booth stopped while sending; the service may have the run
    # the disk (jobs)
    PHOTO_UNSAVED = "photo_unsaved"  # a capture could not be written; kept in memory, retried
    RESULT_UNSAVED = "result_unsaved"  # a result could not be written
    STORE_UNWRITABLE = "store_unwritable"  # the job store cannot be written
    # the job store was damaged: moved aside and rebuilt; details: moved_to, kept, rebuilt, bad_rows
    STORE_REBUILT = "store_rebuilt"
    # devices and doors
    CAMERA_LOST = "camera_lost"  # the camera stopped sending pictures; reconnecting
    PRINTER_NOT_READY = "printer_not_ready"  # details: name, state, reason
    PRINT_FAILED = "print_failed"  # one print job failed
    PRINTING_OFF = "printing_off"  # printing could not start
    SHARE_FAILED = "share_failed"  # one picture could not be published
    SHARING_OFF = "sharing_off"  # the download server could not start
    SYNC_FAILED = "sync_failed"  # the shared storage cannot be reached; details: reason, waiting (files)


class Remedy(StrEnum):
    """What the operator can do about it; the panel names the button that does it."""

    NONE = "none"  # wait: booth handles it (or nothing can be done from the panel)
    RETRY = "retry"  # send the job again
    RESUBMIT = "resubmit"  # send a run again that may already be at the service (may cost a credit)
    RESUME = "resume"  # resume the printer, or sending after an account problem was fixed


class Severity(StrEnum):
    WARNING = "warning"  # booth copes; the operator should know
    ERROR = "error"  # needs the operator's hand


# Kinds that need the operator's hand rather than patience: one definition for panel, log and CLI.
NEEDS_HAND = frozenset(
    {
        ProblemKind.AUTH,
        ProblemKind.CREDITS,
        ProblemKind.FAILED,
        ProblemKind.ANSWER_LOST,
        ProblemKind.SEND_INTERRUPTED,
        ProblemKind.PHOTO_UNSAVED,
        ProblemKind.RESULT_UNSAVED,
        ProblemKind.STORE_UNWRITABLE,
        ProblemKind.PRINT_FAILED,
    }
)
# Kinds that a run going through ends (the service answers again).
SERVICE_TROUBLE = frozenset({ProblemKind.OFFLINE, ProblemKind.SERVER, ProblemKind.RATE_LIMITED})


def _frozen(details: Mapping[str, object] | None) -> Mapping[str, object]:
    return MappingProxyType(dict(details or {}))


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem, as data. `detail` is the technical cause (an exception's text) for the log and the
    operator's details line, never a sentence to show a guest; `details` holds figures for the wording."""

    kind: ProblemKind
    part: Part
    remedy: Remedy = Remedy.NONE
    job_id: str | None = None
    ticket: str | None = None
    detail: str = ""
    details: Mapping[str, object] = field(default_factory=lambda: _frozen(None))
    at: float = field(default_factory=time.time)

    @classmethod
    def make(
        cls,
        kind: ProblemKind,
        part: Part,
        *,
        remedy: Remedy = Remedy.NONE,
        job_id: str | None = None,
        ticket: str | None = None,
        detail: object = "",
        **details: object,
    ) -> Problem:
        """Keyword figures become `details` (read-only), `detail` any exception or text."""
        return cls(kind, part, remedy, job_id, ticket, str(detail), _frozen(details))

    @property
    def severity(self) -> Severity:
        return Severity.ERROR if self.kind in NEEDS_HAND else Severity.WARNING

    def log_line(self) -> str:
        """The record for the log file (English identifiers, not prose): kind, part, job, remedy, cause."""
        parts = [f"{self.part}:{self.kind}"]
        if self.ticket:
            parts.append(f"ticket={self.ticket}")
        if self.remedy is not Remedy.NONE:
            parts.append(f"remedy={self.remedy}")
        parts.extend(f"{k}={v}" for k, v in self.details.items())
        if self.detail:
            parts.append(f"cause={self.detail}")
        return " ".join(parts)
