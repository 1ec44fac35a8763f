"""Wiring: builds the engine, client, queue, camera, printing and sharing, and connects their problems.

`start_parts` / `stop_parts` are the one place the running booth is assembled and taken down; the kiosk
launcher (`booth.cli.kiosk_cmd`), `booth batch` and the acceptance tests all use them. Printing and sharing
are optional: a failure to start either becomes a Problem on the message bridge and the kiosk carries on
without that option. Every part reports trouble as `booth.problems.Problem` records on its `problem`
signal and the end of a standing problem on `problem_over`; this module connects both to the one bridge,
so each problem reaches the operator log once. Heavy modules (OpenCV, uvicorn) are imported inside the
functions so `import booth.app` stays light. Nothing here imports `booth.cli`: the doors sit above the
wiring, never beside it.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from booth.problems import SERVICE_TROUBLE, Part, Problem, ProblemKind
from booth.settings import Settings

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from booth.api.client import EventstationClient
    from booth.camera.sources import Source
    from booth.engine.server import EngineServer
    from booth.jobs.event import EventFolder
    from booth.jobs.queue import JobQueue
    from booth.ui.context import AppContext, MessageBridge

log = logging.getLogger(__name__)


def start_camera(settings: Settings, *, camera_source: Source | None = None) -> AppContext:
    """The first half: an AppContext with the message bridge, an empty catalog and the camera running.

    The kiosk window can show (and the preview paint) from here on, while `start_services` brings up the
    engine, client and queue, which take a second or more.
    """
    from booth.camera.service import CameraService
    from booth.ui.common.catalog import Catalog
    from booth.ui.context import AppContext, MessageBridge

    ctx = AppContext(settings=settings, messages=MessageBridge())
    ctx.catalog = Catalog()
    ctx.camera = CameraService(settings.camera, source=camera_source)
    wire_problems(ctx.camera.problem, ctx.camera.problem_over, ctx.messages)
    ctx.camera.start()
    return ctx


async def start_services(ctx: AppContext) -> AppContext:
    """The second half: local engine (if no api.url), client, cached catalog, job queue, printing, sharing."""

    from booth.api.client import EventstationClient
    from booth.jobs.event import EventFolder
    from booth.jobs.queue import CLIENT_RETRY

    t0 = time.monotonic()
    settings = ctx.settings
    base_url = settings.api.url
    if settings.uses_local_engine:
        ctx.engine, base_url = await asyncio.to_thread(_start_engine, settings)
        log.info("local engine at %s", base_url)
    ctx.client = EventstationClient(settings.api, base_url=base_url, retry=CLIENT_RETRY)
    event = EventFolder(settings.event.dir)
    ctx.event_dir = event.path
    queue = build_queue(settings, event, ctx.client)
    wire_problems(queue.problem, queue.problem_over, ctx.messages)
    queue.online_changed.connect(functools.partial(_service_answers, ctx.messages))
    await asyncio.gather(ctx.catalog.load_cached(settings.api.catalog_cache, base_url), queue.start())
    ctx.queue = queue
    # Printing and sharing do not know the jobs part: the wiring hands them their folders in the event folder.
    _start_printing(ctx, event.prints)
    await _start_sharing(ctx, event.shares, event.results)
    _start_sync(ctx)
    _start_keep_nothing(ctx)
    ctx.refresh_task = asyncio.ensure_future(ctx.catalog.refresh(ctx.client))
    log.info("booth services started in %.0f ms", (time.monotonic() - t0) * 1000)
    return ctx


async def start_parts(settings: Settings, *, camera_source: Source | None = None) -> AppContext:
    """Start everything the kiosk needs and return the AppContext (camera first, then the services)."""
    return await start_services(start_camera(settings, camera_source=camera_source))


def build_queue(settings: Settings, event: EventFolder, client: EventstationClient) -> JobQueue:
    """The job queue as the kiosk and `booth batch` drive it; its offline fallback starts the local engine
    through the one factory, so `[engine]` applies there too."""
    from booth.engine.factory import make_engine
    from booth.jobs.queue import JobQueue

    return JobQueue(
        event,
        client,
        settings.jobs,
        api_settings=settings.api,
        event_name=settings.event.name,
        engine_factory=functools.partial(make_engine, settings.engine),
    )


def wire_problems(problem: SignalInstance, problem_over: SignalInstance, bridge: MessageBridge) -> None:
    """A part's `problem(Problem)` and `problem_over(kind)` signals, to the one message bridge."""
    problem.connect(bridge.report)
    problem_over.connect(bridge.resolve)


