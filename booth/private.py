"""Files and folders only this user may read: guests' photos, the job store, share tokens, catalogs.

A kiosk account is often one of several on the machine (a support login, a print service, a remote-desktop
user). Created with the usual umask (022), the event folder, its photos, the job store and the share token
store were readable by every one of them. Folders booth makes are 0700 and its files 0600; a store file
that already exists is narrowed to 0600 when booth opens it (only if this user owns it). At the bottom of
the house: jobs, api and sharing use it, and it imports nothing of booth.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Make `path` (and missing parents) as a 0700 folder; an existing one is left as it is."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty with mode 0600 if missing (so SQLite's -wal and -shm inherit 0600), or narrow an
    existing file this user owns to 0600."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        with contextlib.suppress(OSError):
            if path.stat().st_uid == os.geteuid() and path.stat().st_mode & 0o077:
                os.chmod(path, FILE_MODE)
    else:
        os.close(fd)
    return path
