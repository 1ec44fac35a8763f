"""An uncaught error in a Qt slot or an asyncio task is logged (no secret) and the kiosk goes back to the start.

Without booth.cli.survive, PySide6 prints a slot's error and leaves the screen where it broke, and asyncio
prints a task's error to a stderr nobody reads: both tests fail on the old code at the log or the step.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from kiosk_rig import Guest, open_kiosk, tap, wait_until
from PySide6.QtCore import QTimer

from booth.api.redact import guard_handlers, register_secret
from booth.cli.survive import Survival
from booth.jobs.job import JobState
from booth.ui.kiosk.flow import Step

SECRET = "pa55-Survive-7781"
pytestmark = pytest.mark.qt_no_exception_capture  # pytest-qt would otherwise take the slot's error itself


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """A file handler on the root logger, guarded by the redaction filter as booth's own handlers are."""
    path = tmp_path / "booth.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    root = logging.getLogger()
    root.addHandler(handler)
    guard_handlers()
    register_secret(SECRET)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        handler.close()


def _slot_that_breaks() -> None:
    raise RuntimeError(f"slot broke while signing in with {SECRET}")


async def _task_that_breaks() -> None:
    await asyncio.sleep(0)
    raise ValueError(f"task broke, token={SECRET}")


async def _guest_gets_a_picture(kiosk) -> None:
    job_id = await Guest(kiosk).visit("comic")
    await wait_until(lambda: kiosk.ctx.queue.job(job_id).final, 30, "the picture after the error")
    assert kiosk.ctx.queue.job(job_id).state == JobState.COMPLETED
    await wait_until(lambda: kiosk.flow.step == Step.RESULT, 10, "the guest's picture on screen")
    kiosk.window.result.done_button.click()
    assert kiosk.flow.step == Step.ATTRACT


def test_errors_in_a_slot_and_a_task_are_logged_and_the_kiosk_starts_over(arun, kiosk_settings, log_file) -> None:
    async def scenario() -> None:
        kiosk = await open_kiosk(kiosk_settings)
        w = kiosk.window
        survival = Survival(w.recover)
        survival.install(asyncio.get_running_loop())
        try:
            tap(w.attract.start_button)
            assert kiosk.flow.step == Step.CHOOSE
            QTimer.singleShot(0, _slot_that_breaks)  # a Qt slot, called by Qt's event loop
            await wait_until(lambda: kiosk.flow.step == Step.ATTRACT, 10, "the attract screen after a slot error")
            assert w.stack.currentWidget() is w.attract
            await _guest_gets_a_picture(kiosk)

            await Guest(kiosk).choose("comic")
            assert kiosk.flow.step == Step.POSE
            w._spawn(_task_that_breaks())  # the window's own way of running background work
            await wait_until(lambda: kiosk.flow.step == Step.ATTRACT, 10, "the attract screen after a task error")
            assert w.stack.currentWidget() is w.attract
            await _guest_gets_a_picture(kiosk)
            assert survival.caught == 2
        finally:
            survival.uninstall()
            await kiosk.stop()

    arun(scenario(), timeout=120)
    text = log_file.read_text(encoding="utf-8")
    assert "RuntimeError: slot broke while signing in with ***" in text
    assert "ValueError: task broke" in text
    assert "_task_that_breaks" in text, "the task's traceback is in the log"
    assert text.count("the kiosk goes back to the attract screen") == 2
    assert SECRET not in text


def test_an_error_storm_ends_the_kiosk_for_its_service_to_restart(arun, qapp) -> None:
    recovered: list[int] = []
    ended: list[bool] = []

    async def scenario() -> None:
        survival = Survival(lambda: recovered.append(1), give_up=lambda: ended.append(True), storm_limit=5)
        survival.install(asyncio.get_running_loop())
        try:
            for _ in range(5):
                QTimer.singleShot(0, _slot_that_breaks)
            await wait_until(lambda: bool(ended), 5, "giving up")
            assert survival.gave_up and survival.caught == 5
        finally:
            survival.uninstall()

    arun(scenario(), timeout=30)
    assert ended == [True] and len(recovered) >= 1
