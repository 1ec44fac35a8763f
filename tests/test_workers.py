"""The shared CPU pool: heavy work runs off the calling thread, never more than CPU_WORKERS at a time."""

from __future__ import annotations

import asyncio
import sys
import threading
import time

import pytest

from booth import workers


def test_run_cpu_runs_on_a_pool_thread_and_returns_the_value() -> None:
    async def main() -> tuple[str, int]:
        return await workers.run_cpu(lambda a, b=0: (threading.current_thread().name, a + b), 2, b=3)

    name, value = asyncio.run(main())
    assert name.startswith("booth-cpu")
    assert value == 5


def test_no_more_than_cpu_workers_run_at_once() -> None:
    running = 0
    peak = 0
    lock = threading.Lock()

    def busy() -> None:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.02)
        with lock:
            running -= 1

    async def main() -> None:
        await asyncio.gather(*(workers.run_cpu(busy) for _ in range(workers.CPU_WORKERS * 3 + 2)))

    asyncio.run(main())
    assert peak == workers.CPU_WORKERS


def test_errors_reach_the_caller() -> None:
    def broken() -> None:
        raise ValueError("not an image")

    async def main() -> None:
        await workers.run_cpu(broken)

    with pytest.raises(ValueError, match="not an image"):
        asyncio.run(main())


def test_the_gui_process_hands_the_gil_over_within_a_millisecond() -> None:
    before = sys.getswitchinterval()
    try:
        workers.favour_gui_thread()
        assert sys.getswitchinterval() == pytest.approx(workers.GUI_SWITCH_INTERVAL_S)
        assert before > workers.GUI_SWITCH_INTERVAL_S
    finally:
        sys.setswitchinterval(before)
