"""Event figures from plain jobs and prints: counts per state, average generation time, prints made."""

from __future__ import annotations

from booth.jobs.job import Job, JobParams, JobState
from booth.printing.store import PrintJob, PrintState
from booth.ui.operator.stats import compute


def _job(seq: int, state: JobState, took: float = 0.0, **kw: object) -> Job:
    return Job(id=f"j{seq}", seq=seq, ticket=f"A{seq:02d}", state=state, params=JobParams(service="filter"),
               created_at=1000.0, updated_at=1000.0 + took, **kw)  # type: ignore[arg-type]  # fmt: skip


def test_counts_and_average_generation_time() -> None:
    jobs = [
        _job(1, JobState.COMPLETED, 4.0),
        _job(2, JobState.COMPLETED, 6.0),
        _job(3, JobState.FAILED, 50.0),
        _job(4, JobState.RUNNING),
        _job(5, JobState.SUBMITTING, needs_operator=True),
    ]
    stats = compute(jobs)
    assert stats.total == 5
    assert stats.per_state["completed"] == 2 and stats.per_state["failed"] == 1
    assert stats.in_progress == 2
    assert stats.needs_operator == 1
    assert stats.avg_generation_s == 5.0  # failed and unfinished jobs do not count


def test_no_completed_jobs_means_no_average() -> None:
    assert compute([_job(1, JobState.FAILED, 3.0)]).avg_generation_s is None
    assert compute([]).total == 0


def test_prints_made_count_copies() -> None:
    prints = [
        PrintJob(id="p1", job_id="j1", image_path="a.png", copies=2, state=PrintState.DONE),
        PrintJob(id="p2", job_id="j2", image_path="b.png", copies=1, state=PrintState.QUEUED),
        PrintJob(id="p3", job_id="j3", image_path="c.png", copies=1, state=PrintState.FAILED),
        PrintJob(id="p4", job_id="j4", image_path="d.png", copies=1, state=PrintState.PRINTING),
    ]
    stats = compute([], prints)
    assert (stats.prints_done, stats.prints_waiting, stats.prints_failed) == (2, 2, 1)
