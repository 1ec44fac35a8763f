"""An event's life from the operator's side: start a new one, export it, close it.

The doors are `booth event new|export|close` and the operator panel; both call these functions, which are
blocking (the panel runs them in a worker thread). They read what the parts left in the event folder (the
job store, the print store, the share links) and never change a finished event's pictures: a new event gets
a folder of its own, an export only reads, and closing ends the links and leaves a marker (`closed.json`)
that the kiosk reads to say goodbye instead of taking new guests.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from booth.jobs.event import EventFolder
from booth.jobs.job import Job, JobState
from booth.jobs.store import JobStore
from booth.printing import store as prints
from booth.printing.store import PrintJob
from booth.settings_file import SettingsFile, atomic_write_text
from booth.sharing import tokens

CLOSED_MARKER = "closed.json"
JOB_COLUMNS = ("ticket", "id", "service", "state", "created", "updated", "attempts", "result", "fallback",
               "needs_operator", "problem", "copies_printed")  # fmt: skip
# The event's look: what `new_event(reset=True)` puts back to the defaults.
EVENT_LOOK = ("event.logo", "event.primary_color", "event.accent_color", "event.text_color")

Progress = Callable[[int, int], None]  # (done, total) files


class EventExists(FileExistsError):
    """The new event's folder already holds something; the message names it."""


@dataclass(frozen=True)
class ExportReport:
    out: Path
    jobs: int
    files: int


@dataclass(frozen=True)
class CloseReport:
    links_revoked: int
    closed_at: float


def folder_name(name: str) -> str:
    """A folder name for an event name: letters, digits, dot, dash and underscore."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", name.strip()).strip("-._")
    return slug[:80] or "event"


def new_event(settings: SettingsFile, name: str, *, folder: Path | None = None, reset: bool = False) -> Path:
    """Make a new event folder (beside the current one unless `folder` is given) and point the settings
    file at it under `name`; `reset` puts the event's look back to the defaults. The old folder is not
    touched. Raises ValueError naming each bad key if the settings refuse the change."""
    current = settings.load().event.dir
    target = (folder or current.parent / folder_name(name)).expanduser().resolve()
    if target.exists() and any(target.iterdir()):
        raise EventExists(f"{target} already holds an event; choose another name or folder")
    changes: dict[str, object] = {"event.name": name, "event.dir": str(target)}
    if reset:
        changes.update(dict.fromkeys(EVENT_LOOK))
    errors = settings.save(changes)
    if errors:
        raise ValueError("; ".join(f"{key}: {error['msg']}" for key, error in errors.items()))
    EventFolder(target)
    return target


def _stamp(seconds: float | None) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds") if seconds else ""


def _read_stores(event: EventFolder) -> tuple[list[Job], list[PrintJob]]:
    store = JobStore(event)
    try:
        jobs = store.all()
    finally:
        store.close()
    printed: list[PrintJob] = []
    if (event.prints / prints.FILE_NAME).exists():
        print_store = prints.PrintStore(event.prints)
        try:
            printed = print_store.load()
        finally:
            print_store.close()
    return jobs, printed


def jobs_csv(event: EventFolder, jobs: Iterable[Job], printed: Iterable[PrintJob]) -> str:
    """One row per job: the guest's ticket, what they chose, how it ended and how many copies were printed."""
    copies = Counter[str]()
    for one in printed:
        if one.state is prints.PrintState.DONE:
            copies[one.job_id] += one.copies
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(JOB_COLUMNS)
    for job in jobs:
        result = event.relative(job.result_path) if job.result_path else ""
        writer.writerow([job.ticket, job.id, job.service, job.state.value, _stamp(job.created_at),
                         _stamp(job.updated_at), job.attempts, result, int(job.fallback),
                         int(job.needs_operator), job.problem or "", copies[job.id]])  # fmt: skip
    return out.getvalue()


def stats_csv(jobs: list[Job], printed: list[PrintJob]) -> str:
    """The event's figures as `figure,value` rows (guests, pictures per service, states, prints, wait)."""
    rows: list[tuple[str, object]] = [("jobs", len(jobs))]
    rows += [(f"state.{state.value}", sum(job.state is state for job in jobs)) for state in JobState]
    done = [job for job in jobs if job.state is JobState.COMPLETED]
    rows += [(f"service.{name}", count) for name, count in sorted(Counter(job.service for job in done).items())]
    waits = [job.updated_at - job.created_at for job in done if job.updated_at >= job.created_at]
    rows.append(("average_wait_s", round(sum(waits) / len(waits), 1) if waits else ""))
    rows.append(("copies_printed", sum(one.copies for one in printed if one.state is prints.PrintState.DONE)))
    rows.append(("prints_failed", sum(one.state is prints.PrintState.FAILED for one in printed)))
    out = io.StringIO()
    csv.writer(out).writerows([("figure", "value"), *rows])
    return out.getvalue()


def _files(event: EventFolder, skip: Path) -> list[Path]:
    found = []
    for folder in (event.results, event.prints):
        if folder.is_dir():
            found += [path for path in sorted(folder.rglob("*"))
                      if path.is_file() and not path.name.startswith(".") and path.resolve() != skip]  # fmt: skip
    return found


def export_event(event_dir: Path, out: Path, *, progress: Progress | None = None) -> ExportReport:
    """Zip the event's results and print records with `jobs.csv` and `stats.csv` into `out`, written under
    a temporary name and renamed when whole (a pulled USB stick leaves no half zip under the real name)."""
    event = EventFolder(event_dir)
    out = Path(out).expanduser().resolve()
    jobs, printed = _read_stores(event)
    files = _files(event, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as archive:
            archive.writestr("jobs.csv", jobs_csv(event, jobs, printed))
            archive.writestr("stats.csv", stats_csv(jobs, printed))
            for done, path in enumerate(files, start=1):
                archive.write(path, path.relative_to(event.path).as_posix())
                if progress is not None:
                    progress(done, len(files))
        with open(partial, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if progress is not None and not files:
        progress(0, 0)
    return ExportReport(out, len(jobs), len(files))


def close_event(event_dir: Path, *, now: Callable[[], float] = time.time) -> CloseReport:
    """End every download link of the event and leave the marker that turns the kiosk to its goodbye."""
    event = EventFolder(event_dir)
    revoked = 0
    if (event.shares / tokens.FILE_NAME).exists():
        shares = tokens.ShareStore(event.shares, event.results)
        try:
            revoked = shares.revoke_all()
        finally:
            shares.close()
    closed_at = now()
    atomic_write_text(event.path / CLOSED_MARKER, json.dumps({"closed_at": closed_at, "links_revoked": revoked}))
    return CloseReport(revoked, closed_at)


def is_closed(event_dir: Path) -> bool:
    """Whether the event was closed (the kiosk then shows its goodbye and takes no new guest)."""
    return (Path(event_dir).expanduser() / CLOSED_MARKER).is_file()
