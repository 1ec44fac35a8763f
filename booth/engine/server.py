"""`EngineServer`: the local engine served by uvicorn on loopback, in-process, on a thread of its own.

The booth starts it when no API URL is configured, and tests start one per test. The event loop lives
on a daemon thread for the server's whole life, while uvicorn's listener can be stopped and restarted
on the same port (`go_down` / `come_back`): clients meet a refused connection in between, and jobs,
credits and tokens survive, which is what offline-mode tests need.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from concurrent.futures import Future
from types import TracebackType
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from booth.engine.app import TRANSPORT_KEY, EngineApp
from booth.engine.state import EngineState
from booth.listen import listening_socket
from booth.settings import EngineSettings

START_TIMEOUT_S = 10.0


class _Protocol(H11Protocol):
    """h11 that hands each request its transport, so an injected fault can reset the connection."""

    def handle_events(self) -> None:
        super().handle_events()
        # The request task was created but has not run yet: it will see this key in its scope.
        if self.scope is not None:
            self.scope[TRANSPORT_KEY] = self.transport  # type: ignore[literal-required]


class EngineServer:
    """A running local engine; see interfaces.md for the contract other parts rely on."""

    def __init__(self, settings: EngineSettings | None = None) -> None:
        self.state = EngineState(settings or EngineSettings())
        self._app = EngineApp(self.state)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: uvicorn.Server | None = None
        self._serving: Future[None] | None = None
        self._port: int | None = None
        self._lock = threading.Lock()

    # -- life ----------------------------------------------------------------------------------------
    def start(self) -> str:
        """Listen on settings.host:settings.port (0 = a free port); returns the base URL once accepting."""
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                self._thread = threading.Thread(target=self._loop.run_forever, name="engine-loop", daemon=True)
                self._thread.start()
            if self._server is None:
                self._listen()
        return self.url

    def stop(self) -> None:
        """Stop listening, end the loop thread and the render pool. Safe to call twice."""
        with self._lock:
            self._unlisten()
            loop, self._loop = self._loop, None
            if loop is not None:
                if self._app.http_client is not None:
                    asyncio.run_coroutine_threadsafe(self._app.http_client.aclose(), loop).result(5)
                    self._app.http_client = None
                loop.call_soon_threadsafe(loop.stop)
                if self._thread is not None:
                    self._thread.join(5)
                loop.close()
            self.state.book.shutdown()

    def go_down(self) -> None:
        """Stop accepting connections (clients get 'connection refused'); jobs keep running."""
        with self._lock:
            self._unlisten()

    def come_back(self) -> None:
        """Listen again on the same port as before, with every job, credit and token kept."""
        with self._lock:
            if self._loop is None:
                raise RuntimeError("come_back() needs a started engine")
            if self._server is None:
                self._listen()

    def __enter__(self) -> EngineServer:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the engine has not been started")
        return self._port

    @property
    def url(self) -> str:
        host = self.state.settings.host
        if host in ("0.0.0.0", ""):
            host = "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    @property
    def listening(self) -> bool:
        return self._server is not None

    # -- run-time control ----------------------------------------------------------------------------
    def configure(self, **changes: Any) -> None:
        """Change settings while running (latency_s, concurrency_limit, credits, auth, variant, faults...)."""
        self.state.configure(**changes)

    def stats(self) -> dict[str, Any]:
        return self.state.stats()

    def runs(self) -> list[dict[str, str]]:
        """Every accepted run: {"id", "service", "image_sha256"} (the digest of the image as received)."""
        return self.state.book.runs()

    def reset_stats(self) -> None:
        self.state.book.reset_stats()

    def reset(self) -> None:
        """Forget all jobs and tokens, zero the figures, refill credits and fault counters."""
        self.state.reset()

    # -- listener ------------------------------------------------------------------------------------
    def _bind(self) -> socket.socket:
        host = self.state.settings.host
        try:
            sock = listening_socket(host, self._port if self._port is not None else self.state.settings.port)
        except OSError as exc:
            raise OSError(f"the engine cannot listen on {host}:{self.state.settings.port}: {exc.strerror}") from None
        self._port = sock.getsockname()[1]
        return sock

    def _listen(self) -> None:
        assert self._loop is not None
        sock = self._bind()
        config = uvicorn.Config(
            self._app.app,
            http=_Protocol,
            ws="none",
            lifespan="off",
            log_config=None,  # leave the booth's own logging setup alone; just quieten uvicorn's loggers
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=1,
        )
        server = uvicorn.Server(config)
        serving = asyncio.run_coroutine_threadsafe(_serve(server, sock), self._loop)
        deadline = time.monotonic() + START_TIMEOUT_S
        while not server.started:
            if serving.done():
                serving.result()  # raises what stopped it
                raise RuntimeError("the engine stopped while starting")
            if time.monotonic() > deadline:
                server.should_exit = True
                raise RuntimeError("the engine did not start listening in time")
            time.sleep(0.005)
        self._server, self._serving = server, serving
        self._wait_accepting()

    def _wait_accepting(self) -> None:
        """start() promises a URL that already answers, so probe the port rather than trust a flag."""
        host = self.url.split("//", 1)[1].rsplit(":", 1)[0].strip("[]")
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                socket.create_connection((host, self.port), timeout=1).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def _unlisten(self) -> None:
        """Close the listener and idle connections at once, rather than through uvicorn's graceful
        shutdown, which waits out its 0.1 s ticks: tests start and stop an engine hundreds of times."""
        server, serving, loop = self._server, self._serving, self._loop
        self._server = self._serving = None
        if server is None or serving is None or loop is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(_close(server), loop).result(START_TIMEOUT_S)
        finally:
            serving.cancel()
            done = getattr(server, "_booth_done", None)
            if done is not None:
                done.wait(START_TIMEOUT_S)


async def _serve(server: uvicorn.Server, sock: socket.socket) -> None:
    server._booth_done = threading.Event()  # type: ignore[attr-defined]
    try:
        await server.serve(sockets=[sock])
    except asyncio.CancelledError:
        pass
    finally:
        sock.close()
        server._booth_done.set()  # type: ignore[attr-defined]


async def _close(server: uvicorn.Server) -> None:
    server.should_exit = True
    for listener in server.servers:
        listener.close()
    for connection in list(server.server_state.connections):
        connection.shutdown()
