"""wait_for_result: paced polls (no hammering), state changes reported once, deadline honoured."""

from __future__ import annotations

import itertools
import time
from typing import Any

import pytest
from api_support import MakeClient

from booth.api.errors import DeadlineError, JobFailedError
from booth.api.models import JobStatus, RunRequest


async def test_a_2s_job_takes_at_most_5_status_calls(make_client: MakeClient, engine: Any, photo: bytes) -> None:
    engine.configure(latency_s=2.0)
    client = make_client()
    job_id = await client.submit(RunRequest("comic", photo, style_id=1))
    engine.reset_stats()
    started = time.monotonic()
    result = await client.wait_for_result("comic", job_id)
    waited = time.monotonic() - started
    assert result.kind == "image"
    assert engine.stats()["status_calls"] <= 5
    # and it does not dawdle either: done within one capped poll interval of the job
    assert waited < 2.0 + 3.0 + 1.0


async def test_on_status_sees_each_change_once_in_order(make_client: MakeClient, engine: Any, photo: bytes) -> None:
    engine.configure(latency_s=1.5)
    seen: list[JobStatus] = []

    async def record(status: JobStatus) -> None:  # async callbacks are awaited too
        seen.append(status)

    result = await make_client().run(RunRequest("comic", photo, style_id=1), on_status=record)
    states = [s.state for s in seen]
    assert states[0] == "IN_QUEUE" and states[-1] == "COMPLETED"
    assert all(a != b for a, b in itertools.pairwise(states))
    assert seen[-1].result == result and seen[-1].final and not seen[0].final


async def test_deadline_ends_a_job_that_stays_pending(make_client: MakeClient, engine: Any, photo: bytes) -> None:
    engine.configure(latency_s=30)
    client = make_client(image_deadline_s=1.6)
    job_id = await client.submit(RunRequest("comic", photo, style_id=1))
    started = time.monotonic()
    with pytest.raises(DeadlineError, match="still IN_") as caught:
        await client.wait_for_result("comic", job_id)
    assert 1.5 <= time.monotonic() - started < 2.5
    assert isinstance(caught.value, JobFailedError) and caught.value.exit_code == 5


async def test_an_explicit_deadline_wins_over_the_settings(make_client: MakeClient, engine: Any, photo: bytes) -> None:
    engine.configure(latency_s=30)
    client = make_client()
    job_id = await client.submit(RunRequest("comic", photo, style_id=1))
    started = time.monotonic()
    with pytest.raises(DeadlineError):
        await client.wait_for_result("comic", job_id, deadline_s=0.5)
    assert time.monotonic() - started < 1.0
    assert engine.stats()["status_calls"] == 1


async def test_video_jobs_are_polled_less_often(make_client: MakeClient, engine: Any, photo: bytes) -> None:
    # a job done after ~1-2 s: an image poll schedule would ask at 1.0 s and 2.5 s, a video one once at 3 s
    engine.configure(latency_s=1.0)
    client = make_client()
    job_id = await client.submit(RunRequest("animate_image", photo, base_video=0))
    engine.reset_stats()
    result = await client.wait_for_result("animate_image", job_id)
    assert result.kind == "video"
    assert engine.stats()["status_calls"] == 1
