"""How long a guest's picture will take, from the queue's own measured times (for the hand-off screen).

A guest handed a ticket while others wait wants "about how long", not a promise. The figure comes from
what this booth measured at this event: the time from capture to result of the last finished jobs
(their median, so one slow run does not scare everyone), times the rounds the jobs ahead need at the
plan's in-flight limit. Plain data in, seconds out; the UI words it.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable

from booth.jobs.job import Job, JobState

RECENT = 10  # finished jobs the typical time is measured over


def typical_run_s(jobs: Iterable[Job], recent: int = RECENT) -> float | None:
    """Median capture-to-result time of the last `recent` completed jobs; None before the first."""
    done = sorted((j for j in jobs if j.state == JobState.COMPLETED), key=lambda j: j.updated_at)[-recent:]
    times = [j.updated_at - j.created_at for j in done if j.updated_at >= j.created_at]
    return statistics.median(times) if times else None


def wait_estimate_s(jobs: Iterable[Job], job_id: str, max_in_flight: int) -> float | None:
    """About how long until `job_id`'s result, or None when nothing is waiting ahead of it or nothing
    has been measured yet (then there is nothing honest to say)."""
    listed = list(jobs)
    mine = next((j for j in listed if j.id == job_id), None)
    typical = typical_run_s(listed)
    if mine is None or mine.state.final or typical is None:
        return None
    ahead = [j for j in listed if not j.state.final and j.id != job_id and j.created_at <= mine.created_at]
    if not ahead:
        return None
    rounds = math.ceil((len(ahead) + 1) / max(1, max_in_flight))
    return typical * rounds
