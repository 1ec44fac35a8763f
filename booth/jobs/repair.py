"""A damaged job store must not stop the booth: check it on open, move it aside, rebuild, start.

One corrupt page (a power cut on a cheap SD card) or one row an older bug wrote badly used to make every
door fail on open, the kiosk included, so the next guest met a dead booth although every photo was still on
disk. On open the store is checked (`PRAGMA quick_check`, and every row must read back as a Job). If it is
damaged, the file (with its -wal and -shm) is moved aside under a timestamped name, never deleted, so
nothing that may yet be recovered by hand is lost. The new store gets every row the old one could still
give, and one job for each photo in `captures/` or `results/` that no row names (the file names carry the
ticket and the first 8 characters of the job id). What was done comes back as a `StoreRepair`: data the
caller words (the CLI prints it, the queue reports it as a `Problem`).
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from booth.jobs.event import EventFolder
from booth.jobs.job import TICKET_LETTERS, Job, JobParams, JobState
from booth.problems import Part, Problem, ProblemKind

# How the queue names a photo and its result: <ticket>_<first 8 of the job id>.<ext>.
_FILE_NAME = re.compile(r"^(?P<ticket>[A-Z]+\d{2})_(?P<id8>[0-9a-f]{8})\.(?P<ext>[A-Za-z0-9]+)$")
_VIDEO_EXTS = frozenset({"mp4", "gif", "webm", "mov"})
UNKNOWN_SERVICE = "unknown"  # a rebuilt job's choices were in the lost row
REBUILT_CAPTURE = "rebuilt from captures/ after the job store was damaged; its choices were lost"
REBUILT_RESULT = "rebuilt from results/ after the job store was damaged"


@dataclass(frozen=True, slots=True)
class StoreRepair:
    """What opening a damaged store did. `cause` is the technical reason (quick_check's text, a row's error)."""

    cause: str
    moved_to: Path
    kept: int  # rows read back from the damaged store
    rebuilt: int  # jobs made from photos and results no readable row named
    bad_rows: int  # rows that could not be read

    def problem(self) -> Problem:
        """The repair as a Problem for the message bridge (the UI words it)."""
        return Problem.make(ProblemKind.STORE_REBUILT, Part.JOBS, detail=self.cause, moved_to=str(self.moved_to),
                            kept=self.kept, rebuilt=self.rebuilt, bad_rows=self.bad_rows)  # fmt: skip


RowReader = Callable[[sqlite3.Row], Job]
# What a row that does not read back as a Job raises: bad JSON, an unknown state, a field of the wrong shape.
ROW_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError)


def seq_of_ticket(ticket: str) -> int | None:
    """The inverse of `booth.jobs.job.ticket_for` (A01 -> 1, B01 -> 100); None for anything else."""
    match = re.fullmatch(r"([A-Z]+)(\d{2})", ticket)
    if match is None or match.group(2) == "00" or any(ch not in TICKET_LETTERS for ch in match.group(1)):
        return None
    block = 0
    for ch in match.group(1):
        block = block * len(TICKET_LETTERS) + TICKET_LETTERS.index(ch) + 1
    return (block - 1) * 99 + int(match.group(2))


def _rows(conn: sqlite3.Connection, read: RowReader, order: str) -> Iterator[Job | BaseException]:
    """Every row as a Job, or the error that row gave; stops where the file itself cannot be read further."""
    try:
        cursor = conn.execute(f"SELECT * FROM jobs ORDER BY rowid {order}")
        while (row := cursor.fetchone()) is not None:
            try:
                yield read(row)
            except ROW_ERRORS as exc:
                yield exc
    except sqlite3.DatabaseError as exc:
        yield exc


@dataclass(slots=True)
class Inspection:
    """What reading a store found: damage to the file itself, the rows that read back, the errors of the rest."""

    file_damage: str | None = None
    jobs: list[Job] = field(default_factory=list)
    row_errors: list[str] = field(default_factory=list)

    @property
    def cause(self) -> str | None:
        parts = [self.file_damage] if self.file_damage else []
        if self.row_errors:
            parts.append(f"{len(self.row_errors)} unreadable rows (first: {self.row_errors[0]})")
        return "; ".join(parts) or None


def inspect(path: Path, read: RowReader, *, file: bool = True) -> Inspection:
    """Never raises for damage. `file=True`: check the file (`PRAGMA quick_check`) and, only if it is damaged,
    read every row it still gives. `file=False`: read every row and note those that do not read back."""
    found = Inspection()
    if not path.is_file() or path.stat().st_size == 0:
        return found  # nothing to check; what cannot be opened at all the store reports (StoreError)
    try:
        conn = sqlite3.connect(path, timeout=10.0, isolation_level=None)
    except sqlite3.Error:
        return found  # unopenable (permissions): not damage to move aside; opening the store says why
    conn.row_factory = sqlite3.Row
    try:
        if file:
            try:
                verdict = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
            except sqlite3.DatabaseError as exc:
                verdict = [str(exc)]
            if verdict == ["ok"]:
                return found
            found.file_damage = "quick_check: " + "; ".join(verdict[:3])
        try:
            if conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='jobs'").fetchone() is None:
                return found  # a new store, or one the schema migration will set up
        except sqlite3.DatabaseError as exc:
            found.file_damage = f"the file is not a readable SQLite database ({exc})"
            return found
        _read_all(conn, read, found)
        return found
    finally:
        conn.close()


def _read_all(conn: sqlite3.Connection, read: RowReader, found: Inspection) -> None:
    """Rows from the front until a bad page, then from the back until it: what lies past the damage too."""
    seen: set[str] = set()
    for order in ("ASC", "DESC"):
        for item in _rows(conn, read, order):
            if isinstance(item, Job):
                if item.id not in seen:
                    seen.add(item.id)
                    found.jobs.append(item)
            elif isinstance(item, sqlite3.DatabaseError):
                if found.file_damage is None:
                    found.file_damage = f"the file is damaged ({item})"
                break
            elif order == "ASC":  # each unreadable row is met from both ends: count it once
                found.row_errors.append(f"{type(item).__name__}: {item}")
        else:
            return  # read to the end without meeting damage: nothing more to find from the back
    found.jobs.sort(key=lambda job: job.seq)


def move_aside(path: Path) -> Path:
    """Rename the store and its -wal/-shm to `<name>.damaged-<timestamp>`; returns the new store path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            with contextlib.suppress(OSError):
                os.replace(companion, target.with_name(target.name + suffix))
    return target


