"""The event folder: its layout, atomic writes, and one queue per folder even across processes."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from booth.jobs.event import EventBusyError, EventFolder, atomic_write


def test_layout_is_created(tmp_path: Path) -> None:
    event = EventFolder(tmp_path / "gala")
    assert event.captures.is_dir() and event.results.is_dir()
    assert event.db_path == tmp_path / "gala" / "jobs.sqlite"


def test_atomic_write_replaces_whole_files_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "results" / "a.png"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["a.png"]


def test_leftover_temp_files_are_cleaned(tmp_path: Path) -> None:
    event = EventFolder(tmp_path)
    (event.results / ".a.png.x1.tmp").write_bytes(b"half")
    (event.results / "b.png").write_bytes(b"whole")
    assert event.clean_temp_files() == 1
    assert [p.name for p in event.results.iterdir()] == ["b.png"]


def test_a_second_process_cannot_take_the_folder_until_the_first_dies(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", f"from booth.jobs.event import EventFolder; e = EventFolder({str(tmp_path)!r}); "
         "e.acquire(); print('held', flush=True); import time; time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        event = EventFolder(tmp_path)
        assert event.is_busy()
        with pytest.raises(EventBusyError, match=f"pid {holder.pid}"):
            event.acquire()
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.05)
    assert not event.is_busy()
    event.acquire()
    event.release()
