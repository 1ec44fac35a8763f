"""Keeping the kiosk up through a bug: an uncaught error is logged and the guest is sent back to the start.

A kiosk runs for hours with nobody at a terminal. An exception that escapes a Qt slot reaches
`sys.excepthook` (PySide6 prints and carries on, leaving a screen half-way through a step); one that escapes
an asyncio task or callback reaches the loop's exception handler (asyncio prints to stderr, which a kiosk
session throws away). Both are routed here: the error goes to the log (through the root handlers, whose
redaction filter scrubs secrets from the message and the traceback) and `recover` runs once, on the loop,
after the failing call has unwound. A thread that dies is logged the same way; recovery happens on the loop.

Errors that keep coming (`storm_limit` within `storm_window_s`) mean recovery does not help: `give_up` ends
the process so the service manager starts a fresh one (packaging/kiosk/booth-kiosk.service restarts it).
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from types import TracebackType
from typing import Any

log = logging.getLogger("booth.survive")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class Survival:
    """Installs the hooks on `install(loop)` and puts the previous ones back on `uninstall()`."""

    def __init__(
        self,
        recover: Callable[[], None],
        *,
        give_up: Callable[[], None] | None = None,
        storm_limit: int = 20,
        storm_window_s: float = 60.0,
    ) -> None:
        self._recover = recover
        self._give_up = give_up
        self._storm_limit = storm_limit
        self._storm_window_s = storm_window_s
        self._recent: deque[float] = deque()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pending = False
        self._gave_up = False
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self.caught = 0  # errors survived so far (the support bundle and tests read it)

    @property
    def gave_up(self) -> bool:
        return self._gave_up

    def install(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self._on_slot_error
        threading.excepthook = self._on_thread_error
        loop.set_exception_handler(self._on_loop_error)

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook
        if self._loop is not None and not self._loop.is_closed():
            self._loop.set_exception_handler(None)
        self._loop = None

    # ---- the three ways an error escapes ----------------------------------------------------------
    def _on_slot_error(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(kind, Exception):  # Ctrl+C, SystemExit: not ours to swallow
            self._previous_hook(kind, value, tb)
            return
        self._caught("an uncaught error in the kiosk", (kind, value, tb))

    def _on_thread_error(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or not issubclass(args.exc_type, Exception):
            self._previous_thread_hook(args)
            return
        name = args.thread.name if args.thread is not None else "?"
        self._caught(f"an uncaught error in thread {name}", (args.exc_type, args.exc_value, args.exc_traceback))

    def _on_loop_error(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        message = str(context.get("message") or "asyncio error")
        if not isinstance(exc, Exception):  # a notice without an error ("Task was destroyed but ..."): no harm done
            log.error("%s", message)
            return
        self._caught(f"an uncaught error in a task ({message})", (type(exc), exc, exc.__traceback__))

    # ---- what follows ------------------------------------------------------------------------------
    def _caught(self, what: str, info: ExcInfo) -> None:
        self.caught += 1
        log.critical("%s; the kiosk goes back to the attract screen", what, exc_info=info)
        now = time.monotonic()
        self._recent.append(now)
        while self._recent and now - self._recent[0] > self._storm_window_s:
            self._recent.popleft()
        if len(self._recent) >= self._storm_limit and self._give_up is not None and not self._gave_up:
            self._gave_up = True
            log.critical("%d errors within %.0f s: ending the kiosk so its service starts it afresh",
                         len(self._recent), self._storm_window_s)
            self._schedule(self._give_up)
            return
        if not self._pending:
            self._pending = True
            self._schedule(self._run_recover)

    def _schedule(self, callback: Callable[[], None]) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            loop.call_soon_threadsafe(callback)
        except RuntimeError:  # the loop is closing: nothing left to recover
            pass

    def _run_recover(self) -> None:
        self._pending = False
        try:
            self._recover()
        except Exception:  # recovery itself broke: log it, never loop on it
            log.critical("going back to the attract screen failed", exc_info=True)
