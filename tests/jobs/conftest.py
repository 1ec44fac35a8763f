"""Fixtures for the job queue tests: a qasync loop inside pytest-qt's QApplication, an event folder.

Async setup, chosen once: the tests are plain functions that hand a coroutine to `arun` (tests/conftest.py),
which runs it on a fresh `qasync.QEventLoop` over the session's QApplication (pytest-qt's `qapp`), with a
timeout, then closes the loop. The queue's Qt signals and asyncio tasks thus share the one GUI-thread loop, as
in the kiosk.
pytest-asyncio (installed, auto mode) is not used here because its loops are not Qt loops.
Helpers (photos, `wait_until`, `QueueHarness`) live in jobs_helpers.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import pytest

from booth.jobs.event import EventFolder

T = TypeVar("T")


@pytest.fixture
def event(tmp_path: Path) -> EventFolder:
    return EventFolder(tmp_path / "event")


@pytest.fixture
def service(engine: Any, monkeypatch: pytest.MonkeyPatch, qapp: Any) -> Any:
    """The local engine as the service `booth batch` and `booth jobs` reach (BOOTH_API_URL); a full
    QApplication first, since batch looks for one."""
    monkeypatch.setenv("BOOTH_API_URL", engine.url)
    return engine

