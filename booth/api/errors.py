"""One error tree for everything the Eventstation API (or the local engine) can answer badly.

Each class is one row of contract.md's error table, so the job queue decides what to do by type
(retry, wait, stop submitting, fail the job) and the kiosk and operator panel pick their words by type.
Every error's message says what went wrong and what a person can do about it, and never holds a secret.
"""

from __future__ import annotations


class ApiError(Exception):
    """Base of all API problems. `retryable` tells the queue whether sending again is safe."""

    retryable: bool = False
    exit_code: int = 1

    def __init__(self, message: str, *, status: int | None = None, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class InvalidInputError(ApiError):
    """400/422, or a request booth refuses to send: fail that job with the server's message."""

    exit_code = 2


class AuthError(ApiError):
    """401 after one token renewal: stop submitting and alert the operator."""

    exit_code = 3


class CreditsError(ApiError):
    """402, or 403 mentioning credits: stop submitting, keep the captures, alert the operator."""

    exit_code = 4


class JobFailedError(ApiError):
    """The service ran the job and it failed (FAILED, CANCELLED, TIMED_OUT, or no usable output)."""

    exit_code = 5


class JobExpiredError(JobFailedError):
    """404 on status: the job is unknown or past the 30-minute retention; resubmit if allowed."""


class AnswerTooLargeError(JobFailedError):
    """An answer (or a result's pixels) past booth's limit: a huge base64 or a decompression bomb.

    Never retried: the same answer would come again. `limit` and `size` (None when unknown) say by how much.
    """

    def __init__(self, message: str, *, limit: int, size: int | None = None, **kw: object) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]
        self.limit = limit
        self.size = size


class DeadlineError(JobFailedError):
    """Booth's own deadline for the job passed while it was still pending."""


class UnreachableError(ApiError):
    """Connection refused, DNS, TLS or connect timeout: the request never arrived, so resending is safe."""

    retryable = True
    exit_code = 6


class ServerError(ApiError):
    """5xx: the service is in trouble; retry with backoff, bounded."""

    retryable = True
    exit_code = 6


class RateLimitedError(ApiError):
    """429: too many simultaneous creations; wait `retry_after` seconds and lower the in-flight count."""

    retryable = True
    exit_code = 6

    def __init__(self, message: str, *, retry_after: float | None = None, **kw: object) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]
        self.retry_after = retry_after


class OutcomeUnknownError(ApiError):
    """A run was sent but its answer was lost (read timeout, reset after sending).

    The job may exist and cost a credit, so it must not be resent without the operator's word.
    """

    exit_code = 6


class ProtocolError(ApiError):
    """An answer booth cannot read (bad JSON, unknown shape): treated like a server fault."""

    retryable = True
    exit_code = 6
