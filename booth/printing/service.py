"""The booth's print queue and printer watch, one object the kiosk, operator panel and `booth print` share.

One worker thread does everything slow (composing pages, Qt printing, asking CUPS), so the GUI only reads
cached state. Every ~2 s the worker asks CUPS how the queue is; while it is down (paused, rejecting,
offline, out of paper, a job held) `can_print()` is False so the kiosk stops offering Print, and guests'
prints wait here in booth rather than piling into a stopped CUPS queue. When the queue is back they go out
in order. Each print is saved before it is sent and recorded with its CUPS job id once CUPS has it, so
nothing is lost or printed twice across restarts (see store.py). A print that cannot be made (a picture
that does not decode, a page the printer keeps refusing) is held as failed with its cause after at most
MAX_SEND_ATTEMPTS tries, and the prints behind it go on; the operator prints it again or cancels it.

Signals (delivered in the thread that owns the service):
    printer_changed()               the printer's status changed
    print_changed(str)              a print (by print id) was added or changed state
    resume_finished(ResumeOutcome)  the operator's Resume ran (cups.ResumeOutcome: done, failure, causes)
    problem(Problem)                PRINTER_NOT_READY once per change of (state, reason) while the printer
                                    cannot print (details: name, state, reason; remedy RESUME where Resume
                                    helps); PRINT_FAILED when a print fails (remedy RETRY: Print again)
    problem_over(str)               ProblemKind.PRINTER_NOT_READY's value when the printer can print again
"""

from __future__ import annotations

import logging
import queue
import secrets
import threading
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from booth.printing import cups
from booth.printing.cups import NO_CUPS, NO_DEFAULT, PrinterStatus, ResumeOutcome
from booth.printing.ipp import IppClient, IppError
from booth.printing.layout import LayoutError, compose
from booth.printing.qtprint import PrintSendError, send_page
from booth.printing.store import ACTIVE, PrintJob, PrintState, PrintStore
from booth.problems import Part, Problem, ProblemKind, Remedy
from booth.settings import EventSettings, LayoutSettings, PrintingSettings

log = logging.getLogger(__name__)

UNLIMITED = 999
MAX_SEND_ATTEMPTS = 3  # tries to hand one print to CUPS before it is held as failed


def _cause(exc: BaseException) -> str:
    """The technical cause for a print's `error`: booth's own errors say it already, others get their type."""
    if isinstance(exc, (LayoutError, PrintSendError)):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


class PrintLimitError(ValueError):
    """More copies asked than the guest's or the event's limit leaves; the message says how many are left."""


