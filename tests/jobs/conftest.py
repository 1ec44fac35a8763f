"""Helpers for the job queue tests: a qasync loop inside pytest-qt's QApplication, photos, queues.

Async setup, chosen once: the tests are plain functions that hand a coroutine to `arun`, which runs it on
a fresh `qasync.QEventLoop` over the session's QApplication (pytest-qt's `qapp`), with a timeout, then closes
the loop. The queue's Qt signals and asyncio tasks thus share the one GUI-thread loop, as in the kiosk.
pytest-asyncio (installed, auto mode) is not used here because its loops are not Qt loops.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pytest
from PIL import Image

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


def photo(seed: int, size: tuple[int, int] = (320, 240)) -> bytes:
    """A small, distinct JPEG (different seeds -> different bytes, hence different jobs)."""
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 255, size=(size[1], size[0], 3), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="JPEG", quality=80)
    return out.getvalue()


@pytest.fixture
def event(tmp_path: Path) -> EventFolder:
    return EventFolder(tmp_path / "event")


async def wait_until(check: Callable[[], bool], timeout: float = 20.0, step: float = 0.02) -> None:
    """Poll `check` on the running loop (letting the queue work) until it holds, or fail with a timeout."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(step)
