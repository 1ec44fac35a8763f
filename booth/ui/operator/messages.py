"""The operator's running log: every problem the booth reported, in words with details, never secrets.

Problems travel up as signals (the queue's `problem`, the message bridge, camera and printer state); the
kiosk turns them into guest words, this pane keeps the details for the operator. `MessageLog` is the
plain part (collects, redacts, bounds the history) so it can be tested without a window; `MessagesPane`
only shows it.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from booth.problems import Problem
from booth.ui.operator.common import Worded, button, heading
from booth.ui.operator.redact import Redactor

LEVELS = ("info", "warning", "error")
_COLOURS = {"info": "#b8c0d9", "warning": "#ffcc66", "error": "#ff7b7b"}
# Queue problem kinds that need the operator's hand rather than patience.
_ERROR_KINDS = {"auth", "credits", "failed", "answer_lost", "send_interrupted", "photo_unsaved", "result_unsaved",
                "store_unwritable"}
# The app forwards queue problems to the bridge as well; the same text within this window is one event.
DUPLICATE_WINDOW_S = 3.0


@dataclass(frozen=True, slots=True)
class Entry:
    at: float
    level: str
    source: str
    text: str

    def line(self) -> str:
        return f"{time.strftime('%H:%M:%S', time.localtime(self.at))}  [{self.source}]  {self.text}"


class MessageLog(QObject):
    """Collects redacted entries from the booth's parts.

    Signals: `added(Entry)` for each new entry; `cleared()`.
    """

    added = Signal(object)
    cleared = Signal()

    def __init__(self, redactor: Redactor, limit: int = 500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._redact = redactor
        self._entries: deque[Entry] = deque(maxlen=limit)
        self.problem_counts: dict[str, int] = {}

    def add(self, level: str, source: str, text: str, *, at: float | None = None) -> Entry | None:
        """Record one line; the same news arriving twice (signal and bridge) within seconds is kept once."""
        at = time.time() if at is None else at
        entry = Entry(at, level if level in LEVELS else "info", source, self._redact(str(text)))
        if self._repeats(entry):
            return None
        self._entries.append(entry)
        self.added.emit(entry)
        return entry

    def _repeats(self, entry: Entry) -> bool:
        if entry.source in ("operator", "connection"):
            return False
        for old in reversed(self._entries):
            if entry.at - old.at > DUPLICATE_WINDOW_S:
                break
            if entry.text and old.text and (entry.text in old.text or old.text in entry.text):
                return True
        return False

    def entries(self) -> list[Entry]:
        return list(self._entries)

    def clear(self) -> None:
        self._entries.clear()
        self.cleared.emit()

    # Feeds: each takes whatever the part offers and ignores parts that are absent.
    def attach_queue(self, queue: Any) -> None:
        if queue is None:
            return
        queue.problem.connect(self._on_problem)
        if hasattr(queue, "online_changed"):
            queue.online_changed.connect(self._on_online)

    def attach_bridge(self, bridge: Any) -> None:
        """The app's MessageBridge: what was posted before the panel opened, then everything new."""
        if bridge is None:
            return
        for message in bridge.history():
            self._on_posted(message)
        bridge.posted.connect(self._on_posted)

    def _on_posted(self, message: Any) -> None:
        self.add(message.level, message.kind, message.text, at=message.at)

    def attach_camera(self, camera: Any) -> None:
        if camera is not None and hasattr(camera, "state_changed"):
            camera.state_changed.connect(self._on_camera)

    def attach_printer(self, printer: Any) -> None:
        """Printer state changes, once each (the printer re-reports an unchanged state every few seconds)."""
        if printer is None:
            return
        last: list[tuple[str, str]] = []

        def changed() -> None:
            status = printer.status()
            now = (status.state, status.reason)
            if status.state == "unknown" or (last and last[-1] == now):
                return
            last[:] = [now]
            text = f"{status.name}: {status.state}" + (f" ({status.reason})" if status.reason else "")
            self.add("info" if status.ok else "warning", "printer", text)

        printer.printer_changed.connect(changed)

    def _on_problem(self, problem: Problem) -> None:
        """A queue Problem record; until the panel words each kind (h2), its log line is shown."""
        kind = str(problem.kind)
        self.problem_counts[kind] = self.problem_counts.get(kind, 0) + 1
        self.add("error" if kind in _ERROR_KINDS else "warning", f"jobs:{kind}", problem.log_line())

    def _on_online(self, online: bool) -> None:
        if online:
            self.add("info", "jobs", self.tr("The AI service answers again; queued pictures are going out."))
        else:
            self.add("warning", "jobs", self.tr("The AI service is unreachable; pictures wait in the queue."))

    def _on_camera(self, state: str, detail: str) -> None:
        level = "warning" if state in ("reconnecting", "stopped") else "info"
        self.add(level, "camera", f"{state}: {detail}" if detail else state)


class MessagesPane(Worded):
    """Shows a MessageLog newest-last, coloured by level."""

    def __init__(self, log: MessageLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("operator_messages")
        self._log = log
        self.list = QListWidget(self)
        self.list.setObjectName("messages_list")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setMinimumHeight(96)
        self.clear_button = clear = button("", "messages_clear", self)
        clear.setMinimumHeight(40)
        clear.clicked.connect(log.clear)
        self.title = heading("", self)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        for entry in log.entries():
            self._show(entry)
        log.added.connect(self._show)
        log.cleared.connect(self.list.clear)
        self.retranslate()

    def retranslate(self) -> None:
        # Entries keep the words they were recorded in; only the pane's own labels change.
        self.title.setText(self.tr("Messages"))
        self.clear_button.setText(self.tr("Clear"))

    def _show(self, entry: Entry) -> None:
        item = QListWidgetItem(entry.line())
        item.setForeground(QColor(_COLOURS.get(entry.level, _COLOURS["info"])))
        self.list.addItem(item)
        if self.list.count() > 500:
            self.list.takeItem(0)
        self.list.scrollToBottom()

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]