def rebuild_from_folders(event: EventFolder, known: list[Job]) -> list[Job]:
    """A job for every photo or result in the event folder that none of `known` names (by ticket and id)."""
    named = {(job.ticket, job.id[:8]) for job in known}
    found: dict[tuple[str, str], dict[str, Path]] = {}
    for role, folder in (("capture", event.captures), ("result", event.results)):
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            match = _FILE_NAME.match(path.name)
            if match and path.is_file() and (match["ticket"], match["id8"]) not in named:
                found.setdefault((match["ticket"], match["id8"]), {})[role] = path
    taken = {job.seq for job in known}
    jobs: list[Job] = []
    for (ticket, id8), files in sorted(found.items(), key=lambda item: seq_of_ticket(item[0][0]) or 0):
        seq = seq_of_ticket(ticket)
        if seq is None or seq in taken:
            seq = max(taken, default=0) + 1
        taken.add(seq)
        jobs.append(_rebuilt(ticket, id8, seq, files))
    return jobs


def _rebuilt(ticket: str, id8: str, seq: int, files: dict[str, Path]) -> Job:
    made = min(path.stat().st_mtime for path in files.values())
    result = files.get("result")
    job = Job(id=id8 + uuid.uuid4().hex[8:], seq=seq, ticket=ticket, state=JobState.FAILED,
              params=JobParams(UNKNOWN_SERVICE), capture_path=files.get("capture"), created_at=made,
              updated_at=time.time(), error=REBUILT_CAPTURE)  # fmt: skip
    if result is not None:
        kind = "video" if result.suffix.lstrip(".").lower() in _VIDEO_EXTS else "image"
        job = job.replace(state=JobState.COMPLETED, result_path=result, result_kind=kind, error=REBUILT_RESULT)
    return job


def _distinct(jobs: list[Job]) -> list[Job]:
    """Rows of a damaged file may repeat an id or a seq (a broken index); the new store's UNIQUE columns
    would then silently replace one job with another, so repeats of an id go and a repeated seq moves on."""
    seen_ids: set[str] = set()
    seqs = {job.seq for job in jobs}
    used: set[int] = set()
    out: list[Job] = []
    for job in jobs:
        if job.id in seen_ids:
            continue
        seen_ids.add(job.id)
        if job.seq in used:
            job = job.replace(seq=max(seqs | used) + 1, updated_at=job.updated_at)
        used.add(job.seq)
        out.append(job)
    return out


def set_aside(event: EventFolder, found: Inspection) -> tuple[StoreRepair, list[Job]]:
    """Move the damaged store aside; returns what was done and the jobs the new store must hold.

    Needs the event folder's queue lock (taken here when this process does not hold it): moving the store
    out from under a running booth would split its jobs in two. EventBusyError when another process has it.
    """
    own = not event.held
    if own:
        event.acquire()
    try:
        moved = move_aside(event.db_path)
        kept = _distinct(found.jobs)
        jobs = kept + rebuild_from_folders(event, kept)
    finally:
        if own:
            event.release()
    repair = StoreRepair(found.cause or "damaged", moved, len(kept), len(jobs) - len(kept), len(found.row_errors))
    return repair, jobs
