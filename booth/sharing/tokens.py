"""Share links: unguessable tokens that each open exactly one result file, kept across restarts.

A token is the only key to a file: 128+ random bits (secrets.token_urlsafe), so links cannot be guessed or
enumerated, and the mapping lives in a small SQLite file in the event folder so links printed on paper
still work after the booth restarts. Only files inside the event's results folder can be shared (no
captures, nothing else on disk), and that is checked again on every lookup, after resolving symlinks.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from booth.private import private_dir, private_file

FILE_NAME = "shares.sqlite"
TOKEN_BYTES = 18  # 144 bits
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{22,86}$")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS shares (
    token TEXT PRIMARY KEY, path TEXT NOT NULL, created_at REAL NOT NULL, expires_at REAL, revoked INTEGER NOT NULL
);
"""


class ShareError(ValueError):
    """A file that may not be shared; the message says why."""


@dataclass(frozen=True)
class Share:
    token: str
    path: Path
    created_at: float
    expires_at: float | None


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, symlinks resolved, lies within `folder`."""
    try:
        path.resolve(strict=False).relative_to(folder.resolve(strict=False))
    except ValueError:
        return False
    return True


class ShareStore:
    """Token -> file. Thread-safe: the share server reads it from its worker threads."""

    def __init__(self, directory: Path, results_dir: Path, *, now: Callable[[], float] = time.time) -> None:
        private_dir(directory)
        self.results_dir = results_dir
        self._now = now
        self._lock = threading.Lock()
        self._db = sqlite3.connect(private_file(directory / FILE_NAME), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def add(self, path: Path, ttl_s: float | None) -> Share:
        """A new token for a result file (the file is not copied)."""
        path = Path(path)
        if not inside(path, self.results_dir):
            raise ShareError(f"{path} is not in the event's results folder {self.results_dir}; only results are shared")
        if not path.resolve().is_file():
            raise ShareError(f"{path}: no such result file")
        now = self._now()
        share = Share(secrets.token_urlsafe(TOKEN_BYTES), path.resolve(), now, now + ttl_s if ttl_s else None)
        with self._lock:
            self._db.execute(
                "INSERT INTO shares (token, path, created_at, expires_at, revoked) VALUES (?, ?, ?, ?, 0)",
                (share.token, str(share.path), share.created_at, share.expires_at),
            )
        return share

    def revoke(self, token: str) -> bool:
        with self._lock:
            cursor = self._db.execute("UPDATE shares SET revoked = 1 WHERE token = ?", (token,))
        return cursor.rowcount > 0

    def revoke_files(self, paths: list[Path]) -> int:
        """End every link to these files and forget which file each one opened (a guest asked to be forgotten)."""
        names = [str(Path(path).resolve(strict=False)) for path in paths]
        if not names:
            return 0
        marks = ", ".join("?" for _ in names)
        with self._lock:
            cursor = self._db.execute(f"UPDATE shares SET revoked = 1, path = '' WHERE path IN ({marks})", names)
        return cursor.rowcount

    def revoke_all(self) -> int:
        """End every link of the event (it was closed); how many were still open."""
        with self._lock:
            cursor = self._db.execute("UPDATE shares SET revoked = 1 WHERE revoked = 0")
        return cursor.rowcount

    def known(self, token: str) -> bool:
        """Whether the token was ever issued here (its link may since have expired or been revoked)."""
        if not TOKEN_SHAPE.match(token):
            return False
        with self._lock:
            return self._db.execute("SELECT 1 FROM shares WHERE token = ?", (token,)).fetchone() is not None

    def lookup(self, token: str) -> Share | None:
        """The live share for a token, or None for unknown, revoked, expired, moved or out-of-bounds ones."""
        if not TOKEN_SHAPE.match(token):
            return None
        with self._lock:
            row = self._db.execute(
                "SELECT path, created_at, expires_at, revoked FROM shares WHERE token = ?", (token,)
            ).fetchone()
        if row is None or row[3]:
            return None
        path, created_at, expires_at = Path(row[0]), float(row[1]), row[2]
        if expires_at is not None and self._now() >= float(expires_at):
            return None
        if not inside(path, self.results_dir) or not path.resolve().is_file():
            return None
        return Share(token, path.resolve(), created_at, expires_at)

    def live(self) -> list[Share]:
        """Every share whose link works now (the synced copies of share pages follow this list)."""
        with self._lock:
            tokens = [row[0] for row in self._db.execute("SELECT token FROM shares WHERE revoked = 0 AND path != ''")]
        return [share for token in tokens if (share := self.lookup(token)) is not None]
