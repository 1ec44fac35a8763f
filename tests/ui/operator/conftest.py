"""Operator panel test rig: the real booth parts assembled by booth.app.start_parts (the local engine over
loopback, the demo camera, the job queue on a scratch event folder, printing when asked) with the panel on top.

Tests are plain functions handing a coroutine to `arun`, which runs it on a qasync loop over pytest-qt's
QApplication, as the booth does.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import pytest

from booth import settings as settings_mod

T = TypeVar("T")


@pytest.fixture
def arun(qapp: Any) -> Callable[..., Any]:
    """`arun(coro, timeout=60)` runs a coroutine on a qasync loop in the GUI thread and returns its result."""
    import qasync

    def run(coro: Coroutine[Any, Any, T], timeout: float = 60.0) -> T:
        qapp.setQuitOnLastWindowClosed(False)
        loop = qasync.QEventLoop(qapp)
        asyncio.set_event_loop(loop)
        try:
            return loop.run_until_complete(asyncio.wait_for(coro, timeout))
        finally:
            loop.close()
            asyncio.set_event_loop(None)

    return run


@pytest.fixture
def operator_settings(tmp_path: Path, engine: Any) -> settings_mod.Settings:
    """A booth on the test engine and the demo camera, printing off, sharing on loopback."""
    return settings_mod.from_mapping({
        "event": {"name": "Anna & Ben", "dir": str(tmp_path / "event")},
        "api": {"url": engine.url, "auth": "bearer", "catalog_cache": str(tmp_path / "cache")},
        "jobs": {"poll_interval_s": 0.2},
        "camera": {"source": "demo", "width": 640, "height": 480},
        "printing": {"enabled": False},
        "sharing": {"host": "127.0.0.1", "port": 0},
    })
