"""Injected faults fire where they are scoped, as often as asked, so each error-table row can be tested."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
from engine_support import body_for

from booth.api.services import CATALOG_PATHS, SERVICES
from booth.engine.faults import Faults

RUN = SERVICES["filter"].run_path


def _run(http: httpx.Client, photo_b64: str) -> httpx.Response:
    return http.post(RUN, json=body_for("filter", photo_b64))


@pytest.mark.parametrize("code", [500, 502, 503])
def test_error_answers_5xx_and_creates_nothing(engine: Any, http: httpx.Client, photo_b64: str, code: int) -> None:
    engine.configure(faults={"run.error": 1.0, "error_code": code})
    answer = _run(http, photo_b64)
    assert answer.status_code == code
    assert engine.stats()["runs_accepted"] == 0


def test_next_n_form_fails_exactly_n_calls_then_recovers(engine: Any, http: httpx.Client, photo_b64: str) -> None:
    engine.configure(faults={"run.error.next": 2})
    codes = [_run(http, photo_b64).status_code for _ in range(3)]
    assert codes == [503, 503, 200]
    assert engine.stats()["faults_fired"] == 2


def test_faults_stay_in_their_scope(engine: Any, http: httpx.Client, photo_b64: str, wait_done: Any) -> None:
    engine.configure(faults={"catalog.error": 1.0})
    assert http.get(CATALOG_PATHS["filters"]).status_code == 503
    job = _run(http, photo_b64)
    assert job.status_code == 200
    assert wait_done("filter", job.json()["id"])["status"] == "COMPLETED"


def test_any_scope_hits_every_route(engine: Any, http: httpx.Client, photo_b64: str) -> None:
    engine.configure(faults={"error": 1.0})
    assert http.get(CATALOG_PATHS["styles"]).status_code == 503
    assert _run(http, photo_b64).status_code == 503
    assert http.post(SERVICES["filter"].status_url("x")).status_code == 503


def test_reset_drops_the_connection_before_the_job_exists(engine: Any, http: httpx.Client, photo_b64: str) -> None:
    engine.configure(faults={"run.reset.next": 1})
    with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
        _run(http, photo_b64)
    assert engine.stats()["runs_accepted"] == 0
    assert _run(http, photo_b64).status_code == 200  # the engine itself is fine


def test_lost_answer_leaves_a_created_job_behind(engine: Any, http: httpx.Client, photo_b64: str) -> None:
    engine.configure(credits=5, faults={"run.lost.next": 1})
    with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
        _run(http, photo_b64)
    stats = engine.stats()
    assert stats["runs_accepted"] == 1 and stats["credits_left"] == 4  # it happened, and it cost a credit


def test_slow_answer_runs_into_a_read_timeout_after_the_job_exists(engine: Any, photo_b64: str) -> None:
    engine.configure(faults={"run.slow": 1.5})
    impatient = httpx.Client(base_url=engine.url, timeout=httpx.Timeout(5.0, read=0.3))
    with impatient, pytest.raises(httpx.ReadTimeout):
        _run(impatient, photo_b64)
    assert engine.stats()["runs_accepted"] == 1


def test_slow_status_answer_takes_that_long(engine: Any, http: httpx.Client) -> None:
    engine.configure(faults={"status.slow": 0.4})
    start = time.monotonic()
    assert http.post(SERVICES["comic"].status_url("nope")).status_code == 404
    assert time.monotonic() - start >= 0.4


def test_bad_json_answers_200_with_a_body_that_does_not_parse(engine: Any, http: httpx.Client) -> None:
    engine.configure(faults={"catalog.bad_json": 1.0})
    answer = http.get(CATALOG_PATHS["workflows"])
    assert answer.status_code == 200
    with pytest.raises(ValueError):
        answer.json()


def test_fail_makes_the_job_end_failed(engine: Any, run: Any) -> None:
    engine.configure(faults={"run.fail.next": 1})
    failed = run("comic")
    assert failed["status"] == "FAILED" and "injected failure" in failed["error"]
    assert run("comic")["status"] == "COMPLETED"
    assert engine.stats()["failed"] == 1


def test_token_route_faults(engine: Any, http: httpx.Client) -> None:
    engine.configure(auth="oauth2", users={"ann": "pw"}, faults={"token.error.next": 1})
    assert http.post("/token", data={"username": "ann", "password": "pw"}).status_code == 503
    assert http.post("/token", data={"username": "ann", "password": "pw"}).status_code == 200


def test_probability_draws_are_a_fraction() -> None:
    faults = Faults({"status.error": 0.3}, seed=1)
    fired = sum(faults.draw("status").error_code is not None for _ in range(2000))
    assert 450 < fired < 750
    assert not any(Faults({"status.error": 0.0}).draw("status").fired for _ in range(100))


@pytest.mark.parametrize("bad", [{"run.explode": 1}, {"moon.error": 1}, {"run.error": 1.5}, {"run.error.next": 1.5},
                                 {"error_code": 404}, {"run.slow": -1}])
def test_bad_fault_settings_are_refused_with_a_reason(engine: Any, bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="fault"):
        engine.configure(faults=bad)
