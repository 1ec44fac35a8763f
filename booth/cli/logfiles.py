"""Where booth's log goes: the terminal as before, and rotating files in the platform's log folder.

A kiosk runs for hours with nobody watching its terminal (under a kiosk session there is none), so the log
that explains a bad evening must outlive the process: `booth.log` in platformdirs' user log folder
(~/.local/state/booth/log on Linux, %LOCALAPPDATA%\\booth\\Logs on Windows), or `$BOOTH_LOG_DIR`. The files
are capped (MAX_BYTES each, BACKUPS old ones kept), so a long event or an error storm cannot fill the disk,
private to the booth's user, and scrubbed by the same redaction filter as the terminal.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import sys
from pathlib import Path

from booth.private import FILE_MODE, private_dir, private_file

LOG_DIR_ENV = "BOOTH_LOG_DIR"
LOG_NAME = "booth.log"
MAX_BYTES = 5 * 1024 * 1024
BACKUPS = 4
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_dir() -> Path:
    """$BOOTH_LOG_DIR, else the platform's log folder for booth (it need not exist yet)."""
    chosen = os.environ.get(LOG_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs

    return Path(platformdirs.user_log_dir("booth", appauthor=False))


def log_files(folder: Path | None = None) -> list[Path]:
    """The current log and its rotated predecessors, newest first."""
    folder = folder or log_dir()
    return sorted(folder.glob(f"{LOG_NAME}*"), key=lambda p: (p.name != LOG_NAME, p.name))


class BoothFileHandler(logging.handlers.RotatingFileHandler):
    """The size-capped file handler; its own class so a second setup (tests call main() often) replaces it.

    Each rotation opens a new file; the base class would make it with the umask's mode (world-readable).
    """

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


def setup_logging(verbose: bool) -> Path | None:
    """Terminal and file logging with secrets redacted; the log file, or None when the folder cannot be made.

    A log folder that cannot be written is said once on stderr and the booth runs on: losing the file log
    must never stop an event.
    """
    root = logging.getLogger()
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, format=FORMAT)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for old in [h for h in root.handlers if isinstance(h, BoothFileHandler)]:
        root.removeHandler(old)
        old.close()
    path = _file_handler(root, log_dir() / LOG_NAME)
    from booth.api.redact import guard_handlers

    guard_handlers()
    return path


def _file_handler(root: logging.Logger, path: Path) -> Path | None:
    try:
        private_dir(path.parent)
        if os.name == "posix":
            private_file(path)
        handler = BoothFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError as exc:
        print(f"booth: cannot write the log folder {path.parent} ({exc.strerror or exc}); logging to the terminal "
              f"only. Set {LOG_DIR_ENV} to a writable folder.", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    return path
