"""The print queue on disk: every print booth promised a guest, and how far it got.

A print is recorded before anything is sent, marked `sending` just before it goes to CUPS and `printing`
with the CUPS job id once it is there, so after a crash or restart booth knows which prints CUPS already
has (never print twice) and which it never got (never lose one). Its own SQLite file in the event folder
keeps it apart from the job store other parts write.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from pathlib import Path

FILE_NAME = "prints.sqlite"


class PrintState(StrEnum):
    QUEUED = "queued"  # waiting in booth (printer down, or its turn not come)
    SENDING = "sending"  # being handed to CUPS right now
    PRINTING = "printing"  # CUPS has it (cups_job_id set)
    DONE = "done"
    FAILED = "failed"  # held with its cause in `error` until the operator prints it again or cancels it
    CANCELLED = "cancelled"  # the operator took it off the queue


ACTIVE = (PrintState.QUEUED, PrintState.SENDING, PrintState.PRINTING)
# Prints whose copies are not made and may be asked for again.
UNCOUNTED = (PrintState.FAILED, PrintState.CANCELLED)


@dataclass(frozen=True)
class PrintJob:
    id: str
    job_id: str  # the booth job (guest) the print belongs to
    image_path: str
    copies: int
    state: PrintState = PrintState.QUEUED
    qr_url: str | None = None
    printer: str = ""
    cups_job_id: int | None = None
    error: str = ""
    attempts: int = 0
    created_at: float = field(default_factory=time.time)
    updated_at: float = field(default_factory=time.time)

    @property
    def title(self) -> str:
        """The CUPS job name: unique, so booth can find the job Qt created."""
        return f"booth-{self.id}"

    @property
    def counts(self) -> bool:
        """Whether its copies count against the limits (a failed or cancelled print can be asked for again)."""
        return self.state not in UNCOUNTED

    def evolve(self, **changes: object) -> PrintJob:
        return replace(self, updated_at=time.time(), **changes)  # type: ignore[arg-type]


_COLUMNS = [name for name in PrintJob.__dataclass_fields__]
_SCHEMA = """
CREATE TABLE IF NOT EXISTS prints (
    id TEXT PRIMARY KEY, job_id TEXT NOT NULL, image_path TEXT NOT NULL, copies INTEGER NOT NULL,
    state TEXT NOT NULL, qr_url TEXT, printer TEXT NOT NULL, cups_job_id INTEGER, error TEXT NOT NULL,
    attempts INTEGER NOT NULL, created_at REAL NOT NULL, updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS prints_job ON prints(job_id);
"""


class PrintStore:
    """SQLite rows of PrintJob. Use from one thread at a time (the print worker owns it)."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / FILE_NAME
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def save(self, job: PrintJob) -> None:
        row = asdict(job)
        row["state"] = str(job.state)
        marks = ", ".join("?" for _ in _COLUMNS)
        self._db.execute(
            f"INSERT OR REPLACE INTO prints ({', '.join(_COLUMNS)}) VALUES ({marks})", [row[c] for c in _COLUMNS]
        )

    def delete_job(self, job_id: str) -> int:
        """Remove every print record of one booth job (a guest asked to be forgotten); how many went."""
        return self._db.execute("DELETE FROM prints WHERE job_id = ?", (job_id,)).rowcount

    def load(self) -> list[PrintJob]:
        rows = self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM prints ORDER BY created_at, id").fetchall()
        jobs = []
        for row in rows:
            values = dict(zip(_COLUMNS, row, strict=True))
            values["state"] = PrintState(values["state"])
            jobs.append(PrintJob(**values))
        return jobs
