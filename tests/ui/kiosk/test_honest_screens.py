"""Screens that tell the truth (issue 13): a paused printer is not offered, credits gone are said on the
attract screen, and the hand-off screen says about how long when jobs wait.

The paused-printer test uses a cups-pdf queue of its own (made by packaging/cups-setup.sh), so pausing it
never disturbs the printing tests' queue.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from kiosk_rig import Guest, open_kiosk, tap, wait_until

from booth.jobs.estimate import typical_run_s, wait_estimate_s
from booth.jobs.job import Job, JobState
from booth.problems import ProblemKind
from booth.ui.kiosk.flow import Step

QUEUE = "booth-guest-test"
REPO = Path(__file__).resolve().parents[3]


def _cups(*args: str) -> None:
    tool = shutil.which(args[0]) or f"/usr/sbin/{args[0]}"
    subprocess.run([tool, *args[1:]], check=True, capture_output=True, timeout=20)


@pytest.fixture
def paused_queue(tmp_path: Path) -> Iterator[str]:
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
    _cups("cupsdisable", QUEUE)
    yield QUEUE
    _cups("cupsenable", QUEUE)


def test_paused_printer_is_not_offered_and_the_guest_is_pointed_to_the_code(arun: Any, kiosk_settings: Any,
                                                                              paused_queue: str) -> None:
    kiosk_settings.printing.enabled = True
    kiosk_settings.printing.printer = paused_queue

    async def scenario() -> tuple[bool, str, list[ProblemKind]]:
        kiosk = await open_kiosk(kiosk_settings, (1080, 1920))
        w = kiosk.window
        try:
            printer = kiosk.ctx.printer
            await wait_until(lambda: printer.status().state != "unknown", 15, "the first printer check")
            await Guest(kiosk).visit("comic")
            await wait_until(lambda: kiosk.flow.step == Step.RESULT, 30, "the result")
            await wait_until(w.result.qr.isVisible, 10, "the download code")
            active = [p.kind for p in kiosk.ctx.messages.active()]
            return w.result.print_button.isVisible(), w.result.status.text(), active
        finally:
            await kiosk.stop()

    print_shown, words, active = arun(scenario(), timeout=90)
    assert not print_shown
    assert words == "Printing is paused: scan the code to take it home."
    assert ProblemKind.PRINTER_NOT_READY in active  # the operator is told (the panel words it)


def test_credits_gone_the_attract_screen_says_so_before_anyone_poses(arun: Any, kiosk_settings: Any,
                                                                     engine: Any) -> None:
    async def scenario() -> tuple[bool, str, bool]:
        kiosk = await open_kiosk(kiosk_settings, (1080, 1920))
        w, flow = kiosk.window, kiosk.flow
        try:
            assert not w.attract.notice.isVisible()
            engine.configure(credits=0)
            await Guest(kiosk).visit("comic")  # this guest's run is refused: the studio is out of credits
            await wait_until(lambda: kiosk.ctx.queue.blocked is not None, 20, "the credits problem")
            tap(w.handoff.next_button)
            flow.back()  # the next guest walks away: the attract screen again
            assert flow.step == Step.ATTRACT
            await wait_until(w.attract.notice.isVisible, 5, "the attract notice")
            shown, text = True, w.attract.notice.text()
            engine.configure(credits=-1)  # the host tops up
            kiosk.ctx.queue.unblock()
            await wait_until(lambda: not w.attract.notice.isVisible(), 20, "the notice to go")
            return shown, text, w.attract.notice.isVisible()
        finally:
            await kiosk.stop()

    shown, text, after = arun(scenario(), timeout=90)
    assert shown and "top-up" in text and "safe" in text
    assert not after


def test_handoff_says_about_how_long_when_jobs_wait(arun: Any, kiosk_settings: Any, engine: Any) -> None:
    kiosk_settings.jobs.max_in_flight = 1

    async def scenario() -> tuple[bool, str, bool]:
        kiosk = await open_kiosk(kiosk_settings, (1080, 1920))
        w, flow = kiosk.window, kiosk.flow
        try:
            engine.configure(latency_s=1.0)
            await Guest(kiosk).visit("comic")
            first_alone = w.handoff.wait.isVisible()  # nobody ahead: nothing to say
            await wait_until(lambda: flow.step == Step.RESULT, 30, "the first result (a measured time)")
            tap(w.result.done_button)
            engine.configure(latency_s=30.0)
            await Guest(kiosk).visit("comic")
            await Guest(kiosk).visit("comic")
            return first_alone, w.handoff.wait.text(), w.handoff.wait.isVisible()
        finally:
            await kiosk.stop()

    first_alone, text, shown = arun(scenario(), timeout=90)
    assert not first_alone
    assert shown and "less than a minute" in text


def _job(n: int, state: JobState, created: float, done: float | None = None) -> Job:
    from booth.jobs.job import JobParams

    return Job(id=f"j{n}", seq=n, ticket=f"A{n}", state=state, params=JobParams(service="comic"),
               created_at=created, updated_at=done if done is not None else created)


def test_wait_estimate_from_measured_times() -> None:
    jobs = [_job(1, JobState.COMPLETED, 0, 50), _job(2, JobState.COMPLETED, 10, 80),
            _job(3, JobState.COMPLETED, 20, 500),  # one slow run does not set the figure
            _job(4, JobState.RUNNING, 100), _job(5, JobState.RUNNING, 101), _job(6, JobState.CAPTURED, 102),
            _job(7, JobState.CAPTURED, 103)]
    assert typical_run_s(jobs) == 70
    assert wait_estimate_s(jobs, "j7", 3) == 140  # three ahead + this one at 3 in flight: two rounds
    assert wait_estimate_s(jobs, "j4", 3) is None  # nothing ahead
    assert wait_estimate_s(jobs[3:], "j7", 3) is None  # nothing measured yet
