"""The job store: one SQLite file per event, the record that lets any booth process resume its jobs.

WAL mode lets `booth jobs list` read while the kiosk writes; `synchronous=FULL` makes each committed
state change survive a power cut, not just a crash, because a lost row would be a lost guest. Every thread
gets its own connection (sqlite3 connections must not be shared across threads); the queue funnels its
writes through one worker thread so they land in order and never block the GUI thread. The schema carries
a version (`PRAGMA user_version`) so a newer booth can migrate an older event folder.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from booth.jobs import repair
from booth.jobs.event import EventBusyError, EventFolder
from booth.jobs.job import FINAL_STATES, Delivery, Job, JobParams, JobState
from booth.jobs.repair import StoreRepair
from booth.private import private_file
from booth.problems import ProblemKind

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    ticket TEXT NOT NULL,
    state TEXT NOT NULL,
    params TEXT NOT NULL,
    delivery TEXT NOT NULL,
    capture_path TEXT,
    result_path TEXT,
    result_kind TEXT,
    remote_id TEXT,
    backend TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    submitted_at REAL,
    needs_operator INTEGER NOT NULL DEFAULT 0,
    fallback INTEGER NOT NULL DEFAULT 0,
    key TEXT,
    problem TEXT
);
CREATE INDEX IF NOT EXISTS jobs_key ON jobs(key);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state);
"""

_COLUMNS = (
    "id", "seq", "ticket", "state", "params", "delivery", "capture_path", "result_path", "result_kind", "remote_id",
    "backend", "attempts", "error", "created_at", "updated_at", "submitted_at", "needs_operator", "fallback", "key",
    "problem",
)  # fmt: skip
# Each step takes a store from the version before it to its own; version 1 -> 2 records why a job is held or
# failed as a `ProblemKind` (before, only English text in `error` said so). Rows written before are given
# the kind their flags imply, so a held job read back is worded and offered its button like a new one.
_MIGRATIONS = {
    2: (
        "ALTER TABLE jobs ADD COLUMN problem TEXT",
        "UPDATE jobs SET problem = 'deadline' WHERE fallback = 1",
        "UPDATE jobs SET problem = 'failed' WHERE state = 'failed'",
        "UPDATE jobs SET problem = CASE WHEN error LIKE 'booth stopped while sending%' THEN 'send_interrupted' "
        "ELSE 'answer_lost' END WHERE needs_operator = 1",
    ),
}
_UPSERT = f"INSERT OR REPLACE INTO jobs ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' for _ in _COLUMNS)})"


class StoreError(RuntimeError):
    """The job store cannot be used (newer schema, corrupt file); the message says what to do."""


