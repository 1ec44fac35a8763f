"""Event figures for the Stats tab, computed from the queue's jobs and the printer's prints.

Plain functions over plain objects, so the arithmetic is tested without a window and the tab only binds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from booth.jobs.job import UNFINISHED_STATES, JobState

JOB_STATES = tuple(state.value for state in JobState)  # in the order booth lists them
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


def _seconds(value: Any) -> float | None:
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, int | float):
        return float(value)
    return None


def state_name(value: Any) -> str:
    """A job or print state as its plain lower-case name, whether an enum or a string."""
    return str(getattr(value, "value", value)).lower()


def compute(jobs: Iterable[Any], prints: Iterable[Any] = ()) -> EventStats:
    stats = EventStats()
    durations: list[float] = []
    for job in jobs:
        state = state_name(job.state)
        stats.per_state[state] = stats.per_state.get(state, 0) + 1
        stats.total += 1
        stats.needs_operator += bool(getattr(job, "needs_operator", False))
        if state == JobState.COMPLETED:
            start, end = _seconds(getattr(job, "created_at", None)), _seconds(getattr(job, "updated_at", None))
            if start is not None and end is not None and end >= start:
                durations.append(end - start)
    if durations:
        stats.avg_generation_s = sum(durations) / len(durations)
    for job in prints:
        state = state_name(getattr(job, "state", ""))
        if state in PRINT_DONE:
            stats.prints_done += max(1, int(getattr(job, "copies", 1) or 1))
        elif state in PRINT_FAILED:
            stats.prints_failed += 1
        else:
            stats.prints_waiting += 1
    return stats
