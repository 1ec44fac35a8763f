"""Polling a condition on the running asyncio loop, for tests that drive the booth through its Qt loop."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


async def wait_until(check: Callable[[], bool], timeout: float = 20.0, what: str = "condition") -> None:
    """Yield to the loop (the booth keeps working) until `check` holds, or fail naming `what`."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        await asyncio.sleep(0.02)
