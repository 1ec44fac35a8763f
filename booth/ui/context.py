"""What the kiosk and the operator panel share: the running parts of one booth, and one message bridge.

The wiring builds an AppContext once and hands it to both windows, so neither constructs services of its
own and the operator panel sees exactly the queue, camera and printer the guests are using. Problems from
every part travel through the one MessageBridge as `booth.problems.Problem` records: the kiosk turns them
into guest words, the operator panel into sentences in the operator's language, and the log gets
`Problem.log_line()` once (never a sentence, never a secret).

The context is filled in two halves (the camera first, so the kiosk paints its preview at once; the
engine, client and queue a second later). The parts every booth has once started (camera, catalog,
client, queue) are typed as always there: reading one before the wiring set it is a wiring bug and says
so (`PartNotStarted`), rather than every reader guarding against None. Printing and sharing may fail to
start and are None then.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar, overload

from PySide6.QtCore import QObject, Signal

from booth.problems import Problem, ProblemKind, Severity
from booth.settings import Settings

if TYPE_CHECKING:
    from booth.api.client import EventstationClient
    from booth.camera.service import CameraService
    from booth.engine.server import EngineServer
    from booth.jobs.queue import JobQueue
    from booth.printing.service import PrintService
    from booth.sharing.server import ShareServer
    from booth.sync.loop import SyncLoop
    from booth.ui.common.catalog import Catalog

log = logging.getLogger("booth.messages")

LEVELS = ("info", "warning", "error")
# Kinds that are one event each (a job failed, a print failed): told, never standing. Every other kind stands
# until its part says it is over (problem_over -> resolve), even one tied to a job (a photo not yet saved).
ONE_OFF = frozenset({
    ProblemKind.FAILED,
    ProblemKind.DEADLINE,
    ProblemKind.ANSWER_LOST,
    ProblemKind.SEND_INTERRUPTED,
    ProblemKind.PRINT_FAILED,
    ProblemKind.SHARE_FAILED,
})
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Notice:
    """A line the UI itself posts (no part's problem): already in the reader's words, never in the file log
    as a problem. `source` tags it ("operator", "connection" ...), `level` is one of LEVELS."""

    level: str
    source: str
    text: str
    at: float


Message = Problem | Notice


class MessageBridge(QObject):
    """The one place every part reports to; keeps the history for an operator panel opened later.

    Signals: `posted(object)` with each Problem or Notice; `resolved(str)` with the ProblemKind value of a
    standing problem that is over.
    """

    posted = Signal(object)
    resolved = Signal(str)

    def __init__(self, history: int = 200, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._history: deque[Message] = deque(maxlen=history)
        self._active: dict[ProblemKind, Problem] = {}

    def report(self, problem: Problem) -> None:
        """A part's problem: logged once (the record, secrets never in it), kept, and shown by both windows.

        It stands until `resolve(kind)` unless it is a ONE_OFF event (a job's failure lives on the job).
        """
        self._history.append(problem)
        if problem.kind not in ONE_OFF:
            self._active[problem.kind] = problem
        level = logging.ERROR if problem.severity is Severity.ERROR else logging.WARNING
        log.log(level, "%s", problem.log_line())
        self.posted.emit(problem)

    def resolve(self, kind: ProblemKind | str) -> None:
        """A standing problem is over (the service answers, the camera is live again)."""
        try:
            key = ProblemKind(kind)
        except ValueError:
            return
        if self._active.pop(key, None) is not None:
            log.info("%s over", key.value)
            self.resolved.emit(key.value)

    def note(self, text: str, *, level: str = "info", source: str = "booth") -> Notice:
        """A notice the UI words itself (e.g. printing resumed on the operator's word)."""
        notice = Notice(level if level in LEVELS else "error", source, text, time.time())
        self._history.append(notice)
        self.posted.emit(notice)
        return notice

    def history(self) -> list[Message]:
        return list(self._history)

    def active(self) -> list[Problem]:
        """Problems still standing, oldest first."""
        return sorted(self._active.values(), key=lambda p: p.at)


class PartNotStarted(RuntimeError):
    """A window read a part of the booth before the wiring started it."""


class _Started(Generic[T]):
    """A part that exists once the booth started it (see the module docstring)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name
        self._slot = f"_{name}"

    @overload
    def __get__(self, obj: None, owner: type) -> _Started[T]: ...
    @overload
    def __get__(self, obj: AppContext, owner: type) -> T: ...
    def __get__(self, obj: AppContext | None, owner: type) -> _Started[T] | T:
        if obj is None:
            return self
        value: T | None = obj.__dict__.get(self._slot)
        if value is None:
            raise PartNotStarted(f"the booth's {self._name} is read before it was started")
        return value

    def __set__(self, obj: AppContext, value: T) -> None:
        obj.__dict__[self._slot] = value


class AppContext:
    """The running booth. Printing and sharing that failed to start are None, never half-built."""

    camera: _Started[CameraService] = _Started()
    catalog: _Started[Catalog] = _Started()
    client: _Started[EventstationClient] = _Started()
    queue: _Started[JobQueue] = _Started()

    def __init__(
        self,
        settings: Settings,
        messages: MessageBridge,
        *,
        camera: CameraService | None = None,
        catalog: Catalog | None = None,
        client: EventstationClient | None = None,
        queue: JobQueue | None = None,
        printer: PrintService | None = None,
        share: ShareServer | None = None,
        engine: EngineServer | None = None,
        event_dir: Path | None = None,
    ) -> None:
        self.settings = settings
        self.messages = messages
        for name, part in (("camera", camera), ("catalog", catalog), ("client", client), ("queue", queue)):
            if part is not None:
                setattr(self, name, part)
        self.printer = printer
        self.share = share
        self.engine = engine
        self.event_dir = event_dir
        self.refresh_task: asyncio.Task[None] | None = None
        self.keep_nothing_task: asyncio.Task[None] | None = None  # event.keep_nothing: booth.forget.keep_nothing
        self.on_quit: Callable[[], None] | None = None
        self.sync: SyncLoop | None = None  # [sync] on: this kiosk's copy to the event's shared storage
        self.settings_file: Path | None = None  # the file the booth started with: the panel saves there

    def started(self, name: str) -> bool:
        """Whether the always-there part `name` ("camera", "catalog", "client", "queue") is set yet."""
        return self.__dict__.get(f"_{name}") is not None

    @property
    def services_ready(self) -> bool:
        """The second half is up: the client and the queue (booth.app.start_services)."""
        return self.started("client") and self.started("queue")

    def quit(self) -> None:
        """The operator's way out (the only one): the kiosk window lets itself close and the app stops."""
        if self.on_quit is not None:
            self.on_quit()
