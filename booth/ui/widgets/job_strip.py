"""The "pictures in progress / ready" strip: guests who posed earlier find their ticket here.

Fed only by the JobQueue's signals (job_added, job_changed), so it never polls and never blocks. A
ready ticket is tappable and opens that guest's result; the strip keeps the most recent tickets of this
session, dropping a ready one once its result was opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from booth.jobs.job import JobState
from booth.ui.common.wording import ticket_state

if TYPE_CHECKING:
    from booth.jobs.queue import JobQueue

MAX_TICKETS = 6


class JobStrip(QWidget):
    """Signal `opened(str)` with the job id of a tapped ready ticket."""

    opened = Signal(str)

    def __init__(self, queue: JobQueue | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("JobStrip")
        self._queue: JobQueue | None = None
        self._order: list[str] = []
        self._buttons: dict[str, QPushButton] = {}
        self._seen: set[str] = set()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(18)
        self._caption = QLabel(self)
        self._caption.setObjectName("SectionLabel")
        lay.addStretch(1)
        lay.addWidget(self._caption)
        self._row = QHBoxLayout()
        self._row.setSpacing(14)
        lay.addLayout(self._row)
        lay.addStretch(1)
        self._retranslate()
        if queue is not None:
            self.set_queue(queue)

    def set_queue(self, queue: JobQueue) -> None:
        if queue is self._queue:
            return
        self._queue = queue
        queue.job_added.connect(self._on_added)
        queue.job_changed.connect(self._on_changed)
        queue.job_removed.connect(self.mark_seen)  # a guest forgotten by the operator leaves the strip too

    def ticket_ids(self) -> list[str]:
        return list(self._order)

    def button(self, job_id: str) -> QPushButton | None:
        return self._buttons.get(job_id)

    def mark_seen(self, job_id: str) -> None:
        """The guest opened this result: it leaves the strip."""
        self._seen.add(job_id)
        btn = self._buttons.pop(job_id, None)
        if job_id in self._order:
            self._order.remove(job_id)
        if btn is not None:
            btn.deleteLater()
        self._refresh_visibility()

    def _on_added(self, job_id: str) -> None:
        if job_id in self._buttons or job_id in self._seen:
            return
        btn = QPushButton(self)
        btn.setObjectName(f"ticket_{job_id}")
        btn.setProperty("role", "ticket")
        btn.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        btn.clicked.connect(lambda _=False, j=job_id: self._on_tap(j))
        self._buttons[job_id] = btn
        self._order.append(job_id)
        self._row.addWidget(btn)
        while len(self._order) > MAX_TICKETS:
            self.mark_seen(self._order[0])
        self._on_changed(job_id)

    def _on_changed(self, job_id: str) -> None:
        btn = self._buttons.get(job_id)
        if btn is None or self._queue is None:
            return
        job = self._queue.job(job_id)
        ready = job.state is JobState.COMPLETED
        btn.setText(f"{job.ticket}  ·  {ticket_state(job.state.value)}")
        btn.setEnabled(ready)
        for name, value in (("ready", ready), ("trouble", job.state is JobState.FAILED or job.needs_operator)):
            if btn.property(name) != value:
                btn.setProperty(name, value)
                btn.style().unpolish(btn)
                btn.style().polish(btn)
        self._refresh_visibility()

    def _on_tap(self, job_id: str) -> None:
        self.opened.emit(job_id)

    def _refresh_visibility(self) -> None:
        self._caption.setVisible(bool(self._order))

    def _retranslate(self) -> None:
        self._caption.setText(self.tr("Your pictures:"))
        if self._queue is not None:
            for job_id in self._order:
                self._on_changed(job_id)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
