"""`booth config check`: exit 0 with a summary for a good file, exit 2 with the key for a bad one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_booth(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "booth", *args], capture_output=True, text=True, env=full_env, timeout=60
    )


def test_check_good_file(tmp_path: Path) -> None:
    path = tmp_path / "ok.toml"
    path.write_text('[event]\nname = "Anna & Ben"\n', encoding="utf-8")
    done = run_booth("config", "check", str(path))
    assert done.returncode == 0, done.stderr
    assert "OK" in done.stdout
    assert "local engine" in done.stdout


def test_check_bad_file_names_the_key_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[kiosk]\ndefault_ratio = "panorama"\n', encoding="utf-8")
    done = run_booth("config", "check", str(path))
    assert done.returncode == 2
    assert "kiosk.default_ratio = 'panorama'" in done.stderr
    assert "Traceback" not in done.stderr
