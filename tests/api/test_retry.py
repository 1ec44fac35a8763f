"""The retry policy as tables: Retry-After -> delay, 'fails N times then succeeds' -> N retries."""

from __future__ import annotations

import email.utils
import random
import time

import pytest

from booth.api.errors import (
    AuthError,
    OutcomeUnknownError,
    ProtocolError,
    RateLimitedError,
    ServerError,
    UnreachableError,
)
from booth.api.retry import RetryPolicy, call_with_retry, parse_retry_after, poll_delays

NOW = 1_700_000_000.0


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        (None, None),
        ("", None),
        ("0", 0.0),
        ("3", 3.0),
        ("2.5", 2.5),
        ("-4", 0.0),
        ("soon", None),
        (email.utils.formatdate(NOW + 7, usegmt=True), 7.0),
        (email.utils.formatdate(NOW - 30, usegmt=True), 0.0),
    ],
)
def test_retry_after_header_to_seconds(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header, now=NOW) == seconds


@pytest.mark.parametrize(
    ("retry_after", "delay"),
    [(0.0, 0.0), (1.0, 1.0), (12.0, 12.0), (60.0, 60.0), (600.0, 60.0), (86400.0, 60.0)],
)
def test_retry_after_wins_but_is_capped(retry_after: float, delay: float) -> None:
    assert RetryPolicy().delay(0, retry_after) == delay


@pytest.mark.parametrize(("attempt", "ceiling"), [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (9, 8.0)])
def test_backoff_is_full_jitter_under_an_exponential_ceiling(attempt: int, ceiling: float) -> None:
    rng = random.Random(attempt)
    delays = [RetryPolicy().backoff(attempt, rng) for _ in range(400)]
    assert all(0.0 <= d <= ceiling for d in delays)
    # full jitter spreads over the whole range, not just near the ceiling
    assert min(delays) < ceiling * 0.1 and max(delays) > ceiling * 0.9


class Flaky:
    """Fails `n` times with `error`, then answers: a real callable, counting its calls."""

    def __init__(self, n: int, error: Exception) -> None:
        self.n, self.error, self.calls = n, error, 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.n:
            raise self.error
        return "ok"


class Sleeps:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


POLICY = RetryPolicy(max_retries=3, max_rate_limit_waits=2)


@pytest.mark.parametrize("error", [UnreachableError("x"), ServerError("x", status=503), ProtocolError("x")])
@pytest.mark.parametrize("failures", [0, 1, 2, 3])
async def test_fails_n_times_then_succeeds_takes_n_retries(error: Exception, failures: int) -> None:
    op, sleeps = Flaky(failures, error), Sleeps()
    assert await call_with_retry(op, POLICY, sleep=sleeps) == "ok"
    assert op.calls == failures + 1
    assert len(sleeps.waits) == failures


async def test_retries_are_bounded_then_the_last_error_surfaces() -> None:
    op, sleeps = Flaky(10, ServerError("still down", status=502)), Sleeps()
    with pytest.raises(ServerError, match="still down"):
        await call_with_retry(op, POLICY, sleep=sleeps)
    assert op.calls == POLICY.max_retries + 1


async def test_429_waits_the_retry_after_then_gives_up_with_rate_limited() -> None:
    op, sleeps = Flaky(10, RateLimitedError("busy", retry_after=2.0)), Sleeps()
    with pytest.raises(RateLimitedError) as caught:
        await call_with_retry(op, POLICY, sleep=sleeps)
    assert caught.value.retry_after == 2.0
    assert sleeps.waits == [2.0, 2.0]
    assert op.calls == POLICY.max_rate_limit_waits + 1


@pytest.mark.parametrize("error", [OutcomeUnknownError("lost"), AuthError("no"), ValueError("bug")])
async def test_errors_that_are_unsafe_or_pointless_to_retry_go_straight_through(error: Exception) -> None:
    op, sleeps = Flaky(1, error), Sleeps()
    with pytest.raises(type(error)):
        await call_with_retry(op, POLICY, sleep=sleeps)
    assert op.calls == 1 and sleeps.waits == []


def test_polls_start_soon_for_images_and_later_for_videos_and_grow_to_a_cap() -> None:
    image = poll_delays("image")
    first_image = [next(image) for _ in range(8)]
    video = poll_delays("video")
    first_video = [next(video) for _ in range(8)]
    assert first_image[0] == pytest.approx(1.0)
    assert first_image == sorted(first_image) and max(first_image) <= 3.0
    assert first_video[0] > first_image[0] and max(first_video) > max(first_image)
    # the time a 2 s image job needs is covered by two polls
    assert sum(first_image[:2]) >= 2.0


def test_retry_after_date_uses_the_clock() -> None:
    later = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 28 <= (parse_retry_after(later) or 0) <= 30
