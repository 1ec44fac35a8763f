"""Reading the service's answers: HTTP error codes to booth's error types, and job states to pending/final.

This is contract.md's error table and status list as code. The codes are uncertain, so each answer is
classified by code and body together (a 403 that talks about credits is an empty account, not a refusal),
and every message tells the operator what to do next. Server text is included for 400/422 because that is
the only place the real reason (bad filter id, unreadable image) can be found; it is redacted first.
"""

from __future__ import annotations

from typing import Any

import httpx

from booth.api.errors import (
    ApiError,
    AuthError,
    CreditsError,
    InvalidInputError,
    JobExpiredError,
    RateLimitedError,
    ServerError,
)
from booth.api.redact import guarded_logger, redact
from booth.api.retry import parse_retry_after
from booth.api.services import FINAL_STATES, PENDING_STATES

log = guarded_logger(__name__)

_MAX_SERVER_TEXT = 300
_unknown_states_logged: set[str] = set()


def server_message(response: httpx.Response) -> str:
    """The human part of an error answer: detail/message/error from JSON, else the start of the text."""
    text = ""
    try:
        data: Any = response.json()
    except ValueError:
        data = None
    if isinstance(data, dict):
        for key in ("detail", "message", "error", "errors", "msg"):
            value = data.get(key)
            if isinstance(value, str) and value:
                text = value
                break
            if isinstance(value, list) and value:
                parts = [str(item.get("msg", item)) if isinstance(item, dict) else str(item) for item in value]
                text = "; ".join(parts)
                break
            if isinstance(value, dict) and value:
                text = str(value.get("message") or value.get("msg") or value)
                break
    if not text:
        text = response.text.strip()
    text = " ".join(text.split())[:_MAX_SERVER_TEXT]
    return redact(text) or response.reason_phrase or f"HTTP {response.status_code}"


def raise_for_answer(response: httpx.Response, *, what: str, job_id: str | None = None) -> None:
    """Raise the typed error for a non-2xx answer; `job_id` is set for status calls (404 = expired job)."""
    code = response.status_code
    if 200 <= code < 300:
        return
    message = server_message(response)
    if code == 401:
        raise AuthError(
            f"The Eventstation service refused booth's credentials ({what}, 401): check BOOTH_API_AUTH and "
            "BOOTH_API_USERNAME / BOOTH_API_PASSWORD or BOOTH_API_TOKEN",
            status=code,
        )
    if code == 402 or (code == 403 and "credit" in (message + response.text[:2000]).lower()):
        raise CreditsError(
            "The Eventstation account is out of credits: top up the account, then retry the waiting jobs "
            "(their photos are kept)",
            status=code,
            detail=message,
        )
    if code == 403:
        raise AuthError(
            f"The Eventstation service does not allow this account to do that ({what}, 403: {message}): "
            "check the account's plan or the API credentials",
            status=code,
            detail=message,
        )
    if code == 404 and job_id is not None:
        raise JobExpiredError(
            f"The service no longer knows job {job_id} (results are kept for 30 minutes): send the photo again",
            status=code,
            detail=message,
        )
    if code in (400, 422):
        raise InvalidInputError(f"The service refused the {what}: {message}", status=code, detail=message)
    if code == 429:
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        wait = f" (it asks to wait {retry_after:.0f} s)" if retry_after is not None else ""
        raise RateLimitedError(
            f"The service is busy with this account's other creations{wait}: booth will send fewer at once",
            retry_after=retry_after,
            status=code,
            detail=message,
        )
    if code >= 500:
        raise ServerError(
            f"The Eventstation service had a problem ({what}, HTTP {code}: {message}); booth retries, "
            "and if this persists check the service status",
            status=code,
            detail=message,
        )
    if code == 404:
        raise ApiError(
            f"The service has no route for the {what} (404): check api.url points at the Eventstation API",
            status=code,
            detail=message,
        )
    raise ApiError(f"The service answered the {what} with HTTP {code}: {message}", status=code, detail=message)


def job_id_of(answer: Any) -> str | None:
    """The job id of a run answer: `id`, or `job_id`, possibly inside an `output`/`data` object."""
    if not isinstance(answer, dict):
        return None
    for key in ("id", "job_id", "jobId"):
        value = answer.get(key)
        if isinstance(value, str | int) and str(value):
            return str(value)
    for key in ("data", "job"):
        inner = answer.get(key)
        if isinstance(inner, dict):
            return job_id_of(inner)
    return None


def state_of(answer: dict[str, Any]) -> str:
    """The upper-cased state; names outside contract.md are logged once and count as pending."""
    raw = answer.get("status", answer.get("state", ""))
    state = str(raw or "").strip().upper().replace(" ", "_")
    if state not in PENDING_STATES and state not in FINAL_STATES and state not in _unknown_states_logged:
        _unknown_states_logged.add(state)
        log.warning("unknown job state %r from the service; treating it as pending until the deadline", state)
    return state


def error_of(answer: dict[str, Any]) -> str | None:
    """The failure text of a status answer: a top-level `error`, or one inside `output`."""
    for holder in (answer, answer.get("output")):
        if isinstance(holder, dict):
            value = holder.get("error") or holder.get("errors")
            if value:
                return redact(" ".join(str(value).split())[:_MAX_SERVER_TEXT])
    return None
