"""Wiring: builds settings, engine, client, queue, camera, printing, sharing and the kiosk window.

`start_parts` / `stop_parts` are the one place the running booth is assembled and taken down; the kiosk
(`run_kiosk`) and the acceptance tests both use them. Printing and sharing are optional: a failure to
start either becomes an operator message and the kiosk carries on without that option. Heavy modules
(OpenCV, uvicorn, Qt widgets) are imported inside the functions so `import booth.app` stays light.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from booth.settings import Settings

if TYPE_CHECKING:
    from booth.jobs.event import EventFolder

log = logging.getLogger(__name__)

# Set to a file path: the kiosk writes the wall-clock time of the first painted preview frame there
# (benchmarks/startup.py) and opens straight on the pose screen.
FIRST_FRAME_ENV = "BOOTH_FIRST_FRAME_FILE"


def start_camera(settings: Settings, *, camera_source: Any = None) -> Any:
    """The first half: an AppContext with the message bridge, an empty catalog and the camera running.

    The kiosk window can show (and the preview paint) from here on, while `start_services` brings up the
    engine, client and queue, which take a second or more.
    """
    from booth.camera.service import CameraService
    from booth.ui.context import AppContext, MessageBridge
    from booth.ui.kiosk.catalog import Catalog

    ctx = AppContext(settings=settings, messages=MessageBridge())
    ctx.catalog = Catalog()
    ctx.camera = CameraService(settings.camera, source=camera_source)
    ctx.camera.start()
    return ctx


async def start_services(ctx: Any) -> Any:
    """The second half: local engine (if no api.url), client, cached catalog, job queue, printing, sharing."""
    from functools import partial

    from booth.api.client import EventstationClient
    from booth.engine.factory import make_engine
    from booth.jobs.event import EventFolder
    from booth.jobs.queue import CLIENT_RETRY, JobQueue

    t0 = time.monotonic()
    settings = ctx.settings
    base_url = settings.api.url
    if settings.uses_local_engine:
        ctx.engine, base_url = await asyncio.to_thread(_start_engine, settings)
        log.info("local engine at %s", base_url)
    ctx.client = EventstationClient(settings.api, base_url=base_url, retry=CLIENT_RETRY)
    event = EventFolder(settings.event.dir)
    ctx.event_dir = event.path
    queue = JobQueue(event, ctx.client, settings.jobs, api_settings=settings.api, event_name=settings.event.name,
                     engine_factory=partial(make_engine, settings.engine))  # fmt: skip
    await asyncio.gather(ctx.catalog.load_cached(settings.api.catalog_cache, base_url), queue.start())
    ctx.queue = queue
    _start_printing(ctx, event.prints)
    await _start_sharing(ctx, event)
    _wire_messages(ctx)
    ctx.refresh_task = asyncio.ensure_future(ctx.catalog.refresh(ctx.client))
    log.info("booth services started in %.0f ms", (time.monotonic() - t0) * 1000)
    return ctx


async def start_parts(settings: Settings, *, camera_source: Any = None) -> Any:
    """Start everything the kiosk needs and return the AppContext (camera first, then the services)."""
    return await start_services(start_camera(settings, camera_source=camera_source))


def _start_engine(settings: Settings) -> tuple[Any, str]:
    """Import and start the local engine off the GUI thread (uvicorn and the looks take a while to load)."""
    from booth.engine.factory import make_engine

    engine = make_engine(settings.engine)
    return engine, engine.start()


def _start_printing(ctx: Any, prints_dir: Path) -> None:
    s = ctx.settings
    if not s.printing.enabled:
        return
    try:
        from booth.printing.service import PrintService

        ctx.printer = PrintService(s.printing, s.event, prints_dir, guest_limit=s.kiosk.max_print_copies)
        ctx.printer.start()
    except Exception as exc:
        ctx.printer = None
        log.warning("printing is off: %s", exc, exc_info=True)
        ctx.messages.warning("printer", f"Printing could not start ({exc}); guests get the QR code only.")


async def _start_sharing(ctx: Any, event: EventFolder) -> None:
    s = ctx.settings
    if not s.sharing.enabled:
        return
    try:
        from booth.sharing.server import ShareServer

        ctx.share = ShareServer(s.sharing, s.event, event.shares, results_dir=event.results)
        await asyncio.to_thread(ctx.share.start)
    except Exception as exc:
        ctx.share = None
        log.warning("sharing is off: %s", exc, exc_info=True)
        ctx.messages.warning("share", f"The download server could not start ({exc}); no QR codes for now.")


def _wire_messages(ctx: Any) -> None:
    """Every part reports to the one bridge (kiosk banner, operator panel, log)."""
    m = ctx.messages
    # Until the bridge takes Problem records (h2's MessageBridge.report): the record's log line, as before.
    ctx.queue.problem.connect(lambda problem: m.warning(problem.kind.value, problem.log_line()))
    ctx.queue.problem_over.connect(m.clear)

    def online(is_online: bool) -> None:
        if is_online:  # a run went through: the service troubles are over
            for kind in ("offline", "server", "rate_limited"):
                m.clear(kind)

    ctx.queue.online_changed.connect(online)

    def camera_state(state: str, detail: str) -> None:
        if state == "reconnecting":
            m.warning("camera", detail or "the camera stopped sending pictures; reconnecting")
        elif state == "live":
            m.clear("camera")

    ctx.camera.state_changed.connect(camera_state)
    if ctx.printer is not None:
        def printer_state() -> None:
            status = ctx.printer.status()
            if status.ok:
                m.clear("printer")
            elif status.state not in ("unknown",):
                m.warning("printer", f"{status.name}: {status.state} ({status.reason})")

        ctx.printer.printer_changed.connect(printer_state)


async def stop_parts(ctx: Any) -> None:
    """Stop in reverse order; each step is attempted even if an earlier one fails (nothing is lost)."""
    task = getattr(ctx, "refresh_task", None)
    if task is not None:
        task.cancel()
    steps = [
        ("camera", lambda: ctx.camera.stop() if ctx.camera else None),
        ("queue", lambda: ctx.queue.stop() if ctx.queue else None),
        ("printing", lambda: ctx.printer.stop() if ctx.printer else None),
        ("sharing", lambda: ctx.share.stop() if ctx.share else None),
        ("client", lambda: ctx.client.aclose() if ctx.client else None),
    ]
    for name, step in steps:
        try:
            result = step()
            if asyncio.iscoroutine(result):
                await result
        except Exception:
            log.warning("stopping %s failed", name, exc_info=True)
    if ctx.engine is not None:
        await asyncio.to_thread(ctx.engine.stop)


async def _first_frame(camera: Any, timeout_s: float) -> None:
    """Wait until the camera delivered a frame (or `timeout_s` passed, e.g. no camera plugged in)."""
    if camera.latest() is not None:
        return
    arrived = asyncio.Event()
    camera.frame_ready.connect(arrived.set)
    try:
        await asyncio.wait_for(arrived.wait(), timeout_s)
    except TimeoutError:
        pass
    finally:
        camera.frame_ready.disconnect(arrived.set)


def _report_first_frame(window: Any, path: str) -> None:
    """Benchmark hook: time of the first painted preview frame into `path`, once."""
    preview = window.pose.preview

    def painted(_seq: int) -> None:
        preview.frame_painted.disconnect(painted)
        Path(path).write_text(f"{time.time():.6f}\n", encoding="utf-8")

    preview.frame_painted.connect(painted)
    window.flow.jump_to_pose()


async def _serve(settings: Settings, args: argparse.Namespace) -> int:
    from PySide6.QtCore import Qt

    from booth.ui.kiosk.window import KioskWindow

    ctx = start_camera(settings)
    window = KioskWindow(ctx)
    closed = asyncio.Event()

    def quit_kiosk() -> None:
        window.allow_close()
        window.close()
        closed.set()

    ctx.on_quit = quit_kiosk
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: asyncio.get_event_loop().call_soon_threadsafe(quit_kiosk))
    windowed = bool(getattr(args, "windowed", False)) or not settings.kiosk.fullscreen
    if windowed:
        window.resize(1280, 800)
        window.show()
    else:
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.hide_cursor()
        window.showFullScreen()
    bench = os.environ.get(FIRST_FRAME_ENV)
    if bench:
        _report_first_frame(window, bench)
    try:
        try:
            # The live picture first: the engine's imports would compete with the camera's first frames.
            await _first_frame(ctx.camera, timeout_s=1.0)
            await start_services(ctx)
        except Exception as exc:
            from booth.cli import CliError

            log.error("the booth could not start", exc_info=True)
            window.allow_close()
            window.close()
            raise CliError(f"the booth could not start: {exc}", 1) from None
        window.services_ready()
        await closed.wait()
    finally:
        await stop_parts(ctx)
    return 0


def _require_screen() -> None:
    """Qt aborts the process with a cryptic plugin message when there is no screen; say what to do instead."""
    import os

    from booth.cli import CliError

    if os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return
    raise CliError(
        "no screen found (neither DISPLAY nor WAYLAND_DISPLAY is set): start booth from the kiosk's desktop "
        "session, or on a machine without one run `xvfb-run -s '-screen 0 1920x1080x24' .venv/bin/booth "
        "--windowed`",
        2,
    )


def run_kiosk(args: argparse.Namespace) -> int:
    from booth.cli.common import load_settings
    from booth.workers import favour_gui_thread

    settings = load_settings(args)
    _require_screen()
    if not getattr(args, "verbose", False):  # one line per preview download is noise in an event log
        logging.getLogger("httpx").setLevel(logging.WARNING)
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    favour_gui_thread()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("booth")
    app.setQuitOnLastWindowClosed(False)
    # Python only runs signal handlers between bytecodes; a idle timer lets Ctrl+C/SIGTERM in.
    ticker = QTimer()
    ticker.start(250)
    ticker.timeout.connect(lambda: None)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        return loop.run_until_complete(_serve(settings, args))