class PrintService(QObject):
    printer_changed = Signal()
    print_changed = Signal(str)
    resume_finished = Signal(object)  # ResumeOutcome
    problem = Signal(object)  # Problem
    problem_over = Signal(str)  # ProblemKind value
    # worker -> owner thread
    _relay = Signal(str, str)  # "print" and its id, or "printer"
    _problem_relay = Signal(object)
    _over_relay = Signal(str)
    _resume_relay = Signal(object)

    def __init__(
        self,
        settings: PrintingSettings,
        event: EventSettings,
        store_dir: Path,
        *,
        guest_limit: int | None = None,
        poll_interval_s: float = 2.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if settings.layout not in settings.layouts:
            known = ", ".join(sorted(settings.layouts)) or "none"
            raise ValueError(f"printing.layout '{settings.layout}' is not among [printing.layouts] ({known})")
        self._settings = settings
        self._event = event
        self._guest_limit = guest_limit
        self._poll_s = poll_interval_s
        self._store = PrintStore(Path(store_dir))
        self._lock = threading.RLock()
        self._jobs: dict[str, PrintJob] = {job.id: job for job in self._store.load()}
        self._status = PrinterStatus(settings.printer or "(default)", "unknown", "", False)
        self._reported: tuple[str, str] | None = None  # the (state, reason) of the standing PRINTER_NOT_READY
        self._commands: queue.SimpleQueue[Callable[[IppClient], object]] = queue.SimpleQueue()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._relay.connect(self._on_relay, Qt.ConnectionType.QueuedConnection)
        self._problem_relay.connect(self.problem, Qt.ConnectionType.QueuedConnection)
        self._over_relay.connect(self.problem_over, Qt.ConnectionType.QueuedConnection)
        self._resume_relay.connect(self.resume_finished, Qt.ConnectionType.QueuedConnection)

    # ---- owner-thread API -------------------------------------------------------------------------------

    @property
    def layout(self) -> LayoutSettings:
        return self._settings.layouts[self._settings.layout]

    def start(self) -> None:
        if self._thread is not None or self._closed or not self._settings.enabled:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="booth-print", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Finish the current page, save everything, stop watching. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        thread, self._thread = self._thread, None
        if thread is not None:
            self._stopping.set()
            self._wake.set()
            thread.join(timeout=30)
        else:
            client = IppClient()
            self._drain(client)  # saves of prints queued while the worker never ran
            client.close()
        self._store.close()

    def status(self) -> PrinterStatus:
        with self._lock:
            return self._status

    def can_print(self) -> bool:
        return self._settings.enabled and self.status().ok

    def prints(self) -> list[PrintJob]:
        with self._lock:
            return sorted(self._jobs.values(), key=lambda job: (job.created_at, job.id))

    def get(self, print_id: str) -> PrintJob:
        with self._lock:
            return self._jobs[print_id]

    def printed_count(self) -> int:
        """Copies printed or on their way for the whole event (failed prints excluded)."""
        with self._lock:
            return sum(job.copies for job in self._jobs.values() if job.counts)

    def counts(self) -> dict[str, int]:
        """Prints per state, for the operator panel's counters."""
        with self._lock:
            jobs = list(self._jobs.values())
        return {str(state): sum(1 for job in jobs if job.state == state) for state in PrintState}

    def prints_left(self, job_id: str) -> int:
        """Copies this guest may still ask for: the smaller of the guest's and the event's remainder."""
        with self._lock:
            used = sum(job.copies for job in self._jobs.values() if job.counts and job.job_id == job_id)
            total = sum(job.copies for job in self._jobs.values() if job.counts)
        left = UNLIMITED
        if self._guest_limit is not None:
            left = min(left, max(0, self._guest_limit - used))
        if self._settings.event_limit > 0:
            left = min(left, max(0, self._settings.event_limit - total))
        return left

    def submit(self, job_id: str, image_path: Path, copies: int = 1, qr_url: str | None = None) -> PrintJob:
        """Queue a print and return at once; it goes to the printer as soon as the printer can take it."""
        if not self._settings.enabled:
            raise PrintLimitError("printing is turned off for this event (printing.enabled)")
        if copies < 1:
            raise PrintLimitError(f"copies must be 1 or more, not {copies}")
        left = self.prints_left(job_id)
        if copies > left:
            raise PrintLimitError(f"{copies} copies asked but only {left} left for this guest and event")
        job = PrintJob(id=secrets.token_hex(6), job_id=job_id, image_path=str(image_path), copies=copies, qr_url=qr_url)
        with self._lock:
            self._jobs[job.id] = job
        self._call(lambda _client: self._save_current(job.id))
        self.print_changed.emit(job.id)
        return job

    def retry(self, print_id: str) -> None:
        """Queue a failed print again (operator action)."""
        with self._lock:
            job = self._jobs[print_id]
            if job.state != PrintState.FAILED:
                return
        self._call(lambda _client: self._update(job, state=PrintState.QUEUED, error="", attempts=0))

    def cancel(self, print_id: str) -> None:
        """Take a print off the queue for good (operator action): a waiting or failed one is dropped, one CUPS
        already has is cancelled there too. Its copies stop counting against the limits."""
        self._call(lambda client: self._cancel(client, print_id))
    def forget(self, job_id: str) -> int:
        """Drop every print of a booth job from booth's queue and records (a guest asked to be forgotten).

        Prints still waiting are never sent; a page CUPS already has is beyond booth. Returns how many went.
        """
        with self._lock:
            gone = [print_id for print_id, job in self._jobs.items() if job.job_id == job_id]
            for print_id in gone:
                del self._jobs[print_id]
        def drop_records(_client: IppClient) -> None:
            self._store.delete_job(job_id)

        self._call(drop_records)
        return len(gone)

    def resume(self) -> None:
        """Enable and accept the CUPS queue and release booth's held jobs; the outcome comes as resume_finished."""
        self._call(self._resume)

    # ---- worker thread ----------------------------------------------------------------------------------

    def _call(self, command: Callable[[IppClient], object]) -> None:
        self._commands.put(command)
        self._wake.set()

    def _run(self) -> None:
        client = IppClient()
        try:
            while not self._stopping.is_set():
                self._wake.clear()
                self._drain(client)
                try:
                    self._tick(client)
                except Exception:  # the watch must outlive any one bad round; the log has the details
                    log.exception("print watch round failed")
                self._wake.wait(self._poll_s)
            self._drain(client)
        finally:
            client.close()

    def _drain(self, client: IppClient) -> None:
        while True:
            try:
                command = self._commands.get_nowait()
            except queue.Empty:
                return
            try:
                command(client)
            except Exception:
                log.exception("print command failed")

    def _save_current(self, print_id: str) -> None:
        # The newest version: the worker may already have moved the print on since it was queued.
        with self._lock:
            job = self._jobs[print_id]
        self._store.save(job)

    def _update(self, job: PrintJob, **changes: Any) -> PrintJob:
        with self._lock:
            current = self._jobs.get(job.id, job).evolve(**changes)
            self._jobs[job.id] = current
        self._store.save(current)
        self._relay.emit("print", current.id)
        return current

    def _fail(self, job: PrintJob, cause: str) -> None:
        """Hold a print as failed with its cause and report it; the queue goes on with the next one."""
        failed = self._update(job, state=PrintState.FAILED, error=cause)
        self._problem_relay.emit(
            Problem.make(
                ProblemKind.PRINT_FAILED,
                Part.PRINTER,
                remedy=Remedy.RETRY,
                job_id=failed.job_id,
                detail=cause,
                print_id=failed.id,
                attempts=failed.attempts,
            )
        )

    def _set_status(self, status: PrinterStatus) -> None:
        with self._lock:
            previous, self._status = self._status, status
            # CUPS is asked every few seconds: the operator hears of a condition once, not every round.
            key = (status.state, status.reason)
            report = not status.ok and status.state != "unknown" and key != self._reported
            over = status.ok and self._reported is not None
            if report:
                self._reported = key
            elif over:
                self._reported = None
        if status != previous:
            log.debug("printer %s: %s %s %s", status.name, status.state, status.reason, status.message)
            self._relay.emit("printer", "")
        if report:
            self._problem_relay.emit(self._not_ready(status))
        elif over:
            self._over_relay.emit(ProblemKind.PRINTER_NOT_READY.value)

    @staticmethod
    def _not_ready(status: PrinterStatus) -> Problem:
        details: dict[str, object] = {"name": status.name, "state": status.state, "reason": status.reason}
        if status.held_job is not None:
            details["held_job"] = status.held_job
        return Problem(
            ProblemKind.PRINTER_NOT_READY,
            Part.PRINTER,
            status.remedy,
            detail=status.message,
            details=MappingProxyType(details),
        )

    def _tick(self, client: IppClient) -> None:
        try:
            name = cups.resolve_printer(client, self._settings.printer)
            # Finished jobs matter only while booth follows a print; the history can be long.
            following = any(job.state in (PrintState.SENDING, PrintState.PRINTING) for job in self.prints())
            queue_jobs = cups.booth_jobs(client, name, "all" if following else "not-completed") if name else []
        except IppError as exc:
            self._set_status(cups.unreachable(self._settings.printer, exc))
            return
        by_title = {str(job.get("job-name")): job for job in queue_jobs if job.get("job-name")}
        by_id = {int(job["job-id"]): job for job in queue_jobs if "job-id" in job}
        ours = [job for job in self.prints() if job.state in ACTIVE]
        mine = [by_id[job.cups_job_id] for job in ours if job.cups_job_id in by_id]
        self._set_status(cups.printer_status(client, name, mine))
        for job in ours:
            if job.state == PrintState.SENDING:
                self._recover(job, by_title.get(job.title))
            elif job.state == PrintState.PRINTING:
                found = by_id.get(job.cups_job_id) if job.cups_job_id else by_title.get(job.title)
                self._follow(job, found)
        if self.status().ok:
            for index, job in enumerate(j for j in self.prints() if j.state == PrintState.QUEUED):
                if self._stopping.is_set():
                    break
                # Between pages, look again: paper can run out in the middle of a backlog.
                if index and not self._recheck(client, name):
                    break
                self._send(client, job, name)

    def _recheck(self, client: IppClient, name: str) -> bool:
        status = cups.printer_status(client, name)
        self._set_status(status)
        return status.ok

    def _recover(self, job: PrintJob, found: dict[str, Any] | None) -> None:
        """A print the last round was sending when it stopped: CUPS has it, or it goes back in the queue
        until its tries are used up (a print that breaks the worker itself must not come back forever)."""
        if found is not None:
            self._update(job, state=PrintState.PRINTING, cups_job_id=int(found["job-id"]))
        elif job.attempts >= MAX_SEND_ATTEMPTS:
            self._fail(job, job.error or f"not in CUPS after {job.attempts} sends")
        else:
            self._update(job, state=PrintState.QUEUED)

    def _follow(self, job: PrintJob, found: dict[str, Any] | None) -> None:
        if found is None:
            # CUPS forgot the job (history purged): it went out; resending risks a double print.
            self._update(job, state=PrintState.DONE)
            return
        state = found.get("job-state")
        changes: dict[str, Any] = {}
        if job.cups_job_id is None:
            changes["cups_job_id"] = int(found["job-id"])
        if state == cups.JOB_COMPLETED:
            changes["state"] = PrintState.DONE
        elif state in (cups.JOB_CANCELED, cups.JOB_ABORTED):
            reason = found.get("job-printer-state-message") or found.get("job-state-reasons") or ""
            ended = "canceled" if state == cups.JOB_CANCELED else "aborted"
            if changes:
                job = self._update(job, **changes)
            self._fail(job, f"CUPS job {found['job-id']} {ended}: {reason}".rstrip(": "))
            return
        if changes:
            self._update(job, **changes)

    def _send(self, client: IppClient, job: PrintJob, printer: str) -> None:
        job = self._update(job, state=PrintState.SENDING, printer=printer, attempts=job.attempts + 1)
        try:
            page = compose(job.image_path, self.layout, self._event, job.qr_url)
        except Exception as exc:  # the picture cannot be printed (corrupt, a pixel bomb): no use trying again
            if not isinstance(exc, LayoutError):
                log.warning("print %s: cannot compose %s", job.id, job.image_path, exc_info=True)
            self._fail(job, _cause(exc))
            return
        try:
            send_page(page, printer, self.layout, job.copies, job.title)
        except Exception as exc:  # PrintSendError, or a Qt/CUPS failure booth did not foresee: counted the same
            if not isinstance(exc, PrintSendError):
                log.warning("print %s: sending failed", job.id, exc_info=True)
            cups_id = self._find_in_cups(client, printer, job)
            if cups_id is not None:  # Qt complained, yet CUPS has the job: sending again would print twice
                self._update(job, state=PrintState.PRINTING, cups_job_id=cups_id, error="")
            elif job.attempts >= MAX_SEND_ATTEMPTS:
                self._fail(job, _cause(exc))
            else:
                self._update(job, state=PrintState.QUEUED, error=_cause(exc))
            return
        self._update(job, state=PrintState.PRINTING, cups_job_id=self._find_in_cups(client, printer, job), error="")

    @staticmethod
    def _find_in_cups(client: IppClient, printer: str, job: PrintJob) -> int | None:
        """The CUPS job id of a print, found by its unique title (Qt does not report the id)."""
        try:
            found = [j for j in cups.booth_jobs(client, printer) if j.get("job-name") == job.title]
        except IppError:
            return None
        return max((int(j["job-id"]) for j in found), default=None)

    def _cancel(self, client: IppClient, print_id: str) -> None:
        with self._lock:
            job = self._jobs.get(print_id)
        if job is None or job.state in (PrintState.DONE, PrintState.CANCELLED):
            return
        cups_id = job.cups_job_id
        if cups_id is None and job.state in (PrintState.SENDING, PrintState.PRINTING) and job.printer:
            cups_id = self._find_in_cups(client, job.printer, job)
        error = ""
        if cups_id is not None and job.state in (PrintState.SENDING, PrintState.PRINTING):
            try:
                cups.cancel(client, cups_id)
            except IppError as exc:  # still taken off booth's queue: the operator asked; the cause stays on it
                log.warning("print %s: CUPS job %s not cancelled: %s", job.id, cups_id, exc)
                error = str(exc)
        self._update(job, state=PrintState.CANCELLED, error=error)

    def _resume(self, client: IppClient) -> None:
        configured = self._settings.printer
        try:
            name = cups.resolve_printer(client, configured)
            jobs = cups.booth_jobs(client, name, which="not-completed") if name else []
        except IppError as exc:
            self._resume_relay.emit(ResumeOutcome(configured or "(default)", False, NO_CUPS, (str(exc),)))
            return
        if not name:
            self._resume_relay.emit(ResumeOutcome("(default)", False, NO_DEFAULT))
            return
        held = [int(j["job-id"]) for j in jobs if j.get("job-state") in (cups.JOB_HELD, cups.JOB_STOPPED)]
        outcome = cups.resume(name, held)
        self._set_status(cups.printer_status(client, name))
        self._resume_relay.emit(outcome)

    # ---- back in the owner thread ----------------------------------------------------------------------

    def _on_relay(self, kind: str, key: str) -> None:
        if kind == "print":
            self.print_changed.emit(key)
        elif kind == "printer":
            self.printer_changed.emit()
