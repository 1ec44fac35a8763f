"""What a guest's job is: its state, the choices sent to the service, how the result is delivered.

Plain data, no Qt and no I/O, so the store, the queue, the item model and the CLI share one definition,
and a job read back from SQLite after a crash is the same object the queue held before it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from booth.api.models import RunChoices
from booth.problems import ProblemKind


class RetryRefused(ValueError):
    """A retry that would do harm (see Job.retry_refusal); the message says why and what to do."""


class JobState(StrEnum):
    """captured -> submitting -> queued -> running -> completed | failed | cancelled.

    `captured`: the photo is on disk and waits its turn; `submitting`: a run is being sent (its answer may
    still be lost); `queued`/`running`: the service holds it under `remote_id`.
    """

    CAPTURED = "captured"
    SUBMITTING = "submitting"
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def final(self) -> bool:
        return self in FINAL_STATES

    @property
    def remote(self) -> bool:
        """The service holds the run (there is something to poll)."""
        return self in (JobState.QUEUED, JobState.RUNNING)


FINAL_STATES = frozenset({JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED})


# The service and the RunRequest fields other than the image: one definition, in booth.api.models.
JobParams = RunChoices


@dataclass(frozen=True, slots=True)
class Delivery:
    """How the guest wants the result: on screen, printed copies, a QR code to download it."""

    screen: bool = True
    print_copies: int = 0
    qr: bool = True

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Delivery:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


# Letters a guest cannot mistake for digits (no I, no O).
TICKET_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def ticket_for(seq: int) -> str:
    """The guest's ticket for the event's `seq`-th job: A01..A99, B01.., Z99, then AA01.. (never repeats)."""
    if seq < 1:
        raise ValueError(f"ticket sequence numbers start at 1, not {seq}")
    block, number = divmod(seq - 1, 99)
    letters = ""
    block += 1
    while block:
        block, rest = divmod(block - 1, len(TICKET_LETTERS))
        letters = TICKET_LETTERS[rest] + letters
    return f"{letters}{number + 1:02d}"


def content_key(image: bytes, params: JobParams) -> str:
    """Identity of "this photo through these choices", so a re-run of `booth batch` finds its old job."""
    digest = hashlib.sha256(image)
    digest.update(json.dumps(params.to_dict(), sort_keys=True).encode())
    return digest.hexdigest()


def new_job_id() -> str:
    return uuid.uuid4().hex


@dataclass(slots=True)
class Job:
    """One guest's job as stored; the queue replaces fields through `JobQueue`, never in place elsewhere."""

    id: str
    seq: int
    ticket: str
    state: JobState
    params: JobParams
    delivery: Delivery = field(default_factory=Delivery)
    capture_path: Path | None = None
    result_path: Path | None = None
    result_kind: str | None = None
    remote_id: str | None = None
    backend: str | None = None  # "remote" or "local": which service holds remote_id
    attempts: int = 0
    error: str | None = None
    created_at: float = field(default_factory=time.time)
    updated_at: float = field(default_factory=time.time)
    submitted_at: float | None = None
    needs_operator: bool = False
    fallback: bool = False  # completed with the framed original because the deadline passed
    key: str | None = None
    problem: ProblemKind | None = None  # why it is held or failed, as data (the UI words it); error: the cause

    @property
    def service(self) -> str:
        return self.params.service

    @property
    def final(self) -> bool:
        return self.state.final

    def replace(self, **changes: Any) -> Job:
        changes.setdefault("updated_at", time.time())
        return dataclasses.replace(self, **changes)

    def retry_refusal(self, *, force: bool = False) -> str | None:
        """Why the operator's retry would be wrong now (None: go ahead).

        A completed job has its picture. A job the service is working on would start a second run and may
        cost a second credit, so it needs `force`; a job held for the operator is exactly what retry is for.
        """
        if self.state is JobState.COMPLETED and not self.fallback and not force:
            return f"job {self.ticket} is already completed"  # forced: made again (e.g. its result file was lost)
        at_service = self.state in (JobState.SUBMITTING, JobState.QUEUED, JobState.RUNNING) and not self.needs_operator
        if at_service and not force:
            return (f"job {self.ticket} is {self.state.value} at the service; sending it again starts a second run "
                    "and may cost a second credit")  # fmt: skip
        return None

    def retried(self) -> Job:
        """The operator's retry: back to waiting for its turn, forgetting the old run (a new one will go out)."""
        return self.replace(state=JobState.CAPTURED, remote_id=None, backend=None, error=None, needs_operator=False,
                            fallback=False, result_path=None, result_kind=None)  # fmt: skip

    def cancelled(self) -> Job:
        return self.replace(state=JobState.CANCELLED, needs_operator=False, error="cancelled by the operator")
