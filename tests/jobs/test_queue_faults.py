"""The queue when things go wrong around it: a full disk, a deadline while offline, abandoned runs, 404s.

Each against a real local engine (or a closed port), as the guests would meet it.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import sqlite3
from typing import Any

import pytest
from jobs_helpers import QueueHarness, wait_until

from booth.jobs.event import EventFolder
from booth.jobs.job import Job, JobState, RetryRefusal, RetryRefused
from booth.jobs.store import JobStore
from booth.problems import ProblemKind
from booth.settings import ApiSettings


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_a_photo_that_cannot_be_saved_is_kept_and_saved_once_the_disk_allows(
    engine: Any, event: EventFolder, arun: Any
) -> None:
    engine.configure(latency_s=0.2)

    async def scenario() -> QueueHarness:
        async with QueueHarness(event, engine.url) as h:
            shutil.rmtree(event.captures)
            event.captures.write_text("not a folder")  # every write into captures/ fails, as on a broken disk
            (job_id,) = h.enqueue(1)
            await wait_until(lambda: any(kind == "photo_unsaved" for kind, _ in h.problems), 5, "the storage problem")
            await asyncio.sleep(1.0)
            job = h.queue.job(job_id)  # still there, waiting; nothing was sent without its photo on disk
            assert job.state is JobState.CAPTURED
            assert engine.stats()["runs_received"] == 0
            event.captures.unlink()
            event.captures.mkdir()
            await h.all_final([job_id], timeout=30)
            assert h.queue.job(job_id).state is JobState.COMPLETED
            assert job.capture_path is not None and job.capture_path.exists()
            return h

    h = arun(scenario(), timeout=45)
    assert [kind for kind, _ in h.problems] == ["photo_unsaved"]
    assert h.over == ["photo_unsaved"]  # the problem stood until the photo was saved


def test_while_offline_the_deadline_hands_the_guest_the_original(event: EventFolder, arun: Any) -> None:
    async def scenario() -> None:
        api = ApiSettings(image_deadline_s=1.0, connect_timeout_s=0.5)
        async with QueueHarness(event, _closed_port_url(), api=api, original_on_deadline=True) as h:
            ids = h.enqueue(2)
            await h.all_final(ids, timeout=10)
            jobs = [h.queue.job(i) for i in ids]
            assert all(j.state is JobState.COMPLETED and j.fallback for j in jobs)
            # No run reached a service (the port is closed). Under CI load a connect attempt can still be in
            # flight when the deadline hands over the original, so one counted attempt is allowed.
            assert all(j.attempts <= 1 and j.remote_id is None for j in jobs)
            assert all(j.result_path is not None and j.result_path.exists() for j in jobs)

    arun(scenario(), timeout=20)


def test_while_offline_without_the_original_setting_photos_keep_waiting(
    engine: Any, event: EventFolder, arun: Any
) -> None:
    engine.configure(latency_s=0.2)

    async def scenario() -> None:
        # Offline for longer than the deadline; once sent, each run has the whole deadline again.
        api = ApiSettings(image_deadline_s=2.5, connect_timeout_s=0.5)
        async with QueueHarness(event, engine.url, api=api, original_on_deadline=False) as h:
            engine.go_down()
            ids = h.enqueue(2)
            await asyncio.sleep(3.0)
            # Nothing fails for a guest while offline: the photos wait (or are being tried) for the service.
            assert set(h.states(ids)) <= {"captured", "submitting"}
            engine.come_back()
            await h.all_final(ids, timeout=20)
            assert h.states(ids) == ["completed", "completed"], [h.queue.job(i).error for i in ids]

    arun(scenario(), timeout=30)


def test_a_cancelled_run_keeps_its_slot_until_the_service_is_done_with_it(
    engine: Any, event: EventFolder, arun: Any
) -> None:
    engine.configure(latency_s=1.5)

    async def scenario() -> None:
        async with QueueHarness(event, engine.url, max_in_flight=2) as h:
            ids = h.enqueue(4)
            await wait_until(lambda: sum(h.queue.job(i).state.remote for i in ids) == 2, 10, "two runs out")
            first = next(i for i in ids if h.queue.job(i).state.remote)
            h.queue.cancel(first)
            await h.all_final(ids, timeout=30)
            assert h.states(ids).count("completed") == 3

    arun(scenario(), timeout=40)
    assert engine.stats()["max_in_flight_seen"] <= 2


def test_retry_of_a_run_at_the_service_needs_force(engine: Any, event: EventFolder, arun: Any) -> None:
    engine.configure(latency_s=1.0)

    async def scenario() -> None:
        async with QueueHarness(event, engine.url, max_in_flight=2) as h:
            (job_id,) = h.enqueue(1)
            await wait_until(lambda: h.queue.job(job_id).state.remote, 10, "the run to be out")
            with pytest.raises(RetryRefused) as refused:
                h.queue.retry(job_id)
            assert refused.value.reason is RetryRefusal.AT_SERVICE  # a second run: a second credit
            h.queue.retry(job_id, force=True)
            await h.all_final([job_id], timeout=15)
            job = h.queue.job(job_id)
            assert job.state is JobState.COMPLETED and job.attempts == 2
            with pytest.raises(RetryRefused) as refused:
                h.queue.retry(job_id)
            assert refused.value.reason is RetryRefusal.COMPLETED

    arun(scenario(), timeout=30)
    assert engine.stats()["runs_received"] == 2
    assert engine.stats()["max_in_flight_seen"] <= 2


def test_the_deadline_watcher_outlives_a_results_folder_it_cannot_write(
    engine: Any, event: EventFolder, arun: Any
) -> None:
    """Issue 11: the framed original cannot be written (results/ broken, as on a full disk). The watcher logs,
    reports it once, keeps running, and hands the original over once the disk allows; the next guest too."""
    engine.configure(latency_s=30.0)  # no result from the service in this test's time

    async def scenario() -> QueueHarness:
        async with QueueHarness(event, engine.url, api=ApiSettings(image_deadline_s=1.0)) as h:
            shutil.rmtree(event.results)
            event.results.write_text("not a folder")  # every write into results/ fails
            (first,) = h.enqueue(1)
            await wait_until(lambda: any(kind == "result_unsaved" for kind, _ in h.problems), 10, "the report")
            await asyncio.sleep(2.5)  # the watcher tries again meanwhile, and must not report it again
            assert not h.queue.job(first).final
            event.results.unlink()
            event.results.mkdir()
            (second,) = h.enqueue(1, first_seed=5)
            await h.all_final([first, second], timeout=20)
            for job in (h.queue.job(first), h.queue.job(second)):
                assert job.state is JobState.COMPLETED and job.fallback and job.problem is ProblemKind.DEADLINE
                assert job.result_path is not None and job.result_path.is_file()
            return h

    h = arun(scenario(), timeout=45)
    unsaved = [problem for kind, problem in h.problems if kind == "result_unsaved"]
    assert len(unsaved) == 1 and unsaved[0].ticket == "A01"
    assert "result_unsaved" in h.over
    assert sorted(p.ticket or "" for kind, p in h.problems if kind == "deadline") == ["A01", "A02"]


def test_the_deadline_watcher_outlives_a_store_that_cannot_be_written(
    engine: Any, event: EventFolder, arun: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 11: SQLite refuses the write of the first job's deadline. The watcher keeps going: the next guest's
    deadline is still kept, and the store problem is reported once and is over once writes work again."""
    engine.configure(latency_s=30.0)
    real_save = JobStore.save
    refused: list[str] = []

    def save(store: JobStore, job: Job) -> None:
        if job.ticket == "A01" and job.state is JobState.FAILED and not refused:
            refused.append(job.ticket)
            raise sqlite3.OperationalError("disk I/O error")
        real_save(store, job)

    monkeypatch.setattr(JobStore, "save", save)

    async def scenario() -> QueueHarness:
        api = ApiSettings(image_deadline_s=1.0)
        async with QueueHarness(event, engine.url, api=api, original_on_deadline=False) as h:
            (first,) = h.enqueue(1)
            await wait_until(lambda: refused == ["A01"], 10, "the refused write")
            (second,) = h.enqueue(1, first_seed=5)
            await h.all_final([first, second], timeout=20)
            assert h.queue.job(second).state is JobState.FAILED and h.queue.job(second).problem is ProblemKind.DEADLINE
            await wait_until(lambda: "store_unwritable" in h.over, 5, "the store problem to be over")
            return h

    h = arun(scenario(), timeout=45)
    assert [kind for kind, _ in h.problems].count("store_unwritable") == 1
    assert sorted(p.ticket or "" for kind, p in h.problems if kind == "deadline") == ["A01", "A02"]  # A01: in memory
