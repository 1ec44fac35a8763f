"""`booth doctor`: one line per thing a booth needs, checked before the guests arrive.

Each check says OK, WARN (the booth runs, but something is worse than it could be) or FAIL (a guest would
notice), and for anything but OK what to do about it. The checks drive the same classes the kiosk uses (the
settings loader, the API client through the panel's connection probe, the local engine, camera enumeration,
the CUPS watch), so a green doctor means the kiosk will find the same. Exit 0 when nothing FAILed, else 1.
Secrets are masked in every line.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from booth.cli.common import load_settings
from booth.settings import ConfigError, Settings

GB = 1024**3
FREE_FAIL_GB = 0.5
FREE_WARN_GB = 5.0


@dataclass(frozen=True, slots=True)
class Check:
    status: str  # "OK" | "WARN" | "FAIL"
    name: str
    message: str


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "doctor",
        help="check settings, disk, API, camera, printer, sharing and Qt before an event",
        description="Check everything the booth needs; one line per check with OK, WARN or FAIL and what to do. "
        "Exit status 0 when nothing failed, 1 otherwise.",
    )
    parser.set_defaults(func=_doctor)


def _doctor(args: argparse.Namespace) -> int:
    from booth.ui.operator.redact import Redactor

    try:
        settings = load_settings(args)
    except ConfigError as exc:  # it quotes the bad value, which may be a URL with a password in it
        text = Redactor()(f"{exc}".replace("\n", "; "))
        _show(Check("FAIL", "settings", f"{text}; fix the file, then: booth config check"))
        return 1
    redact = Redactor(settings)
    # Each request of the API check would otherwise add an INFO line between the check lines.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    failed = False
    for check in run_checks(settings, args):
        _show(Check(check.status, check.name, redact(check.message)))
        failed = failed or check.status == "FAIL"
    return 1 if failed else 0


def _show(check: Check) -> None:
    print(f"{check.status:<4}  {check.name:<9}  {check.message}", flush=True)


def run_checks(settings: Settings, args: argparse.Namespace | None = None) -> Iterator[Check]:
    """The checks in order; each one is guarded, so a broken part is reported, never a traceback."""
    from booth.settings import config_path

    where = config_path(getattr(args, "config", None))
    source = str(where) if where.exists() else "defaults (no settings file)"
    target = "the local engine" if settings.uses_local_engine else settings.api.url
    yield Check("OK", "settings", f"{source} is valid; API: {target}")
    steps: list[tuple[str, Callable[[Settings], Check]]] = [
        ("pin", lambda s: _operator_pin(s, where)),
        ("event", _event_folder),
        ("api", _api),
        ("catalog", _catalog_cache),
        ("camera", _camera),
        ("printing", _printing),
        ("sharing", _sharing),
        ("qt", _qt_platform),
    ]
    for name, step in steps:
        try:
            yield step(settings)
        except Exception as exc:  # a check that breaks is itself a finding
            yield Check("FAIL", name, f"the check itself failed ({type(exc).__name__}: {exc})")


def _operator_pin(settings: Settings, where: Path) -> Check:
    """FAIL without a PIN or with the old default; WARN for a PIN left in clear in the settings file."""
    from booth import pin
    from booth.settings import read_toml

    kiosk = settings.kiosk
    if kiosk.operator_pin is not None:
        hashed, place = kiosk.operator_pin.get_secret_value(), "BOOTH_PIN"
        if not os.environ.get("BOOTH_PIN"):
            place = f"kiosk.operator_pin in {where}"
            raw = str(read_toml(where).get("kiosk", {}).get("operator_pin", ""))
            if not pin.is_hash(raw):
                return Check("WARN", "pin", f"{place} holds the PIN in clear: remove that line and run booth pin set")
    else:
        place = str(kiosk.operator_pin_file)
        try:
            found = pin.read_hash(kiosk.operator_pin_file) if kiosk.operator_pin_file is not None else None
        except (OSError, ValueError) as exc:
            return Check("FAIL", "pin", str(exc))
        if found is None:
            return Check("FAIL", "pin", "no operator PIN is set: run booth pin set (or set it on the kiosk, which "
                                        "asks at its first start)")  # fmt: skip
        hashed = found
    if pin.verify(pin.OLD_DEFAULT, hashed):
        return Check("FAIL", "pin", f"the PIN from {place} is the old default {pin.OLD_DEFAULT}: run booth pin set")
    wait = pin.Lockout(settings.event.dir / pin.LOCKOUT_FILE).wait_s()
    if wait > 0:
        return Check("WARN", "pin", f"set ({place}); the pad rests {wait / 60:.0f} more min after wrong tries "
                                    "(booth pin set ends that)")  # fmt: skip
    return Check("OK", "pin", f"set, kept as a salted hash ({place})")


def _existing_ancestor(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _event_folder(settings: Settings) -> Check:
    folder = settings.event.dir
    base = _existing_ancestor(folder)
    if base.exists() and not base.is_dir():
        return Check("FAIL", "event", f"{base} is a file, not a folder: set event.dir to a folder")
    try:
        with tempfile.NamedTemporaryFile(dir=base, prefix=".booth-doctor-"):
            pass
    except OSError as exc:
        return Check("FAIL", "event", f"{base} is not writable ({exc.strerror}): fix its permissions or event.dir")
    free = shutil.disk_usage(base).free / GB
    state = "exists" if folder.exists() else "will be created"
    text = f"{folder} {state} and is writable; {free:.1f} GB free"
    if free < FREE_FAIL_GB:
        return Check("FAIL", "event", f"{text}: too little for photos; free disk space or move event.dir")
    if free < FREE_WARN_GB:
        return Check("WARN", "event", f"{text}: a long event may fill it; free some space")
    return Check("OK", "event", text)


def _api(settings: Settings) -> Check:
    import asyncio

    from booth.ui.operator.connection import check_connection

    if not settings.uses_local_engine:
        outcome = asyncio.run(check_connection(settings.api, settings.api.url))
        if outcome.ok:
            return Check("OK", "api", f"{settings.api.url} ({settings.api.auth}) {outcome.message}")
        return Check("FAIL", "api", outcome.message)
    from booth.engine.factory import make_engine

    engine = make_engine(settings.engine)
    try:
        url = engine.start()
    except Exception as exc:
        return Check("FAIL", "api", f"the local engine did not start ({exc}); check engine.host and engine.port")
    try:
        outcome = asyncio.run(check_connection(settings.api, url))
    finally:
        engine.stop()
    if outcome.ok:
        return Check("OK", "api", f"local engine started and answering: {outcome.message}")
    return Check("FAIL", "api", f"the local engine started but did not answer: {outcome.message}")


def _catalog_cache(settings: Settings) -> Check:
    from booth.api.catalog import CATALOG_KINDS, CatalogCache

    cache = CatalogCache(settings.api.catalog_cache)
    base = settings.api.url or "http://127.0.0.1"
    counts = {kind: len(cache.load(base, kind) or []) for kind in CATALOG_KINDS}
    missing = [kind for kind, count in counts.items() if not count]
    found = ", ".join(f"{kind} {count}" for kind, count in counts.items() if count)
    if not missing:
        return Check("OK", "catalog", f"cached in {cache.directory}: {found}")
    hint = "the booth fills it at its first start with the service reachable (or: booth api filters)"
    return Check("WARN", "catalog", f"no cached {', '.join(missing)} in {cache.directory}: {hint}")


def _camera(settings: Settings) -> Check:
    from booth.camera.devices import list_cameras

    spec = settings.camera.source.strip()
    lowered = spec.lower()
    if lowered == "demo":
        return Check("OK", "camera", "camera.source = demo: the built-in demo scene")
    if "://" in spec:
        return Check("OK", "camera", f"stream {spec.split('://', 1)[0]}:// (not opened by the doctor)")
    if lowered != "auto" and not spec.isdigit() and not spec.startswith("/dev/video"):
        path = Path(spec).expanduser()
        if path.is_file():
            return Check("OK", "camera", f"video file {path}")
        return Check("FAIL", "camera", f"camera.source file {path} does not exist: fix camera.source")
    cameras = list_cameras()
    if spec.isdigit() or spec.startswith("/dev/video"):
        node = f"/dev/video{spec}" if spec.isdigit() else spec
        match = [cam for cam in cameras if cam.spec == node]
        if match:
            return Check("OK", "camera", match[0].label)
        return Check("FAIL", "camera", f"{node} is not a camera here: plug it in, or set camera.source = auto")
    if cameras:
        return Check("OK", "camera", f"{len(cameras)} found: " + "; ".join(cam.label for cam in cameras))
    return Check("WARN", "camera", "no webcam: the demo camera will be used; plug one in for real photos")


def _printing(settings: Settings) -> Check:
    if not settings.printing.enabled:
        return Check("OK", "printing", "off in settings (printing.enabled = false)")
    from booth.printing import cups
    from booth.printing.ipp import IppClient, IppError
    from booth.ui.operator.printer_words import printer_reason

    client = IppClient()
    try:
        try:
            client.default_printer()
        except IppError as exc:
            return Check("FAIL", "printing", f"CUPS is not answering ({exc}): start CUPS, or set printing.enabled "
                                             "= false")  # fmt: skip
        status = cups.printer_status(client, settings.printing.printer)
    finally:
        client.close()
    if status.state == "missing":
        return Check("FAIL", "printing", f"{printer_reason(status)} (booth printers lists them)")
    if status.ok:
        return Check("OK", "printing", f"CUPS answering; printer {status.name} is {status.state}")
    return Check("WARN", "printing", f"printer {status.name} is {status.state}: {printer_reason(status)}")


def _sharing(settings: Settings) -> Check:
    share = settings.sharing
    if not share.enabled:
        return Check("OK", "sharing", "off in settings (sharing.enabled = false)")
    if share.port == 0:
        return Check("OK", "sharing", f"any free port on {share.host}")
    with socket.socket(socket.AF_INET6 if ":" in share.host else socket.AF_INET) as sock:
        try:
            sock.bind((share.host, share.port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return Check("FAIL", "sharing", f"port {share.port} on {share.host} is in use (another booth "
                                                "running?): stop it or change sharing.port")  # fmt: skip
            return Check("FAIL", "sharing", f"cannot listen on {share.host}:{share.port} ({exc.strerror}): "
                                            "fix sharing.host")  # fmt: skip
    return Check("OK", "sharing", f"port {share.port} on {share.host} is free")


_QT_PROBE = "import sys; from PySide6.QtGui import QGuiApplication; app = QGuiApplication(sys.argv); " \
            "print(app.platformName())"  # fmt: skip


def _qt_platform(_settings: Settings) -> Check:
    """Started in a child process: a plugin that cannot load aborts the process, which must not be ours."""
    wanted = os.environ.get("QT_QPA_PLATFORM", "")
    try:
        done = subprocess.run([sys.executable, "-c", _QT_PROBE], capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        return Check("FAIL", "qt", "starting Qt took over 30 s: check the display server")
    if done.returncode == 0:
        name = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "?"
        shown = f"QT_QPA_PLATFORM={wanted}" if wanted else "QT_QPA_PLATFORM not set"
        warn = name in ("offscreen", "minimal")
        text = f"Qt platform plugin '{name}' loads ({shown})"
        if warn:
            return Check("WARN", "qt", f"{text}; no screen: fine for tests, not for a kiosk")
        return Check("OK", "qt", text)
    lines = [line for line in (done.stderr or "").splitlines() if line.strip()]
    detail = _qt_reason(lines)
    return Check("FAIL", "qt", f"the Qt platform plugin does not load ({detail}): run packaging/install.sh for the "
                               "system libraries, and start the booth from a desktop session (DISPLAY)")  # fmt: skip


def _qt_reason(lines: list[str]) -> str:
    for line in lines:
        if "could not" in line.lower() or "cannot" in line.lower():
            return line.strip()
    return lines[-1].strip() if lines else "no message"

