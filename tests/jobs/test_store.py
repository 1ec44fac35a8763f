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


def test_a_version_1_store_is_migrated_and_its_held_jobs_get_their_problem(event: EventFolder) -> None:
    """A store written before jobs recorded their problem as data: the column is added, and a held, failed or
    fallback job read back carries the kind its flags and old English text imply."""
    from booth.jobs import store as store_mod
    from booth.problems import ProblemKind

    conn = sqlite3.connect(event.db_path)
    conn.executescript(store_mod._SCHEMA.replace(",\n    problem TEXT", ""))
    columns = [c for c in store_mod._COLUMNS if c != "problem"]
    rows = [
        (_job(event, 1, state=JobState.SUBMITTING, needs_operator=True,
              error="booth stopped while sending this run, so the service may have it; press Resubmit"), None),
        (_job(event, 2, state=JobState.RUNNING, needs_operator=True, remote_id="r", error="the answer was lost"), None),
        (_job(event, 3, state=JobState.FAILED, error="injected failure"), None),
        (_job(event, 4, state=JobState.COMPLETED, fallback=True), None),
        (_job(event, 5, state=JobState.COMPLETED), None),
    ]  # fmt: skip
    writer = JobStore.__new__(JobStore)
    writer.event = event
    for job, _ in rows:
        conn.execute(f"INSERT INTO jobs ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                     writer._row(job)[: len(columns)])  # fmt: skip
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()

    store = JobStore(event)
    jobs = store.all()
    assert [j.problem for j in jobs] == [ProblemKind.SEND_INTERRUPTED, ProblemKind.ANSWER_LOST, ProblemKind.FAILED,
                                         ProblemKind.DEADLINE, None]  # fmt: skip
    assert jobs[2].error == "injected failure"  # the technical cause stays
    store.save(jobs[0].replace(problem=None, needs_operator=False))
    store.close()
    assert JobStore(EventFolder(event.path)).all()[0].problem is None
    conn = sqlite3.connect(event.db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    conn.close()
