"""A damaged job store never stops the booth: it is moved aside, rebuilt from the folders, and reported.

Each test damages a real SQLite file on disk the way a power cut, a bad SD card or an older bug would,
then opens it through the same doors the kiosk and `booth jobs` use.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from booth.cli import main
from booth.jobs.event import EventFolder
from booth.jobs.job import Delivery, Job, JobParams, JobState, new_job_id, ticket_for
from booth.jobs.repair import UNKNOWN_SERVICE, seq_of_ticket
from booth.jobs.store import JobStore, StoreError
from booth.problems import ProblemKind

JPEG = b"\xff\xd8\xff\xe0" + b"photo" * 20


def _fill(event: EventFolder, count: int, *, results: int = 0) -> list[Job]:
    """`count` jobs as the queue makes them: a capture file named <ticket>_<id8>.jpg and a row; the first
    `results` completed with a result file."""
    store = JobStore(event)
    jobs = []
    for seq in range(1, count + 1):
        job_id, ticket = new_job_id(), ticket_for(seq)
        capture = event.captures / f"{ticket}_{job_id[:8]}.jpg"
        capture.write_bytes(JPEG + ticket.encode())
        job = Job(id=job_id, seq=seq, ticket=ticket, state=JobState.CAPTURED, delivery=Delivery(print_copies=1),
                  params=JobParams("filter", filter_id=seq, positive_prompt="p" * 300), capture_path=capture)
        if seq <= results:
            result = event.results / f"{ticket}_{job_id[:8]}.png"
            result.write_bytes(b"\x89PNG\r\n\x1a\n" + ticket.encode())
            job = job.replace(state=JobState.COMPLETED, result_path=result, result_kind="image")
        jobs.append(job)
    store.save_many(jobs)
    store.close()
    return jobs


def _captures(event: EventFolder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in event.captures.iterdir()}


def _aside(event: EventFolder) -> list[Path]:
    return sorted(event.path.glob("jobs.sqlite.damaged-*[0-9]"))


def test_a_garbage_store_is_moved_aside_and_every_photo_gets_a_job(event: EventFolder) -> None:
    jobs = _fill(event, 5, results=2)
    photos = _captures(event)
    garbage = b"this is not a database, it is what a dying SD card returned" * 50
    event.db_path.write_bytes(garbage)
    for suffix in ("-wal", "-shm"):
        Path(f"{event.db_path}{suffix}").unlink(missing_ok=True)

    store = JobStore(EventFolder(event.path))
    repair = store.repair
    assert repair is not None and repair.kept == 0 and repair.rebuilt == 5
    assert "not a readable SQLite database" in repair.cause
    assert _aside(event) == [repair.moved_to] and repair.moved_to.read_bytes() == garbage  # kept, not deleted
    rebuilt = store.all()
    assert [j.ticket for j in rebuilt] == [j.ticket for j in jobs]
    assert [j.seq for j in rebuilt] == [1, 2, 3, 4, 5]
    assert [j.id[:8] for j in rebuilt] == [j.id[:8] for j in jobs]
    assert [j.state for j in rebuilt] == [JobState.COMPLETED] * 2 + [JobState.FAILED] * 3
    assert rebuilt[0].result_path == jobs[0].result_path and rebuilt[0].result_kind == "image"
    assert all(j.capture_path is not None and j.capture_path.exists() for j in rebuilt)
    assert all(j.service == UNKNOWN_SERVICE for j in rebuilt)
    assert _captures(event) == photos  # no photo lost or changed
    assert store.next_seq() == 6  # the next guest gets A06, not a ticket already handed out
    problem = repair.problem()
    assert problem.kind is ProblemKind.STORE_REBUILT and problem.details["rebuilt"] == 5
    store.close()
    assert JobStore(EventFolder(event.path)).repair is None  # the new store is sound


def test_a_corrupt_page_keeps_the_readable_rows_and_rebuilds_the_rest(event: EventFolder) -> None:
    jobs = _fill(event, 120)
    conn = sqlite3.connect(event.db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    with event.db_path.open("r+b") as fh:  # scribble over a page in the middle of the jobs table
        fh.seek(page_size * (pages // 2))
        fh.write(b"\x0d\xff\xff\xff" + b"\xa5" * (page_size - 4))

    store = JobStore(EventFolder(event.path))
    repair = store.repair
    assert repair is not None and repair.kept > 0 and repair.rebuilt > 0
    assert repair.kept + repair.rebuilt == len(jobs)
    listed = store.all()
    by_capture = {j.capture_path.name for j in listed if j.capture_path is not None}
    assert by_capture == {p.name for p in event.captures.iterdir()}  # every photo has its job
    originals = {j.id: j for j in jobs}
    kept = [j for j in listed if j.id in originals]
    assert len(kept) == repair.kept and all(j == originals[j.id] for j in kept)  # kept rows are intact
    assert len({j.seq for j in listed}) == len(listed)
    store.close()


@pytest.mark.parametrize(
    ("column", "value"),
    [("state", "exploded"), ("params", "{not json"), ("delivery", "[1, 2]"), ("params", '{"no": "service"}')],
)
def test_one_bad_row_never_hides_the_others(event: EventFolder, column: str, value: str) -> None:
    jobs = _fill(event, 4)
    conn = sqlite3.connect(event.db_path)
    conn.execute(f"UPDATE jobs SET {column} = ? WHERE seq = 2", (value,))
    conn.commit()
    conn.close()

    store = JobStore(EventFolder(event.path))
    assert store.repair is not None and store.repair.bad_rows == 1 and store.repair.kept == 3
    listed = store.all()
    assert [j.ticket for j in listed] == ["A01", "A02", "A03", "A04"]
    assert [j for j in listed if j.ticket != "A02"] == [j for j in jobs if j.ticket != "A02"]
    assert listed[1].state is JobState.FAILED and listed[1].capture_path == jobs[1].capture_path
    store.close()


def test_jobs_list_on_a_garbage_store_says_what_it_did_and_lists_them(
    event: EventFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    jobs = _fill(event, 3, results=1)
    event.db_path.write_bytes(b"\x00garbage" * 512)
    assert main(["jobs", "list", "--event", str(event.path)]) == 0
    out = capsys.readouterr()
    assert "moved it aside" in out.err and "rebuilt 3 jobs" in out.err, out.err
    for job in jobs:
        assert job.ticket in out.out
    assert "3 jobs" in out.out
    assert len(_aside(event)) == 1


def test_a_damaged_store_of_a_running_booth_is_not_moved_from_under_it(event: EventFolder) -> None:
    _fill(event, 2)
    event.db_path.write_bytes(b"garbage" * 600)
    running = EventFolder(event.path)
    running.acquire()
    try:
        with pytest.raises(StoreError, match=r"damaged.*in use by another booth process"):
            JobStore(EventFolder(event.path))
        assert event.db_path.read_bytes().startswith(b"garbage") and not _aside(event)
    finally:
        running.release()


def test_tickets_map_back_to_their_sequence_numbers() -> None:
    for seq in [1, 2, 98, 99, 100, 101, 2376, 2377, 5000, 60000]:
        assert seq_of_ticket(ticket_for(seq)) == seq
    assert seq_of_ticket("A00") is None and seq_of_ticket("I01") is None and seq_of_ticket("a01") is None


def test_the_queue_starts_on_a_garbage_store_and_takes_the_next_guest(
    engine: Any, event: EventFolder, arun: Any
) -> None:
    from jobs_helpers import QueueHarness

    jobs = _fill(event, 2, results=1)
    event.db_path.write_bytes(b"garbage" * 600)

    async def scenario() -> None:
        async with QueueHarness(event, engine.url) as h:
            assert [j.ticket for j in h.queue.jobs()] == [j.ticket for j in jobs]
            assert h.queue._store is not None and h.queue._store.repair is not None
            [new] = h.enqueue(1)
            await h.all_final([new])
            assert h.queue.job(new).ticket == "A03" and h.queue.job(new).state is JobState.COMPLETED

    arun(scenario())
