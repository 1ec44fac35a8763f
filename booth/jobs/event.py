"""The event folder: where every guest's capture, result and job record of one event lives on disk.

One place knows the layout (`captures/`, `results/`, `prints/`, `shares/`, `jobs.sqlite`) so the kiosk,
`booth batch` and `booth jobs` all find the same files (printing and sharing get their folder from the
wiring: they are independent of the jobs part), and the folder can be copied to another machine as a whole. Files are
written atomically (temp file, fsync, rename, fsync the directory): after a crash or power cut a file is
either whole or absent, never half written, which is what lets the queue resume from disk alone.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from pathlib import Path

from booth.private import FILE_MODE, private_dir

CAPTURES = "captures"
RESULTS = "results"
PRINTS = "prints"  # the print service's own store
SHARES = "shares"  # the share server's store of links
DB_NAME = "jobs.sqlite"
LOCK_NAME = ".queue.lock"


class EventBusyError(RuntimeError):
    """Another booth process already runs the queue of this event folder."""


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in `path` survive a power cut (the directory entry itself)."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> Path:
    """Write `data` to `path` so that readers and crashes only ever see the old or the whole new file.

    Blocking (fsyncs): call it from a worker thread, e.g. `await asyncio.to_thread(atomic_write, ...)`.
    """
    path = Path(path)
    private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)
    return path


class EventFolder:
    """The folder of one event; creating the object creates the folder and its subfolders."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path).expanduser().resolve()
        self.captures = self.path / CAPTURES
        self.results = self.path / RESULTS
        self.prints = self.path / PRINTS  # created by the print service when it starts
        self.shares = self.path / SHARES  # created by the share server when it starts
        self.db_path = self.path / DB_NAME
        for folder in (self.path, self.captures, self.results):  # guests' photos: this user only
            private_dir(folder)
        self._lock_fd: int | None = None

    def __repr__(self) -> str:
        return f"EventFolder({str(self.path)!r})"

    def relative(self, path: Path) -> str:
        """How the job store records a file: relative to the folder, so the folder can move."""
        try:
            return str(Path(path).resolve().relative_to(self.path))
        except ValueError:
            return str(path)

    def absolute(self, stored: str | None) -> Path | None:
        if not stored:
            return None
        candidate = Path(stored)
        return candidate if candidate.is_absolute() else self.path / candidate

    def clean_temp_files(self) -> int:
        """Remove temp files a killed writer left behind (never a finished file)."""
        removed = 0
        for folder in (self.captures, self.results):
            for tmp in folder.glob(".*.tmp"):
                with contextlib.suppress(OSError):
                    tmp.unlink()
                    removed += 1
        return removed

    # One queue per event folder: two would resume and submit the same jobs twice.
    def acquire(self) -> None:
        """Take the folder's queue lock (released by `release()` or when the process dies, even by SIGKILL)."""
        if self._lock_fd is not None:
            return
        fd = os.open(self.path / LOCK_NAME, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise EventBusyError(
                f"event folder {self.path} is in use by another booth process (pid {holder}); "
                "stop it first or use its operator panel"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._lock_fd = fd

    @property
    def held(self) -> bool:
        """This process holds the folder's queue lock."""
        return self._lock_fd is not None

    def release(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def is_busy(self) -> bool:
        """True when another process holds the queue lock (used by `booth jobs` before changing jobs)."""
        if self._lock_fd is not None:
            return False
        try:
            self.acquire()
        except EventBusyError:
            return True
        self.release()
        return False
