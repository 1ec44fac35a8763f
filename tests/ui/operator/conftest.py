"""Operator panel test rig: the real booth parts assembled by booth.app.start_parts (the local engine over
loopback, the demo camera, the job queue on a scratch event folder, printing when asked) with the panel on top.

Tests hand a coroutine to `arun` (tests/conftest.py), which runs it on a qasync loop over pytest-qt's
QApplication, as the booth does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from booth import settings as settings_mod


@pytest.fixture
def operator_settings(tmp_path: Path, engine: Any) -> settings_mod.Settings:
    """A booth on the test engine and the demo camera, printing off, sharing on loopback."""
    return settings_mod.from_mapping({
        "event": {"name": "Anna & Ben", "dir": str(tmp_path / "event")},
        "api": {"url": engine.url, "auth": "bearer", "catalog_cache": str(tmp_path / "cache")},
        "jobs": {"poll_interval_s": 0.2},
        "camera": {"source": "demo", "width": 640, "height": 480},
        "printing": {"enabled": False},
        "sharing": {"host": "127.0.0.1", "port": 0},
    })
