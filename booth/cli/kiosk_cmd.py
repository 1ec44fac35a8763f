"""`booth` with no subcommand: the kiosk, full screen (or `--windowed`), on the parts `booth.app` wires.

The launcher is a door like the others: it turns the command line into settings, checks there is a screen,
runs the Qt event loop with asyncio on top (qasync), shows the window before the slow services are up, and
says in one line why the booth could not start. The wiring itself lives in `booth.app`, which knows
nothing of the command line.
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
from typing import TYPE_CHECKING

from booth import settings as settings_mod
from booth.app import start_camera, start_services, stop_parts
from booth.cli.common import let_signals_in, load_settings
from booth.cli.errors import CliError
from booth.cli.survive import Survival
from booth.settings import Settings

if TYPE_CHECKING:
    from booth.camera.service import CameraService
    from booth.ui.kiosk.window import KioskWindow

log = logging.getLogger(__name__)

# Set to a file path: the kiosk writes the wall-clock time of the first painted preview frame there
# (benchmarks/startup.py) and opens straight on the pose screen.
FIRST_FRAME_ENV = "BOOTH_FIRST_FRAME_FILE"
# The exit status after an error storm (booth.cli.survive): EX_SOFTWARE, restarted by the kiosk service.
EXIT_GAVE_UP = 70


def run_kiosk(args: argparse.Namespace) -> int:
    from booth.workers import favour_gui_thread

    settings = load_settings(args)
    _require_screen()
    if not getattr(args, "verbose", False):  # one line per preview download is noise in an event log
        logging.getLogger("httpx").setLevel(logging.WARNING)
    import qasync
    from PySide6.QtWidgets import QApplication

    favour_gui_thread()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("booth")
    app.setQuitOnLastWindowClosed(False)
    ticker = let_signals_in()  # noqa: F841  # kept alive while the loop runs
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        code: int = loop.run_until_complete(_serve(settings, args))
    return code


def _require_screen() -> None:
    """Qt aborts the process with a cryptic plugin message when there is no screen; say what to do instead."""
    if os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return
    raise CliError(
        "no screen found (neither DISPLAY nor WAYLAND_DISPLAY is set): start booth from the kiosk's desktop "
        "session, or on a machine without one run `xvfb-run -s '-screen 0 1920x1080x24' .venv/bin/booth "
        "--windowed`",
        2,
    )


async def _serve(settings: Settings, args: argparse.Namespace) -> int:
    from booth.ui.kiosk.window import KioskWindow
    from booth.ui.operator.panel import panel_opener

    ctx = start_camera(settings)
    ctx.settings_file = settings_mod.config_path(getattr(args, "config", None))  # the panel saves changes there
    window = KioskWindow(ctx, open_operator=panel_opener(ctx))  # the kiosk does not import the panel itself
    closed = asyncio.Event()

    def quit_kiosk() -> None:
        window.allow_close()
        window.close()
        closed.set()

    ctx.on_quit = quit_kiosk
    # Errors that keep coming: stop cleanly (jobs are on disk) and exit non-zero so the service restarts booth.
    survival = Survival(window.recover, give_up=quit_kiosk)
    survival.install(asyncio.get_running_loop())
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: asyncio.get_event_loop().call_soon_threadsafe(quit_kiosk))
    _show(window, windowed=bool(getattr(args, "windowed", False)) or not settings.kiosk.fullscreen)
    bench = os.environ.get(FIRST_FRAME_ENV)
    if bench:
        _report_first_frame(window, bench)
    try:
        try:
            # The live picture first: the engine's imports would compete with the camera's first frames.
            await _first_frame(ctx.camera, timeout_s=1.0)
            await start_services(ctx)
        except Exception as exc:
            log.error("the booth could not start", exc_info=True)
            window.allow_close()
            window.close()
            raise CliError(f"the booth could not start: {exc}", 1) from None
        window.services_ready()
        await closed.wait()
    finally:
        survival.uninstall()
        await stop_parts(ctx)
    return EXIT_GAVE_UP if survival.gave_up else 0


def _show(window: KioskWindow, *, windowed: bool) -> None:
    from PySide6.QtCore import Qt

    if windowed:
        window.resize(1280, 800)
        window.show()
        return
    window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
    window.hide_cursor()
    # Full screen is a request a window manager grants; an X kiosk session has none (or one that leaves a
    # frameless window at its size), so the window takes the screen's size itself. Wayland (cage) ignores it.
    screen = window.screen()
    if screen is not None:
        window.setGeometry(screen.geometry())
    window.showFullScreen()


async def _first_frame(camera: CameraService, timeout_s: float) -> None:
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


def _report_first_frame(window: KioskWindow, path: str) -> None:
    """Benchmark hook: time of the first painted preview frame into `path`, once."""
    preview = window.pose.preview

    def painted(_seq: int) -> None:
        preview.frame_painted.disconnect(painted)
        Path(path).write_text(f"{time.time():.6f}\n", encoding="utf-8")

    preview.frame_painted.connect(painted)
    window.flow.jump_to_pose()
