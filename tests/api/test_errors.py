"""Every row of contract.md's error table, produced by the real engine and read by the real client."""

from __future__ import annotations

import asyncio
import base64
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_support import FAST, MakeClient

from booth.api.classify import raise_for_answer
from booth.api.client import EventstationClient
from booth.api.errors import (
    AuthError,
    CreditsError,
    InvalidInputError,
    JobExpiredError,
    OutcomeUnknownError,
    ProtocolError,
    RateLimitedError,
    ServerError,
    UnreachableError,
)
from booth.api.models import RunRequest
from booth.api.retry import RetryPolicy
from booth.settings import ApiSettings


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- unreachable -------------------------------------------------------------------------------------------


async def test_unreachable_is_retried_with_backoff_then_reported(make_client: MakeClient, photo: bytes) -> None:
    client = make_client(base_url=f"http://127.0.0.1:{closed_port()}")
    with pytest.raises(UnreachableError, match="cannot be reached") as caught:
        await client.submit(RunRequest("comic", photo, style_id=1))
    assert caught.value.retryable and caught.value.exit_code == 6


async def test_a_service_that_comes_back_during_the_retries_gets_the_run_once(
    make_client: MakeClient, engine: Any, photo: bytes
) -> None:
    engine.go_down()
    timer = threading.Timer(0.4, engine.come_back)
    timer.start()
    try:
        slow = RetryPolicy(max_retries=6, base_delay_s=0.2, max_delay_s=0.3)
        result = await make_client(retry=slow).run(RunRequest("comic", photo, style_id=1))
    finally:
        timer.join()
    assert result.kind == "image"
    assert engine.stats()["runs_received"] == 1


# -- 401 / 402 / 403 ---------------------------------------------------------------------------------------


async def test_401_is_auth_error(make_client: MakeClient, engine: Any) -> None:
    engine.configure(auth="bearer", tokens=["right-token-123"])
    with pytest.raises(AuthError) as caught:
        await make_client(auth="bearer", token="wrong-token-123").catalog("filters")
    assert caught.value.status == 401 and caught.value.exit_code == 3


@pytest.mark.parametrize("code", ["402", "403"])
async def test_out_of_credits_is_credits_error(make_client: MakeClient, engine: Any, photo: bytes, code: str) -> None:
    engine.configure(credits=0, variant={"credits_status": code})
    with pytest.raises(CreditsError, match="out of credits") as caught:
        await make_client().submit(RunRequest("comic", photo, style_id=1))
    assert caught.value.status == int(code) and caught.value.exit_code == 4
    assert engine.stats()["runs_received"] == 1  # not retried: retrying cannot buy credits


def test_403_without_credit_in_the_body_is_a_refusal_not_credits() -> None:
    answer = httpx.Response(403, json={"detail": "this plan may not use two_persons"})
    with pytest.raises(AuthError, match="may not use two_persons"):
        raise_for_answer(answer, what="two_persons run")


# -- 404 / 400 / 422 ---------------------------------------------------------------------------------------


async def test_404_on_status_is_an_expired_job(make_client: MakeClient, engine: Any, photo: bytes) -> None:
    engine.configure(retention_s=1.5)
    client = make_client()
    job_id = await client.submit(RunRequest("skin_refiner", photo))
    await client.wait_for_result("skin_refiner", job_id)
    await asyncio.sleep(1.6)
    with pytest.raises(JobExpiredError, match=f"no longer knows job {job_id}"):
        await client.status("skin_refiner", job_id)
    with pytest.raises(JobExpiredError):
        await client.status("comic", "no-such-job")


@pytest.mark.parametrize("code", ["422", "400"])
async def test_invalid_input_carries_the_servers_message(
    make_client: MakeClient, engine: Any, photo: bytes, code: str
) -> None:
    engine.configure(variant={"invalid_status": code})
    client = make_client()
    with pytest.raises(InvalidInputError) as caught:
        await client.submit(RunRequest("filter", photo, filter_id=987654, ratio="portrait"))
    assert caught.value.status == int(code) and caught.value.exit_code == 2
    assert "987654" in str(caught.value) or "filter" in str(caught.value).lower()
    assert engine.stats()["runs_received"] == 1  # not retried


# -- 429 ---------------------------------------------------------------------------------------------------


async def test_429_waits_retry_after_then_the_run_goes_through(
    make_client: MakeClient, engine: Any, photo: bytes
) -> None:
    engine.configure(concurrency_limit=1, latency_s=0.6)
    client = make_client()
    first = await client.submit(RunRequest("comic", photo, style_id=1))
    second = await client.submit(RunRequest("comic", photo, style_id=2))  # waits Retry-After (1 s) once
    assert first != second
    stats = engine.stats()
    assert stats["rejected_429"] >= 1
    assert stats["runs_accepted"] == 2
    assert stats["max_in_flight_seen"] == 1


