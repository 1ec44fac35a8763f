"""benchmarks/event_sim.py --quick runs the real kiosk flow end to end and prints its JSON line (CI only checks
that it runs; the bounds are for an idle machine, see the README's Benchmarks)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_event_sim_quick_runs_and_reports() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "event_sim.py"), "--quick"], env=env,
                          capture_output=True, text=True, timeout=240, cwd=REPO)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1, done.stdout
    figures = json.loads(lines[0])
    for key in ("guests_per_hour", "p50_wait_s", "p95_wait_s", "max_gui_stall_ms", "baseline_guests_per_hour"):
        assert isinstance(figures[key], (int, float)), key
    assert figures["guests_per_hour"] > 0 and figures["baseline_guests_per_hour"] > 0
    assert figures["p95_wait_s"] >= figures["p50_wait_s"] > 0
