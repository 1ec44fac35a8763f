"""The background sync: off the event loop's thread, one standing problem while offline, backoff, recovery."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sync_helpers import WebDav, batch, kiosk_settings, results

from booth.problems import Part, Problem, ProblemKind
from booth.sync.loop import SyncLoop, SyncState
from booth.sync.syncer import Syncer

pytestmark = pytest.mark.slow


async def test_offline_storage_is_one_problem_with_backoff_and_everything_goes_when_it_returns(
    webdav: WebDav, tmp_path: Path
) -> None:
    event_dir = tmp_path / "kiosk"
    batch(event_dir, tmp_path / "photos", ["a.jpg", "b.jpg"])
    webdav.stop()
    problems: list[Problem] = []
    over: list[ProblemKind] = []
    states: list[SyncState] = []
    threads: set[int] = set()
    syncer = Syncer(kiosk_settings(event_dir, webdav.remote, "north"), event_dir)
    run_once = syncer.run_once

    def spy() -> object:
        threads.add(threading.get_ident())
        return run_once()

    syncer.run_once = spy  # type: ignore[method-assign]
    loop = SyncLoop(syncer, 60.0, on_problem=problems.append, on_problem_over=over.append, on_state=states.append,
                    first_retry_s=0.3, max_retry_s=1.0)  # fmt: skip
    loop.start()
    try:
        await _until(lambda: loop.failures >= 3, 30)
        assert [(p.kind, p.part) for p in problems] == [(ProblemKind.SYNC_FAILED, Part.SYNC)]  # once, not per try
        assert problems[0].details["waiting"] == 2
        assert loop.state.error is not None and loop.state.waiting == 2
        assert loop.next_delay() == 1.0  # 0.3, 0.6, then the cap
        assert threading.get_ident() not in threads  # never on the loop's (the GUI's) thread
        webdav.start()
        await _until(lambda: loop.state.last_sync is not None, 30)
    finally:
        await loop.stop()
    assert over == [ProblemKind.SYNC_FAILED]
    assert loop.state.error is None and loop.state.waiting == 0 and loop.state.sent == 3  # 2 results + figures
    arrived = webdav.root / "events" / "gala-2026" / "north" / "results"
    assert {p.name: p.read_bytes() for p in arrived.iterdir()} == results(event_dir)
    assert any(state.busy for state in states)


async def _until(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)
