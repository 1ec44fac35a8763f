"""The event's life from the panel: start a new event, export this one (with progress), close it.

The work is booth.lifecycle's, the same as `booth event new|export|close`, run on a worker thread: an
export of a few hundred pictures to a slow USB stick takes a while and the touch screen must stay alive.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QProgressBar, QVBoxLayout, QWidget

from booth import lifecycle
from booth.settings_file import SettingsFile
from booth.ui.context import AppContext
from booth.ui.operator.background import run_in_thread
from booth.ui.operator.common import Worded, ask, button, button_row, card, heading, note
from booth.ui.operator.messages import MessageLog


def export_target(event_dir: Path, media: Path = Path("/media")) -> Path:
    """Where an export goes unless the operator types another: the first USB stick mounted under /media,
    else beside the event folder."""
    sticks = sorted(p for p in media.glob("*/*") if p.is_dir()) if media.is_dir() else []
    folder = sticks[0] if sticks else event_dir.parent
    return folder / f"{event_dir.name}-export.zip"


class _Progress(QObject):
    """Carries the worker's (done, total) to the GUI thread (queued: this object lives there)."""

    moved = Signal(int, int)


class EventLifecyclePage(Worded):
    def __init__(self, context: AppContext, file: SettingsFile | None, log: MessageLog,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("page_lifecycle")
        self._context = context
        self._file = file
        self._log = log
        self._event_dir = context.event_dir or context.settings.event.dir
        self._progress = _Progress(self)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        self.title = heading("", self)
        layout.addWidget(self.title)
        form_card = card(self)
        form = QFormLayout(form_card)
        self.new_name = QLineEdit(form_card)
        self.new_name.setObjectName("event_new_name")
        self.export_to = QLineEdit(str(export_target(self._event_dir)), form_card)
        self.export_to.setObjectName("event_export_to")
        for field in (self.new_name, self.export_to):
            field.setMinimumHeight(48)
        self.new_label, self.export_label = note("", form_card), note("", form_card)
        form.addRow(self.new_label, self.new_name)
        form.addRow(self.export_label, self.export_to)
        layout.addWidget(form_card)
        self.new_button = button("", "event_new", self, kind="primary")
        self.export_button = button("", "event_export", self, kind="primary")
        self.close_button = button("", "event_close", self, kind="danger")
        self.new_button.clicked.connect(self.new_event)
        self.export_button.clicked.connect(self.export)
        self.close_button.clicked.connect(self._confirm_close)
        layout.addLayout(button_row(self.new_button, self.export_button, self.close_button))
        self.bar = QProgressBar(self)
        self.bar.setObjectName("event_export_progress")
        self.bar.hide()
        self._progress.moved.connect(self._moved)
        self.status = note("", self)
        self.status.setObjectName("event_status")
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("This event: {folder}").format(folder=self._event_dir))
        self.new_label.setText(self.tr("New event's name"))
        self.export_label.setText(self.tr("Export to (zip file)"))
        self.new_button.setText(self.tr("New event"))
        self.export_button.setText(self.tr("Export"))
        self.close_button.setText(self.tr("Close event"))

    def _say(self, text: str, level: str = "info") -> None:
        self.status.setText(text)
        self._log.add(level, "event", text)

    def new_event(self) -> None:
        name = self.new_name.text().strip()
        if not name:
            self._say(self.tr("Type the new event's name first."), "warning")
            return
        if self._file is None:
            self._say(self.tr("This booth was started without a settings file: changes cannot be saved."), "error")
            return
        file = self._file
        run_in_thread(lambda: lifecycle.new_event(file, name), owner=self,
                      on_done=lambda made: self._made(name, made), on_error=self._new_failed)  # fmt: skip

    def _made(self, name: str, folder: Path) -> None:
        self._say(
            self.tr("New event {name} in {folder}. Restart the booth to start it.").format(name=name, folder=folder)
        )

    def _new_failed(self, exc: BaseException) -> None:
        self._say(self.tr("No new event: {reason}").format(reason=exc), "error")

    def export(self) -> None:
        out = Path(self.export_to.text().strip()).expanduser()
        if not out.name.endswith(".zip"):
            self._say(self.tr("Name a .zip file to export to, e.g. /media/stick/event.zip"), "warning")
            return
        folder, moved = self._event_dir, self._progress.moved
        self.export_button.setEnabled(False)
        self.bar.setRange(0, 0)
        self.bar.show()
        run_in_thread(lambda: lifecycle.export_event(folder, out, progress=moved.emit), owner=self,
                      on_done=self._exported, on_error=self._export_failed)  # fmt: skip

    def _moved(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _exported(self, report: lifecycle.ExportReport) -> None:
        self.export_button.setEnabled(True)
        self._say(self.tr("Exported {jobs} guests' pictures ({files} files) to {out}").format(
            jobs=report.jobs, files=report.files, out=report.out))  # fmt: skip

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.bar.hide()
        reason = getattr(exc, "strerror", None) or str(exc)
        self._say(self.tr("Export failed: {reason}. Check the stick or folder and its free space.").format(
            reason=reason), "error")  # fmt: skip

    def _confirm_close(self) -> None:
        ask(self, "confirm_close_event", self.tr("Close the event?"),
            self.tr("Every download link stops working and guests see the goodbye screen."),
            self.close_event, yes=self.tr("Close event"))  # fmt: skip

    def close_event(self) -> None:
        folder = self._event_dir
        run_in_thread(
            lambda: lifecycle.close_event(folder),
            owner=self,
            on_done=self._closed,
            on_error=lambda exc: self._say(self.tr("Could not close: {reason}").format(reason=exc), "error"),
        )

    def _closed(self, report: lifecycle.CloseReport) -> None:
        self._say(self.tr("Event closed: {n} download links ended.").format(n=report.links_revoked))
