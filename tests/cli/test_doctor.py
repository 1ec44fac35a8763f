"""`booth doctor` run as a subprocess on temporary settings: one line per check, the right exit status,
clear advice on failures, and never a secret."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

from booth import pin

CHECKS = ["settings", "pin", "event", "api", "catalog", "camera", "printing", "sharing", "qt"]


def _config(tmp_path: Path, text: str = "") -> Path:
    base = f"""
[event]
dir = "{tmp_path / 'event'}"
[api]
catalog_cache = "{tmp_path / 'cache'}"
[camera]
source = "demo"
[printing]
enabled = false
[sharing]
host = "127.0.0.1"
port = 0
"""
    path = tmp_path / "booth.toml"
    path.write_text(base + text, encoding="utf-8")
    pin.write_private(tmp_path / "booth.pin", pin.hash_pin("2580"))  # a booth with its PIN set
    return path


def _doctor(config: Path, **env: str) -> tuple[int, dict[str, tuple[str, str]], str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BOOTH_")}
    clean.update({"QT_QPA_PLATFORM": "offscreen", **env})
    done = subprocess.run([sys.executable, "-m", "booth", "--config", str(config), "doctor"], env=clean,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    lines: dict[str, tuple[str, str]] = {}
    for line in done.stdout.splitlines():
        status, name, message = line.split(None, 2)
        lines[name] = (status, message)
    return done.returncode, lines, done.stdout + done.stderr


def _merge(path: Path, section: str, text: str) -> None:
    """Put `text` under an existing [section] of the file (TOML allows a table only once)."""
    content = path.read_text(encoding="utf-8").replace(f"[{section}]\n", f"[{section}]\n{text}\n", 1)
    path.write_text(content, encoding="utf-8")


def test_healthy_local_booth(tmp_path: Path) -> None:
    code, lines, out = _doctor(_config(tmp_path))
    assert code == 0, out
    assert list(lines) == CHECKS, out
    assert lines["settings"][0] == "OK" and "API: the local engine" in lines["settings"][1]
    assert lines["event"] == ("OK", lines["event"][1]) and "writable" in lines["event"][1] and "GB free" in out
    assert lines["api"][0] == "OK" and lines["api"][1].startswith("local engine started and answering")
    assert lines["catalog"][0] == "WARN" and "booth api filters" in lines["catalog"][1]  # empty cache: advice
    assert lines["camera"] == ("OK", "camera.source = demo: the built-in demo scene")
    assert lines["printing"] == ("OK", "off in settings (printing.enabled = false)")
    assert lines["sharing"][0] == "OK"
    assert lines["qt"][0] == "WARN" and "'offscreen' loads" in lines["qt"][1]
    assert "Traceback" not in out


def test_failures_say_what_to_do(tmp_path: Path) -> None:
    config = _config(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        content = config.read_text(encoding="utf-8")
        content = content.replace('source = "demo"', f'source = "{tmp_path / "missing.mp4"}"')
        content = content.replace("port = 0", f"port = {port}")
        config.write_text(content, encoding="utf-8")
        code, lines, out = _doctor(config)
    assert code == 1, out
    assert lines["sharing"][0] == "FAIL" and f"port {port}" in lines["sharing"][1]
    assert "change sharing.port" in lines["sharing"][1]
    assert lines["camera"][0] == "FAIL" and "fix camera.source" in lines["camera"][1]
    assert lines["api"][0] == "OK"  # the other checks still ran
    assert "Traceback" not in out


def test_refused_credentials_fail_without_showing_them(tmp_path: Path, engine: Any) -> None:
    secret = "doctor-Secret-4711"
    engine.configure(auth="basic", users={"ann": "the-right-one"})
    config = _config(tmp_path)
    _merge(config, "api", f'url = "{engine.url}"\nauth = "basic"\nusername = "ann"')
    code, lines, out = _doctor(config, BOOTH_API_PASSWORD=secret)
    assert code == 1, out
    assert lines["api"][0] == "FAIL", out
    assert secret not in out
    code, lines, out = _doctor(config, BOOTH_API_PASSWORD="the-right-one")
    assert lines["api"][0] == "OK" and engine.url in lines["api"][1], out
    assert "the-right-one" not in out


def test_bad_settings_are_one_fail_line(tmp_path: Path) -> None:
    config = _config(tmp_path, "[kiosk]\ncountdown_s = 99\n")
    code, lines, out = _doctor(config)
    assert code == 1
    assert list(lines) == ["settings"]
    assert lines["settings"][0] == "FAIL" and "countdown_s" in lines["settings"][1]
    assert "booth config check" in lines["settings"][1]
    assert "Traceback" not in out


def test_missing_or_default_pin_fails_and_a_clear_one_warns(tmp_path: Path) -> None:
    config = _config(tmp_path)
    hash_file = tmp_path / "booth.pin"
    hash_file.unlink()
    code, lines, out = _doctor(config)
    assert code == 1 and lines["pin"][0] == "FAIL" and "booth pin set" in lines["pin"][1], out
    hash_file.write_text("80264913\n", encoding="utf-8")  # someone wrote the PIN itself into the hash file
    code, lines, out = _doctor(config)
    assert code == 1 and lines["pin"][0] == "FAIL" and "booth pin set" in lines["pin"][1], out
    assert "80264913" not in out
    # The old default can no longer be set, but a hash of it may be lying around from a hand-made file.
    pin.write_private(hash_file, pin._hash_unchecked(pin.OLD_DEFAULT))
    code, lines, out = _doctor(config)
    assert code == 1 and lines["pin"][0] == "FAIL" and "old default" in lines["pin"][1], out
    config.write_text(config.read_text(encoding="utf-8") + '[kiosk]\noperator_pin = "80261"\n', encoding="utf-8")
    code, lines, out = _doctor(config)
    assert lines["pin"][0] == "WARN" and "remove that line" in lines["pin"][1], out
    assert "80261" not in out
    code, lines, out = _doctor(_config(tmp_path), BOOTH_PIN="80261")
    assert code == 0 and lines["pin"][0] == "OK" and "BOOTH_PIN" in lines["pin"][1], out
