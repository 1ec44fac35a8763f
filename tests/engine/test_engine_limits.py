"""Latency, the concurrency limit (429), credits (402/403) and retention (404) behave like the real service."""

from __future__ import annotations

import time
from typing import Any

import httpx
from engine_support import body_for

from booth.api.services import SERVICES

RUN = SERVICES["filter"].run_path


def _run(http: httpx.Client, photo_b64: str) -> httpx.Response:
    return http.post(RUN, json=body_for("filter", photo_b64))


def test_latency_walks_through_queue_progress_and_completion(engine: Any, http: httpx.Client,
                                                             photo_b64: str) -> None:
    engine.configure(latency_s=1.0)
    start = time.monotonic()
    job = _run(http, photo_b64).json()["id"]
    seen = []
    while not seen or seen[-1] != "COMPLETED":
        state = http.post(SERVICES["filter"].status_url(job)).json()["status"]
        if not seen or seen[-1] != state:
            seen.append(state)
        time.sleep(0.05)
    assert seen == ["IN_QUEUE", "IN_PROGRESS", "COMPLETED"]
    assert time.monotonic() - start >= 1.0


def test_concurrency_limit_answers_429_with_retry_after(engine: Any, http: httpx.Client, photo_b64: str) -> None:
    engine.configure(latency_s=2.0, concurrency_limit=2)
    assert [_run(http, photo_b64).status_code for _ in range(2)] == [200, 200]
    refused = _run(http, photo_b64)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 2
    stats = engine.stats()
    assert stats["rejected_429"] == 1 and stats["in_flight"] == 2 and stats["max_in_flight_seen"] == 2
    assert stats["runs_received"] == 3 and stats["runs_accepted"] == 2


def test_a_slot_frees_when_a_job_completes(engine: Any, http: httpx.Client, photo_b64: str) -> None:
    engine.configure(latency_s=0.4, concurrency_limit=1)
    assert _run(http, photo_b64).status_code == 200
    assert _run(http, photo_b64).status_code == 429
    time.sleep(0.6)
    assert _run(http, photo_b64).status_code == 200
    assert engine.stats()["max_in_flight_seen"] == 1


def test_retry_after_can_be_fixed_or_left_out(engine: Any, http: httpx.Client, photo_b64: str) -> None:
    engine.configure(latency_s=2.0, concurrency_limit=1, variant={"retry_after": "7"})
    _run(http, photo_b64)
    assert _run(http, photo_b64).headers["retry-after"] == "7"
    engine.configure(variant={"retry_after": "none"})
    refused = _run(http, photo_b64)
    assert refused.status_code == 429 and "retry-after" not in refused.headers


def test_credits_run_out_with_402_mentioning_credit(engine: Any, http: httpx.Client, photo_b64: str) -> None:
    engine.configure(credits=2)
    assert [_run(http, photo_b64).status_code for _ in range(3)] == [200, 200, 402]
    assert "credit" in _run(http, photo_b64).text.lower()
    assert engine.stats()["credits_left"] == 0 and engine.stats()["rejected_402"] == 2


def test_credits_variant_403(engine: Any, http: httpx.Client, photo_b64: str) -> None:
    engine.configure(credits=0, variant={"credits_status": "403"})
    refused = _run(http, photo_b64)
    assert refused.status_code == 403 and "credit" in refused.text.lower()


def test_invalid_input_costs_no_credit(engine: Any, http: httpx.Client) -> None:
    engine.configure(credits=1)
    assert http.post(RUN, json={"filter_id": 1}).status_code == 422
    assert engine.stats()["credits_left"] == 1


def test_finished_jobs_expire_after_retention(engine: Any, http: httpx.Client, photo_b64: str,
                                              wait_done: Any) -> None:
    engine.configure(retention_s=0.5)
    job = _run(http, photo_b64).json()["id"]
    assert wait_done("filter", job)["status"] == "COMPLETED"
    time.sleep(0.6)
    gone = http.post(SERVICES["filter"].status_url(job))
    assert gone.status_code == 404
    assert engine.stats()["completed"] == 1


def test_pending_jobs_do_not_expire(engine: Any, http: httpx.Client, photo_b64: str) -> None:
    engine.configure(retention_s=0.2, latency_s=0.8)
    job = _run(http, photo_b64).json()["id"]
    time.sleep(0.4)
    assert http.post(SERVICES["filter"].status_url(job)).status_code == 200


def test_max_in_flight_counts_accepted_not_completed_runs(engine: Any, http: httpx.Client, photo_b64: str) -> None:
    engine.configure(latency_s=1.0)
    for _ in range(3):
        _run(http, photo_b64)
    assert engine.stats()["max_in_flight_seen"] == 3
    engine.reset_stats()
    assert engine.stats()["runs_accepted"] == 0 and engine.stats()["max_in_flight_seen"] == 3  # still flying
