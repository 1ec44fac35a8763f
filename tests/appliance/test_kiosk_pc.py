"""packaging/install-kiosk.sh: the kiosk PC's files, its systemd unit, and the session the unit runs.

The machine running the tests is no kiosk (no systemd as PID 1, no tty1 to take), so the installer's files
are staged under a temp root (`--stage ROOT`): the unit is checked by `systemd-analyze verify`, and the
command the unit runs (`/opt/booth/booth-session cage`) is started as it is, under cage's headless backend,
and photographed with grim. The X alternative (`--x11`: Xorg and the booth, no window manager) runs
its client half on Xvfb, where the booth must fill the screen by itself.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from appliance_helpers import GRAB, ROOT, assert_attract

INSTALL = ROOT / "packaging" / "install-kiosk.sh"
UNIT = "etc/systemd/system/booth-kiosk.service"


def stage(root: Path, bundle: Path, *extra: str) -> Path:
    done = subprocess.run(["bash", str(INSTALL), "--stage", str(root), "--bundle", str(bundle), *extra],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def fake_bundle(tmp_path: Path) -> Path:
    """A stand-in for dist/booth with the two files the installer reads: for the quick checks."""
    bundle = tmp_path / "dist" / "booth"
    (bundle / "_internal" / "config").mkdir(parents=True)
    shutil.copy(ROOT / "config" / "booth.toml", bundle / "_internal" / "config" / "booth.toml")
    program = bundle / "booth"
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    return bundle


def test_stage_lays_out_the_kiosk_and_keeps_the_operators_settings(tmp_path: Path, fake_bundle: Path) -> None:
    root = stage(tmp_path / "root", fake_bundle)
    unit = (root / UNIT).read_text()
    for line in ("ExecStart=/opt/booth/booth-session cage", "Restart=always", "RestartSec=2", "User=booth",
                 "SupplementaryGroups=video lpadmin", "TTYPath=/dev/tty1", "PAMName=login",
                 "Environment=BOOTH_CONFIG=/var/lib/booth/booth.toml", "Conflicts=getty@tty1.service",
                 "WantedBy=graphical.target"):
        assert line in unit.splitlines(), line
    assert os.access(root / "opt/booth/booth-session", os.X_OK)
    settings = root / "var/lib/booth/booth.toml"
    assert 'dir = "/var/lib/booth/events/default"' in settings.read_text()
    assert stat.S_IMODE(settings.stat().st_mode) == 0o600
    assert stat.S_IMODE((root / "var/lib/booth").stat().st_mode) == 0o700

    settings.write_text('[event]\nname = "Anna & Ben"\n')
    stage(root, fake_bundle, "--x11")  # an update, in the other session mode
    assert settings.read_text() == '[event]\nname = "Anna & Ben"\n', "an update keeps the operator's settings"
    assert "ExecStart=/opt/booth/booth-session x11" in (root / UNIT).read_text()


def test_uninstall_removes_the_kiosk_but_keeps_the_photos_unless_purged(tmp_path: Path, fake_bundle: Path) -> None:
    root = stage(tmp_path / "root", fake_bundle)
    photo = root / "var/lib/booth/events/default/captures/guest.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"jpeg")
    done = subprocess.run(["bash", str(INSTALL), "--stage", str(root), "--uninstall"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert not (root / "opt/booth").exists() and not (root / UNIT).exists()
    assert photo.exists(), "uninstalling the kiosk never deletes guests' photos by itself"
    done = subprocess.run(["bash", str(INSTALL), "--stage", str(root), "--uninstall", "--purge"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert not (root / "var/lib/booth").exists()


def _verify(unit: Path, root: Path) -> list[str]:
    """What systemd-analyze verify finds wrong with the unit (its paths pointed into the staged root: the
    programs it names must exist and be executable), as lines; a failing exit status is a line too."""
    text = unit.read_text().replace("/opt/booth", str(root / "opt/booth")).replace("/var/lib/booth",
                                                                                     str(root / "var/lib/booth"))
    checked = root / "check" / unit.name
    checked.parent.mkdir(exist_ok=True)
    checked.write_text(text)
    done = subprocess.run(["systemd-analyze", "verify", "--man=no", str(checked)], capture_output=True, text=True,
                          timeout=60)
    found = [line for line in done.stderr.splitlines() if unit.name in line]
    return found + ([f"exit status {done.returncode}: {done.stderr}"] if done.returncode else [])


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze (apt: systemd)")
@pytest.mark.parametrize("mode", ["cage", "x11"])
def test_systemd_analyze_verifies_the_unit(tmp_path: Path, fake_bundle: Path, mode: str) -> None:
    root = stage(tmp_path / "root", fake_bundle, *(["--x11"] if mode == "x11" else []))
    assert _verify(root / UNIT, root) == []

    broken = root / "broken" / "booth-kiosk.service"  # the check can fail: a typo in the unit is caught
    broken.parent.mkdir()
    broken.write_text((root / UNIT).read_text().replace("Restart=always", "Restart=alwais"))
    assert any("alwais" in line for line in _verify(broken, root))


@pytest.fixture
def kiosk_root(bundle: Path) -> Iterator[Path]:
    """The real bundle staged where an unprivileged user can read it (cage refuses to run as root)."""
    root = Path(tempfile.mkdtemp(prefix="booth-kiosk-"))
    try:
        root.chmod(0o755)
        stage(root, bundle)
        for folder in ("home", "run"):
            (root / folder).mkdir(mode=0o700)
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _as_kiosk_user(root: Path) -> list[str]:
    """Root runs the session as `nobody`, as the service runs it as `booth`; anyone else as themselves."""
    if os.geteuid() != 0:
        return []
    for path in (root / "home", root / "run", root / "var/lib/booth"):
        subprocess.run(["chown", "-R", "nobody:nogroup", str(path)], check=True)
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


def _session_env(root: Path, **extra: str) -> dict[str, str]:
    """What the unit's environment gives the session, with the event folder and PIN a test can use."""
    return {"HOME": str(root / "home"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            "BOOTH_CONFIG": str(root / "var/lib/booth/booth.toml"), "BOOTH_LOG_DIR": str(root / "home/logs"),
            "BOOTH_EVENT_DIR": str(root / "home/event"), "BOOTH_PIN": "2580", **extra}


def _stop_booth(session: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the booth inside the session (as systemd's stop does); the compositor ends with it."""
    for child in psutil.Process(session.pid).children(recursive=True):
        if child.name() == "booth":
            child.send_signal(signal.SIGTERM)
    try:
        session.wait(30)
    except subprocess.TimeoutExpired:
        session.kill()
        session.wait(10)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("cage") is None or shutil.which("grim") is None,
                    reason="needs cage, xwayland and grim (apt), as install.sh --test brings")
def test_the_services_command_under_cage_shows_the_attract_screen(kiosk_root: Path, artifacts_dir: Path) -> None:
    user = _as_kiosk_user(kiosk_root)
    env = _session_env(kiosk_root, XDG_RUNTIME_DIR=str(kiosk_root / "run"), WLR_BACKENDS="headless",
                       WLR_RENDERER="pixman", WLR_LIBINPUT_NO_DEVICES="1")
    session = subprocess.Popen([*user, str(kiosk_root / "opt/booth/booth-session"), "cage"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    shot = kiosk_root / "home" / "cage.png"
    try:
        log = kiosk_root / "home/logs/booth.log"
        deadline = time.monotonic() + 60
        while not (log.exists() and "booth services started" in log.read_text()):
            assert session.poll() is None, session.communicate()[0].decode()[-3000:]
            assert time.monotonic() < deadline, "the booth did not start under cage within 60 s"
            time.sleep(0.5)
        time.sleep(3)
        grim_env = {**env, "WAYLAND_DISPLAY": "wayland-0"}
        done = subprocess.run([*user, "grim", str(shot)], env=grim_env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
    finally:
        _stop_booth(session)
    shutil.copy(shot, artifacts_dir / "kiosk-cage.png")
    assert_attract(shot)
    assert "Traceback" not in session.communicate()[0].decode()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb (install.sh)")
def test_the_x11_sessions_client_fills_the_screen(kiosk_root: Path, screen: str, artifacts_dir: Path) -> None:
    env = _session_env(kiosk_root, DISPLAY=screen)
    session = subprocess.Popen([str(kiosk_root / "opt/booth/booth-session"), "x11-client"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    shot = artifacts_dir / "kiosk-x11.png"
    try:
        time.sleep(12)
        assert session.poll() is None, session.communicate()[0].decode()[-3000:]
        grab_env = {**os.environ, "DISPLAY": screen, "QT_QPA_PLATFORM": "xcb"}
        done = subprocess.run([sys.executable, "-c", GRAB, str(shot)], env=grab_env, capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0, done.stderr
    finally:
        _stop_booth(session)
    assert_attract(shot, full=True)
