"""What a CUPS queue is doing, in words for the operator, and the Resume action.

Printer trouble at events is mostly a queue CUPS stopped by itself (paper ran out, the printer was
unplugged): the state, accepting flag and printer-state-reasons tell which, and `classify` turns them into
one `PrinterStatus` the kiosk (ok or not) and the operator panel (reason, Resume) act on. Resume uses the
cupsenable/cupsaccept tools because they carry the local admin credentials CUPS asks for.
"""

from __future__ import annotations

import getpass
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from booth.printing.ipp import IppClient, IppError

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

# printer-state-reasons (severity suffix removed) that mean nothing will come out -> (state, operator words).
_BLOCKING_REASONS = [
    ("media-empty", "out-of-paper", "is out of paper: load paper, then press Resume"),
    ("media-needed", "out-of-paper", "needs paper: load paper, then press Resume"),
    ("media-jam", "jammed", "has a paper jam: clear it, then press Resume"),
    ("marker-supply-empty", "out-of-ink", "is out of ribbon or ink: replace it, then press Resume"),
    ("toner-empty", "out-of-ink", "is out of toner: replace it, then press Resume"),
    ("door-open", "door-open", "has a door or cover open: close it"),
    ("offline", "offline", "is offline: check its cable and power, then press Resume"),
    ("shutdown", "offline", "is shut down: switch it on, then press Resume"),
    ("cups-missing-filter", "broken-driver", "cannot print with its driver: reinstall the printer in CUPS"),
]


@dataclass(frozen=True)
class PrinterStatus:
    """One queue's condition. `ok` means a print sent now would come out.

    state: ready, printing (ok), or paused, rejecting, out-of-paper, out-of-ink, jammed, door-open, offline,
    broken-driver, held (a booth job held in CUPS), missing (no such queue), no-cups (CUPS not answering),
    unknown (not asked yet). `reason` is one sentence for the operator saying what to do.
    """

    name: str
    state: str
    reason: str
    ok: bool
    is_default: bool = False


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
        return PrinterStatus(
            name, "missing", f"printer '{name}' is not set up in CUPS: add it or fix printing.printer", False
        )
    reasons = _reasons(attrs.get("printer-state-reasons"))
    message = str(attrs.get("printer-state-message") or "").strip()
    detail = f" ({message})" if message else ""
    for key, state, words in _BLOCKING_REASONS:
        if any(reason.startswith(key) for reason in reasons):
            return PrinterStatus(name, state, f"{name} {words}{detail}", False)
    if attrs.get("printer-state") == _PRINTER_STOPPED or "paused" in reasons:
        return PrinterStatus(name, "paused", f"{name} is paused in CUPS{detail}: press Resume", False)
    if attrs.get("printer-is-accepting-jobs") is False:
        return PrinterStatus(name, "rejecting", f"{name} is not accepting jobs in CUPS{detail}: press Resume", False)
    for job in jobs:
        if job.get("job-state") in (JOB_HELD, JOB_STOPPED):
            return PrinterStatus(
                name, "held", f"{name} holds print job {job.get('job-id')} in CUPS: press Resume to release it", False
            )
    if attrs.get("printer-state") == _PRINTER_PROCESSING:
        return PrinterStatus(name, "printing", "", True)
    return PrinterStatus(name, "ready", "", True)


def unreachable(name: str, error: Exception) -> PrinterStatus:
    return PrinterStatus(name or "(default)", "no-cups", f"{error}", False)


def resolve_printer(client: IppClient, configured: str) -> str:
    """The configured queue, else CUPS's default one ('' when neither exists)."""
    return configured or client.default_printer() or ""


def printer_status(client: IppClient, configured: str, jobs: Iterable[dict[str, Any]] = ()) -> PrinterStatus:
    """Status of the configured (or default) queue; never raises for CUPS being down."""
    try:
        name = resolve_printer(client, configured)
        if not name:
            return PrinterStatus(
                "(default)", "missing", "no printer chosen and CUPS has no default: set printing.printer", False
            )
        return classify(name, client.printer(name, PRINTER_ATTRS), jobs)
    except IppError as exc:
        return unreachable(configured, exc)


def list_printers(client: IppClient) -> list[PrinterStatus]:
    default = client.default_printer()
    found = []
    for attrs in client.printers(PRINTER_ATTRS):
        name = str(attrs.get("printer-name", "?"))
        status = classify(name, attrs)
        found.append(PrinterStatus(status.name, status.state, status.reason, status.ok, name == default))
    return found


def booth_jobs(client: IppClient, printer: str, which: str = "all") -> list[dict[str, Any]]:
    """Jobs on the queue, asked as this user so CUPS shows their names (booth finds its prints by name)."""
    return client.jobs(printer, JOB_ATTRS, which=which, user=getpass.getuser())


def _tool(name: str) -> str | None:
    return shutil.which(name) or (f"/usr/sbin/{name}" if shutil.which(f"/usr/sbin/{name}") else None)


def resume(printer: str, held_job_ids: Iterable[int] = ()) -> tuple[bool, str]:
    """Enable and accept the queue and release held jobs; (done, what happened in operator words)."""
    # Plain cupsenable resumes the queue; --release (a separate request) frees jobs `cupsdisable --hold` kept.
    commands = [["cupsenable", printer], ["cupsenable", "--release", printer], ["cupsaccept", printer]]
    commands += [["lp", "-i", f"{printer}-{job_id}", "-H", "resume"] for job_id in held_job_ids]
    problems = []
    for command in commands:
        tool = _tool(command[0])
        if tool is None:
            problems.append(f"{command[0]} is missing (install cups-client)")
            continue
        run = subprocess.run([tool, *command[1:]], capture_output=True, text=True, timeout=10, check=False)
        if run.returncode != 0:
            problems.append(f"{command[0]}: {(run.stderr or run.stdout).strip() or 'failed'}")
    if problems:
        return False, f"could not resume {printer}: " + "; ".join(problems)
    return True, f"{printer} resumed"
