"""`booth support`: logs, doctor report and settings in one zip, and no password, token or PIN in any file."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "hunter2-Pw-5531"
TOKEN = "tok_9f8e7d6c5b4a"
PIN = "73915064"


def _booth(args: list[str], env: dict[str, str], timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "booth", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.parametrize("pin_from", ["file", "env"])
def test_support_zip_has_logs_doctor_and_settings_but_no_secret(tmp_path: Path, pin_from: str) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    # What an old version, a library or a careless line could have written: each secret in the clear.
    (logs / "booth.log").write_text(f"INFO booth: signed in with password {PASSWORD}\n"
                                    f"DEBUG httpx: Authorization: Bearer {TOKEN}\n", encoding="utf-8")
    (logs / "booth.log.1").write_text(f"WARNING booth.kiosk: typed pin {PIN} on the pad\nmarker-old-log\n",
                                      encoding="utf-8")
    config = tmp_path / "booth.toml"
    pin_line = f'operator_pin = "{PIN}"\n' if pin_from == "file" else ""
    config.write_text(f'[event]\ndir = "{tmp_path / "event"}"\n[api]\nusername = "op"\npassword = "{PASSWORD}"\n'
                      f'catalog_cache = "{tmp_path / "cache"}"\n[camera]\nsource = "demo"\n'
                      f'[printing]\nenabled = false\n[kiosk]\n{pin_line}', encoding="utf-8")
    env = {**os.environ, "BOOTH_CONFIG": str(config), "BOOTH_LOG_DIR": str(logs), "BOOTH_API_TOKEN": TOKEN,
           "QT_QPA_PLATFORM": "offscreen"}
    if pin_from == "env":
        env["BOOTH_PIN"] = PIN
    out = tmp_path / "help.zip"

    done = _booth(["support", "--out", str(out)], env)

    assert done.returncode == 0, done.stderr
    assert f"wrote {out}" in done.stdout
    assert out.stat().st_mode & 0o077 == 0, "the zip is for this user only"
    with zipfile.ZipFile(out) as archive:
        texts = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    assert {"settings.json", "doctor.txt", "about.txt", "logs/booth.log", "logs/booth.log.1"} <= set(texts)
    assert "marker-old-log" in texts["logs/booth.log.1"]
    assert "signed in with password ***" in texts["logs/booth.log"]
    assert "settings" in texts["doctor.txt"] and "exit status" in texts["doctor.txt"]
    assert '"password": "***"' in texts["settings.json"] and '"token": "***"' in texts["settings.json"]
    for name, text in texts.items():
        for secret in (PASSWORD, TOKEN, PIN):
            assert secret not in text, f"{secret!r} leaked into {name}"


def test_support_refuses_an_out_path_it_cannot_write(tmp_path: Path) -> None:
    env = {**os.environ, "BOOTH_LOG_DIR": str(tmp_path / "logs")}
    done = _booth(["support", "--out", str(tmp_path / "missing" / "help.zip")], env, timeout=60)
    assert done.returncode == 2
    assert "does not exist" in done.stderr and "Traceback" not in done.stderr


def test_version_and_log_file(tmp_path: Path) -> None:
    from booth import __version__

    env = {**os.environ, "BOOTH_LOG_DIR": str(tmp_path / "logs")}
    done = _booth(["--version"], env, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == f"booth {__version__}"
    done = _booth(["config", "check"], env, timeout=60)
    log = tmp_path / "logs" / "booth.log"
    assert log.exists(), done.stderr
    assert (log.stat().st_mode & 0o077) == 0, "the log is private to the booth's user"
