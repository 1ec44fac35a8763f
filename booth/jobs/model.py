"""The operator panel's table of jobs: one row per job, kept in step with the queue's signals.

A row changes in place on `job_changed` (dataChanged for that row only) and new jobs are appended on
`job_added`, so a view keeps its selection and scroll position during a busy event; only the age column
is refreshed by a slow timer. The model reads jobs from the queue's memory, never from disk.
"""

from __future__ import annotations

import bisect
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)

from booth.api.redact import redact
from booth.jobs.job import Job, JobState
from booth.problems import ProblemKind

if TYPE_CHECKING:
    from booth.jobs.queue import JobQueue

_Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("ticket", "service", "state", "attempts", "age", "error")
JOB_ID_ROLE = Qt.ItemDataRole.UserRole + 1
JOB_ROLE = Qt.ItemDataRole.UserRole + 2


def state_labels() -> dict[str, str]:
    """Job states as the operator reads them, in the installed language, keyed by JobState (a str: the store's
    English key finds its label too)."""
    # Spelled out in full: lupdate only recognises `QCoreApplication.translate(...)`, not an alias of it.
    return {
        JobState.CAPTURED: QCoreApplication.translate("OperatorPanel", "Captured"),
        JobState.SUBMITTING: QCoreApplication.translate("OperatorPanel", "Submitting"),
        JobState.QUEUED: QCoreApplication.translate("OperatorPanel", "Queued"),
        JobState.RUNNING: QCoreApplication.translate("OperatorPanel", "Running"),
        JobState.COMPLETED: QCoreApplication.translate("OperatorPanel", "Completed"),
        JobState.FAILED: QCoreApplication.translate("OperatorPanel", "Failed"),
        JobState.CANCELLED: QCoreApplication.translate("OperatorPanel", "Cancelled"),
    }


def job_problem_labels() -> dict[ProblemKind, str]:
    """Why a job is held, waits or failed (`Job.problem`), as the table's error column says it; the technical
    cause (`Job.error`) follows it."""
    return {
        ProblemKind.DEADLINE: QCoreApplication.translate("JobTableModel", "no result in time"),
        ProblemKind.ANSWER_LOST: QCoreApplication.translate("JobTableModel", "the answer to its run was lost"),
        ProblemKind.SEND_INTERRUPTED: QCoreApplication.translate("JobTableModel", "booth stopped while sending it"),
        ProblemKind.AUTH: QCoreApplication.translate("JobTableModel", "sign-in refused"),
        ProblemKind.CREDITS: QCoreApplication.translate("JobTableModel", "out of credits"),
        ProblemKind.SERVER: QCoreApplication.translate("JobTableModel", "the service had trouble"),
    }


def format_age(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class JobTableModel(QAbstractTableModel):
    """Columns: ticket, service, state, attempts, age, error. `JOB_ID_ROLE` gives a row's job id."""

    def __init__(self, queue: JobQueue, parent: QObject | None = None, *, age_refresh_ms: int = 1000) -> None:
        super().__init__(parent)
        self._queue = queue
        self._ids: list[str] = [job.id for job in queue.jobs()]
        self._rows: dict[str, int] = {job_id: row for row, job_id in enumerate(self._ids)}
        queue.job_added.connect(self._on_job_added)
        queue.job_changed.connect(self._on_job_changed)
        queue.job_removed.connect(self._on_job_removed)
        self._age_timer = QTimer(self)
        self._age_timer.setInterval(age_refresh_ms)
        self._age_timer.timeout.connect(self._on_age_tick)
        self._age_timer.start()

    # -- Qt model API ------------------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = (self.tr("Ticket"), self.tr("Service"), self.tr("State"), self.tr("Attempts"), self.tr("Age"),
                  self.tr("Error"))  # fmt: skip
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        job = self._queue.job(self._ids[index.row()])
        if role == JOB_ID_ROLE:
            return job.id
        if role == JOB_ROLE:
            return job
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(job, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in ("state", "error"):
            return redact(job.error) if job.error else None
        return None

    def _display(self, job: Job, column: str) -> str | int:
        if column == "ticket":
            return job.ticket
        if column == "service":
            return job.service
        if column == "state":
            text = state_labels().get(job.state.value, job.state.value)
            if job.needs_operator:
                text += self.tr(" (needs operator)")
            elif job.fallback:
                text += self.tr(" (original photo)")
            return text
        if column == "attempts":
            return job.attempts
        if column == "age":
            return format_age(time.time() - job.created_at)
        return self._error(job)

    def _error(self, job: Job) -> str:
        if job.state is JobState.CANCELLED:
            return self.tr("cancelled by the operator")
        label = job_problem_labels().get(job.problem) if job.problem is not None else None
        error = redact(job.error or "")  # an error may quote a URL or header the service was sent
        if label and error:
            return f"{label}: {error}"
        return label or error

    # -- queue signals -----------------------------------------------------------------------------------------
    def _on_job_added(self, job_id: str) -> None:
        if job_id in self._rows:
            return
        # Rows stay in ticket order even when photos finish saving out of order.
        seq = self._queue.job(job_id).seq
        row = bisect.bisect([self._queue.job(i).seq for i in self._ids], seq)
        self.beginInsertRows(QModelIndex(), row, row)
        self._ids.insert(row, job_id)
        for later, later_id in enumerate(self._ids[row:], start=row):
            self._rows[later_id] = later
        self.endInsertRows()

    def _on_job_changed(self, job_id: str) -> None:
        row = self._rows.get(job_id)
        if row is None:
            self._on_job_added(job_id)
            return
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _on_job_removed(self, job_id: str) -> None:
        row = self._rows.pop(job_id, None)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._ids[row]
        for later, later_id in enumerate(self._ids[row:], start=row):
            self._rows[later_id] = later
        self.endRemoveRows()

    def _on_age_tick(self) -> None:
        if self._ids:
            age = COLUMNS.index("age")
            self.dataChanged.emit(self.index(0, age), self.index(len(self._ids) - 1, age))
