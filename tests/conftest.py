"""Shared fixtures: a real local engine on a loopback port, an offscreen Qt, scratch event folders."""

from __future__ import annotations

import asyncio
import gc
import os
import tempfile
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never read the developer's own settings: not the file (BOOTH_CONFIG), nor any variable (every
# BOOTH_<SECTION>_<KEY> is a setting).
for _var in [name for name in os.environ if name.upper().startswith("BOOTH_")]:
    os.environ.pop(_var, None)
# Nor write to the developer's own log folder (booth.cli.logfiles), from this process or a booth it starts.
os.environ["BOOTH_LOG_DIR"] = tempfile.mkdtemp(prefix="booth-test-logs-")

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
T = TypeVar("T")


@pytest.fixture(autouse=True)
def collect_qt_garbage(request: pytest.FixtureRequest) -> Iterator[None]:
    """Free each Qt test's objects on the GUI thread.

    Python's cycle collector runs in whichever thread happens to allocate; a QObject with a live timer
    freed from the camera or engine thread leaves a dangling timer that crashes a later test's event loop.
    """
    yield
    if {"qapp", "qtbot"} & set(request.fixturenames):
        gc.collect()


@pytest.fixture
def arun(qapp: Any) -> Callable[..., Any]:
    """`arun(coro, timeout=60)` runs a coroutine on a qasync loop over pytest-qt's QApplication, in the GUI
    thread, as the booth does, and returns its result. (pytest-asyncio's loops are not Qt loops.)"""
    import qasync

    def run(coro: Coroutine[Any, Any, T], timeout: float = 60.0) -> T:
        qapp.setQuitOnLastWindowClosed(False)  # closing a window must not stop the loop mid-test
        loop = qasync.QEventLoop(qapp)
        asyncio.set_event_loop(loop)
        try:
            return loop.run_until_complete(asyncio.wait_for(coro, timeout))
        finally:
            loop.close()
            asyncio.set_event_loop(None)

    return run


@pytest.fixture
def artifacts_dir() -> Path:
    """Where tests leave files for people to look at (screenshots, PDFs)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def engine() -> Iterator[object]:
    """A local engine served by uvicorn on 127.0.0.1 with an ephemeral port, default settings.

    Tests change its behaviour at run time through `engine.configure(...)`.
    """
    from booth.engine.server import EngineServer
    from booth.settings import EngineSettings

    server = EngineServer(EngineSettings())
    server.start()
    try:
        yield server
    finally:
        server.stop()
