"""The operator's running log: every problem the booth reported, in words with details, never secrets.

Problems reach the panel only through the message bridge (booth.ui.context), so each appears once, and
distinct problems all appear (nothing is merged by its words). The kiosk turns the same problems into
guest words; this pane keeps the operator's sentence (booth.ui.operator.problem_words) with the technical
cause. `MessageLog` is the plain part (collects, redacts, bounds the history) so it can be tested without a
window; `MessagesPane` only shows it.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from booth.problems import Part, Problem, ProblemKind, Severity
from booth.ui.context import LEVELS, Message, MessageBridge
from booth.ui.operator.common import Worded, button, heading
from booth.ui.operator.problem_words import over_text, problem_text
from booth.ui.operator.redact import Redactor

_COLOURS = {"info": "#b8c0d9", "warning": "#ffcc66", "error": "#ff7b7b"}


@dataclass(frozen=True, slots=True)
class Entry:
    at: float
    level: str
    source: str
    text: str

    def line(self) -> str:
        return f"{time.strftime('%H:%M:%S', time.localtime(self.at))}  [{self.source}]  {self.text}"


class MessageLog(QObject):
    """Collects redacted entries: the bridge's problems and notices, and the panel's own lines.

    Signals: `added(Entry)` for each new entry; `cleared()`.
    """

    added = Signal(object)
    cleared = Signal()

    def __init__(self, redactor: Redactor, limit: int = 500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._redact = redactor
        self._entries: deque[Entry] = deque(maxlen=limit)
        self._parts: dict[str, Part] = {}
        self.problem_counts: dict[ProblemKind, int] = {}

    def add(self, level: str, source: str, text: str, *, at: float | None = None) -> Entry:
        """Record one line (the panel's own: the operator's actions, a connection test)."""
        entry = Entry(time.time() if at is None else at, level if level in LEVELS else "info", source,
                      self._redact(str(text)))  # fmt: skip
        self._entries.append(entry)
        self.added.emit(entry)
        return entry

    def entries(self) -> list[Entry]:
        return list(self._entries)

    def clear(self) -> None:
        self._entries.clear()
        self.cleared.emit()

    def attach_bridge(self, bridge: MessageBridge) -> None:
        """The booth's one MessageBridge: what was posted before the panel opened, then everything new."""
        for message in bridge.history():
            self._on_posted(message)
        bridge.posted.connect(self._on_posted)
        bridge.resolved.connect(self._on_resolved)

    def _on_posted(self, message: Message) -> None:
        if isinstance(message, Problem):
            self._on_problem(message)
        else:
            self.add(message.level, message.source, message.text, at=message.at)

    def _on_problem(self, problem: Problem) -> None:
        self.problem_counts[problem.kind] = self.problem_counts.get(problem.kind, 0) + 1
        self._parts[problem.kind.value] = problem.part
        text = problem_text(problem)
        if problem.detail:
            text = f"{text} ({problem.detail})"
        self.add("error" if problem.severity is Severity.ERROR else "warning", problem.part.value, text,
                 at=problem.at)  # fmt: skip

    def _on_resolved(self, kind: str) -> None:
        part = self._parts.get(kind, Part.BOOTH)
        self.add("info", part.value, over_text(ProblemKind(kind)))


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
