"""Event figures for the Stats tab, computed from the queue's jobs and the printer's prints.

Plain functions over the jobs and prints, so the arithmetic is tested without a window and the tab only binds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from booth.jobs.job import UNFINISHED_STATES, Job, JobState

if TYPE_CHECKING:  # printing's modules load with the print service, not with the panel
    from booth.printing.store import PrintJob

JOB_STATES = tuple(state.value for state in JobState)
PRINT_DONE = {"done", "printed", "completed"}
PRINT_FAILED = {"failed", "error", "cancelled"}


@dataclass(slots=True)
class EventStats:
    per_state: dict[str, int] = field(default_factory=lambda: dict.fromkeys(JOB_STATES, 0))
    total: int = 0
    needs_operator: int = 0
    avg_generation_s: float | None = None
    prints_done: int = 0
    prints_waiting: int = 0
    prints_failed: int = 0

    @property
    def in_progress(self) -> int:
        return sum(self.per_state.get(s, 0) for s in UNFINISHED_STATES)


def state_name(value: StrEnum | str) -> str:
    """A job or print state as its plain lower-case name, whether an enum or a string."""
    return (value.value if isinstance(value, StrEnum) else value).lower()


def compute(jobs: Iterable[Job], prints: Iterable[PrintJob] = ()) -> EventStats:
    stats = EventStats()
    durations: list[float] = []
    for job in jobs:
        state = state_name(job.state)
        stats.per_state[state] = stats.per_state.get(state, 0) + 1
        stats.total += 1
        stats.needs_operator += job.needs_operator
        if job.state is JobState.COMPLETED and job.updated_at >= job.created_at:
            durations.append(job.updated_at - job.created_at)
    if durations:
        stats.avg_generation_s = sum(durations) / len(durations)
    for printed in prints:
        state = state_name(printed.state)
        if state in PRINT_DONE:
            stats.prints_done += max(1, printed.copies)
        elif state in PRINT_FAILED:
            stats.prints_failed += 1
        else:
            stats.prints_waiting += 1
    return stats
