"""The engine's HTTP face: every route of contract.md, plus `/_engine/*` admin routes for tests.

Routes come from `booth.api.services` (the one service table), so a corrected path there moves the
engine and the client together. Each vendor route passes through `_guarded`, which applies injected
faults and sign-in in the order a real network and server would: the connection can break before
anything happens (reset, 5xx), then credentials are checked, then the work is done, and only then can
the answer be slow, lost or garbled. Decoding and rendering run on worker threads; the event loop only
routes, so status calls stay fast while pictures are being made.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import socket
import struct
import time
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from booth.api.services import CATALOG_PATHS, MAX_BODY_BYTES, SERVICES, Service
from booth.engine import catalog, imaging, inputs, render
from booth.engine.auth import AuthFailure
from booth.engine.faults import Draw
from booth.engine.state import EngineState
from booth.netloc import is_loopback_host

TRANSPORT_KEY = "booth.transport"  # put in the scope by server._Protocol so faults can cut the line

Handler = Callable[[Request], Awaitable[Response]]


class _Drop(Response):
    """No answer at all: the connection is reset under the client (TCP RST where the socket allows)."""

    def __init__(self) -> None:
        super().__init__(b"")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        transport = scope.get(TRANSPORT_KEY)
        if transport is None:  # not served by our protocol: the best we can do is an incomplete answer
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"64")]})
            raise ConnectionAbortedError("injected dropped answer")
        sock = transport.get_extra_info("socket")
        if sock is not None:
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            except OSError:
                pass
        transport.abort()
        # Wait for uvicorn to notice, so it neither logs an error nor writes a 500 to a dead socket.
        while (await receive())["type"] != "http.disconnect":
            pass


def _error(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


# Admin bodies are a few settings; nothing legitimate comes near this.
ADMIN_BODY_BYTES = 64 * 1024


class BodyTooLarge(Exception):
    """The request announced or sent more than the route takes; answered 413 without reading the rest."""

    def __init__(self, limit: int, size: int | None = None) -> None:
        super().__init__(f"request body is {'over ' if size is None else ''}{size or limit} bytes; the limit "
                         f"is {limit}")
        self.limit = limit


async def read_capped(request: Request, limit: int) -> bytes:
    """The body, refused before it is read when Content-Length says it is too big, and cut off as soon as a
    chunked body passes `limit`: a caller cannot make the engine hold more than `limit` bytes of it."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(limit, int(declared))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _socket_peer(request: Request) -> str:
    """The address of the socket the request came in on, never a header.

    uvicorn rewrites `request.client` from X-Forwarded-For when FORWARDED_ALLOW_IPS trusts the caller
    (`*` trusts everyone), so the transport's own peer name is asked first.
    """
    transport = request.scope.get(TRANSPORT_KEY)
    peer = transport.get_extra_info("peername") if transport is not None else None
    if peer:
        return str(peer[0])
    return request.client.host if request.client else ""


def _admin_only(handler: Handler) -> Handler:
    """Admin routes can switch auth off or wipe jobs, so they answer only a caller on this machine, only to
    JSON (a cross-site form or text/plain POST from a guest's browser is refused), and only small bodies."""

    async def endpoint(request: Request) -> Response:
        if not is_loopback_host(_socket_peer(request)):
            return _error(403, "engine admin routes only answer on this machine (loopback)")
        if request.method == "POST":
            if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
                return _error(415, "engine admin routes take a JSON body: send Content-Type: application/json")
            try:
                request.state.body = await read_capped(request, ADMIN_BODY_BYTES)
            except BodyTooLarge as exc:
                return _error(413, str(exc))
        return await handler(request)

    return endpoint


