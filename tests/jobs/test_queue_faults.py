"""The queue when things go wrong around it: a full disk, a deadline while offline, abandoned runs, 404s.

Each against a real local engine (or a closed port), as the guests would meet it.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
from typing import Any

import pytest
from jobs_helpers import QueueHarness, wait_until

from booth.jobs.event import EventFolder
from booth.jobs.job import JobState, RetryRefused
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
            await wait_until(lambda: any(kind == "storage" for kind, _ in h.problems), 5, "the storage problem")
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
    assert [kind for kind, _ in h.problems] == ["storage"]


def test_while_offline_the_deadline_hands_the_guest_the_original(event: EventFolder, arun: Any) -> None:
    async def scenario() -> None:
        api = ApiSettings(image_deadline_s=1.0, connect_timeout_s=0.5)
        async with QueueHarness(event, _closed_port_url(), api=api, original_on_deadline=True) as h:
            ids = h.enqueue(2)
            await h.all_final(ids, timeout=10)
            jobs = [h.queue.job(i) for i in ids]
            assert all(j.state is JobState.COMPLETED and j.fallback and j.attempts == 0 for j in jobs)
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
            with pytest.raises(RetryRefused, match="second credit"):
                h.queue.retry(job_id)
            h.queue.retry(job_id, force=True)
            await h.all_final([job_id], timeout=15)
            job = h.queue.job(job_id)
            assert job.state is JobState.COMPLETED and job.attempts == 2
            with pytest.raises(RetryRefused, match="already completed"):
                h.queue.retry(job_id)

    arun(scenario(), timeout=30)
    assert engine.stats()["runs_received"] == 2
    assert engine.stats()["max_in_flight_seen"] <= 2
