"""A wheel install finds the kiosk's card art through the package, not through a source checkout.

Before, assets/ sat beside the package and a wheel shipped without it: the kiosk fell back to drawn cards.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_install_has_the_card_art(tmp_path: Path) -> None:
    wheels, site = tmp_path / "wheels", tmp_path / "site"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                            "-w", str(wheels), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    wheel = next(wheels.glob("booth-*.whl"))
    installed = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site),
                                str(wheel)], capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    probe = ("import booth.ui.kiosk.screens.base as b; from booth.ui.kiosk.screens.choose import ChooseScreen; "
             "print(b.service_art('filter')); print(b.service_art('comic'))")
    env = {**os.environ, "PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    paths = [Path(line) for line in done.stdout.split()]
    assert len(paths) == 2 and all(p.is_file() and p.suffix == ".svg" for p in paths), done.stdout
    assert all(site in p.parents for p in paths), f"art read from outside the installed package: {paths}"
