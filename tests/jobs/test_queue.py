"""The queue against a real local engine: in-flight limit, 429 pacing, offline, local fallback, refusals."""

from __future__ import annotations

import asyncio
import io
from typing import Any

from jobs_helpers import QueueHarness, wait_until
from PIL import Image

from booth.jobs.event import EventFolder
from booth.jobs.job import JobState
from booth.problems import ProblemKind, Remedy


def test_never_more_than_max_in_flight_and_every_result_on_disk(engine: Any, event: EventFolder, arun: Any) -> None:
    engine.configure(latency_s=0.3)

    async def scenario() -> None:
        async with QueueHarness(event, engine.url, max_in_flight=3) as h:
            ids = h.enqueue(10)
            await h.all_final(ids)
            jobs = [h.queue.job(i) for i in ids]
            assert h.states(ids) == ["completed"] * 10
            assert all(j.result_path is not None and j.result_path.stat().st_size > 0 for j in jobs)
            assert all(j.capture_path is not None and j.capture_path.exists() for j in jobs)
            assert [j.ticket for j in jobs] == [f"A{n:02d}" for n in range(1, 11)]
            assert h.sent_order() == ids  # sent in the order the guests posed
            assert all(j.attempts == 1 for j in jobs)

    arun(scenario())
    stats = engine.stats()
    assert stats["max_in_flight_seen"] == 3
    assert stats["runs_received"] == 10
    assert stats["status_calls"] <= 5 * 10


def test_a_lower_server_limit_slows_the_queue_but_fails_no_job(engine: Any, event: EventFolder, arun: Any) -> None:
    engine.configure(latency_s=0.3, concurrency_limit=2)

    async def scenario() -> QueueHarness:
        async with QueueHarness(event, engine.url, max_in_flight=4) as h:
            ids = h.enqueue(8)
            await h.all_final(ids, timeout=30)
            assert h.states(ids) == ["completed"] * 8
            assert all(h.queue.job(i).error is None for i in ids)
            return h

    h = arun(scenario(), timeout=40)
    stats = engine.stats()
    assert stats["rejected_429"] >= 1
    assert stats["max_in_flight_seen"] <= 2
    assert stats["runs_accepted"] == 8
    assert any(kind == "rate_limited" for kind, _ in h.problems)
    assert not any(kind == "failed" for kind, _ in h.problems)


def test_unreachable_service_keeps_jobs_queued_until_it_returns(engine: Any, event: EventFolder, arun: Any) -> None:
    engine.configure(latency_s=0.5)

    async def scenario() -> QueueHarness:
        async with QueueHarness(event, engine.url, max_in_flight=2) as h:
            ids = h.enqueue(2)
            await wait_until(lambda: h.queue.in_flight() == 2)
            engine.go_down()  # two runs are at the engine, the rest cannot be sent
            ids += h.enqueue(3, first_seed=10)
            await wait_until(lambda: h.online == [False], timeout=10)
            await asyncio.sleep(1.5)
            assert not any(h.queue.job(i).final for i in ids)  # nothing fails for the guests
            assert {h.queue.job(i).state for i in ids[2:]} == {JobState.CAPTURED}
            engine.come_back()
            await h.all_final(ids, timeout=30)
            assert h.states(ids) == ["completed"] * 5
            assert h.online == [False, True]
            return h

    h = arun(scenario(), timeout=40)
    assert [kind for kind, _ in h.problems] == ["offline"]
    assert engine.stats()["runs_received"] == 5


def test_offline_fallback_local_sends_the_jobs_to_the_local_engine(engine: Any, event: EventFolder, arun: Any) -> None:
    engine.go_down()

    async def scenario() -> QueueHarness:
        async with QueueHarness(event, engine.url, offline_fallback="local") as h:
            ids = h.enqueue(4)
            await h.all_final(ids, timeout=30)
            assert h.states(ids) == ["completed"] * 4
            assert {h.queue.job(i).backend for i in ids} == {"local"}
            assert all(h.queue.job(i).result_path.exists() for i in ids)  # type: ignore[union-attr]
            return h

    h = arun(scenario(), timeout=40)
    assert ("offline" in {kind for kind, _ in h.problems}) and h.online[0] is False
    engine.come_back()
    assert engine.stats()["runs_received"] == 0


