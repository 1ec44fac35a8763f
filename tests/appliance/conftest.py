"""Fixtures for the appliance tests: the bundle built once per session, an Xvfb screen.

The bundle is packaging/build.sh's dist/booth, copied to a temp folder outside the checkout, so nothing of
the source tree can stand in for what it lacks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from appliance_helpers import ROOT


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """packaging/build.sh's dist/booth, copied to a temp folder outside the checkout."""
    pytest.importorskip("PyInstaller", reason="PyInstaller comes with the test extras")
    env = {**os.environ, "PYTHON": sys.executable}
    done = subprocess.run(["bash", "packaging/build.sh"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=1800)
    assert done.returncode == 0, done.stderr[-4000:]
    assert "booth: built dist/booth in" in done.stdout
    print(done.stdout.strip().splitlines()[-1])
    target = tmp_path_factory.mktemp("elsewhere") / "booth"
    shutil.copytree(ROOT / "dist" / "booth", target, symlinks=True)
    return target


@pytest.fixture(scope="session")
def screen() -> Iterator[str]:
    """An Xvfb screen on a free display number."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}"
    finally:
        xvfb.terminate()
        xvfb.wait(10)


