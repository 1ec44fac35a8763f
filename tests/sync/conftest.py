"""Fixtures of the sync tests: a WebDAV storage served by rclone on loopback."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "jobs"))  # jobs_helpers: photos for booth batch
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # test_wiring: the recording bridge

from sync_helpers import WebDav

if shutil.which("rclone") is None:
    pytest.skip("rclone is not installed (apt install rclone)", allow_module_level=True)


@pytest.fixture
def webdav(tmp_path: Path) -> Iterator[WebDav]:
    server = WebDav(tmp_path / "storage").start()
    try:
        yield server
    finally:
        server.stop()