def test_invalid_input_fails_that_job_with_the_servers_message(engine: Any, event: EventFolder, arun: Any) -> None:
    async def scenario() -> QueueHarness:
        async with QueueHarness(event, engine.url) as h:
            bad, good = h.enqueue(1, "comic", style_id=99)[0], h.enqueue(1, "comic", first_seed=5, style_id=2)[0]
            await h.all_final([bad, good])
            assert h.queue.job(bad).state is JobState.FAILED
            assert "style_id" in (h.queue.job(bad).error or "")
            assert h.queue.job(good).state is JobState.COMPLETED
            return h

    h = arun(scenario())
    assert [kind for kind, _ in h.problems] == ["failed"]


def test_out_of_credits_stops_sending_and_jobs_wait_until_the_operator_says(
    engine: Any, event: EventFolder, arun: Any
) -> None:
    engine.configure(credits=1)

    async def scenario() -> QueueHarness:
        async with QueueHarness(event, engine.url, max_in_flight=1) as h:
            ids = h.enqueue(3)
            await wait_until(lambda: h.queue.blocked is not None)
            await asyncio.sleep(0.5)
            assert h.queue.job(ids[0]).state is JobState.COMPLETED
            assert h.states(ids[1:]) == ["captured", "captured"]  # kept, not failed
            assert h.queue.blocked is not None and h.queue.blocked.kind == "credits"
            engine.configure(credits=-1)
            h.queue.unblock()
            await h.all_final(ids)
            assert h.states(ids) == ["completed"] * 3
            return h

    h = arun(scenario())
    assert [kind for kind, _ in h.problems] == ["credits"]
    assert h.problems[0][1].remedy is Remedy.RESUME
    assert h.over == ["credits"]  # sending resumed on the operator's word


def test_past_the_deadline_the_guest_gets_the_framed_original(engine: Any, event: EventFolder, arun: Any) -> None:
    from booth.settings import ApiSettings

    engine.configure(latency_s=5.0)

    async def scenario() -> None:
        async with QueueHarness(event, engine.url, api=ApiSettings(image_deadline_s=0.6)) as h:
            (job_id,) = h.enqueue(1)
            await h.all_final([job_id], timeout=10)
            job = h.queue.job(job_id)
            assert job.state is JobState.COMPLETED and job.fallback
            assert job.problem is ProblemKind.DEADLINE  # why it holds the framed original
            assert job.result_path is not None and job.capture_path is not None
            framed = Image.open(io.BytesIO(job.result_path.read_bytes()))
            original = Image.open(io.BytesIO(job.capture_path.read_bytes()))
            assert framed.width > original.width and framed.height > original.height
            assert min(framed.getpixel((2, 2))) >= 245  # the white border (JPEG rounds a little)

    arun(scenario())


def test_cancel_and_retry(engine: Any, event: EventFolder, arun: Any) -> None:
    engine.configure(latency_s=0.4)

    async def scenario() -> None:
        async with QueueHarness(event, engine.url, max_in_flight=1) as h:
            first, second = h.enqueue(2)
            h.queue.cancel(second)
            await h.all_final([first, second])
            assert h.states([first, second]) == ["completed", "cancelled"]
            h.queue.retry(second)
            await wait_until(lambda: h.queue.job(second).state is JobState.COMPLETED)
            assert h.queue.job(second).attempts == 1

    arun(scenario())


def test_server_errors_delay_but_fail_no_job(engine: Any, event: EventFolder, arun: Any) -> None:
    engine.configure(faults={"run.error.next": 9})  # more than the client's own retries for both

    async def scenario() -> QueueHarness:
        async with QueueHarness(event, engine.url) as h:
            ids = h.enqueue(2)
            await h.all_final(ids, timeout=30)
            assert h.states(ids) == ["completed", "completed"]
            assert all(h.queue.job(i).attempts == 1 for i in ids)  # refused runs do not count as sent
            return h

    h = arun(scenario(), timeout=40)
    assert "server" in {kind for kind, _ in h.problems}
    assert engine.stats()["runs_accepted"] == 2


def test_photos_prepared_while_earlier_runs_are_out_are_sent_without_encoding_again(
    engine: Any, event: EventFolder, arun: Any, monkeypatch: Any
) -> None:
    """Each photo is scaled and JPEG-encoded once: ahead of its turn when a slot is busy, else at its send."""
    import booth.api.imaging as imaging

    encodes: list[int] = []
    real_encode = imaging._encode
    monkeypatch.setattr(imaging, "_encode", lambda image, quality: encodes.append(1) or real_encode(image, quality))
    engine.configure(latency_s=0.4)

    async def scenario() -> None:
        async with QueueHarness(event, engine.url, max_in_flight=2) as h:
            ids = h.enqueue(6)
            await h.all_final(ids)
            assert h.states(ids) == ["completed"] * 6

    arun(scenario())
    assert len(encodes) == 6
    assert engine.stats()["runs_received"] == 6
