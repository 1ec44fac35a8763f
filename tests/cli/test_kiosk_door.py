"""`booth` on a machine with no screen: one line saying what to do, not Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_no_screen_is_a_clear_message(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-m", "booth", "--demo", "--event", str(tmp_path / "event")],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert done.returncode == 2
    assert "no screen found" in done.stderr and "xvfb-run" in done.stderr
    assert "Traceback" not in done.stderr
