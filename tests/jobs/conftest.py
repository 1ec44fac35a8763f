"""Fixtures for the job queue tests: a qasync loop inside pytest-qt's QApplication, an event folder.

Async setup, chosen once: the tests are plain functions that hand a coroutine to `arun`, which runs it on
a fresh `qasync.QEventLoop` over the session's QApplication (pytest-qt's `qapp`), with a timeout, then closes
the loop. The queue's Qt signals and asyncio tasks thus share the one GUI-thread loop, as in the kiosk.
pytest-asyncio (installed, auto mode) is not used here because its loops are not Qt loops.
Helpers (photos, `wait_until`, `QueueHarness`) live in jobs_helpers.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import pytest

from booth.jobs.event import EventFolder

T = TypeVar("T")


@pytest.fixture
def arun(qapp: Any) -> Callable[..., Any]:
    """`arun(coro, timeout=30)` -> the coroutine's result, run on a qasync loop in the GUI thread."""
    import qasync

    def run(coro: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
        loop = qasync.QEventLoop(qapp)
        asyncio.set_event_loop(loop)
        try:
            return loop.run_until_complete(asyncio.wait_for(coro, timeout))
        finally:
            loop.close()
            asyncio.set_event_loop(None)

    return run



@pytest.fixture
def event(tmp_path: Path) -> EventFolder:
    return EventFolder(tmp_path / "event")

