"""The retry policy, in one place: when booth sends a request again, and how long it waits first.

A run costs the operator a credit, so the rule that matters most lives in the client's transport: once a run
may have reached the service (read timeout, connection dropped after sending), it is never sent again here;
that surfaces as OutcomeUnknownError. What this module retries is only what is safe to send again: a request
that never arrived (connection refused, DNS, connect timeout), or one the service answered with 429 or 5xx,
or an idempotent read whose answer was garbled.

Delays are exponential with full jitter (AWS architecture blog, "Exponential Backoff And Jitter") so a room
of booths coming back online does not hit the service in lockstep; a Retry-After the service gives wins,
capped so a bad header cannot freeze a booth.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from booth.api.errors import ProtocolError, RateLimitedError, ServerError, UnreachableError
from booth.api.redact import guarded_logger

log = guarded_logger(__name__)

T = TypeVar("T")

MAX_RETRIES = 3  # connect errors, 5xx, unreadable answers: attempts after the first
MAX_RATE_LIMIT_WAITS = 3  # 429 answers waited out before RateLimitedError reaches the caller
BASE_DELAY_S = 0.5
MAX_DELAY_S = 8.0
RETRY_AFTER_CAP_S = 60.0


def backoff_ceiling(attempt: int, first: float, cap: float) -> float:
    """The exponential step every backoff in booth grows by: `first * 2**attempt` (0-based), at most `cap`."""
    return min(cap, first * 2.0 ** max(0, attempt))


def backoff_s(failures: int, first: float, cap: float, rng: random.Random | None = None) -> float:
    """The wait after `failures` failures in a row, +-20 % jitter so booths coming back do not knock in lockstep.

    The job queue's pacing (offline, 5xx, a full disk) uses it; the client's own retries use full jitter.
    """
    return backoff_ceiling(failures - 1, first, cap) * (0.8 + 0.4 * (rng or random).random())


def capped_retry_after(retry_after: float, cap: float = RETRY_AFTER_CAP_S) -> float:
    """A service's Retry-After as a wait: never negative, never longer than `cap` (a bad header cannot freeze
    a booth)."""
    return min(max(retry_after, 0.0), cap)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """The numbers of the policy; tests and the benchmark shrink them, the booth uses the defaults."""

    max_retries: int = MAX_RETRIES
    max_rate_limit_waits: int = MAX_RATE_LIMIT_WAITS
    base_delay_s: float = BASE_DELAY_S
    max_delay_s: float = MAX_DELAY_S
    retry_after_cap_s: float = RETRY_AFTER_CAP_S

    def backoff(self, attempt: int, rng: random.Random | None = None) -> float:
        """Full jitter: uniform in [0, min(max, base * 2**attempt)] for the attempt-th retry (0-based)."""
        return (rng or random).uniform(0.0, backoff_ceiling(attempt, self.base_delay_s, self.max_delay_s))

    def delay(self, attempt: int, retry_after: float | None = None, rng: random.Random | None = None) -> float:
        """The wait before the next try: the service's Retry-After if it gave one (capped), else backoff."""
        if retry_after is not None:
            return capped_retry_after(retry_after, self.retry_after_cap_s)
        return self.backoff(attempt, rng)


DEFAULT_POLICY = RetryPolicy()


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP-date; None if absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    current = time.time() if now is None else now
    return max(when.timestamp() - current, 0.0)


# Errors after which sending the same request again is safe and may help.
RETRYABLE = (UnreachableError, ServerError, ProtocolError)


async def call_with_retry(
    attempt_once: Callable[[], Awaitable[T]],
    policy: RetryPolicy = DEFAULT_POLICY,
    *,
    what: str = "request",
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> T:
    """Run `attempt_once` until it succeeds or the policy gives up, re-raising the last typed error.

    `attempt_once` must raise only errors that are safe to retry as RETRYABLE/RateLimitedError; anything
    else (OutcomeUnknownError, AuthError, ...) goes straight to the caller.
    """
    failures = 0
    rate_waits = 0
    while True:
        try:
            return await attempt_once()
        except RateLimitedError as exc:
            if rate_waits >= policy.max_rate_limit_waits:
                raise
            delay = policy.delay(rate_waits, exc.retry_after)
            rate_waits += 1
            log.info(
                "%s: rate limited, waiting %.2f s (wait %d of %d)", what, delay, rate_waits, policy.max_rate_limit_waits
            )
        except RETRYABLE as exc:
            if failures >= policy.max_retries:
                raise
            delay = policy.delay(failures)
            failures += 1
            log.info("%s: %s; retry %d of %d in %.2f s", what, exc, failures, policy.max_retries, delay)
        await sleep(delay)


# Status polling: the first look comes when a quick job could be done, then the pause grows so a long job is
# asked about rarely. Image jobs take seconds, animations tens of seconds. With a 2 s job this polls at
# 1.0 s and 2.5 s: two calls, where a fixed 1 s loop would make three and a 0.2 s loop ten.
POLL_FIRST_S = {"image": 1.0, "video": 3.0}
POLL_GROWTH = 1.5
POLL_MAX_S = {"image": 3.0, "video": 8.0}


def poll_delays(kind: str) -> Iterator[float]:
    """Endless pauses between status calls for a service of `kind` ("image" or "video")."""
    delay = POLL_FIRST_S.get(kind, POLL_FIRST_S["image"])
    cap = POLL_MAX_S.get(kind, POLL_MAX_S["image"])
    while True:
        yield delay
        delay = min(delay * POLL_GROWTH, cap)
