"""Stats tab: how the event is going at a glance (jobs by state, generation time, prints, connection).

Figures are recomputed from the queue's and printer's memory (see stats.py), coalesced to at most a few
times a second so a burst of job changes costs one refresh.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from booth.jobs.model import state_labels
from booth.problems import ProblemKind
from booth.ui.context import AppContext
from booth.ui.operator.common import ValueGrid, Worded, card, heading
from booth.ui.operator.jobs_tab import sending_paused_by
from booth.ui.operator.messages import MessageLog
from booth.ui.operator.problem_words import problem_text
from booth.ui.operator.stats import JOB_STATES, compute

ACCOUNT = (ProblemKind.CREDITS, ProblemKind.AUTH)


class StatsTab(Worded):
    """Event figures; refreshed (coalesced) when jobs, prints or the booth's problems change."""

    def __init__(self, context: AppContext, log: MessageLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tab_stats")
        self._context = context
        self._queue = context.queue
        self._printer = context.printer
        self._bridge = context.messages
        self._settings = context.settings
        self._log = log
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        self.title = heading("", self)
        layout.addWidget(self.title)

        jobs_card, service_card = card(self), card(self)
        self.jobs = ValueGrid(jobs_card)
        for key in ("total", *JOB_STATES, "needs_operator"):
            self.jobs.add(key)
        self.service = ValueGrid(service_card)
        for key in ("online", "avg", "prints", "prints_waiting", "account"):
            self.service.add(key)
        grid = QGridLayout()
        grid.setHorizontalSpacing(20)
        grid.addWidget(jobs_card, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(service_card, 0, 1, Qt.AlignmentFlag.AlignTop)
        if context.sync is not None:  # [sync] on: this kiosk's copy, every kiosk's figures
            from booth.ui.operator.sync_card import SyncCard

            grid.addWidget(SyncCard(context.sync, self._settings.event.name, self), 1, 0, 1, 2)
        layout.addLayout(grid)
        layout.addStretch(1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.refresh)
        self._queue.job_added.connect(self._soon)
        self._queue.job_changed.connect(self._soon)
        self._queue.job_removed.connect(self._soon)
        self._queue.online_changed.connect(self._soon)
        self._bridge.posted.connect(self._soon)
        self._bridge.resolved.connect(self._soon)
        if self._printer is not None:
            self._printer.print_changed.connect(self._soon)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Event figures"))
        self.jobs.set_label("total", self.tr("Jobs in all"))
        labels = state_labels()
        for state in JOB_STATES:
            self.jobs.set_label(state, labels[state])
        self.jobs.set_label("needs_operator", self.tr("Waiting for your decision"))
        self.service.set_label("online", self.tr("AI service"))
        self.service.set_label("avg", self.tr("Average generation time"))
        self.service.set_label("prints", self.tr("Prints made"))
        self.service.set_label("prints_waiting", self.tr("Prints waiting"))
        self.service.set_label("account", self.tr("Account problems (credits, sign-in)"))
        self.refresh()

    def _soon(self, *_args: object) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def refresh(self) -> None:
        jobs = self._queue.jobs()
        prints = self._printer.prints() if self._printer is not None else []
        stats = compute(jobs, prints)
        self.jobs.set("total", str(stats.total))
        for state in JOB_STATES:
            count = stats.per_state.get(state, 0)
            self.jobs.set(state, str(count), "bad" if state == "failed" and count else "")
        self.jobs.set("needs_operator", str(stats.needs_operator), "bad" if stats.needs_operator else "")
        if self._queue.online:
            self.service.set("online", self.tr("online"), "ok")
        else:
            self.service.set("online", self.tr("offline: pictures wait in the queue"), "bad")
        avg = stats.avg_generation_s
        self.service.set("avg", self.tr("{s:.1f} s").format(s=avg) if avg is not None else "—")
        if self._printer is None:
            off = self.tr("printing is off") if not self._settings.printing.enabled else self.tr("no printer")
            self.service.set("prints", off)
            self.service.set("prints_waiting", "—")
        else:
            self.service.set("prints", str(stats.prints_done))
            self.service.set("prints_waiting", str(stats.prints_waiting), "warn" if stats.prints_waiting else "")
        account = sum(self._log.problem_counts.get(kind, 0) for kind in ACCOUNT)
        paused = sending_paused_by(self._context)
        text = str(account) + (self.tr(" — sending paused: {m}").format(m=problem_text(paused)) if paused else "")
        self.service.set("account", text, "bad" if paused or account else "ok")
