"""Resume rules: what a booth does with the jobs it finds unfinished in the event folder after a crash.

Each test leaves the store as a killed process would have (rows written by JobStore, captures on disk),
then starts a queue on it against a real engine and checks what was (not) sent.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from jobs_helpers import QueueHarness, photo, wait_until

from booth.api.models import RunRequest
from booth.jobs.event import EventFolder, atomic_write
from booth.jobs.job import Job, JobParams, JobState, new_job_id, ticket_for
from booth.jobs.store import JobStore
from booth.problems import ProblemKind, Remedy

PARAMS = JobParams("filter", filter_id=1, ratio="square")


def _left_behind(event: EventFolder, seq: int, state: JobState, **fields: Any) -> Job:
    job_id = new_job_id()
    capture = event.captures / f"{ticket_for(seq)}_{job_id[:8]}.jpg"
    atomic_write(capture, photo(seq))
    job = Job(id=job_id, seq=seq, ticket=ticket_for(seq), state=state, params=PARAMS, capture_path=capture,
              attempts=1 if state is not JobState.CAPTURED else 0, **fields)  # fmt: skip
    store = JobStore(event)
    store.save(job)
    store.close()
    return job


def test_a_run_the_service_forgot_is_sent_again(engine: Any, event: EventFolder, arun: Any) -> None:
    job = _left_behind(event, 1, JobState.QUEUED, remote_id="gone-404", backend="remote", submitted_at=time.time())

    async def scenario() -> None:
        async with QueueHarness(event, engine.url) as h:
            await h.all_final([job.id])
            after = h.queue.job(job.id)
            assert after.state is JobState.COMPLETED and after.attempts == 2 and after.remote_id != "gone-404"

    arun(scenario())
    assert engine.stats()["runs_received"] == 1


def test_a_run_older_than_the_retention_is_sent_again_without_asking(
    engine: Any, event: EventFolder, arun: Any
) -> None:
    job = _left_behind(event, 1, JobState.RUNNING, remote_id="old", backend="remote", submitted_at=time.time() - 7200)

    async def scenario() -> None:
        async with QueueHarness(event, engine.url) as h:
            await h.all_final([job.id])
            assert h.queue.job(job.id).state is JobState.COMPLETED

    arun(scenario())
    assert engine.stats()["status_calls"] == 1  # only the new run was asked about, not the stale id


def test_a_known_run_is_polled_not_sent_again(engine: Any, event: EventFolder, arun: Any) -> None:
    engine.configure(latency_s=0.3)

    async def scenario() -> None:
        async with QueueHarness(event, engine.url) as setup:
            remote_id = await setup.client.submit(RunRequest(service="filter", image=photo(1), filter_id=1))
        job = _left_behind(event, 1, JobState.QUEUED, remote_id=remote_id, backend="remote", submitted_at=time.time())
        async with QueueHarness(event, engine.url) as h:
            await h.all_final([job.id])
            after = h.queue.job(job.id)
            assert after.state is JobState.COMPLETED and after.attempts == 1 and after.remote_id == remote_id

    arun(scenario())
    assert engine.stats()["runs_received"] == 1


def test_a_run_whose_answer_may_be_lost_waits_for_the_operator(engine: Any, event: EventFolder, arun: Any) -> None:
    job = _left_behind(event, 1, JobState.SUBMITTING, backend="remote")
    waiting = _left_behind(event, 2, JobState.CAPTURED)

    async def scenario() -> QueueHarness:
        async with QueueHarness(event, engine.url) as h:
            await h.all_final([waiting.id])
            await asyncio.sleep(0.3)
            held = h.queue.job(job.id)
            assert held.state is JobState.SUBMITTING and held.needs_operator
            assert held.problem is ProblemKind.SEND_INTERRUPTED
            assert engine.stats()["runs_received"] == 1  # only the other job went out
            h.queue.retry(job.id)  # the operator's word
            await h.all_final([job.id])
            after = h.queue.job(job.id)
            assert after.state is JobState.COMPLETED and after.attempts == 2 and not after.needs_operator
            return h

    h = arun(scenario())
    assert engine.stats()["runs_received"] == 2
    assert any(kind is ProblemKind.SEND_INTERRUPTED and p.ticket == "A01" and p.remedy is Remedy.RESUBMIT
               for kind, p in h.problems)  # fmt: skip


def test_resubmit_uncertain_setting_sends_it_without_asking(engine: Any, event: EventFolder, arun: Any) -> None:
    job = _left_behind(event, 1, JobState.SUBMITTING, backend="remote")

    async def scenario() -> None:
        async with QueueHarness(event, engine.url, resubmit_uncertain=True) as h:
            await h.all_final([job.id])
            assert h.queue.job(job.id).state is JobState.COMPLETED

    arun(scenario())
    assert engine.stats()["runs_received"] == 1


def test_a_lost_answer_while_running_is_not_resent(engine: Any, event: EventFolder, arun: Any) -> None:
    engine.configure(faults={"run.lost.next": 1})

    async def scenario() -> None:
        async with QueueHarness(event, engine.url) as h:
            (job_id,) = h.enqueue(1)
            await wait_until(lambda: h.queue.job(job_id).needs_operator)
            await asyncio.sleep(0.5)
            assert h.queue.job(job_id).state is JobState.SUBMITTING and h.queue.job(job_id).attempts == 1

    arun(scenario())
    assert engine.stats()["runs_received"] == 1


def test_runs_held_by_a_previous_local_engine_go_out_again(engine: Any, event: EventFolder, arun: Any) -> None:
    job = _left_behind(event, 1, JobState.RUNNING, remote_id="x", backend="local", submitted_at=time.time())

    async def scenario() -> None:
        async with QueueHarness(event, engine.url) as h:
            await h.all_final([job.id])
            assert h.queue.job(job.id).state is JobState.COMPLETED and h.queue.job(job.id).backend == "remote"

    arun(scenario())


def test_tickets_continue_after_a_restart(engine: Any, event: EventFolder, arun: Any) -> None:
    async def scenario() -> None:
        async with QueueHarness(event, engine.url) as h:
            await h.all_final(h.enqueue(2))
        async with QueueHarness(event, engine.url) as h:
            (job_id,) = h.enqueue(1, first_seed=9)
            assert h.queue.job(job_id).ticket == "A03"
            assert [j.ticket for j in h.queue.jobs()] == ["A01", "A02", "A03"]
            await h.all_final([job_id])

    arun(scenario())


def test_a_clean_stop_waits_for_the_answer_of_a_run_being_sent(engine: Any, event: EventFolder, arun: Any) -> None:
    engine.configure(faults={"run.slow": 0.8}, latency_s=0.2)

    async def scenario() -> None:
        async with QueueHarness(event, engine.url) as h:
            (job_id,) = h.enqueue(1)
            await wait_until(lambda: h.queue.job(job_id).state is JobState.SUBMITTING)
        assert h.queue.job(job_id).state is JobState.QUEUED and h.queue.job(job_id).remote_id
        engine.configure(faults={})
        async with QueueHarness(event, engine.url) as h:
            await h.all_final([job_id])
            assert h.queue.job(job_id).state is JobState.COMPLETED and h.queue.job(job_id).attempts == 1

    arun(scenario())
    assert engine.stats()["runs_received"] == 1