class JobStore:
    """Jobs of one event folder in SQLite. Blocking calls: use them from a worker thread in GUI code."""

    def __init__(self, event: EventFolder) -> None:
        self.event = event
        self.path: Path = event.db_path
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self.repair: StoreRepair | None = None  # set when the store was damaged and rebuilt on open
        self._open_checked()

    def _open_checked(self) -> None:
        """Open the store; a damaged one is moved aside and rebuilt (booth.jobs.repair) instead of stopping
        every door. Rows are judged after the schema migration, so an older store's rows read as they should."""
        found = repair.inspect(self.path, self._job)
        if found.file_damage is None:
            self._migrate(self._conn())
            found = repair.inspect(self.path, self._job, file=False)
            if found.cause is None:
                return
            self.close()
        try:
            self.repair, jobs = repair.set_aside(self.event, found)
        except EventBusyError as exc:
            raise StoreError(f"{self.path} is damaged ({found.cause}), and {exc}") from None
        self._migrate(self._conn())
        self.save_many(jobs)

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            try:
                private_file(self.path)
                conn = sqlite3.connect(self.path, timeout=10.0, isolation_level=None, check_same_thread=False)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute("PRAGMA busy_timeout=10000")
            except (sqlite3.DatabaseError, OSError) as exc:
                raise StoreError(
                    f"{self.path}: cannot open the job store ({exc}); keep a copy of the folder and ask for help"
                ) from None
            conn.row_factory = sqlite3.Row
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: job store version {version} was written by a newer booth (this one reads "
                f"{SCHEMA_VERSION}); update booth to open this event folder"
            )
        if version < SCHEMA_VERSION:
            conn.execute("BEGIN IMMEDIATE")
            try:
                if version == 0:
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                else:
                    for step in range(version + 1, SCHEMA_VERSION + 1):
                        for statement in _MIGRATIONS[step]:
                            conn.execute(statement)
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()

    # -- rows <-> jobs ------------------------------------------------------------------------------------------
    def _row(self, job: Job) -> tuple[Any, ...]:
        return (
            job.id, job.seq, job.ticket, job.state.value,
            json.dumps(job.params.to_dict(), sort_keys=True), json.dumps(job.delivery.to_dict(), sort_keys=True),
            self.event.relative(job.capture_path) if job.capture_path else None,
            self.event.relative(job.result_path) if job.result_path else None,
            job.result_kind, job.remote_id, job.backend, job.attempts, job.error,
            job.created_at, job.updated_at, job.submitted_at, int(job.needs_operator), int(job.fallback), job.key,
            job.problem.value if job.problem else None,
        )  # fmt: skip

    def _job(self, row: sqlite3.Row) -> Job:
        return Job(
            id=row["id"],
            seq=row["seq"],
            ticket=row["ticket"],
            state=JobState(row["state"]),
            params=JobParams.from_dict(json.loads(row["params"])),
            delivery=Delivery.from_dict(json.loads(row["delivery"])),
            capture_path=self.event.absolute(row["capture_path"]),
            result_path=self.event.absolute(row["result_path"]),
            result_kind=row["result_kind"],
            remote_id=row["remote_id"],
            backend=row["backend"],
            attempts=row["attempts"],
            error=row["error"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            submitted_at=row["submitted_at"],
            needs_operator=bool(row["needs_operator"]),
            fallback=bool(row["fallback"]),
            key=row["key"],
            problem=ProblemKind(row["problem"]) if row["problem"] else None,
        )

    # -- writes ---------------------------------------------------------------------------------------------------
    def save(self, job: Job) -> None:
        """Insert or replace the job's row; returns once it is committed to disk."""
        self._conn().execute(_UPSERT, self._row(job))

    def save_many(self, jobs: Iterable[Job]) -> None:
        """All or none: a rebuilt store gets every job it found in one transaction."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(_UPSERT, [self._row(job) for job in jobs])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def delete(self, job_id: str) -> bool:
        """Remove the job's row (a guest asked to be forgotten, see booth.jobs.forget); True if it was there."""
        return self._conn().execute("DELETE FROM jobs WHERE id = ?", (job_id,)).rowcount > 0

    # -- reads ----------------------------------------------------------------------------------------------------
    def get(self, job_id: str) -> Job | None:
        row = self._conn().execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return self._job(row) if row else None

    def find(self, ref: str) -> Job | None:
        """A job by id, id prefix (at least 6 characters) or ticket, as an operator types it."""
        ref = ref.strip()
        conn = self._conn()
        row = conn.execute("SELECT * FROM jobs WHERE id = ? OR ticket = ?", (ref, ref.upper())).fetchone()
        if row is None and len(ref) >= 6:
            rows = conn.execute("SELECT * FROM jobs WHERE id LIKE ?", (ref.lower() + "%",)).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return self._job(row) if row else None

    def _jobs(self, rows: Iterable[sqlite3.Row]) -> list[Job]:
        """Rows as jobs; a row that does not read back is logged and skipped, so it never hides the others
        (opening the store moves such a store aside and rebuilds it: see booth.jobs.repair)."""
        jobs = []
        for row in rows:
            try:
                jobs.append(self._job(row))
            except repair.ROW_ERRORS as exc:
                log.error("job store %s: skipping an unreadable row (%s: %s)", self.path, type(exc).__name__, exc)
        return jobs

    def all(self) -> list[Job]:
        return self._jobs(self._conn().execute("SELECT * FROM jobs ORDER BY seq"))

    def unfinished(self) -> list[Job]:
        finals = tuple(s.value for s in FINAL_STATES)
        marks = ", ".join("?" for _ in finals)
        rows = self._conn().execute(f"SELECT * FROM jobs WHERE state NOT IN ({marks}) ORDER BY seq", finals)
        return self._jobs(rows)

    def by_key(self, key: str) -> list[Job]:
        return self._jobs(self._conn().execute("SELECT * FROM jobs WHERE key = ? ORDER BY seq", (key,)))

    def next_seq(self) -> int:
        return int(self._conn().execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs").fetchone()[0])

    def counts(self) -> dict[str, int]:
        rows = self._conn().execute("SELECT state, COUNT(*) FROM jobs GROUP BY state")
        return {state: n for state, n in rows}
