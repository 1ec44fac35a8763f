"""What booth writes for one event is readable by this user only, whatever the umask (another local account
on the kiosk must not browse the guests' photos, the job store or the share tokens)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from booth.api.catalog import CatalogCache
from booth.api.models import CatalogEntry
from booth.jobs.event import EventFolder, atomic_write
from booth.jobs.job import Job, JobParams, JobState
from booth.jobs.store import JobStore
from booth.private import private_file
from booth.sharing.tokens import ShareStore


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """The common default: new files readable by everyone unless booth says otherwise."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_event_folder_its_photos_and_its_job_store_are_private(tmp_path: Path) -> None:
    event = EventFolder(tmp_path / "events" / "wedding")
    for folder in (event.path, event.captures, event.results):
        assert _mode(folder) == 0o700, folder
    photo = atomic_write(event.captures / "A01_0123abcd.jpg", b"\xff\xd8\xff photo")
    result = atomic_write(event.results / "A01_0123abcd.png", b"\x89PNG result")
    store = JobStore(event)
    store.save(Job(id="0123abcd" * 4, seq=1, ticket="A01", state=JobState.CAPTURED, params=JobParams("filter")))
    event.acquire()
    try:
        files = [photo, result, event.db_path, event.path / ".queue.lock"]
        files += [p for p in event.path.glob("jobs.sqlite-*")]  # SQLite's -wal and -shm
        assert len(files) >= 5
        for path in files:
            assert _mode(path) == 0o600, path
    finally:
        event.release()
        store.close()


def test_an_existing_world_readable_job_store_is_narrowed_on_open(tmp_path: Path) -> None:
    event = EventFolder(tmp_path / "event")
    JobStore(event).close()
    os.chmod(event.db_path, 0o644)
    JobStore(event).close()
    assert _mode(event.db_path) == 0o600


def test_the_catalog_cache_and_the_share_token_store_are_private(tmp_path: Path) -> None:
    cache = CatalogCache(tmp_path / "cache" / "catalogs")
    cache.save("https://api.example.com", "filters", [CatalogEntry(1, "Ink")])
    assert _mode(cache.directory) == 0o700
    assert _mode(cache.path("https://api.example.com", "filters")) == 0o600
    shares = ShareStore(tmp_path / "share", tmp_path / "results")
    try:
        assert _mode(tmp_path / "share") == 0o700
        assert _mode(tmp_path / "share" / "shares.sqlite") == 0o600
    finally:
        shares.close()


def test_private_file_leaves_a_private_file_alone(tmp_path: Path) -> None:
    path = private_file(tmp_path / "x")
    assert _mode(path) == 0o600 and path.read_bytes() == b""
    path.write_bytes(b"kept")
    assert private_file(path).read_bytes() == b"kept"
