"""What a CUPS queue is doing, as data for the operator panel to word, and the Resume action.

Printer trouble at events is mostly a queue CUPS stopped by itself (paper ran out, the printer was
unplugged): the state, accepting flag and printer-state-reasons tell which, and `classify` turns them into
one `PrinterStatus` the kiosk (ok or not) and the operator panel (state, reason, Resume) act on. No English
sentences here: the panel words a status in the operator's language, the CLI in its own. Resume uses the
cupsenable/cupsaccept tools because they carry the local admin credentials CUPS asks for.
"""

from __future__ import annotations

import getpass
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from booth.printing.ipp import IppClient, IppError
from booth.problems import Remedy

PRINTER_ATTRS = [
    "printer-name",
    "printer-state",
    "printer-state-reasons",
    "printer-state-message",
    "printer-is-accepting-jobs",
    "printer-info",
]
JOB_ATTRS = ["job-id", "job-name", "job-state", "job-state-reasons", "job-printer-state-message"]

# IPP job-state values.
JOB_PENDING, JOB_HELD, JOB_PROCESSING, JOB_STOPPED = 3, 4, 5, 6
JOB_CANCELED, JOB_ABORTED, JOB_COMPLETED = 7, 8, 9
_PRINTER_STOPPED, _PRINTER_PROCESSING = 5, 4

# printer-state-reasons (severity suffix removed) that mean nothing will come out -> booth's state.
_BLOCKING_REASONS = [
    ("media-empty", "out-of-paper"),
    ("media-needed", "out-of-paper"),
    ("media-jam", "jammed"),
    ("marker-supply-empty", "out-of-ink"),
    ("toner-empty", "out-of-ink"),
    ("door-open", "door-open"),
    ("offline", "offline"),
    ("shutdown", "offline"),
    ("cups-missing-filter", "broken-driver"),
]
# States the operator's Resume ends (after loading paper, clearing the jam ...): CUPS stops the queue for
# them. A door closes itself into readiness; a broken driver or a missing queue needs CUPS's own admin.
RESUMABLE = frozenset({"paused", "rejecting", "held", "out-of-paper", "out-of-ink", "jammed", "offline"})
# `reason` values booth sets itself (the others are CUPS's printer-state-reasons keywords).
NOT_ACCEPTING = "not-accepting"
JOB_HELD_REASON = "job-held"
NO_QUEUE = "no-queue"  # the configured queue does not exist in CUPS
NO_DEFAULT = "no-default"  # no queue configured and CUPS has no default
NO_CUPS = "no-cups"  # the CUPS scheduler does not answer (`message` has the error)


@dataclass(frozen=True)
class PrinterStatus:
    """One queue's condition, as data. `ok` means a print sent now would come out.

    state: ready, printing (ok), or paused, rejecting, out-of-paper, out-of-ink, jammed, door-open, offline,
    broken-driver, held (a booth job held in CUPS), missing (no such queue), no-cups (CUPS not answering),
    unknown (not asked yet). `reason` is the keyword behind the state: the printer-state-reason CUPS gave
    ("media-empty", "paused", "shutdown" ...) or one of booth's (NOT_ACCEPTING, JOB_HELD_REASON, NO_QUEUE,
    NO_DEFAULT, NO_CUPS); "" when ok. `message` is CUPS's own printer-state-message or the technical error,
    `held_job` the CUPS job id of a held booth print. The operator panel and the CLI word it.
    """

    name: str
    state: str
    reason: str
    ok: bool
    is_default: bool = False
    message: str = ""
    held_job: int | None = None

    @property
    def remedy(self) -> Remedy:
        """RESUME where the operator's Resume gets the queue going again (once paper, ink ... are fixed)."""
        return Remedy.RESUME if self.state in RESUMABLE else Remedy.NONE


@dataclass(frozen=True)
class ResumeOutcome:
    """What the operator's Resume did. `failure`: "" (done), NO_CUPS, NO_DEFAULT or "tools" (a CUPS tool
    failed or is not installed); `causes` holds each failure's technical text ("cupsenable: not installed",
    a tool's error output, CUPS's error)."""

    printer: str
    done: bool
    failure: str = ""
    causes: tuple[str, ...] = ()


