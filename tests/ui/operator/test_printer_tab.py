"""Printer tab: says so when printing is off, and its Resume brings a paused CUPS queue back.

The paused-queue test uses a cups-pdf queue of its own (made by packaging/cups-setup.sh), so pausing it never
disturbs the printing tests' queue.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from operator_rig import click, open_booth, wait_until
from PIL import Image

QUEUE = "booth-operator-test"
REPO = Path(__file__).resolve().parents[3]


def _cups(*args: str) -> None:
    tool = shutil.which(args[0]) or f"/usr/sbin/{args[0]}"
    subprocess.run([tool, *args[1:]], check=True, capture_output=True, timeout=20)


@pytest.fixture
def own_queue(tmp_path: Path) -> Any:
    from booth.printing.ipp import IppClient, IppError

    try:
        IppClient().printer(QUEUE, ["printer-state"])
    except IppError as exc:
        pytest.skip(f"no CUPS server answers ({exc}); run: sudo bash packaging/cups-setup.sh")
    env = {**os.environ, "BOOTH_PDF_QUEUE": QUEUE, "BOOTH_PDF_DIR": str(tmp_path / "pdf")}
    made = subprocess.run(["bash", str(REPO / "packaging" / "cups-setup.sh")], env=env, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    if made.returncode != 0:
        pytest.skip(f"could not make a CUPS queue for this test: {made.stderr.strip()}")
    yield QUEUE
    _cups("cupsenable", QUEUE)
    _cups("cupsaccept", QUEUE)


def test_printing_off_is_said_not_crashed(arun: Any, operator_settings: Any) -> None:
    async def scenario() -> tuple[str, str]:
        booth = await open_booth(operator_settings)
        try:
            assert booth.ctx.printer is None
            booth.panel.show_tab("tab_printer")
            booth.panel.show_tab("tab_stats")
            return booth.panel.printer_tab.off_note.text(), booth.panel.stats_tab.service.text("prints")
        finally:
            await booth.stop()

    note, stats = arun(scenario())
    assert note.startswith("Printing is off in settings")
    assert stats == "printing is off"


def test_resume_button_resumes_a_paused_queue(arun: Any, operator_settings: Any, own_queue: str,
                                               artifacts_dir: Path) -> None:
    operator_settings.printing.enabled = True
    operator_settings.printing.printer = own_queue
    _cups("cupsdisable", own_queue)

    async def scenario() -> tuple[str, str, list[str]]:
        booth = await open_booth(operator_settings)
        tab, printer = booth.panel.printer_tab, booth.ctx.printer
        try:
            booth.panel.show_tab("tab_printer")
            await wait_until(lambda: printer.status().state not in ("unknown",), 15, "the first printer check")
            assert not printer.status().ok
            await wait_until(lambda: tab.status.text("state") == printer.status().state, 5, "the tab")
            picture = Path(operator_settings.event.dir) / "guest.png"
            Image.new("RGB", (600, 900), (200, 80, 120)).save(picture)
            held = printer.submit("guest-1", picture, copies=1)
            await wait_until(lambda: tab.table.rowCount() == 1, 5, "the print in the queue table")
            assert tab.table.item(0, 4).text() == "queued"
            (artifacts_dir / "screens").mkdir(parents=True, exist_ok=True)
            booth.panel.grab().save(str(artifacts_dir / "screens" / "operator-printer-paused.png"))
            paused = f"{tab.status.text('state')} / {tab.status.text('reason')}"
            outcomes: list[bool] = []
            printer.resume_finished.connect(lambda outcome: outcomes.append(outcome.done))
            click(tab.resume_button)
            assert not tab.resume_button.isEnabled()
            await wait_until(lambda: outcomes, 20, "the resume")
            await wait_until(lambda: printer.status().ok, 15, "the printer to be ready")
            await wait_until(lambda: tab.status.text("reason") == "ready", 5, "the tab to show it")
            assert tab.resume_button.isEnabled()
            await wait_until(lambda: printer.get(held.id).state.value in ("printing", "done"), 20, "the held print")
            await wait_until(lambda: tab.table.item(0, 4).text() in ("printing", "done"), 5, "the table")
            return paused, tab.status.text("state"), booth.panel.messages.texts()
        finally:
            await booth.stop()

    paused, after, lines = arun(scenario())
    assert "stopped" in paused or "paused" in paused, paused
    assert after in ("idle", "ready", "printing"), after
    assert any("Resume asked for the printer" in line for line in lines)
