"""The live wall: the newest pictures of every kiosk of an event, with their QR codes, on any screen.

`booth wall --remote REMOTE --event NAME` runs on any laptop plugged into a TV: a puller thread copies each
kiosk's results and figures from the shared storage every few seconds (rclone's own checks make each pull
cheap), and a small stdlib HTTP server hands a full-screen page (booth/sync/wall.html: plain HTML, CSS and
a few lines of script, no framework) the newest items as JSON. The page asks every 2 s and shows a new
picture as soon as it arrives; each item's QR code is the synced share page's link from the kiosk's
figures (none when the guest did not ask for one). The page reports what it shows (POST /shown), so the
terminal and the tests know a screen is up and what is on it.
"""

from __future__ import annotations

import base64
import html
import json
import logging
import mimetypes
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any

from booth.settings import EventSettings
from booth.sync.figures import parse_lines
from booth.sync.rclone import Rclone, RcloneError
from booth.sync.syncer import FIGURES, event_slug

log = logging.getLogger(__name__)

NEWEST = 30  # items the page gets
MAX_LOGO_BYTES = 512 * 1024
VIDEO_SUFFIXES = {".mp4", ".webm", ".mov"}


@dataclass(frozen=True)
class Item:
    id: str  # kiosk/file: unique across the event
    kiosk: str
    path: Path
    time: float
    link: str | None

    def as_json(self, qr: str | None) -> dict[str, Any]:
        return {"id": self.id, "kiosk": self.kiosk, "src": f"media/{self.id}", "time": self.time,
                "video": self.path.suffix.lower() in VIDEO_SUFFIXES, "qr": qr}  # fmt: skip


def scan(cache: Path, newest: int = NEWEST) -> list[Item]:
    """The newest results under `cache/<kiosk>/results/`, newest first; time and link from the kiosk's figures."""
    items: list[Item] = []
    for kiosk_dir in sorted(p for p in cache.iterdir() if p.is_dir()) if cache.is_dir() else ():
        lines: dict[str, dict[str, Any]] = {}
        figures = kiosk_dir / FIGURES
        if figures.is_file():
            lines = {str(line["result"]): line for line in parse_lines(figures.read_text()) if line.get("result")}
        results = kiosk_dir / "results"
        for path in results.iterdir() if results.is_dir() else ():
            if path.name.startswith(".") or not path.is_file():
                continue
            line = lines.get(f"results/{path.name}", {})
            when = float(line.get("updated_at") or path.stat().st_mtime)
            items.append(Item(f"{kiosk_dir.name}/{path.name}", kiosk_dir.name, path, when, line.get("link")))
    items.sort(key=lambda item: item.time, reverse=True)
    return items[:newest]


def qr_data_uri(link: str) -> str:
    import segno

    return str(segno.make(link, error="m").svg_data_uri(scale=6, border=2))


def render_page(event: EventSettings) -> str:
    template = resources.files("booth.sync").joinpath("wall.html").read_text(encoding="utf-8")
    return template.format(title=html.escape(event.name), primary=event.primary_color, accent=event.accent_color,
                           text=event.text_color, logo=_logo_tag(event.logo))  # fmt: skip


def _logo_tag(logo: Path | None) -> str:
    if logo is None or not logo.is_file() or logo.stat().st_size > MAX_LOGO_BYTES:
        return ""
    mime = mimetypes.guess_type(logo.name)[0] or "image/png"
    return f'<img src="data:{mime};base64,{base64.b64encode(logo.read_bytes()).decode()}" alt="">'


@dataclass
class Wall:
    """Puller and server of one event's wall. `start()` returns the page's URL; `stop()` ends both."""

    rclone: Rclone
    event_name: str
    event: EventSettings
    cache: Path
    every_s: float = 3.0
    host: str = "127.0.0.1"
    port: int = 0
    shown: dict[str, Any] = field(default_factory=dict)  # the page's last report
    error: str | None = None  # the last pull's trouble, None while pulls go through
    pulls: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _qr: dict[str, str] = field(default_factory=dict)
    _server: ThreadingHTTPServer | None = None

    def pull(self) -> None:
        """One pull: new results (size and name suffice: results never change) and the figures (always)."""
        slug = event_slug(self.event_name)
        self.rclone.pull(slug, self.cache, ["/*/results/**"])
        self.rclone.pull(slug, self.cache, [f"/*/{FIGURES}"], always=True)
        self.pulls += 1

    def _pull_loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.pull()
                self.error = None
            except RcloneError as exc:
                if exc.detail != self.error:
                    log.warning("the wall cannot pull from the storage (%s); it shows what it has", exc)
                self.error = exc.detail
            self._stop.wait(self.every_s)

    def items(self) -> list[dict[str, Any]]:
        out = []
        for item in scan(self.cache):
            qr = None
            if item.link:
                qr = self._qr.get(item.link) or self._qr.setdefault(item.link, qr_data_uri(item.link))
            out.append(item.as_json(qr))
        return out

    def media(self, ident: str) -> Path | None:
        """The cached result an item id (`kiosk/file`) names, never anything outside the cache's results."""
        kiosk, _, name = ident.partition("/")
        if not kiosk or not name or "/" in name or name.startswith(".") or kiosk.startswith("."):
            return None
        path = (self.cache / kiosk / "results" / name).resolve()
        return path if path.is_relative_to(self.cache.resolve()) and path.is_file() else None

    def start(self) -> str:
        self.cache.mkdir(parents=True, exist_ok=True)
        self._server = ThreadingHTTPServer((self.host, self.port), _handler(self, render_page(self.event)))
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name="wall-http", daemon=True).start()
        threading.Thread(target=self._pull_loop, name="wall-pull", daemon=True).start()
        return f"http://{self.host}:{self._server.server_address[1]}/"

    def stop(self) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


def _handler(wall: Wall, page: str) -> type[BaseHTTPRequestHandler]:
    body = page.encode()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            log.debug("wall: " + format, *args)

        def _send(self, status: int, data: bytes, mime: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", mime)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            route = self.path.split("?", 1)[0]
            if route == "/":
                self._send(HTTPStatus.OK, body, "text/html; charset=utf-8")
            elif route == "/items.json":
                data = json.dumps({"items": wall.items(), "error": wall.error, "at": time.time()}).encode()
                self._send(HTTPStatus.OK, data, "application/json")
            elif route.startswith("/media/") and (path := wall.media(route[len("/media/") :])) is not None:
                self._send(HTTPStatus.OK, path.read_bytes(), mimetypes.guess_type(path.name)[0] or "image/jpeg")
            else:
                self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")

        def do_POST(self) -> None:
            length = min(int(self.headers.get("Content-Length") or 0), 64 * 1024)
            if self.path == "/shown":
                try:
                    report = json.loads(self.rfile.read(length) or b"{}")
                except ValueError:
                    report = None
                if isinstance(report, dict):
                    wall.shown = {**report, "at": time.time()}
            self._send(HTTPStatus.NO_CONTENT, b"", "text/plain")

    return Handler