def _service_answers(bridge: MessageBridge, online: bool) -> None:
    """A run went through: whatever kept the service from answering is over."""
    if online:
        for kind in SERVICE_TROUBLE:
            bridge.resolve(kind)


def _start_engine(settings: Settings) -> tuple[EngineServer, str]:
    """Build and start the local engine off the GUI thread (uvicorn and the looks take a while to load)."""
    from booth.engine.factory import make_engine

    engine = make_engine(settings.engine)
    return engine, engine.start()


def _start_printing(ctx: AppContext, prints_dir: Path) -> None:
    s = ctx.settings
    if not s.printing.enabled:
        return
    try:
        from booth.printing.service import PrintService

        printer = PrintService(s.printing, s.event, prints_dir, guest_limit=s.kiosk.max_print_copies)
        wire_problems(printer.problem, printer.problem_over, ctx.messages)
        printer.start()
    except Exception as exc:
        ctx.printer = None
        _part_off(ctx.messages, ProblemKind.PRINTING_OFF, exc)
    else:
        ctx.printer = printer


async def _start_sharing(ctx: AppContext, shares_dir: Path, results_dir: Path) -> None:
    s = ctx.settings
    if not s.sharing.enabled:
        return
    try:
        from booth.sharing.server import ShareServer

        sharing = s.sharing
        if s.sync.enabled:  # public_base_url is the synced copies' website (ctx.sync.link); the server is the LAN's
            sharing = sharing.model_copy(update={"public_base_url": ""})
        share = ShareServer(sharing, s.event, shares_dir, results_dir=results_dir)
        await asyncio.to_thread(share.start)
    except Exception as exc:
        ctx.share = None
        _part_off(ctx.messages, ProblemKind.SHARING_OFF, exc)
    else:
        ctx.share = share


def _start_sync(ctx: AppContext) -> None:
    """Copy results, share pages and figures to the event's shared storage in the background ([sync])."""
    s = ctx.settings
    if not (s.sync.enabled and s.sync.remote) or ctx.event_dir is None:
        return
    from booth.sync.loop import SyncLoop
    from booth.sync.syncer import Syncer

    try:
        syncer = Syncer(s, ctx.event_dir)
    except ValueError as exc:  # a connection string rclone would not read
        _part_off(ctx.messages, ProblemKind.SYNC_FAILED, exc)
        return
    ctx.sync = SyncLoop(syncer, s.sync.interval_s, on_problem=ctx.messages.report,
                        on_problem_over=ctx.messages.resolve)  # fmt: skip
    ctx.sync.start()


def _start_keep_nothing(ctx: AppContext) -> None:
    """A "QR only, keep nothing" event forgets each guest once their link has expired (booth.forget)."""
    s = ctx.settings
    if not s.event.keep_nothing or ctx.event_dir is None:
        return
    from booth.forget import keep_nothing
    from booth.sharing.server import link_lifetime_s

    lifetime = link_lifetime_s(s.sharing) or 0.0  # settings made sure a link ends
    ctx.keep_nothing_task = asyncio.ensure_future(keep_nothing(
        ctx.queue, ctx.event_dir, lifetime, printer=ctx.printer, share=ctx.share, sync=ctx.sync))


def _part_off(bridge: MessageBridge, kind: ProblemKind, exc: Exception) -> None:
    """An optional part did not start: the operator hears it through the bridge (which logs it once); the
    traceback goes to the debug log for whoever fixes it."""
    log.debug("%s: the part did not start", kind, exc_info=exc)
    bridge.report(Problem.make(kind, Part.BOOTH, detail=exc))


async def stop_parts(ctx: AppContext) -> None:
    """Stop in reverse order; each step is attempted even if an earlier one fails (nothing is lost)."""
    if ctx.refresh_task is not None:
        ctx.refresh_task.cancel()
    if ctx.keep_nothing_task is not None:
        ctx.keep_nothing_task.cancel()
    steps: list[tuple[str, Callable[[], object]]] = [
        ("sync", lambda: ctx.sync.stop() if ctx.sync is not None else None),
        ("camera", lambda: ctx.camera.stop() if ctx.started("camera") else None),
        ("queue", lambda: ctx.queue.stop() if ctx.started("queue") else None),
        ("printing", lambda: ctx.printer.stop() if ctx.printer else None),
        ("sharing", lambda: ctx.share.stop() if ctx.share else None),
        ("client", lambda: ctx.client.aclose() if ctx.started("client") else None),
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
