"""`booth config check`: exit 0 with a summary for a good file, exit 2 with the key for a bad one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


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


@pytest.mark.parametrize("value", ["", "12ab", "1234", "123", "1234567890123"])
def test_check_refuses_a_pin_the_kiosk_pad_cannot_take_or_anyone_can_guess(tmp_path: Path, value: str) -> None:
    """An empty PIN opened the panel with OK alone, a PIN with letters or over 12 digits could never be typed
    on the pad, and 1234 was the default everybody knows: each is refused, naming the key, never the value."""
    path = tmp_path / "pin.toml"
    path.write_text(f'[kiosk]\noperator_pin = "{value}"\n', encoding="utf-8")
    done = run_booth("config", "check", str(path))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "kiosk.operator_pin" in done.stderr
    assert "Traceback" not in done.stderr
    if value not in ("", "1234"):
        assert value not in done.stderr, "the PIN is not echoed back"


def test_check_takes_a_good_pin_and_keeps_only_its_hash(tmp_path: Path) -> None:
    from booth import pin, settings

    path = tmp_path / "pin.toml"
    path.write_text('[kiosk]\noperator_pin = "80261"\n', encoding="utf-8")
    done = run_booth("config", "check", str(path))
    assert done.returncode == 0, done.stderr
    loaded = settings.load(path, env={})
    held = loaded.kiosk.operator_pin.get_secret_value()
    assert "80261" not in held and pin.verify("80261", held)
    assert "80261" not in repr(loaded.model_dump()) and "80261" not in loaded.model_dump_json()


def test_check_toml_syntax_error_names_file_and_line_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('[event]\nname = "Gala"\n[printing\nenabled = false\n', encoding="utf-8")
    done = run_booth("config", "check", str(path))
    assert done.returncode == 2
    assert f"{path}, line 3, column 10: not valid TOML" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "command",
    [["jobs", "list"], ["api", "filters"], ["engine"], ["doctor"], ["--windowed"], ["print", "photo.jpg"]],
    ids=lambda words: words[0].lstrip("-"),
)
def test_every_command_reports_a_broken_settings_file_in_one_message(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "broken.toml"
    path.write_bytes(b'[event]\nname = "Caf\xe9"\n')  # Latin-1, not UTF-8
    done = run_booth(*command, env={"BOOTH_CONFIG": str(path), "QT_QPA_PLATFORM": "offscreen"})
    assert f"{path}, line 2: not valid TOML (not UTF-8 text)" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert done.returncode == (1 if command == ["doctor"] else 2)  # the doctor's FAIL line has its own code


def test_check_a_bad_environment_variable_names_it(tmp_path: Path) -> None:
    path = tmp_path / "ok.toml"
    path.write_text("", encoding="utf-8")
    done = run_booth("config", "check", str(path), env={"BOOTH_API_AUTH": "kerberos"})
    assert done.returncode == 2
    assert "environment variable BOOTH_API_AUTH: api.auth = 'kerberos'" in done.stderr
