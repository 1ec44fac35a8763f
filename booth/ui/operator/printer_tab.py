"""Printer tab: is the printer taking paper, why not, and the Resume that fixes a paused CUPS queue.

A paused queue after the paper ran out is the classic photobooth failure, so the reason is shown large and
Resume is one press. The PrintService does all CUPS work on its own thread; this tab only reads its cached
state and forwards the operator's intent (Resume, Print again, Cancel a print). With printing off (or not
available) it says so instead. booth.printing reports the printer as data; printer_words.py words it.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from booth.printing.cups import ResumeOutcome
from booth.printing.store import ACTIVE, PrintState
from booth.ui.context import AppContext
from booth.ui.operator.common import ValueGrid, Worded, button, button_row, card, heading, note, state_of
from booth.ui.operator.messages import MessageLog
from booth.ui.operator.printer_words import printer_reason, resume_words
from booth.ui.operator.stats import state_name

if TYPE_CHECKING:  # printing's modules load with the print service, not with the panel
    from booth.printing.service import PrintService
    from booth.printing.store import PrintJob

RESUME_GUARD_MS = 30_000
# Prints the operator may cancel: not yet out, or held as failed.
CANCELLABLE = {str(state) for state in (*ACTIVE, PrintState.FAILED)}


class PrinterTab(Worded):
    """The printer's state and queue; with printing off (or failed to start) only a note saying so."""

    _printer: PrintService  # set when printing runs (printing_on)

    def __init__(self, context: AppContext, log: MessageLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tab_printer")
        self._settings = context.settings
        self._queue = context.queue
        self._log = log
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        self.title = heading("", self)
        layout.addWidget(self.title)
        printer = context.printer
        self.printing_on = printer is not None
        if printer is None:
            self.off_note = note("", self)
            self.off_note.setObjectName("printer_off")
            layout.addWidget(self.off_note)
            layout.addStretch(1)
        else:
            self._printer = printer
            self._make_status()
            self._make_queue_table()
            layout.addWidget(self.status_card)
            layout.addLayout(button_row(self.resume_button, self.retry_button, self.cancel_button))
            self.queue_title = heading("", self)
            layout.addWidget(self.queue_title)
            layout.addWidget(self.table, 1)
            printer.printer_changed.connect(self.refresh)
            printer.print_changed.connect(lambda _id: self.refresh())
            printer.resume_finished.connect(self._on_resumed)
        self.retranslate()

    def _make_status(self) -> None:
        self.status_card = card(self)
        self.status = ValueGrid(self.status_card)
        for key in ("name", "state", "reason", "printed", "limits", "layout"):
            self.status.add(key)
        self._resuming = False
        self.resume_button = button("", "printer_resume", self, kind="primary")
        self.resume_button.clicked.connect(self._resume)
        # Resume answers through resume_finished; if the print worker is gone it never does, so the button
        # must not stay dead.
        self._resume_guard = QTimer(self)
        self._resume_guard.setSingleShot(True)
        self._resume_guard.setInterval(RESUME_GUARD_MS)
        self._resume_guard.timeout.connect(lambda: self._on_resumed(None))
        self.retry_button = button("", "printer_retry", self)
        self.retry_button.clicked.connect(self._retry)
        self.cancel_button = button("", "printer_cancel", self, kind="danger")
        self.cancel_button.clicked.connect(self._cancel)

    def _make_queue_table(self) -> None:
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("printer_queue")
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(40)
        self.table.itemSelectionChanged.connect(self._refresh_buttons)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Printer"))
        if not self.printing_on:
            if not self._settings.printing.enabled:
                self.off_note.setText(self.tr("Printing is off in settings (printing.enabled = false)."))
            else:
                self.off_note.setText(self.tr("Printing is not available: the print service did not start. "
                                              "See Messages."))  # fmt: skip
            return
        for key, label in (("name", self.tr("Printer")), ("state", self.tr("State")), ("reason", self.tr("Reason")),
                           ("printed", self.tr("Prints made")), ("limits", self.tr("Limits")),
                           ("layout", self.tr("Layout"))):  # fmt: skip
            self.status.set_label(key, label)
        self.resume_button.setText(self.tr("Resuming…") if self._resuming else self.tr("Resume printer"))
        self.retry_button.setText(self.tr("Print again"))
        self.cancel_button.setText(self.tr("Cancel print"))
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Print"), self.tr("Ticket"), self.tr("Copies"),
                                              self.tr("State"), self.tr("Problem")])  # fmt: skip
        self.queue_title.setText(self.tr("Print queue"))
        self.refresh()

    def refresh(self) -> None:
        status = self._printer.status()
        self.status.set("name", status.name)
        self.status.set("state", status.state, state_of(status.ok))
        self.status.set("reason", printer_reason(status) or self.tr("ready"), "" if status.ok else "bad")
        printing = self._settings.printing
        made = self._printer.printed_count()
        limit = printing.event_limit
        self.status.set("printed", self.tr("{n} of {limit}").format(n=made, limit=limit) if limit else str(made))
        self.status.set("limits", self.tr("{g} per guest, {e} for the event").format(
            g=self._settings.kiosk.max_print_copies, e=limit or self.tr("unlimited")))  # fmt: skip
        self.status.set("layout", printing.layout)
        prints = self._printer.prints()
        self.table.setRowCount(len(prints))
        for row, job in enumerate(prints):
            when = time.strftime("%H:%M:%S", time.localtime(job.created_at))
            values = (when, job.id, self._ticket(job.job_id), str(job.copies), state_name(job.state), job.error)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, job.id)
                self.table.setItem(row, column, item)
        self._refresh_buttons()

    def _ticket(self, job_id: str) -> str:
        """The guest's ticket for a print, when the job is one of this event's (else the raw id)."""
        try:
            return self._queue.job(job_id).ticket
        except KeyError:
            return job_id

    def _selected_print(self) -> PrintJob | None:
        rows = self.table.selectionModel().selectedRows()
        item = self.table.item(rows[0].row(), 0) if rows else None
        if item is None:
            return None
        print_id = item.data(Qt.ItemDataRole.UserRole)
        return next((job for job in self._printer.prints() if job.id == print_id), None)

    def _refresh_buttons(self) -> None:
        job = self._selected_print()
        self.retry_button.setEnabled(job is not None and state_name(job.state) == "failed")
        self.cancel_button.setEnabled(job is not None and state_name(job.state) in CANCELLABLE)

    def _resume(self) -> None:
        self.resume_button.setEnabled(False)
        self._resuming = True
        self.resume_button.setText(self.tr("Resuming…"))
        self._log.add("info", "operator", self.tr("Resume asked for the printer"))
        self._resume_guard.start()
        self._printer.resume()

    def _on_resumed(self, outcome: ResumeOutcome | None) -> None:
        self._resume_guard.stop()
        self.resume_button.setEnabled(True)
        self._resuming = False
        self.resume_button.setText(self.tr("Resume printer"))
        done = outcome is not None and outcome.done
        self._log.add("info" if done else "error", "printer", resume_words(outcome))
        self.refresh()

    def _retry(self) -> None:
        job = self._selected_print()
        if job is not None:
            self._printer.retry(job.id)
            self._log.add("info", "operator", self.tr("Print {id} queued again").format(id=job.id))

    def _cancel(self) -> None:
        job = self._selected_print()
        if job is not None:
            self._printer.cancel(job.id)
            self._log.add("info", "operator", self.tr("Print {id} cancelled").format(id=job.id))
