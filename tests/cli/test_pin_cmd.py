"""`booth pin set`: the PIN typed twice becomes a salted hash in a file only its owner reads, never the PIN."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from booth import pin, settings


def _config(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "booth.toml"
    path.write_text(f'[event]\ndir = "{tmp_path / "event"}"\n{extra}', encoding="utf-8")
    return path


def _pin_set(config: Path, typed: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BOOTH_")}
    return subprocess.run([sys.executable, "-m", "booth", "--config", str(config), "pin", "set"], input=typed,
                          capture_output=True, text=True, env={**clean, **env}, timeout=60)  # fmt: skip


def test_pin_set_writes_only_a_private_salted_hash(tmp_path: Path) -> None:
    config = _config(tmp_path)
    done = _pin_set(config, "480216\n480216\n")
    assert done.returncode == 0, done.stderr
    stored = tmp_path / "booth.pin"
    text = stored.read_text(encoding="utf-8")
    assert "480216" not in text and "480216" not in done.stdout + done.stderr
    assert text.startswith("scrypt$") and pin.verify("480216", text.strip()) and not pin.verify("480217", text)
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    again = _pin_set(config, "480216\n480216\n")
    assert again.returncode == 0
    assert stored.read_text(encoding="utf-8") != text, "a fresh salt each time"


def test_pin_set_refuses_bad_or_mistyped_pins(tmp_path: Path) -> None:
    config = _config(tmp_path)
    for typed, words in (("1234\n1234\n", "old default"), ("12ab\n12ab\n", "digits"), ("\n\n", "empty"),
                         ("1234567890123\n1234567890123\n", "at most 12"), ("5790\n5791\n", "differ")):  # fmt: skip
        done = _pin_set(config, typed)
        assert done.returncode == 2, (typed, done.stderr)
        assert words in done.stderr and "Traceback" not in done.stderr
        assert not (tmp_path / "booth.pin").exists()


def test_pin_set_refuses_while_a_pin_in_settings_would_override_it(tmp_path: Path) -> None:
    config = _config(tmp_path, '[kiosk]\noperator_pin = "97531"\n')
    done = _pin_set(config, "2580\n2580\n")
    assert done.returncode == 2 and "remove that line" in done.stderr, done.stderr
    done = _pin_set(_config(tmp_path), "2580\n2580\n", BOOTH_PIN="97531")
    assert done.returncode == 2 and "BOOTH_PIN" in done.stderr, done.stderr
    assert not (tmp_path / "booth.pin").exists()


def test_pin_set_ends_a_lockout(tmp_path: Path) -> None:
    config = _config(tmp_path)
    record = tmp_path / "event" / pin.LOCKOUT_FILE
    record.parent.mkdir()
    record.write_text(json.dumps({"wrong": 0, "strikes": 3, "until": time.time() + 900}), encoding="utf-8")
    assert pin.Lockout(record).wait_s() > 0
    assert _pin_set(config, "2580\n2580\n").returncode == 0
    assert pin.Lockout(record).wait_s() == 0


def test_booth_pin_still_works_and_is_hashed_on_read(tmp_path: Path) -> None:
    loaded = settings.load(_config(tmp_path), env={"BOOTH_PIN": "80261"})
    held = loaded.kiosk.operator_pin.get_secret_value()
    assert "80261" not in held and pin.verify("80261", held)
    with pytest.raises(settings.ConfigError, match=r"kiosk\.operator_pin"):
        settings.load(_config(tmp_path), env={"BOOTH_PIN": "1234"})
