"""Kiosk test rig: the real booth parts (local engine over loopback, a video-file camera, the job queue,
the share server) assembled by booth.app.start_parts, and a KioskWindow on top, offscreen.

Tests are plain functions handing a coroutine to `arun`, which runs it on a qasync loop over pytest-qt's
QApplication, as the kiosk does; `Guest` (kiosk_rig.py) taps through the screens the way a person would.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from kiosk_rig import write_video

from booth import settings as settings_mod

T = TypeVar("T")


@pytest.fixture(autouse=True)
def collect_qt_garbage() -> Iterator[None]:
    """Free each test's Qt objects on the GUI thread.

    Python's cycle collector runs in whichever thread happens to allocate; a QObject with a live timer
    freed from the camera or engine thread leaves a dangling timer that crashes a later test's event loop.
    """
    yield
    gc.collect()



@pytest.fixture
def arun(qapp: Any) -> Callable[..., Any]:
    """`arun(coro, timeout=60)` runs a coroutine on a qasync loop in the GUI thread and returns its result."""
    import qasync

    def run(coro: Coroutine[Any, Any, T], timeout: float = 60.0) -> T:
        qapp.setQuitOnLastWindowClosed(False)  # closing the kiosk must not stop the loop mid-test
        loop = qasync.QEventLoop(qapp)
        asyncio.set_event_loop(loop)
        try:
            return loop.run_until_complete(asyncio.wait_for(coro, timeout))
        finally:
            loop.close()
            asyncio.set_event_loop(None)

    return run


@pytest.fixture
def video(tmp_path: Path) -> Path:
    return write_video(tmp_path / "guest.avi")


@pytest.fixture
def kiosk_settings(tmp_path: Path, engine: Any, video: Path) -> settings_mod.Settings:
    """Settings for a kiosk on the test engine and the video camera; quick countdown, quick polling."""
    return settings_mod.from_mapping({
        "event": {"name": "Anna & Ben", "dir": str(tmp_path / "event")},
        "api": {"url": engine.url, "auth": "bearer", "catalog_cache": str(tmp_path / "cache")},
        "jobs": {"poll_interval_s": 0.2},
        "camera": {"source": str(video), "width": 640, "height": 480},
        "kiosk": {"countdown_s": 0, "inactivity_s": 30},
        "printing": {"enabled": False},
        "sharing": {"host": "127.0.0.1", "port": 0},
    })
