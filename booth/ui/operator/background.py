"""Running the panel's slow work away from the GUI thread, and handing results back to it.

The panel talks to the network (the API client is async, on the qasync loop) and to the disk (result
thumbnails, camera probing, catalog previews). Either would freeze a touch screen if done in a slot, so
every such call goes through one of the two helpers here. Both deliver the outcome on the GUI thread and
drop it quietly when the widget that asked has been closed meanwhile (an operator may leave the panel
while a connection test is still running).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]

# Tasks and relays must outlive the call that started them; Python would otherwise collect them mid-flight.
_tasks: set[asyncio.Future[Any]] = set()
_relays: set[_Relay] = set()


def _alive(owner: QObject | None) -> bool:
    return owner is None or shiboken6.isValid(owner)


def spawn(
    coro: Awaitable[Any],
    *,
    owner: QObject | None = None,
    on_done: Done | None = None,
    on_error: Failed | None = None,
) -> asyncio.Future[Any]:
    """Schedule a coroutine on the running (qasync) loop; callbacks run on the GUI thread afterwards."""
    task = asyncio.ensure_future(coro)
    _tasks.add(task)

    def finished(fut: asyncio.Future[Any]) -> None:
        _tasks.discard(fut)
        if fut.cancelled() or not _alive(owner):
            return
        exc = fut.exception()
        if exc is not None:
            if on_error is not None:
                on_error(exc)
            else:
                log.warning("operator panel task failed: %s", exc)
        elif on_done is not None:
            on_done(fut.result())

    task.add_done_callback(finished)
    return task


class _Relay(QObject):
    """Carries a worker's outcome across threads.

    It lives in the GUI thread and its slots are methods of its own, so the worker's emit is queued into
    the GUI thread (a bare lambda would run in the worker).
    """

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, owner: QObject | None, on_done: Done | None, on_error: Failed | None) -> None:
        super().__init__()
        self._owner = owner
        self._on_done = on_done
        self._on_error = on_error
        self.succeeded.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)

    @Slot(object)
    def _deliver_result(self, value: object) -> None:
        self._settle()
        if self._on_done is not None and _alive(self._owner):
            self._on_done(value)

    @Slot(object)
    def _deliver_error(self, exc: object) -> None:
        self._settle()
        if self._on_error is not None and _alive(self._owner):
            self._on_error(exc)  # type: ignore[arg-type]
        else:
            log.warning("operator panel background work failed: %s", exc)

    def _settle(self) -> None:
        _relays.discard(self)
        self.deleteLater()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # handed to the GUI thread, which decides what the operator sees
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


def run_in_thread(
    fn: Callable[[], Any],
    *,
    owner: QObject | None = None,
    on_done: Done | None = None,
    on_error: Failed | None = None,
    pool: QThreadPool | None = None,
) -> None:
    """Run a blocking callable on the thread pool; callbacks run on the GUI thread afterwards."""
    relay = _Relay(owner, on_done, on_error)
    _relays.add(relay)
    (pool or QThreadPool.globalInstance()).start(_Job(fn, relay))


def pending_tasks() -> int:
    """How many panel tasks are still running (tests wait for zero before tearing the loop down)."""
    return len(_tasks) + len(_relays)
