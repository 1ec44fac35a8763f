"""Kiosk start-up: milliseconds from launching `python -m booth --demo --windowed` to the first painted
preview frame (offscreen, demo camera, local engine), against a bound of 3000 ms.

The kiosk writes the wall-clock time of its first painted preview frame to $BOOTH_FIRST_FRAME_FILE
(booth.cli.kiosk_cmd.FIRST_FRAME_ENV), opening straight on the pose screen; the process is then stopped with
SIGTERM, which it handles as a clean shutdown. Prints one JSON line: the median of --runs launches.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BOUND_MS = 3000.0
ROOT = Path(__file__).resolve().parent.parent


def one_launch(workdir: Path, timeout_s: float) -> float:
    stamp = workdir / "first_frame.txt"
    stamp.unlink(missing_ok=True)
    config = workdir / "booth.toml"
    config.write_text(
        f'[event]\ndir = "{workdir / "event"}"\n[printing]\nenabled = false\n'
        '[sharing]\nhost = "127.0.0.1"\nport = 0\n[api]\nauth = "bearer"\n'
        f'catalog_cache = "{workdir / "cache"}"\n',
        encoding="utf-8",
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BOOTH_CONFIG=str(config),
               BOOTH_FIRST_FRAME_FILE=str(stamp), BOOTH_PIN="2580")
    started = time.time()
    proc = subprocess.Popen([sys.executable, "-m", "booth", "--demo", "--windowed"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + timeout_s
        while not stamp.exists() or not stamp.read_text().strip():
            if proc.poll() is not None:
                raise SystemExit(f"the kiosk exited early ({proc.returncode}): {proc.stderr.read().decode()[-2000:]}")
            if time.monotonic() > deadline:
                raise SystemExit(f"no preview frame within {timeout_s:.0f} s")
            time.sleep(0.01)
        painted = float(stamp.read_text().strip())
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return (painted - started) * 1000.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="booth-startup-") as tmp:
        times = [one_launch(Path(tmp), args.timeout) for _ in range(args.runs)]
    ms = statistics.median(times)
    print(json.dumps({
        "benchmark": "startup",
        "ms_to_first_preview_frame": round(ms, 1),
        "runs_ms": [round(t, 1) for t in times],
        "bound_ms": BOUND_MS,
        "within_bound": ms <= BOUND_MS,
    }))


if __name__ == "__main__":
    main()
