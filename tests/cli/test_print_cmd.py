"""`booth print` and `booth printers` as an operator runs them, against the real CUPS PDF queue."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from booth.printing.ipp import IppClient, IppError

QUEUE = os.environ.get("BOOTH_PDF_QUEUE", "booth-pdf")


def booth(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "booth", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        check=False,
    )


@pytest.fixture
def cups_queue() -> str:
    try:
        found = IppClient().printer(QUEUE, ["printer-state"])
    except IppError as exc:
        pytest.skip(f"no CUPS server answers ({exc}); run: sudo bash packaging/cups-setup.sh")
    if found is None:
        pytest.fail(f"CUPS runs but has no '{QUEUE}' queue; run: sudo bash packaging/cups-setup.sh")
    subprocess.run(["cupsenable", QUEUE], check=True)
    subprocess.run(["cupsaccept", QUEUE], check=True)
    return QUEUE


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (300, 450), (10, 120, 200)).save(path)
    return path


@pytest.mark.cups
def test_print_one_file_and_wait_for_it(cups_queue, photo):
    run = booth("print", str(photo), "--printer", cups_queue, "--copies", "2")
    assert run.returncode == 0, run.stderr
    assert f"printed {photo} on {cups_queue} (CUPS job" in run.stdout and "2 copies" in run.stdout


@pytest.mark.cups
def test_printers_lists_queues_with_state(cups_queue):
    run = booth("printers")
    assert run.returncode == 0, run.stderr
    line = next(row for row in run.stdout.splitlines() if f" {cups_queue} " in f"{row} ")
    assert "ready" in line or "printing" in line


@pytest.mark.cups
def test_a_paused_printer_is_one_clear_line(cups_queue, photo):
    subprocess.run(["cupsdisable", cups_queue], check=True)
    try:
        run = booth("print", str(photo), "--printer", cups_queue)
    finally:
        subprocess.run(["cupsenable", cups_queue], check=True)
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        f"booth: cannot print: {cups_queue} is paused in CUPS (Paused): press Resume"
    ]


def test_bad_input_exits_2_with_the_reason(tmp_path: Path, photo):
    text = tmp_path / "notes.txt"
    text.write_text("hi")
    for args, words in [
        ((str(tmp_path / "missing.jpg"),), "no such file"),
        ((str(text),), "not a picture"),
        ((str(photo), "--layout", "poster"), "no layout 'poster'"),
        ((str(photo), "--copies", "0"), "--copies must be 1 or more"),
    ]:
        run = booth("print", *args)
        assert run.returncode == 2, (args, run.stderr)
        assert words in run.stderr and "Traceback" not in run.stderr


def test_missing_printer_or_cups_is_exit_1(photo):
    run = booth("print", str(photo), "--printer", "no-such-booth-printer")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    down = booth("print", str(photo), env={"CUPS_SERVER": "127.0.0.1:1"})
    assert down.returncode == 1 and "CUPS is not answering" in down.stderr
    listing = booth("printers", env={"CUPS_SERVER": "127.0.0.1:1"})
    assert listing.returncode == 1 and "CUPS is not answering" in listing.stderr


def test_a_layout_with_an_unreadable_frame_exits_2(tmp_path: Path, photo):
    config = tmp_path / "booth.toml"
    config.write_text(f'[printing.layouts.framed]\noverlay = "{tmp_path / "missing-frame.png"}"\n')
    run = booth("--config", str(config), "print", str(photo), "--layout", "framed")
    assert run.returncode == 2, run.stderr
    assert "missing-frame.png" in run.stderr and "Traceback" not in run.stderr
