"""EventstationClient: the one way booth talks to the Eventstation API or to its own local engine.

Everything goes through one shared httpx.AsyncClient, so connections are pooled (a status poll reuses the
socket its run opened) and timeouts are set per phase: a short connect timeout tells "unreachable" quickly,
a long read timeout lets a slow answer arrive. It runs on any asyncio loop, qasync's GUI loop included: the
heavy parts (photo re-encoding, big base64 decoding, cache files) go to worker threads.

The transport decides what is safe to send again (retry.py holds the numbers): a request that never reached
the service is retried; a run whose answer was lost after sending is not, since it may cost a credit; it
surfaces as OutcomeUnknownError for the job queue and the operator to decide.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from booth.api import services
from booth.api.auth import Authenticator
from booth.api.catalog import CATALOG_KINDS, CatalogCache, parse_catalog
from booth.api.classify import error_of, job_id_of, raise_for_answer, state_of
from booth.api.errors import (
    AnswerTooLargeError,
    ApiError,
    AuthError,
    DeadlineError,
    InvalidInputError,
    JobFailedError,
    OutcomeUnknownError,
    ProtocolError,
    RateLimitedError,
    ServerError,
    UnreachableError,
)
from booth.api.imaging import encode_for_body
from booth.api.models import CatalogEntry, JobStatus, Result, RunRequest
from booth.api.output import OUTPUT_KEYS, NoUsableOutput, read_output
from booth.api.redact import guarded_logger
from booth.api.retry import DEFAULT_POLICY, RetryPolicy, call_with_retry, poll_delays
from booth.settings import ApiSettings
from booth.workers import run_cpu

log = guarded_logger(__name__)

StatusCallback = Callable[[JobStatus], Awaitable[None] | None]

# Errors raised before a single byte could have reached the service: resending is always safe.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)
# A finished 4K result is 3-4 MB of JSON: parsing it takes 10-15 ms, too long for the GUI loop to stand still.
_PARSE_OFF_LOOP_ABOVE = 256 * 1024
# Errors once the request may have been received: the outcome of a run is unknown.
_MAYBE_SENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError, httpx.ProtocolError)
# The most of one answer booth reads, after any gzip: a 4K result is 3-4 MB of base64, an animation tens of
# MB. Past it (a runaway service, or a small gzip that unpacks to gigabytes) the kiosk would run out of memory.
MAX_ANSWER_BYTES = 96 * 1024 * 1024
# Headers that described the body as it came over the wire, not the decoded bytes a capped answer holds.
_WIRE_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})
# When fetching a catalog fails for these reasons, the cached copy keeps the booth usable.
_OFFLINE = (UnreachableError, ServerError, ProtocolError, RateLimitedError, OutcomeUnknownError)


def _service(name: str) -> services.Service:
    try:
        return services.service(name)
    except KeyError as exc:
        raise InvalidInputError(str(exc.args[0])) from None


class EventstationClient:
    """Catalogs, runs and status polls of contract.md, with auth, retries and tolerant parsing."""

    def __init__(
        self,
        settings: ApiSettings,
        *,
        base_url: str | None = None,
        http: httpx.AsyncClient | None = None,
        retry: RetryPolicy | None = None,
        cache: CatalogCache | None = None,
        max_answer_bytes: int = MAX_ANSWER_BYTES,
    ) -> None:
        self.settings = settings
        self.max_answer_bytes = max_answer_bytes
        self.base_url = (base_url or settings.url).strip().rstrip("/")
        if not self.base_url:
            raise ValueError("no API URL: set api.url, or pass the local engine's URL as base_url")
        self.retry = retry or DEFAULT_POLICY
        self._auth = Authenticator(settings)
        self._cache = cache or CatalogCache(settings.catalog_cache)
        self._own_http = http is None
        self._http = http or httpx.AsyncClient(
            timeout=httpx.Timeout(
                settings.read_timeout_s,
                connect=settings.connect_timeout_s,
                pool=settings.connect_timeout_s,
            ),
            limits=httpx.Limits(max_connections=16, max_keepalive_connections=8, keepalive_expiry=4.0),
            headers={"Accept": "application/json", "User-Agent": "booth"},
        )

    def __repr__(self) -> str:
        return f"EventstationClient(base_url={self.base_url!r}, auth={self._auth!r})"

    async def __aenter__(self) -> EventstationClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._own_http:
            await self._http.aclose()

    # -- transport -----------------------------------------------------------------------------------

    async def _send(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        *,
        form: dict[str, str] | None = None,
        body: dict[str, Any] | None = None,
        resend_safe: bool = True,
        what: str = "request",
    ) -> httpx.Response:
        """One HTTP exchange, with transport failures turned into booth's errors by whether it was sent."""
        try:
            request = self._http.build_request(method, url, headers=headers, data=form, json=body)
            return await self._read_capped(await self._http.send(request, stream=True), what)
        except _NOT_SENT as exc:
            raise UnreachableError(
                f"The Eventstation service at {self.base_url} cannot be reached ({type(exc).__name__}): "
                "check the network connection and api.url",
            ) from None
        except _MAYBE_SENT as exc:
            if not resend_safe:
                raise OutcomeUnknownError(
                    f"The {what} was sent but its answer was lost ({type(exc).__name__}): the job may be running "
                    "and may have cost a credit, so booth did not send it again; check, then resend it by hand",
                ) from None
            raise UnreachableError(
                f"No answer from the Eventstation service at {self.base_url} for the {what} "
                f"({type(exc).__name__}); check the network connection",
            ) from None

    async def _read_capped(self, response: httpx.Response, what: str) -> httpx.Response:
        """The answer with its body read, but never more than `max_answer_bytes` of it (decoded).

        A too-long Content-Length is refused before a byte is read; otherwise the body is read piece by piece
        and dropped as soon as it passes the limit, so a gzip bomb never unpacks past it in memory.
        """
        limit = self.max_answer_bytes
        try:
            declared = response.headers.get("content-length", "")
            encoded = response.headers.get("content-encoding", "identity").lower() not in ("", "identity")
            if declared.isdigit() and int(declared) > limit and not encoded:
                raise _too_large(what, limit, int(declared))
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > limit:
                    raise _too_large(what, limit)
                chunks.append(chunk)
        finally:
            await response.aclose()
        headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _WIRE_HEADERS]
        return httpx.Response(response.status_code, headers=headers, content=b"".join(chunks),
                              request=response.request, extensions=response.extensions)  # fmt: skip

    async def _sign_in_send(
        self, method: str, url: str, headers: dict[str, str], form: dict[str, str] | None
    ) -> httpx.Response:
        return await self._send(method, url, headers, form=form, what="sign-in")

    async def _attempt(
        self,
        method: str,
        path: str,
        *,
        body: dict[str, Any] | None = None,
        resend_safe: bool,
        what: str,
        job_id: str | None = None,
    ) -> Any:
        """One try: sign, send, renew an OAuth2 token once on 401, classify, read JSON."""
        url = path if path.startswith(("http://", "https://")) else self.base_url + path
        renewed = False
        while True:
            headers, token = await self._auth.headers(self.base_url, self._sign_in_send)
            response = await self._send(method, url, headers, body=body, resend_safe=resend_safe, what=what)
            if response.status_code == 401 and self._auth.renewable and not renewed:
                log.info("the service refused the access token (%s); signing in again", what)
                renewed = True
                await self._auth.renew(self.base_url, self._sign_in_send, token)
                continue
            break
        if response.status_code == 401 and self._auth.anonymous:
            raise AuthError(
                "The Eventstation service asks for credentials but none are set: set BOOTH_API_AUTH and "
                "BOOTH_API_USERNAME / BOOTH_API_PASSWORD (or BOOTH_API_TOKEN)",
                status=401,
            )
        raise_for_answer(response, what=what, job_id=job_id)
        try:
            if len(response.content) > _PARSE_OFF_LOOP_ABOVE:
                return await run_cpu(json.loads, response.content)
            return response.json()
        except ValueError:
            if not resend_safe:
                raise OutcomeUnknownError(
                    f"The service accepted the {what} but its answer was unreadable: the job may be running and "
                    "may have cost a credit, so booth did not send it again",
                    status=response.status_code,
                ) from None
            raise ProtocolError(
                f"The service's answer to the {what} is not JSON (HTTP {response.status_code})",
                status=response.status_code,
            ) from None

    async def _call(self, method: str, path: str, *, what: str, resend_safe: bool = True, **kw: Any) -> Any:
        return await call_with_retry(
            lambda: self._attempt(method, path, resend_safe=resend_safe, what=what, **kw), self.retry, what=what
        )

    async def _download(self, url: str) -> bytes:
        """A result given as a URL; credentials go along only to the API's own host."""

        async def attempt() -> bytes:
            headers: dict[str, str] = {"Accept": "*/*"}
            if urlsplit(url).netloc == urlsplit(self.base_url).netloc:
                headers, _ = await self._auth.headers(self.base_url, self._sign_in_send)
            response = await self._send("GET", url, headers, what="result download")
            try:
                raise_for_answer(response, what="result download")
            except (RateLimitedError, ServerError):
                raise
            except ApiError as exc:
                raise NoUsableOutput(f"the result URL answered HTTP {exc.status}") from None
            return response.content

        return await call_with_retry(attempt, self.retry, what="result download")

    # -- catalogs ------------------------------------------------------------------------------------

    async def catalog(self, kind: str) -> list[CatalogEntry]:
        """Filters, workflows or styles; from the disk cache when the service cannot be reached."""
        if kind not in CATALOG_KINDS:
            raise InvalidInputError(f"unknown catalog {kind!r}: choose one of {', '.join(CATALOG_KINDS)}")
        try:
            data = await self._call("GET", services.CATALOG_PATHS[kind], what=f"{kind} catalog")
        except _OFFLINE as exc:
            cached = await asyncio.to_thread(self._cache.load, self.base_url, kind)
            if cached is None:
                raise
            log.warning("%s; using the cached %s catalog (%d entries)", exc, kind, len(cached))
            return cached
        entries = parse_catalog(data)
        if entries:  # an empty or unreadable answer must not wipe the copy an offline start relies on
            await asyncio.to_thread(self._cache.save, self.base_url, kind, entries)
        else:
            log.warning("the %s catalog from %s has no entries booth can read", kind, self.base_url)
        return entries

    # -- jobs ----------------------------------------------------------------------------------------

    async def submit(self, req: RunRequest) -> str:
        """Send one run; returns the service's job id. Never sends the same run twice (see module doc)."""
        job_id, _ = await self._submit(req)
        return job_id

    async def _submit(self, req: RunRequest) -> tuple[str, str]:
        svc = _service(req.service)
        body = req.wire_fields(svc, await encode_for_body(req.image, req.ratio))
        what = f"{svc.name} run"
        data = await self._call("POST", svc.run_path, what=what, resend_safe=False, body=body)
        job_id = job_id_of(data)
        if job_id is None:
            raise OutcomeUnknownError(
                f"The service answered the {what} without a job id: the job may be running and may have cost "
                "a credit, so booth did not send it again",
            )
        state = state_of(data) if isinstance(data, dict) and data.get("status") else "IN_QUEUE"
        log.info("%s sent: job %s is %s", what, job_id, state)
        return job_id, state

    async def status(self, service: str, job_id: str) -> JobStatus:
        """One status poll. A failed job is a JobStatus in state FAILED with its error, not an exception."""
        svc = _service(service)
        path = svc.status_url(quote(job_id, safe=""))
        try:
            data = await self._call("POST", path, what="status check", job_id=job_id)
        except AnswerTooLargeError as exc:  # only a finished result gets this big: that run's result is unusable
            return JobStatus(job_id, "FAILED", None, str(exc), {})
        if not isinstance(data, dict):
            raise ProtocolError(f"The status answer for job {job_id} is not a JSON object")
        state = state_of(data)
        error = error_of(data)
        if state == "COMPLETED":
            if error:
                return JobStatus(job_id, "FAILED", None, error, data)
            output = data.get("output")
            if output is None:
                output = {key: data[key] for key in OUTPUT_KEYS if key in data}
            try:
                result = await read_output(output, self._download)
            except NoUsableOutput as exc:
                return JobStatus(job_id, "FAILED", None, f"The service finished without a usable result: {exc}", data)
            except AnswerTooLargeError as exc:
                return JobStatus(job_id, "FAILED", None, str(exc), data)
            return JobStatus(job_id, "COMPLETED", result, None, data)
        if state in services.FINAL_STATES:
            return JobStatus(job_id, state, None, error or f"The service reports the job {state}", data)
        return JobStatus(job_id, state, None, None, data)

    async def wait_for_result(
        self,
        service: str,
        job_id: str,
        *,
        deadline_s: float | None = None,
        on_status: StatusCallback | None = None,
        last_state: str | None = None,
    ) -> Result:
        """Poll until the job is final, pacing polls to the service's kind; DeadlineError past the deadline.

        `on_status` is called (sync or async) each time the state changes; `last_state` is the state already
        reported (e.g. by the run answer) so it is not reported twice.
        """
        svc = _service(service)
        if deadline_s is None:
            deadline_s = self.settings.video_deadline_s if svc.kind == "video" else self.settings.image_deadline_s
        deadline = time.monotonic() + deadline_s
        for delay in poll_delays(svc.kind):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            await asyncio.sleep(min(delay, remaining))
            current = await self.status(service, job_id)
            if current.state != last_state:
                last_state = current.state
                await _notify(on_status, current)
            if current.completed and current.result is not None:
                return current.result
            if current.final:
                raise JobFailedError(current.error or f"job {job_id} ended {current.state}", detail=current.state)
        raise DeadlineError(
            f"Job {job_id} was still {last_state or 'pending'} after {deadline_s:.0f} s, so booth stopped waiting "
            "(api.image_deadline_s / api.video_deadline_s)",
        )

    async def run(self, req: RunRequest, *, on_status: StatusCallback | None = None) -> Result:
        """Submit and wait: the whole round trip for one photo."""
        job_id, state = await self._submit(req)
        await _notify(on_status, JobStatus(job_id, state))
        return await self.wait_for_result(req.service, job_id, on_status=on_status, last_state=state)


def _too_large(what: str, limit: int, size: int | None = None) -> AnswerTooLargeError:
    figure = f"{size / 2**20:.0f} MB" if size is not None else f"over {limit / 2**20:.0f} MB"
    return AnswerTooLargeError(
        f"The service's answer to the {what} is {figure}, more than booth reads ({limit / 2**20:.0f} MB): "
        "the result cannot be used; try again, and tell the service's support if it keeps happening",
        limit=limit,
        size=size,
    )


async def _notify(callback: StatusCallback | None, status: JobStatus) -> None:
    if callback is None:
        return
    outcome = callback(status)
    if inspect.isawaitable(outcome):
        await outcome
