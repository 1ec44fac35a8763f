"""Jobs tab: every guest's job, filterable by state, with the operator's hands on it.

The table binds the queue's own item model (rows change in place on `job_changed`); this tab only adds
a state filter, the actions (Retry, Cancel, Resubmit a run whose answer was lost, open the result, Forget a
guest who asked for their pictures to be deleted) and a detail card. The card words what a held or failed
job needs from the job's recorded problem (in the operator's language, naming the button); the banner over
the table says why new runs are paused, from the standing problem on the message bridge. Resubmitting,
cancelling and forgetting are confirmed first: one may cost a credit, the others lose a guest's picture.
Results are decoded on the thread pool, never in a slot.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from booth.api.redact import redact
from booth.forget import Forgotten
from booth.jobs.job import UNFINISHED_STATES, Job, JobState
from booth.jobs.model import JOB_ROLE, JobTableModel, state_labels
from booth.problems import Part, Problem, Remedy
from booth.ui.context import AppContext
from booth.ui.operator.background import run_in_thread, spawn
from booth.ui.operator.common import (
    SideBySide,
    ValueGrid,
    Worded,
    ask,
    button,
    button_row,
    card,
    heading,
)
from booth.ui.operator.messages import MessageLog
from booth.ui.operator.problem_words import job_advice, problem_text
from booth.ui.operator.stats import JOB_STATES, state_name
from booth.ui.widgets.images import rgb_to_qimage
from booth.video import first_frame_rgb

NEEDS_OPERATOR = "needs_operator"
PREVIEW_SIZE = 720
DETAILS = ("ticket", "service", "state", "advice", "attempts", "remote", "error")


def load_result_image(path: Path, size: int = PREVIEW_SIZE) -> QImage:
    """The result (image, or a video's first frame) scaled for the detail card; runs on a worker thread."""
    image = QImage(str(path))
    if image.isNull():
        image = rgb_to_qimage(first_frame_rgb(path))  # a ValueError names the file that cannot be read
    return image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


def sending_paused_by(context: AppContext) -> Problem | None:
    """The account problem (credits, sign-in) that pauses new runs, while the queue still holds them back.

    The bridge says why; the queue says whether it still waits (a run taken again ends the pause even
    before the problem is resolved on the bridge).
    """
    if context.queue.blocked is None:
        return None
    return next((p for p in context.messages.active() if p.remedy is Remedy.RESUME and p.part is Part.JOBS), None)


class FittedPicture(QLabel):
    """A result scaled to fit whatever room the layout gives it (side card or stacked under the table)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._image: QImage | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The picture follows the label's size, never the other way round (that would widen the tab).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def set_image(self, image: QImage) -> None:
        self._image = image
        self._fit()

    def has_image(self) -> bool:
        return self._image is not None

    def set_message(self, text: str) -> None:
        self._image = None
        self.clear()
        self.setText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._image is None or self.width() < 20 or self.height() < 20:
            return
        self.setPixmap(QPixmap.fromImage(self._image).scaled(
            self.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))


class StateFilter(QSortFilterProxyModel):
    """Keeps rows whose job is in the chosen state ("" = all, "needs_operator" = waiting for a decision)."""

    def __init__(self, role: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._role = role
        self._state = ""

    def set_state(self, state: str) -> None:
        self.beginFilterChange()
        self._state = state
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._state:
            return True
        job = self.sourceModel().index(row, 0, parent).data(self._role)
        if job is None:
            return False
        if self._state == NEEDS_OPERATOR:
            return bool(job.needs_operator)
        return state_name(job.state) == self._state


class JobsTab(Worded):
    """The queue's jobs; a held or failed job's card says what it needs, naming the button that does it."""

    def __init__(self, context: AppContext, log: MessageLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tab_jobs")
        self._context = context
        self._queue = context.queue
        self._bridge = context.messages
        self._log = log
        self.title = heading("", self)
        self.model = JobTableModel(self._queue, self)
        self.proxy = StateFilter(JOB_ROLE, self)
        self.proxy.setSourceModel(self.model)
        self._make_filter()
        self._make_paused_banner()
        self._make_table()
        self._make_actions()
        side = self._make_job_card()
        self._arrange(side)
        self._queue.job_changed.connect(self._on_job_changed)
        self._bridge.posted.connect(lambda _message: self._refresh_blocked())
        self._bridge.resolved.connect(lambda _kind: self._refresh_blocked())
        self.retranslate()

    def _make_filter(self) -> None:
        self.filter = QComboBox(self)
        self.filter.setObjectName("jobs_filter")
        self.filter.setMinimumHeight(48)
        self.filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for state in ("", NEEDS_OPERATOR, *JOB_STATES):  # worded in retranslate
            self.filter.addItem(state, state)
        self.filter.currentIndexChanged.connect(lambda _i: self.proxy.set_state(self.filter.currentData()))
        self.show_label = QLabel(self)

    def _make_paused_banner(self) -> None:
        """Sending paused for an account problem: the banner says why, its button resumes."""
        self.banner = QLabel(self)
        self.banner.setObjectName("jobs_blocked")
        self.banner.setProperty("role", "banner")
        self.banner.setWordWrap(True)
        self.unblock_button = button("", "jobs_unblock", self, kind="primary")
        self.unblock_button.clicked.connect(self._unblock)

    def _make_table(self) -> None:
        self.table = QTableView(self)
        self.table.setObjectName("jobs_table")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(44)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._refresh_selected())
        self.table.doubleClicked.connect(lambda _index: self._open_result())

    def _make_actions(self) -> None:
        self.retry_button = button("", "jobs_retry", self, kind="primary")
        self.cancel_button = button("", "jobs_cancel", self, kind="danger")
        self.resubmit_button = button("", "jobs_resubmit", self)
        self.open_button = button("", "jobs_open", self)
        self.retry_button.clicked.connect(self._retry)
        self.cancel_button.clicked.connect(self._confirm_cancel)
        self.resubmit_button.clicked.connect(self._confirm_resubmit)
        self.open_button.clicked.connect(self._open_result)
        self.forget_button = self._make_forget_button()

    def _make_job_card(self) -> QFrame:
        """The selected job: its figures, what it needs from the operator, and its picture."""
        self.details = ValueGrid()
        for key in DETAILS:
            self.details.add(key)
        self._preview_hint = True  # the preview still shows the "select a job" hint
        self.preview = FittedPicture("", self)
        self.preview.setObjectName("jobs_preview")
        self.preview.setMinimumSize(240, 240)
        self.preview.setProperty("role", "preview")
        side = card(self)
        side.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)  # the picture takes the room
        side_layout = QVBoxLayout(side)
        self.selected_title = heading("", side)
        side_layout.addWidget(self.selected_title)
        side_layout.addLayout(self.details)
        side_layout.addWidget(self.preview, 1)
        side_layout.addWidget(self.forget_button)  # apart from the everyday buttons: it deletes for good
        return side

    def _arrange(self, side: QFrame) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.show_label)
        top.addWidget(self.filter)
        blocked = QHBoxLayout()
        blocked.addWidget(self.banner, 1)
        blocked.addWidget(self.unblock_button)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addLayout(button_row(self.retry_button, self.cancel_button, self.resubmit_button, self.open_button))
        self._body = SideBySide()
        self._body.addLayout(left, 3)
        self._body.addWidget(side, 2)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addLayout(blocked)
        layout.addLayout(self._body, 1)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Jobs"))
        labels = {"": self.tr("All jobs"), NEEDS_OPERATOR: self.tr("Needs operator"), **state_labels()}
        for i in range(self.filter.count()):
            self.filter.setItemText(i, labels[self.filter.itemData(i)])
        self.show_label.setText(self.tr("Show:"))
        self.unblock_button.setText(self.tr("Resume sending"))
        self.retry_button.setText(self.tr("Retry"))
        self.cancel_button.setText(self.tr("Cancel job"))
        self.resubmit_button.setText(self.tr("Resubmit…"))
        self.resubmit_button.setToolTip(self.tr("Send a run whose answer was lost again: this may cost a credit"))
        self.open_button.setText(self.tr("Open result"))
        self.forget_button.setText(self.tr("Forget guest…"))
        self.forget_button.setToolTip(self.tr("Delete this guest's photo, results, prints and download links"))
        for key, label in (("ticket", self.tr("Ticket")), ("service", self.tr("Service")),
                           ("state", self.tr("State")), ("advice", self.tr("What to do")),
                           ("attempts", self.tr("Attempts")), ("remote", self.tr("Service job id")),
                           ("error", self.tr("Problem"))):  # fmt: skip
            self.details.set_label(key, label)
        if self._preview_hint:
            self.preview.set_message(self.tr("Select a job, then Open result."))
        self.selected_title.setText(self.tr("Selected job"))
        # The queue's table model words its headers when asked; tell the view to ask again.
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self._refresh_blocked()
        self._refresh_selected()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.orient(event.size())

    def orient(self, size: QSize) -> None:
        self._body.fit(size)

    # -- selection ---------------------------------------------------------------------------------------
    def selected_job(self) -> Job | None:
        rows = self.table.selectionModel().selectedRows()
        job: Job | None = rows[0].data(JOB_ROLE) if rows else None
        return job

    def select_job(self, job_id: str) -> bool:
        for row in range(self.proxy.rowCount()):
            job = self.proxy.index(row, 0).data(JOB_ROLE)
            if job is not None and job.id == job_id:
                self.table.selectRow(row)
                return True
        return False

    def _refresh_selected(self) -> None:
        job = self.selected_job()
        state = state_name(job.state) if job is not None else ""
        retryable = state in (JobState.FAILED, JobState.CANCELLED)
        self.retry_button.setEnabled(job is not None and retryable and not job.needs_operator)
        self.cancel_button.setEnabled(job is not None and state in UNFINISHED_STATES)
        self.resubmit_button.setEnabled(job is not None and bool(job.needs_operator))
        self.open_button.setEnabled(job is not None and state == JobState.COMPLETED and job.result_path is not None)
        self.forget_button.setEnabled(job is not None)
        if job is None:
            for key in DETAILS:
                self.details.set(key, "—")
            return
        self.details.set("ticket", job.ticket)
        self.details.set("service", job.service)
        trouble = state == JobState.FAILED or job.needs_operator
        flag = "bad" if trouble else ("ok" if state == JobState.COMPLETED else "")
        shown = state_labels().get(state, state) + (self.tr(" — needs your decision") if job.needs_operator else "")
        self.details.set("state", shown, flag)
        advice = job_advice(job, state)
        self.details.set("advice", advice or "—", "bad" if advice and flag == "bad" else "")
        self.details.set("attempts", str(job.attempts))
        self.details.set("remote", job.remote_id or "—")
        self.details.set("error", redact(job.error) if job.error else "—", "bad" if job.error else "")

    def _on_job_changed(self, job_id: str) -> None:
        job = self.selected_job()
        if job is not None and job.id == job_id:
            self._refresh_selected()
        # The queue says when sending stops (a problem) but not always when it goes on; a job moving does.
        self._refresh_blocked()
        # The proxy re-filters changed rows itself (dynamicSortFilter), so a finished job leaves a
        # "running" view without help.

    def _refresh_blocked(self) -> None:
        paused = sending_paused_by(self._context)
        self.banner.setVisible(paused is not None)
        self.unblock_button.setVisible(paused is not None)
        if paused is not None:
            self.banner.setText(self.tr("New runs are paused ({kind}): {message}").format(
                kind=paused.kind.value, message=problem_text(paused)))  # fmt: skip

    # -- actions -----------------------------------------------------------------------------------------
    def _retry(self) -> None:
        job = self.selected_job()
        if job is not None:
            self._queue.retry(job.id)
            self._log.add("info", "operator", self.tr("Retry asked for ticket {t}").format(t=job.ticket))

    def _confirm_cancel(self) -> None:
        job = self.selected_job()
        if job is None:
            return
        ask(self, "confirm_cancel", self.tr("Cancel this job?"),
            self.tr("Ticket {t} will not be finished; the guest's photo stays in the event folder.").format(
                t=job.ticket), lambda: self._cancel(job.id), yes=self.tr("Cancel job"))  # fmt: skip

    def _cancel(self, job_id: str) -> None:
        job = self._queue.cancel(job_id)
        self._log.add("info", "operator", self.tr("Ticket {t} cancelled").format(t=job.ticket))

    def _confirm_resubmit(self) -> None:
        job = self.selected_job()
        if job is None or not job.needs_operator:
            return
        text = self.tr("The answer to ticket {t}'s run was lost: the service may already have made it. "
                       "Sending it again costs another credit.").format(t=job.ticket)  # fmt: skip
        ask(self, "confirm_resubmit", self.tr("Resubmit this job?"), text, lambda: self._resubmit(job.id),
            yes=self.tr("Resubmit"))

    def _resubmit(self, job_id: str) -> None:
        job = self._queue.retry(job_id)
        self._log.add("info", "operator", self.tr("Ticket {t} sent again on the operator's word").format(t=job.ticket))

    def _unblock(self) -> None:
        paused = sending_paused_by(self._context)
        self._queue.unblock()
        if paused is not None:
            self._bridge.resolve(paused.kind)
        self._refresh_blocked()
        self._log.add("info", "operator", self.tr("Sending resumed after the account problem was fixed"))

    def _open_result(self) -> None:
        job = self.selected_job()
        if job is None or job.result_path is None:
            return
        path = Path(job.result_path)
        self._preview_hint = False
        self.preview.set_message(self.tr("Loading…"))
        run_in_thread(lambda: load_result_image(path), owner=self, on_done=self.preview.set_image,
                      on_error=lambda exc: self.preview.set_message(str(exc)))  # fmt: skip

    # -- forgetting a guest ------------------------------------------------------------------------------
    def _make_forget_button(self) -> QPushButton:
        """"Forget guest…": a guest asked for their pictures to be deleted (booth.forget does the work)."""
        forget = button("", "jobs_forget", self, kind="danger")
        forget.clicked.connect(self._confirm_forget)
        return forget

    def _confirm_forget(self) -> None:
        job = self.selected_job()
        if job is None:
            return
        text = self.tr("Ticket {t}: the photo, the results, the print records and the download links are deleted "
                       "for good. This cannot be undone.").format(t=job.ticket)  # fmt: skip
        ask(self, "confirm_forget", self.tr("Forget this guest?"), text, lambda: self._forget(job.id),
            yes=self.tr("Forget guest"))  # fmt: skip

    def _forget(self, job_id: str) -> None:
        from booth.forget import forget_in_booth

        ctx = self._context
        work = forget_in_booth(self._queue, self._queue.folder.path, job_id, printer=ctx.printer, share=ctx.share,
                               sync=ctx.sync)
        spawn(work, owner=self, on_done=self._forgotten, on_error=self._forget_failed)

    def _forgotten(self, gone: Forgotten) -> None:
        text = self.tr("Ticket {t} forgotten: {n} files deleted, {l} download links ended")
        self._log.add("info", "operator", text.format(t=gone.ticket, n=len(gone.files), l=gone.links))

    def _forget_failed(self, exc: BaseException) -> None:
        self._log.add("error", "operator", self.tr("The guest could not be forgotten: {e}").format(e=exc))