class EngineApp:
    """Builds the Starlette app over an EngineState; the same state survives server restarts."""

    def __init__(self, state: EngineState) -> None:
        self.state = state
        self.http_client: httpx.AsyncClient | None = None
        self.app = Starlette(routes=self._routes())

    # -- routing -------------------------------------------------------------------------------------
    def _routes(self) -> list[Route]:
        routes: list[Route] = []

        def add(path: str, endpoint: Handler, methods: list[str]) -> None:
            # Accept the path with and without its trailing slash: a redirect would break POSTs.
            for variant in {path, path.rstrip("/") or "/"}:
                routes.append(Route(variant, endpoint, methods=methods))

        for kind, path in CATALOG_PATHS.items():
            add(path, self._guarded("catalog", partial(self._catalog, kind)), ["GET"])
        status_paths = set()
        for service in SERVICES.values():
            add(service.run_path, self._guarded("run", partial(self._run, service)), ["POST"])
            status_paths.add(service.status_path)
        for path in sorted(status_paths):
            add(path, self._guarded("status", self._status), ["POST", "GET"])
        add("/token", self._guarded("token", self._token, signed_in=False), ["POST"])
        add("/_engine/stats", _admin_only(self._stats), ["GET"])
        add("/_engine/runs", _admin_only(self._runs), ["GET"])
        add("/_engine/config", _admin_only(self._config), ["POST"])
        add("/_engine/reset", _admin_only(self._reset), ["POST"])
        add("/_engine/results/{token}", self._result, ["GET"])
        add("/_engine/previews/{kind}/{item}.jpg", self._preview, ["GET"])
        add("/_engine/previews/{item}.jpg", self._preview, ["GET"])
        add("/", self._index, ["GET"])
        return routes

    def _guarded(self, scope: str, handler: Handler, *, signed_in: bool = True) -> Handler:
        async def endpoint(request: Request) -> Response:
            state = self.state
            draw: Draw = state.faults.draw(scope)
            if draw.fired:
                state.book.count("faults_fired")
            if draw.reset:
                return _Drop()
            if draw.error_code:
                return _error(draw.error_code, "injected server error: try again later")
            if signed_in:
                try:
                    state.gate.check(request.headers.get("authorization"))
                except AuthFailure as exc:
                    state.book.count("rejected_401")
                    return _error(401, str(exc), {"WWW-Authenticate": "Bearer" if state.gate.mode != "basic" else
                                                  'Basic realm="engine"'})
            request.state.draw = draw
            response = await handler(request)
            if draw.slow_s:
                await asyncio.sleep(draw.slow_s)
            if draw.lost:
                return _Drop()
            if draw.bad_json:
                return Response(b'{"id": "half an answer', media_type="application/json")
            return response

        return endpoint

    # -- vendor routes -------------------------------------------------------------------------------
    async def _token(self, request: Request) -> Response:
        self.state.book.count("token_calls")
        if request.headers.get("content-type", "").startswith("application/json"):
            data: Any = await request.json()
        else:
            data = await request.form()
        try:
            token, ttl = self.state.gate.issue(str(data.get("username", "")), str(data.get("password", "")))
        except AuthFailure as exc:
            self.state.book.count("rejected_401")
            return _error(401, str(exc))
        return JSONResponse({"access_token": token, "token_type": "bearer", "expires_in": int(ttl)})

    async def _catalog(self, kind: str, request: Request) -> Response:
        self.state.book.count("catalog_calls")
        variant = self.state.variant
        base = str(request.base_url).rstrip("/")
        entries = await run_in_threadpool(catalog.entries, kind, variant["catalog_preview"], base)
        return JSONResponse(variant.catalog(kind, entries))

    def _invalid(self, detail: str) -> JSONResponse:
        self.state.book.count("rejected_422")
        return _error(int(self.state.variant["invalid_status"]), detail)

    async def _run(self, service: Service, request: Request) -> Response:
        state = self.state
        state.book.count("runs_received")
        try:
            body = await read_capped(request, MAX_BODY_BYTES)
        except BodyTooLarge as exc:
            return _error(413, f"{exc}: send a JPEG scaled to the ratio's size")
        try:
            payload = await run_in_threadpool(json.loads, body)
            fields = inputs.parse(service, payload)
            data = await inputs.image_bytes(fields.image_ref, fields.image_field, self._client())
            img = await run_in_threadpool(imaging.decode, data)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return self._invalid("the request body is not JSON: send the service's fields as a JSON object")
        except inputs.InputError as exc:
            return self._invalid(str(exc))
        except imaging.BadImageError:
            return self._invalid(f"{fields.image_field}: the data is not a readable image; send a JPEG or PNG")
        draw: Draw = request.state.draw
        with state.lock:
            refusal = state.take_slot()
            if refusal is None:
                fail = "injected failure: the job could not be processed" if draw.fail else None
                work = partial(render.render, fields, img, image_format=state.variant["image_format"],
                               animation=state.variant["animation"])
                job = state.book.accept(service.name, work,
                                        latency_s=state.settings.latency_s, fail_message=fail,
                                        retention_s=state.settings.retention_s,
                                        image_sha256=hashlib.sha256(data).hexdigest())
        if refusal == "credits":
            state.book.count("rejected_402")
            code = int(state.variant["credits_status"])
            return _error(code, "Not enough credits: your credit balance is used up; buy more credits or wait for "
                                "the next period")
        if refusal == "concurrency":
            state.book.count("rejected_429")
            retry = state.variant.retry_after(state.book.seconds_until_slot())
            limit = state.settings.concurrency_limit
            return _error(429, f"too many simultaneous creations (limit {limit}); wait and try again",
                          {"Retry-After": retry} if retry else None)
        return JSONResponse(state.variant.run_answer(job.id))

    async def _status(self, request: Request) -> Response:
        state = self.state
        state.book.count("status_calls")
        job_id = request.path_params["id"]
        job = state.book.get(job_id, state.settings.retention_s)
        variant = state.variant
        if job is None:
            state.book.count("rejected_404")
            return _error(404, f"job {job_id} not found: it is unknown or its result expired")
        now = time.monotonic()
        wire = job.state(now)
        answer: dict[str, Any] = {variant["run_id_key"]: job.id, "status": variant.status_name(wire)}
        if variant["timing"] == "yes":
            started = job.queued_until()
            answer["delayTime"] = int(1000 * (min(now, started) - job.created))
            if now > started:
                answer["executionTime"] = int(1000 * (min(now, job.finished_at() or now) - started))
        if wire == "COMPLETED":
            result = job.future.result()
            url = f"{str(request.base_url).rstrip('/')}/_engine/results/{job.result_token}"
            answer["output"] = variant.output(result.data, result.mime, is_video=result.mime.startswith("video/"),
                                              url=url)
        elif wire == "FAILED" and variant["status_failed"] != "COMPLETED_EMPTY":
            answer["error"] = job.error()
        return JSONResponse(answer)

    # -- engine routes -------------------------------------------------------------------------------
    async def _stats(self, request: Request) -> Response:
        return JSONResponse(self.state.stats())

    async def _runs(self, request: Request) -> Response:
        return JSONResponse(self.state.book.runs())

    async def _config(self, request: Request) -> Response:
        try:
            changes = json.loads(request.state.body or b"{}")
            if not isinstance(changes, dict):
                raise ValueError("send a JSON object of settings to change")
            self.state.configure(**changes)
        except (ValueError, TypeError) as exc:
            return _error(422, str(exc))
        return JSONResponse({"ok": True, "settings": self.state.settings.model_dump(exclude={"users", "tokens"})})

    async def _reset(self, request: Request) -> Response:
        self.state.reset()
        return JSONResponse({"ok": True})

    async def _result(self, request: Request) -> Response:
        job = self.state.book.by_result_token(request.path_params["token"])
        if job is None or not job.future.done() or job.future.exception() is not None:
            return _error(404, "no such result (expired or never made)")
        result = job.future.result()
        return Response(result.data, media_type=result.mime)

    async def _preview(self, request: Request) -> Response:
        kind = request.path_params.get("kind", "filters")
        try:
            data = await run_in_threadpool(catalog.preview, kind, request.path_params["item"])
        except KeyError:
            return _error(404, "no such preview")
        return Response(data, media_type="image/jpeg", headers={"Cache-Control": "max-age=3600"})

    async def _index(self, request: Request) -> Response:
        return JSONResponse({"engine": "booth local engine", "services": list(SERVICES), "catalogs": CATALOG_PATHS})

    def _client(self) -> httpx.AsyncClient:
        """For image URLs on loopback; made lazily on the serving loop it will be used from."""
        if self.http_client is None:
            self.http_client = httpx.AsyncClient(timeout=10.0, trust_env=False)
        return self.http_client
