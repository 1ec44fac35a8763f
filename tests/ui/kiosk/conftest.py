"""Kiosk test rig: the real booth parts (local engine over loopback, a video-file camera, the job queue,
the share server) assembled by booth.app.start_parts, and a KioskWindow on top, offscreen.

Tests hand a coroutine to `arun` (tests/conftest.py), which runs it on a qasync loop over pytest-qt's
QApplication, as the kiosk does; `Guest` (kiosk_rig.py) taps through the screens the way a person would.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from kiosk_rig import write_video

from booth import settings as settings_mod


@pytest.fixture
def video(tmp_path: Path) -> Path:
    return write_video(tmp_path / "guest.avi")


@pytest.fixture
def kiosk_settings(tmp_path: Path, engine: Any, video: Path) -> settings_mod.Settings:
    """Settings for a kiosk on the test engine and the video camera; quick countdown, quick polling."""
    return settings_mod.from_mapping({
        "event": {"name": "Anna & Ben", "dir": str(tmp_path / "event")},
        "api": {"url": engine.url, "auth": "bearer", "catalog_cache": str(tmp_path / "cache")},
        "jobs": {"poll_interval_s": 0.2},
        "camera": {"source": str(video), "width": 640, "height": 480},
        "kiosk": {"countdown_s": 0, "inactivity_s": 30, "operator_pin": "4711"},
        "printing": {"enabled": False},
        "sharing": {"host": "127.0.0.1", "port": 0},
    })
