"""The operator table shows a job's error without the secrets it may quote (a URL's password, a token)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from booth.jobs.job import Job, JobParams, JobState
from booth.jobs.model import COLUMNS, JobTableModel

ERROR = "download of https://anna:M0del-Secret@cdn.example.com/r.png failed: access_token=tok-ABCDEFGH12345"


class _Jobs(QObject):
    """Just what the model reads of a JobQueue: its jobs and the two signals."""

    job_added = Signal(str)
    job_changed = Signal(str)
    job_removed = Signal(str)

    def __init__(self, jobs: list[Job]) -> None:
        super().__init__()
        self._jobs = {job.id: job for job in jobs}

    def jobs(self) -> list[Job]:
        return list(self._jobs.values())

    def job(self, job_id: str) -> Job:
        return self._jobs[job_id]


def test_the_error_column_and_tooltip_are_redacted(qapp: Any) -> None:
    job = Job(id="cd" * 16, seq=1, ticket="A01", state=JobState.FAILED, params=JobParams("filter"), error=ERROR)
    model = JobTableModel(_Jobs([job]))  # type: ignore[arg-type]
    column = COLUMNS.index("error")
    shown = model.data(model.index(0, column))
    tip = model.data(model.index(0, column), Qt.ItemDataRole.ToolTipRole)
    for text in (shown, tip):
        assert "https://anna:***@cdn.example.com" in text
        assert "M0del-Secret" not in text and "tok-ABCDEFGH12345" not in text
