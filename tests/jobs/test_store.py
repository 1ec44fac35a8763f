"""The SQLite job store: WAL, a schema version, rows that come back equal, readers beside a writer."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from booth.jobs.event import EventFolder
from booth.jobs.job import Delivery, Job, JobParams, JobState, ticket_for
from booth.jobs.store import SCHEMA_VERSION, JobStore, StoreError


def _job(event: EventFolder, seq: int, **changes: object) -> Job:
    job = Job(id=f"{seq:032x}", seq=seq, ticket=ticket_for(seq), state=JobState.CAPTURED,
              params=JobParams("filter", filter_id=seq, ratio="square"), delivery=Delivery(print_copies=1),
              capture_path=event.captures / f"{seq}.jpg", key=f"k{seq}")  # fmt: skip
    return job.replace(**changes)


def test_jobs_come_back_equal_after_reopening(event: EventFolder) -> None:
    store = JobStore(event)
    jobs = [_job(event, n) for n in range(1, 4)]
    jobs[1] = jobs[1].replace(state=JobState.RUNNING, remote_id="r-2", backend="remote", attempts=1, submitted_at=5.0)
    jobs[2] = jobs[2].replace(state=JobState.COMPLETED, result_path=event.results / "3.png", result_kind="image",
                              fallback=True, error="late")  # fmt: skip
    for job in jobs:
        store.save(job)
    store.close()
    reopened = JobStore(EventFolder(event.path))
    assert reopened.all() == jobs
    assert [j.id for j in reopened.unfinished()] == [jobs[0].id, jobs[1].id]
    assert reopened.by_key("k2") == [jobs[1]]
    assert reopened.find("A02") == jobs[1] and reopened.find(jobs[2].id[:8]) is None  # prefix of many ids
    assert reopened.find(jobs[2].id) == jobs[2]
    assert reopened.next_seq() == 4
    assert reopened.counts() == {"captured": 1, "running": 1, "completed": 1}


def test_paths_are_stored_relative_so_the_folder_can_move(event: EventFolder, tmp_path: Path) -> None:
    store = JobStore(event)
    store.save(_job(event, 1))
    store.close()
    moved = event.path.rename(tmp_path / "moved")
    job = JobStore(EventFolder(moved)).get(f"{1:032x}")
    assert job is not None and job.capture_path == moved / "captures" / "1.jpg"


def test_wal_mode_and_schema_version(event: EventFolder) -> None:
    JobStore(event).close()
    conn = sqlite3.connect(event.db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer booth"):
        JobStore(event)


def test_readers_on_other_threads_see_each_commit(event: EventFolder) -> None:
    store = JobStore(event)
    seen: list[int] = []
    stop = threading.Event()

    def reader() -> None:
        other = JobStore(event)  # a second process would do the same: its own connection
        while not stop.is_set():
            seen.append(len(other.all()))
            time.sleep(0.001)
        other.close()

    thread = threading.Thread(target=reader)
    thread.start()
    for n in range(1, 51):
        store.save(_job(event, n))
    time.sleep(0.05)
    stop.set()
    thread.join()
    assert seen == sorted(seen) and seen[-1] == 50
