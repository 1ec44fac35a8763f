"""Forgetting a guest's job: every file it left in the event folder, and its row in the job store.

A guest may ask for their pictures to be deleted. The event folder keeps each job's photo and result under
names that start with the job's ticket and id (`A07_3f2a9c1e.jpg`, also a retry's result in another format
and a killed writer's temp file), so one pattern finds them all and no other guest's. The row goes too, so
`booth jobs list`, the operator panel and a restarted booth no longer know the job. Used by both doors: the
operator panel (through `JobQueue.forget`, which also drops the job from memory) and `booth jobs forget`
(booth.forget). Blocking: call it from a worker thread in GUI code.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from booth.jobs.event import EventFolder, fsync_dir
from booth.jobs.job import Job
from booth.jobs.store import JobStore


def file_stem(job: Job) -> str:
    """How every file of the job is named (see JobQueue.enqueue and JobQueue.complete)."""
    return f"{job.ticket}_{job.id[:8]}"


def job_files(event: EventFolder, job: Job) -> list[Path]:
    """The job's files in the event folder: its photo, every result, leftover temp files."""
    stem = file_stem(job)
    found: set[Path] = set()
    for folder in (event.captures, event.results):
        found.update(folder.glob(f"{stem}.*"))
        found.update(folder.glob(f".{stem}.*.tmp"))
    for path in (job.capture_path, job.result_path):
        if path is not None and path.exists():
            found.add(path)
    return sorted(found)


def delete_job_files(event: EventFolder, job: Job) -> list[Path]:
    """Delete the job's files for good (the directory entries fsynced); returns what was deleted."""
    deleted = []
    for path in job_files(event, job):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            deleted.append(path)
    for folder in {path.parent for path in deleted}:
        fsync_dir(folder)
    return deleted


def forget_job(event: EventFolder, store: JobStore, job: Job) -> list[Path]:
    """Delete the job's files, then its row (files first: a row left by a crash can be forgotten again)."""
    deleted = delete_job_files(event, job)
    store.delete(job.id)
    return deleted
