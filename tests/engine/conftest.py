"""Helpers for the engine tests: a photo to send, an HTTP client on the engine, and a way to await a job.

Everything goes over a real loopback socket with httpx, the way the booth's own client talks to it.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import numpy as np
import pytest
from engine_support import body_for, jpeg

from booth.api.services import SERVICES
from booth.engine.sample import sample_photo


@pytest.fixture(scope="session")
def photo() -> np.ndarray:
    """The engine's own drawn guest at a small size, so renders stay quick."""
    return sample_photo(480, 640)


@pytest.fixture(scope="session")
def photo_b64(photo: np.ndarray) -> str:
    return base64.b64encode(jpeg(photo)).decode("ascii")


@pytest.fixture
def http(engine: Any) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=engine.url, timeout=10.0) as client:
        yield client


Waiter = Callable[..., dict[str, Any]]


@pytest.fixture
def wait_done(http: httpx.Client) -> Waiter:
    """Poll a job's status route until it is final; returns the last status answer."""

    def wait(service: str, job_id: str, timeout: float = 15.0, final: tuple[str, ...] = ("COMPLETED", "FAILED",
             "CANCELLED", "TIMED_OUT")) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            answer = http.post(SERVICES[service].status_url(job_id))
            assert answer.status_code == 200, answer.text
            data = answer.json()
            if data["status"] in final or time.monotonic() > deadline:
                return data
            time.sleep(0.05)

    return wait


@pytest.fixture
def run(http: httpx.Client, photo_b64: str, wait_done: Waiter) -> Callable[..., dict[str, Any]]:
    """Submit a run and wait for it: returns the final status answer."""

    def go(service: str, **extra: Any) -> dict[str, Any]:
        answer = http.post(SERVICES[service].run_path, json=body_for(service, photo_b64, **extra))
        assert answer.status_code == 200, answer.text
        return wait_done(service, answer.json()["id"])

    return go


