"""The PyInstaller bundle runs where there is no Python and no venv: version, doctor, and the kiosk on a screen.

CI builds it with packaging/build.sh, copies dist/booth out of the checkout and runs it with a bare
environment (PATH=/usr/bin:/bin, a fresh HOME), so nothing of the source tree or the venv can stand in for
what the bundle lacks. The kiosk runs for 10 s on an Xvfb screen; the screenshot is left in
test-artifacts/bundle-attract.png for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from appliance_helpers import GRAB, assert_attract, bare_env

SVG_PROBE = (
    "from PySide6.QtGui import QGuiApplication, QImage; app = QGuiApplication([]); "
    "from booth.ui.kiosk.screens.base import service_art; "
    "print(*(QImage(str(service_art(s))).width() for s in ('filter', 'comic', 'pose')))"
)

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb (install.sh)")]


def _cups_pdf_ready() -> bool:
    queue = os.environ.get("BOOTH_PDF_QUEUE", "booth-pdf")
    done = subprocess.run(["lpstat", "-p", queue], capture_output=True, text=True) if shutil.which("lpstat") else None
    return done is not None and done.returncode == 0 and "enabled" in done.stdout


def test_version_and_doctor(bundle: Path, screen: str, tmp_path: Path) -> None:
    from booth import __version__

    env = bare_env(tmp_path / "home", DISPLAY=screen)
    done = subprocess.run([str(bundle / "booth"), "--version"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == f"booth {__version__}", done.stderr

    done = subprocess.run([str(bundle / "booth"), "doctor"], env=env, capture_output=True, text=True, timeout=300)
    print(done.stdout)
    lines = {line.split()[1]: line for line in done.stdout.splitlines() if line.strip()}
    assert lines["api"].startswith("OK") and "local engine started and answering" in lines["api"]
    assert lines["qt"].startswith("OK"), lines["qt"]
    assert str(bundle / "_internal" / "config") not in lines["settings"], "the bare env names its own settings"
    if _cups_pdf_ready():
        assert lines["printing"].startswith("OK"), lines["printing"]
        assert done.returncode == 0, done.stdout
    assert "Traceback" not in done.stderr

    done = subprocess.run([str(bundle / "booth"), "-c", SVG_PROBE], env={**env, "QT_QPA_PLATFORM": "offscreen"},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert all(int(width) > 0 for width in done.stdout.split()), f"the card art does not decode: {done.stdout}"


def test_demo_kiosk_shows_the_attract_screen(bundle: Path, screen: str, tmp_path: Path, artifacts_dir: Path) -> None:
    env = bare_env(tmp_path / "home", DISPLAY=screen)
    kiosk = subprocess.Popen([str(bundle / "booth"), "--demo"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    shot = artifacts_dir / "bundle-attract.png"
    try:
        time.sleep(10)
        assert kiosk.poll() is None, kiosk.communicate()[1].decode()[-3000:]
        grab_env = {**os.environ, "DISPLAY": screen, "QT_QPA_PLATFORM": "xcb"}
        grabbed = subprocess.run([sys.executable, "-c", GRAB, str(shot)], env=grab_env, capture_output=True,
                                 text=True, timeout=60)
        assert grabbed.returncode == 0, grabbed.stderr
        assert int(grabbed.stdout.strip()) > 500, "the screen is nearly one colour: nothing painted"
    finally:
        kiosk.send_signal(signal.SIGTERM)
        _, err = kiosk.communicate(timeout=60)
    log = (tmp_path / "home" / "logs" / "booth.log").read_text(encoding="utf-8")
    assert kiosk.returncode == 0, err.decode()[-3000:]
    assert "Traceback" not in err.decode()
    assert "booth services started" in log
    assert_attract(shot, full=True)  # the whole screen, with no window manager to grant full screen
