"""The share server: guests' phones on the venue LAN fetch their own result, and nothing else.

Two routes exist, both behind a token: the download page `/s/<token>` and its file `/s/<token>/file`.
Any other path, an unknown or guessed token, and every traversal trick end in the same bare 404, so a probe
learns nothing. A link that worked once and has expired or been revoked answers 404 too, with a short page
telling the guest why (the token itself is the proof they had it). Runs uvicorn on its own daemon thread
so the kiosk's event loop never waits for a phone, under the connection limits of `guard`: the server
shares the kiosk's process, and its file descriptors are the kiosk's.

It listens on the addresses of `sharing.bind` ("auto": the LAN address the QR codes name, plus loopback),
not on every interface.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from booth.listen import listening_socket
from booth.settings import EventSettings, SharingSettings
from booth.sharing import page
from booth.sharing.guard import ACCEPT_BACKLOG, Guard, Limits, fd_budget, protocol_for
from booth.sharing.netaddr import is_wildcard, lan_address
from booth.sharing.tokens import ShareError, ShareStore

log = logging.getLogger(__name__)

START_TIMEOUT_S = 10.0
# The kernel's queue for the listener (capped by net.core.somaxconn). Connections waiting there hold no file
# descriptor of the kiosk; silent ones wait there for Limits.defer_accept_s, and past this many the kernel answers
# with SYN cookies, which cannot defer, so a guest's connection would arrive before its request.
LISTEN_BACKLOG = 4096
_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex, nofollow",
}
_PAGE_CSP = "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'"


def _not_found(*_args: object) -> Response:
    # Closing after a miss keeps probes from holding kept-alive connections, which the guard spares.
    return PlainTextResponse("Not found", status_code=404, headers={**_HEADERS, "Connection": "close"})


def _gone(event: EventSettings) -> Response:
    """A link that has expired or was revoked: the guest learns why, not just "Not found"."""
    headers = {**_HEADERS, "Content-Security-Policy": _PAGE_CSP, "Connection": "close"}
    return HTMLResponse(page.render_gone(event), status_code=404, headers=headers)


def link_lifetime_s(settings: SharingSettings) -> float | None:
    """Seconds a new link lives: sharing.token_ttl_h if set, else sharing.link_days; None = until revoked."""
    if settings.token_ttl_h > 0:
        return settings.token_ttl_h * 3600
    if settings.link_days > 0:
        return settings.link_days * 86400
    return None


def listen_addresses(settings: SharingSettings) -> list[str]:
    """The addresses to listen on: `host` if set (older key), else `bind` with "auto" made concrete."""
    wanted = [settings.host] if settings.host else settings.bind
    addresses: list[str] = []
    for entry in wanted:
        for address in ([lan_address(), "127.0.0.1"] if entry == "auto" else [entry]):
            if address not in addresses:
                addresses.append(address)
    return addresses


def _defer_accept(sock: socket.socket, seconds: int) -> None:
    """Linux: hand a connection over only once its first bytes arrive (or after about `seconds`).

    A connection that sends nothing then waits in the kernel instead of holding one of the kiosk's file
    descriptors, and a guest's phone, which sends its request at once, never queues behind a silent flood.
    """
    option = getattr(socket, "TCP_DEFER_ACCEPT", None)
    if option is not None:
        sock.setsockopt(socket.IPPROTO_TCP, option, seconds)


def _listen_all(addresses: list[str], port: int, defer_accept_s: int) -> list[socket.socket]:
    """One socket per address, all on the same port (the first one picks it when `port` is 0)."""
    sockets: list[socket.socket] = []
    try:
        for address in addresses:
            sockets.append(listening_socket(address, port))
            port = sockets[0].getsockname()[1]
            _defer_accept(sockets[-1], defer_accept_s)
    except OSError as exc:
        for sock in sockets:
            sock.close()
        raise OSError(
            f"share server cannot listen on {address}:{port} ({exc.strerror}); "
            "pick another sharing.port or fix sharing.bind"
        ) from None
    return sockets


class ShareServer:
    """Serves published results; see interfaces.md. `publish()` works before and after `start()`."""

    def __init__(
        self,
        settings: SharingSettings,
        event: EventSettings,
        store_dir: Path,
        *,
        results_dir: Path | None = None,
        limits: Limits | None = None,
    ) -> None:
        self._settings = settings
        self._limits = limits or Limits()
        self.guard = Guard(fd_budget(self._limits))
        self._addresses: list[str] = []
        self._event = event
        self.results_dir = Path(results_dir) if results_dir is not None else Path(event.dir) / "results"
        self.results_dir.mkdir(parents=True, exist_ok=True)
        self._store = ShareStore(Path(store_dir), self.results_dir)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._port: int | None = None
        self.app = Starlette(
            routes=[
                Route("/s/{token}", self._page, methods=["GET"]),
                Route("/s/{token}/file", self._file, methods=["GET"]),
            ],
            exception_handlers={404: _not_found, 405: _not_found},
        )
        # A redirect from "/s/<token>/" would answer probes with something other than the one bare 404.
        self.app.router.redirect_slashes = False

    # ---- life -------------------------------------------------------------------------------------------

    def start(self) -> str:
        """Listen on the `sharing.bind` addresses and port (0 = any free port); the base URL once accepting."""
        if self._server is not None:
            return self.base_url
        addresses = listen_addresses(self._settings)
        self.guard = Guard(fd_budget(self._limits))  # the limit as it is now (the kiosk raises it at start)
        sockets = _listen_all(addresses, self._settings.port, self._limits.defer_accept_s)
        self._addresses = addresses
        self._port = sockets[0].getsockname()[1]
        config = uvicorn.Config(
            self.app, log_level="warning", access_log=False, lifespan="off", server_header=False,
            http=protocol_for(self.guard), timeout_keep_alive=max(1, int(self.guard.limits.head_timeout_s)),
            backlog=ACCEPT_BACKLOG,
        )  # fmt: skip
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": sockets}, daemon=True, name="share")
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise OSError("share server did not start; see the log")
            time.sleep(0.01)
        for sock in sockets:
            # asyncio listens with the backlog it also accepts per wake-up (ACCEPT_BACKLOG, kept small: each
            # accepted connection is a descriptor until the guard judges it); the kernel may queue far more.
            sock.listen(LISTEN_BACKLOG)
        log.info("share server on %s (listening on %s)", self.base_url, ", ".join(addresses))
        return self.base_url

    def stop(self) -> None:
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.should_exit = True
        if thread is not None:
            thread.join(timeout=10)

    def close(self) -> None:
        self.stop()
        self._store.close()

    def __enter__(self) -> ShareServer:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def port(self) -> int:
        return self._port if self._port is not None else self._settings.port

    @property
    def addresses(self) -> list[str]:
        """Where the server listens (once started)."""
        return list(self._addresses)

    @property
    def base_url(self) -> str:
        """Where guests reach the server: the public base URL if set, else the LAN address it listens on."""
        if self._settings.public_base_url:
            return self._settings.public_base_url.rstrip("/")
        addresses = self._addresses or listen_addresses(self._settings)
        outward = [a for a in addresses if not ipaddress.ip_address(a).is_loopback]
        host = outward[0] if outward else addresses[0]
        host = lan_address() if is_wildcard(host) else host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}"

    # ---- links ------------------------------------------------------------------------------------------

    def publish(self, path: Path, ttl_s: float | None = None) -> str:
        """A download URL for a result file in the event's results folder (nothing is copied).

        The link lives `ttl_s` seconds, by default sharing.token_ttl_h hours, else sharing.link_days days
        (0 = until revoked): links on paper must not open a guest's picture for ever.
        """
        if ttl_s is None:
            ttl_s = link_lifetime_s(self._settings)
        share = self._store.add(Path(path), ttl_s)
        return self.url_for(share.token)

    def url_for(self, token: str) -> str:
        return f"{self.base_url}/s/{token}"

    def revoke(self, token: str) -> bool:
        """End a link now (a guest asked, or the event is over); True if the token existed."""
        return self._store.revoke(token.rsplit("/", 1)[-1])

    def revoke_files(self, paths: list[Path]) -> int:
        """End every link to these files (one guest's results, see booth.forget); how many ended."""
        return self._store.revoke_files(paths)

    def live_paths(self) -> set[Path]:
        """The files a link works for now (a "keep nothing" event keeps exactly these: booth.forget)."""
        return {share.path for share in self._store.live()}

    # ---- routes -----------------------------------------------------------------------------------------

    def _page(self, request: Request) -> Response:
        token = request.path_params["token"]
        share = self._store.lookup(token)
        if share is None:
            return _gone(self._event) if self._store.known(token) else _not_found()
        body = page.render(self._event, token, share.path)
        return HTMLResponse(body, headers={**_HEADERS, "Content-Security-Policy": _PAGE_CSP})

    def _file(self, request: Request) -> Response:
        share = self._store.lookup(request.path_params["token"])
        if share is None:
            return _not_found()
        mime, _kind = page.media_kind(share.path)
        name = f"{self._event.name}-{share.path.name}"
        disposition = "attachment" if request.query_params.get("download") else "inline"
        return FileResponse(
            share.path, media_type=mime, filename=name, content_disposition_type=disposition, headers=_HEADERS
        )


__all__ = ["ShareError", "ShareServer"]