async def test_429_after_bounded_waits_is_rate_limited_with_retry_after(
    make_client: MakeClient, engine: Any, photo: bytes
) -> None:
    engine.configure(concurrency_limit=1, latency_s=30, variant={"retry_after": "0.2"})
    client = make_client()
    await client.submit(RunRequest("comic", photo, style_id=1))
    with pytest.raises(RateLimitedError) as caught:
        await client.submit(RunRequest("comic", photo, style_id=2))
    assert caught.value.retry_after == pytest.approx(0.2)
    assert engine.stats()["rejected_429"] == FAST.max_rate_limit_waits + 1


# -- 5xx ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("failures", [1, 2, 3])
async def test_5xx_retried_then_succeeded(make_client: MakeClient, engine: Any, photo: bytes, failures: int) -> None:
    engine.configure(faults={"run.error.next": failures, "error_code": 502})
    job_id = await make_client().submit(RunRequest("comic", photo, style_id=1))
    stats = engine.stats()
    assert job_id and stats["faults_fired"] == failures and stats["runs_accepted"] == 1


async def test_5xx_exhausted_is_server_error(make_client: MakeClient, engine: Any, photo: bytes) -> None:
    engine.configure(faults={"run.error": 1.0, "error_code": 503})
    with pytest.raises(ServerError, match="HTTP 503") as caught:
        await make_client().submit(RunRequest("comic", photo, style_id=1))
    assert caught.value.retryable
    assert engine.stats()["faults_fired"] == FAST.max_retries + 1


async def test_status_5xx_and_bad_json_are_retried(make_client: MakeClient, engine: Any, photo: bytes) -> None:
    client = make_client()
    job_id = await client.submit(RunRequest("skin_refiner", photo))
    await client.wait_for_result("skin_refiner", job_id)
    engine.configure(faults={"status.error.next": 1, "status.bad_json.next": 1})
    assert (await client.status("skin_refiner", job_id)).completed
    engine.configure(faults={"status.bad_json": 1.0})
    with pytest.raises(ProtocolError, match="not JSON"):
        await client.status("skin_refiner", job_id)


# -- a run whose answer was lost is never resent -------------------------------------------------------------


@pytest.mark.parametrize("fault", ["run.lost.next", "run.bad_json.next", "run.reset.next"])
async def test_lost_run_answer_is_outcome_unknown_and_not_resent(
    make_client: MakeClient, engine: Any, photo: bytes, fault: str
) -> None:
    engine.configure(faults={fault: 1})
    with pytest.raises(OutcomeUnknownError, match="did not send it again") as caught:
        await make_client().submit(RunRequest("comic", photo, style_id=1))
    assert not caught.value.retryable
    assert engine.stats()["runs_received"] == (0 if fault == "run.reset.next" else 1)


async def test_read_timeout_after_sending_a_run_is_outcome_unknown(
    make_client: MakeClient, engine: Any, photo: bytes
) -> None:
    engine.configure(faults={"run.slow": 1.5})
    with pytest.raises(OutcomeUnknownError, match="ReadTimeout"):
        await make_client(read_timeout_s=0.5).submit(RunRequest("comic", photo, style_id=1))
    await asyncio.sleep(1.2)  # let the engine finish answering into the void
    stats = engine.stats()
    assert stats["runs_received"] == 1 and stats["runs_accepted"] == 1


async def test_status_read_timeout_is_retried_because_polling_is_safe(
    make_client: MakeClient, engine: Any, photo: bytes
) -> None:
    client = make_client(read_timeout_s=0.5)
    job_id = await client.submit(RunRequest("skin_refiner", photo))
    await client.wait_for_result("skin_refiner", job_id)
    engine.configure(faults={"status.slow.next": 1})  # one answer 1 s late
    engine.reset_stats()
    assert (await client.status("skin_refiner", job_id)).completed
    assert engine.stats()["status_calls"] == 2


# -- big answers are parsed off the loop, with the same error paths ----------------------------------------


class _BigAnswers(BaseHTTPRequestHandler):
    """Answers every POST with `body`: a finished 4K result is megabytes of JSON, parsed in a worker thread."""

    body = b""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def big_answers(tmp_path: Path) -> Iterator[tuple[EventstationClient, type[_BigAnswers]]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _BigAnswers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    yield EventstationClient(ApiSettings(catalog_cache=tmp_path), base_url=url, retry=FAST), _BigAnswers
    server.shutdown()
    server.server_close()


async def test_a_big_status_answer_is_read_and_a_broken_one_is_a_protocol_error(
    big_answers: tuple[EventstationClient, type[_BigAnswers]], photo: bytes
) -> None:
    client, handler = big_answers
    result = photo * (600_000 // len(photo) + 1)  # well over the size that is parsed off the loop
    handler.body = json.dumps({"status": "COMPLETED", "output": base64.b64encode(result).decode()}).encode()
    status = await client.status("comic", "job-1")
    assert status.completed and status.result is not None and status.result.data == result
    handler.body = handler.body[:-2]
    with pytest.raises(ProtocolError, match="not JSON"):
        await client.status("comic", "job-1")
    with pytest.raises(OutcomeUnknownError, match="did not send it again"):
        await client.submit(RunRequest("comic", photo, style_id=1))
    await client.aclose()
