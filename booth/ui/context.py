"""What the kiosk and the operator panel share: the running parts of one booth, and one message bridge.

`booth.app` builds an AppContext once and hands it to both windows, so neither constructs services of its
own and the operator panel sees exactly the queue, camera and printer the guests are using. Problems from
every part travel through the one MessageBridge: the kiosk turns them into guest words, the operator panel
into details, and the log gets the full record.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from booth.settings import Settings

if TYPE_CHECKING:
    from booth.sync.loop import SyncLoop

log = logging.getLogger("booth.messages")

LEVELS = ("info", "warning", "error")


@dataclass(frozen=True, slots=True)
class Message:
    """One problem or notice: `kind` is machine-readable (e.g. "offline", "printer"), `text` for the operator."""

    level: str
    kind: str
    text: str
    at: float


class MessageBridge(QObject):
    """The one place any part reports to; keeps the recent history for an operator panel opened later.

    Signals: `posted(Message)` for every message; `cleared(str)` when a kind of problem is over.
    """

    posted = Signal(object)
    cleared = Signal(str)

    def __init__(self, history: int = 200, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._history: deque[Message] = deque(maxlen=history)
        self._active: dict[str, Message] = {}

    def post(self, level: str, kind: str, text: str) -> Message:
        if level not in LEVELS:
            level = "error"
        msg = Message(level, kind, text, time.time())
        self._history.append(msg)
        if level != "info":
            self._active[kind] = msg
        log.log({"info": logging.INFO, "warning": logging.WARNING}.get(level, logging.ERROR), "%s: %s", kind, text)
        self.posted.emit(msg)
        return msg

    def info(self, kind: str, text: str) -> Message:
        return self.post("info", kind, text)

    def warning(self, kind: str, text: str) -> Message:
        return self.post("warning", kind, text)

    def error(self, kind: str, text: str) -> Message:
        return self.post("error", kind, text)

    def clear(self, kind: str) -> None:
        if self._active.pop(kind, None) is not None:
            self.cleared.emit(kind)

    def history(self) -> list[Message]:
        return list(self._history)

    def active(self) -> list[Message]:
        """Problems still standing (warnings and errors not cleared), oldest first."""
        return sorted(self._active.values(), key=lambda m: m.at)


@dataclass
class AppContext:
    """The running booth. Parts that failed to start (printing, sharing) are None, never half-built.

    `queue` is a booth.jobs.queue.JobQueue, `camera` a booth.camera.service.CameraService, `printer` a
    booth.printing.service.PrintService, `share` a booth.sharing.server.ShareServer, `catalog` a
    booth.ui.kiosk.catalog.Catalog; typed loosely so this module stays importable while parts are missing.
    """

    settings: Settings
    messages: MessageBridge
    client: Any = None
    queue: Any = None
    camera: Any = None
    printer: Any = None
    share: Any = None
    catalog: Any = None
    engine: Any = None
    event_dir: Path | None = None
    refresh_task: Any = field(default=None, repr=False)
    on_quit: Callable[[], None] | None = field(default=None, repr=False)
    sync: SyncLoop | None = None  # [sync] on: this kiosk's copy to the event's shared storage

    def quit(self) -> None:
        """The operator's way out (the only one): the kiosk window lets itself close and the app stops."""
        if self.on_quit is not None:
            self.on_quit()
