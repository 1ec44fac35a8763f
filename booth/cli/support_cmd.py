"""`booth support --out FILE.zip`: what a helper far away needs to see, with no secret in it.

An operator on site cannot be asked to read logs over the phone. One command packs the log files, what
`booth doctor` says, the settings in force and a few facts about the machine into one zip to send. The
password, the token and the operator PIN are scrubbed from every file of it: booth registers them with the
redaction (booth.api.redact) before anything is written, including the PIN as typed (BOOTH_PIN or the
settings file), which booth otherwise only keeps as a hash, so a log line an old version wrote with it in
is masked too. The settings are written from the validated model with every secret field replaced.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

from booth import __version__
from booth import settings as settings_mod
from booth.api.redact import REDACTED, redact, register_secret
from booth.cli.errors import CliError
from booth.cli.logfiles import log_dir, log_files
from booth.private import private_file

DOCTOR_TIMEOUT_S = 180.0
PIN_VARIABLES = ("BOOTH_PIN", "BOOTH_KIOSK_OPERATOR_PIN")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "support",
        help="pack logs, the doctor's report and the settings (no secrets) into a zip to send for help",
        description="Write a zip with booth's log files, `booth doctor`'s report, the settings in force "
        "(password, token and PIN removed) and facts about this machine, for whoever helps you.",
    )
    parser.add_argument("--out", metavar="FILE.zip", required=True, help="the zip to write")
    parser.set_defaults(func=_support)


def _support(args: argparse.Namespace) -> int:
    out = Path(args.out).expanduser()
    if out.suffix.lower() != ".zip":
        raise CliError(f"--out {out}: give a file name ending in .zip", 2)
    if not out.parent.is_dir():
        raise CliError(f"--out {out}: the folder {out.parent} does not exist; create it or choose another", 2)
    _register_typed_secrets(getattr(args, "config", None))
    files = {"settings.json": _settings_text(args), "doctor.txt": _doctor_text(args), "about.txt": _about()}
    tmp = out.with_name(out.name + ".part")
    try:
        if os.name == "posix":  # guests' ticket numbers and the event's paths are in it: for this user only
            private_file(tmp)
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in files.items():
                archive.writestr(name, redact(text))
            for path in log_files():
                archive.writestr(f"logs/{path.name}", redact(path.read_text(encoding="utf-8", errors="replace")))
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise CliError(f"cannot write {out} ({exc.strerror or exc}); choose another place with --out", 1) from None
    print(f"wrote {out} ({out.stat().st_size // 1024} KB): logs, doctor report, settings without secrets")
    return 0


def _register_typed_secrets(config: str | None) -> None:
    """The secrets as the operator typed them, from the environment and the raw file, before validation
    turns the PIN into a hash: these are what an old or foreign log line could hold."""
    for name in ("BOOTH_API_PASSWORD", "BOOTH_API_TOKEN", *PIN_VARIABLES):
        register_secret(os.environ.get(name))
    try:
        raw = settings_mod.read_toml(settings_mod.config_path(config))
    except settings_mod.ConfigError:
        return
    for section, key in (("api", "password"), ("api", "token"), ("kiosk", "operator_pin")):
        value = raw.get(section, {}).get(key) if isinstance(raw.get(section), dict) else None
        if isinstance(value, str | int):
            register_secret(str(value))


def _settings_text(args: argparse.Namespace) -> str:
    from booth.cli.common import load_settings

    try:
        loaded = load_settings(args)
    except settings_mod.ConfigError as exc:
        return f"the settings cannot be used:\n{exc}\n"
    data = loaded.model_dump(mode="json")
    data["api"]["password"] = REDACTED if loaded.api.password.get_secret_value() else ""
    data["api"]["token"] = REDACTED if loaded.api.token.get_secret_value() else ""
    data["kiosk"]["operator_pin"] = REDACTED if loaded.kiosk.operator_pin else None
    data["engine"]["users"] = {user: REDACTED for user in loaded.engine.users}
    data["engine"]["tokens"] = [REDACTED for _ in loaded.engine.tokens]
    source = settings_mod.config_path(getattr(args, "config", None))
    return json.dumps({"file": str(source), "settings": data}, indent=2, default=str) + "\n"


def booth_command() -> list[str]:
    """How to start booth again: the bundle's own program when frozen (PyInstaller), else this Python."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "booth"]


def _doctor_text(args: argparse.Namespace) -> str:
    """`booth doctor` in a process of its own, so a check that hangs or crashes cannot take the zip with it."""
    command = booth_command()
    for option in ("config", "event"):
        if getattr(args, option, None):
            command += [f"--{option}", str(getattr(args, option))]
    command.append("doctor")
    started = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=DOCTOR_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        partial = (exc.stdout or b"").decode(errors="replace")  # bytes even with text=True
        return f"{partial}\nbooth doctor did not finish within {DOCTOR_TIMEOUT_S:.0f} s\n"
    took = time.monotonic() - started
    return f"{done.stdout}\n{done.stderr}\nexit status {done.returncode} after {took:.1f} s\n"


def _about() -> str:
    facts: dict[str, Any] = {
        "booth": __version__,
        "bundle": bool(getattr(sys, "frozen", False)),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "machine": platform.machine(),
        "log folder": str(log_dir()),
        "written": time.strftime("%Y-%m-%d %H:%M:%S %z"),
    }
    try:
        import PySide6

        facts["qt"] = PySide6.__version__
    except ImportError:
        facts["qt"] = "missing"
    return "".join(f"{key}: {value}\n" for key, value in facts.items())