def _reasons(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    out = []
    for item in values:
        text = str(item or "")
        for suffix in ("-error", "-warning", "-report"):
            if text.endswith(suffix):
                text = text[: -len(suffix)]
        if text and text != "none":
            out.append(text)
    return out


def classify(name: str, attrs: dict[str, Any] | None, jobs: Iterable[dict[str, Any]] = ()) -> PrinterStatus:
    """PrinterStatus from a queue's IPP attributes (None = no such queue) and booth's jobs on it."""
    if attrs is None:
        return PrinterStatus(name, "missing", NO_QUEUE, False)
    reasons = _reasons(attrs.get("printer-state-reasons"))
    message = str(attrs.get("printer-state-message") or "").strip()
    for key, state in _BLOCKING_REASONS:
        found = next((reason for reason in reasons if reason.startswith(key)), None)
        if found is not None:
            return PrinterStatus(name, state, found, False, message=message)
    if attrs.get("printer-state") == _PRINTER_STOPPED or "paused" in reasons:
        return PrinterStatus(name, "paused", "paused", False, message=message)
    if attrs.get("printer-is-accepting-jobs") is False:
        return PrinterStatus(name, "rejecting", NOT_ACCEPTING, False, message=message)
    for job in jobs:
        if job.get("job-state") in (JOB_HELD, JOB_STOPPED):
            held = job.get("job-id")
            return PrinterStatus(
                name, "held", JOB_HELD_REASON, False, message=message, held_job=held if isinstance(held, int) else None
            )
    if attrs.get("printer-state") == _PRINTER_PROCESSING:
        return PrinterStatus(name, "printing", "", True)
    return PrinterStatus(name, "ready", "", True)


def unreachable(name: str, error: Exception) -> PrinterStatus:
    return PrinterStatus(name or "(default)", "no-cups", NO_CUPS, False, message=str(error))


def resolve_printer(client: IppClient, configured: str) -> str:
    """The configured queue, else CUPS's default one ('' when neither exists)."""
    return configured or client.default_printer() or ""


def printer_status(client: IppClient, configured: str, jobs: Iterable[dict[str, Any]] = ()) -> PrinterStatus:
    """Status of the configured (or default) queue; never raises for CUPS being down."""
    try:
        name = resolve_printer(client, configured)
        if not name:
            return PrinterStatus("(default)", "missing", NO_DEFAULT, False)
        return classify(name, client.printer(name, PRINTER_ATTRS), jobs)
    except IppError as exc:
        return unreachable(configured, exc)


def list_printers(client: IppClient) -> list[PrinterStatus]:
    default = client.default_printer()
    found = []
    for attrs in client.printers(PRINTER_ATTRS):
        name = str(attrs.get("printer-name", "?"))
        found.append(replace(classify(name, attrs), is_default=name == default))
    return found


def booth_jobs(client: IppClient, printer: str, which: str = "all") -> list[dict[str, Any]]:
    """Jobs on the queue, asked as this user so CUPS shows their names (booth finds its prints by name)."""
    return client.jobs(printer, JOB_ATTRS, which=which, user=getpass.getuser())


def cancel(client: IppClient, job_id: int) -> None:
    """Cancel one of booth's CUPS jobs (asked as this user, who owns them)."""
    client.cancel_job(job_id, getpass.getuser())


def _tool(name: str) -> str | None:
    return shutil.which(name) or (f"/usr/sbin/{name}" if shutil.which(f"/usr/sbin/{name}") else None)


def resume(printer: str, held_job_ids: Iterable[int] = ()) -> ResumeOutcome:
    """Enable and accept the queue and release held jobs."""
    # Plain cupsenable resumes the queue; --release (a separate request) frees jobs `cupsdisable --hold` kept.
    commands = [["cupsenable", printer], ["cupsenable", "--release", printer], ["cupsaccept", printer]]
    commands += [["lp", "-i", f"{printer}-{job_id}", "-H", "resume"] for job_id in held_job_ids]
    problems = []
    for command in commands:
        tool = _tool(command[0])
        if tool is None:
            problems.append(f"{command[0]}: not installed")
            continue
        run = subprocess.run([tool, *command[1:]], capture_output=True, text=True, timeout=10, check=False)
        if run.returncode != 0:
            problems.append(f"{command[0]}: {(run.stderr or run.stdout).strip() or f'exit {run.returncode}'}")
    if problems:
        return ResumeOutcome(printer, False, "tools", tuple(problems))
    return ResumeOutcome(printer, True)
