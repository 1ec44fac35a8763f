"""Where CPU-heavy work runs: one small pool, shared by the whole booth, that leaves the GUI thread a core.

Decoding a 4K result, base64 of megabytes, re-encoding a photo, framing a still: each keeps a core busy
for tens of milliseconds. asyncio's default executor runs up to cpu+4 of them at once, and on a two-core
kiosk that takes the core the GUI thread needs to paint the preview and run the countdown: measured with
benchmarks/queue_throughput.py, the GUI heartbeat stalled 30-60 ms with six such threads and 13-20 ms
with one. So pixel and text crunching goes here, at most cpu_count - 1 at a time; waiting on files,
fsync and SQLite needs no core and stays on `asyncio.to_thread`.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

T = TypeVar("T")

CPU_WORKERS = max(1, (os.cpu_count() or 2) - 1)
# How long a thread may hold the GIL while another waits for it. Python's 5 ms favours throughput; in the
# kiosk the waiting thread is usually the GUI thread, and each wake-up (a timer, a socket, a paint) must
# take the GIL back from a busy worker. At 1 ms the queue benchmark's worst GUI stall went from a median
# of 18 ms to 13 ms over seven runs each.
GUI_SWITCH_INTERVAL_S = 0.001

_pool: ThreadPoolExecutor | None = None
_lock = threading.Lock()


def favour_gui_thread() -> None:
    """For the process that runs the kiosk's GUI loop: hand the GIL over sooner (see GUI_SWITCH_INTERVAL_S)."""
    sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)


def cpu_pool() -> ThreadPoolExecutor:
    """The shared pool, made on first use (threads start lazily, so importing this costs nothing)."""
    global _pool
    with _lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=CPU_WORKERS, thread_name_prefix="booth-cpu")
        return _pool


def submit_cpu(fn: Callable[..., T], /, *args: Any) -> Future[T]:
    """Queue `fn(*args)` on the pool from any thread (Qt code hands the result back with a signal)."""
    return cpu_pool().submit(fn, *args)


async def run_cpu(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """`await run_cpu(fn, ...)`: like asyncio.to_thread, but on the shared CPU pool."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(cpu_pool(), partial(fn, *args, **kwargs))
