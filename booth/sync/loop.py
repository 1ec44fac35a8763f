"""The running booth's sync: a pass every `sync.interval_s`, in a worker thread, backing off while offline.

Guests never wait for the storage: each pass (file listing, figures, rclone) runs in `asyncio.to_thread`,
and this loop only keeps time on the event loop. While the storage cannot be reached it tries again after
2, 4, 8 ... seconds (at most `max_retry_s`), so a venue whose uplink drops for an hour sends everything
minutes after it returns without hammering a dead link meanwhile. The operator hears it as one standing
`SYNC_FAILED` problem (reported once per reason, over when a pass goes through) and reads `state` for the
panel's line: last sync, files waiting, the error.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from booth.problems import Part, Problem, ProblemKind
from booth.sync.rclone import RcloneError
from booth.sync.syncer import Syncer

log = logging.getLogger(__name__)

FIRST_RETRY_S = 2.0
MAX_RETRY_S = 300.0


@dataclass(frozen=True)
class SyncState:
    """What the operator panel shows. `error` is RcloneError.reason (a keyword the UI words), `detail` its
    scrubbed cause; `sent` counts files sent since the booth started."""

    last_sync: float | None = None
    waiting: int = 0
    error: str | None = None
    detail: str = ""
    sent: int = 0
    busy: bool = False


class SyncLoop:
    """Passes of one Syncer, on the asyncio loop of the caller (the GUI's qasync loop in the kiosk)."""

    def __init__(
        self,
        syncer: Syncer,
        interval_s: float,
        *,
        on_problem: Callable[[Problem], None],
        on_problem_over: Callable[[ProblemKind], None],
        on_state: Callable[[SyncState], None] | None = None,
        first_retry_s: float = FIRST_RETRY_S,
        max_retry_s: float = MAX_RETRY_S,
    ) -> None:
        self.syncer = syncer
        self.interval_s = interval_s
        self._on_problem = on_problem
        self._on_problem_over = on_problem_over
        self._on_state = on_state
        self.first_retry_s = first_retry_s
        self.max_retry_s = max_retry_s
        self.state = SyncState()
        self.synced: set[str] = set()  # share tokens whose page and picture are on the storage
        self.failures = 0
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.ensure_future(self._run())

    async def stop(self) -> None:
        """Stop after the pass in flight (rclone's own time limit bounds it; nothing is half-sent: rclone
        writes each file whole or not at all)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def kick(self) -> None:
        """Sync soon (a new share link: its page should reach the storage before the guest scans it)."""
        self._wake.set()

    def link(self, token: str, lan_url: str) -> str:
        """The URL a QR code should carry for a share: its synced page when `sharing.public_base_url` is
        set and the copy is on the storage (it works off the venue Wi-Fi), else the LAN link."""
        public = self.syncer.link_for(token) if token in self.synced else None
        return public or lan_url

    async def withdraw(self, forgotten: list[Path]) -> None:
        """Delete the synced copies of ended links and of a forgotten guest's results now; a storage that is
        away gets it with a later pass (the syncer writes the deletion down first)."""
        try:
            await asyncio.to_thread(self.syncer.withdraw, forgotten)
        except Exception as exc:
            await self._failed(exc)
            return
        self.synced = await asyncio.to_thread(self.syncer.synced_tokens)

    def next_delay(self) -> float:
        if not self.failures:
            return self.interval_s
        return min(self.max_retry_s, math.ldexp(self.first_retry_s, self.failures - 1))

    async def _run(self) -> None:
        while True:
            await self.run_pass()
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.next_delay())

    async def run_pass(self) -> SyncState:
        """One pass in a worker thread; the outcome becomes `state`, a problem or its end."""
        self._set(replace(self.state, busy=True))
        try:
            report = await asyncio.to_thread(self.syncer.run_once)
        except Exception as exc:  # the loop outlives any fault: a dead loop would stop syncing unnoticed
            log.debug("sync pass failed", exc_info=not isinstance(exc, RcloneError))
            return await self._failed(exc)
        self.synced = await asyncio.to_thread(self.syncer.synced_tokens)
        if self.failures:
            self._on_problem_over(ProblemKind.SYNC_FAILED)
        self.failures = 0
        return self._set(SyncState(time.time(), report.waiting, None, "", self.state.sent + len(report.uploaded)))

    async def _failed(self, exc: Exception) -> SyncState:
        reason = exc.reason if isinstance(exc, RcloneError) else "failed"
        detail = exc.detail if isinstance(exc, RcloneError) else str(exc)
        waiting = await asyncio.to_thread(self._waiting)
        if not self.failures or reason != self.state.error:
            self._on_problem(Problem.make(ProblemKind.SYNC_FAILED, Part.SYNC, detail=detail, reason=reason,
                                          waiting=waiting))  # fmt: skip
        self.failures += 1
        log.debug("sync pass failed (%s); next try in %.0f s", reason, self.next_delay())
        return self._set(SyncState(self.state.last_sync, waiting, reason, detail, self.state.sent))

    def _waiting(self) -> int:
        try:
            return self.syncer.waiting()
        except Exception:
            return self.state.waiting

    def _set(self, state: SyncState) -> SyncState:
        self.state = state
        if self._on_state is not None:
            self._on_state(state)
        return state
