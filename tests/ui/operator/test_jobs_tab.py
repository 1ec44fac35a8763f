"""Jobs tab on a real queue and the local engine: rows follow the queue, and the operator's buttons act on it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from operator_rig import answer, click, open_booth, photo, question, wait_until

from booth.jobs.job import JobParams, JobState
from booth.jobs.model import COLUMNS
from booth.ui import i18n

FILTER = JobParams(service="filter", filter_id=1, ratio="portrait")
BAD_FILTER = JobParams(service="filter", filter_id=999999, ratio="portrait")


def _state_cell(tab: Any, row: int = 0) -> str:
    return str(tab.proxy.index(row, COLUMNS.index("state")).data())


def test_rows_follow_the_queue(arun: Any, operator_settings: Any, engine: Any) -> None:
    engine.configure(latency_s=1.0)

    async def scenario() -> list[str]:
        booth = await open_booth(operator_settings)
        tab, queue = booth.panel.jobs_tab, booth.ctx.queue
        seen: list[str] = []
        try:
            assert tab.proxy.rowCount() == 0
            job = queue.enqueue(photo(1), FILTER)
            await wait_until(lambda: tab.proxy.rowCount() == 1, 5, "the new row")
            assert tab.proxy.index(0, 0).data() == job.ticket
            queue.job_changed.connect(lambda _id: seen.append(_state_cell(tab)))
            tab.select_job(job.id)
            await wait_until(lambda: queue.job(job.id).state is JobState.COMPLETED, 20, "the job")
            await wait_until(lambda: tab.details.text("state") == "Completed", 5, "the detail card")
            assert tab.open_button.isEnabled() and not tab.cancel_button.isEnabled()
            return seen
        finally:
            await booth.stop()

    seen = arun(scenario())
    assert seen[-1] == "Completed"
    assert any(state in ("Queued", "Running") for state in seen), seen


def test_filter_by_state(arun: Any, operator_settings: Any) -> None:
    async def scenario() -> None:
        booth = await open_booth(operator_settings)
        tab, queue = booth.panel.jobs_tab, booth.ctx.queue
        try:
            good = queue.enqueue(photo(1), FILTER)
            bad = queue.enqueue(photo(2), BAD_FILTER)
            await wait_until(lambda: queue.job(good.id).final and queue.job(bad.id).final, 20, "both jobs")
            tab.filter.setCurrentIndex(tab.filter.findData("failed"))
            assert tab.proxy.rowCount() == 1 and tab.proxy.index(0, 0).data() == bad.ticket
            tab.filter.setCurrentIndex(tab.filter.findData("completed"))
            assert tab.proxy.rowCount() == 1 and tab.proxy.index(0, 0).data() == good.ticket
            tab.filter.setCurrentIndex(tab.filter.findData(""))
            assert tab.proxy.rowCount() == 2
        finally:
            await booth.stop()

    arun(scenario())


def test_retry_sends_a_failed_job_again(arun: Any, operator_settings: Any, engine: Any) -> None:
    async def scenario() -> None:
        booth = await open_booth(operator_settings)
        tab, queue = booth.panel.jobs_tab, booth.ctx.queue
        try:
            job = queue.enqueue(photo(3), FILTER)
            engine.configure(faults={"run.fail": 1.0})
            await wait_until(lambda: queue.job(job.id).state is JobState.FAILED, 20, "the injected failure")
            engine.configure(faults={})
            tab.select_job(job.id)
            assert tab.retry_button.isEnabled()
            click(tab.retry_button)
            await wait_until(lambda: queue.job(job.id).state is JobState.COMPLETED, 20, "the retried job")
            assert queue.job(job.id).attempts == 2
            assert any("Retry asked for ticket A01" in line for line in booth.panel.messages.texts())
        finally:
            await booth.stop()

    arun(scenario())


def test_cancel_is_confirmed_then_cancels(arun: Any, operator_settings: Any, engine: Any) -> None:
    engine.configure(latency_s=8.0)

    async def scenario() -> None:
        booth = await open_booth(operator_settings)
        tab, queue = booth.panel.jobs_tab, booth.ctx.queue
        try:
            job = queue.enqueue(photo(4), FILTER)
            await wait_until(lambda: queue.job(job.id).state is JobState.RUNNING, 10, "the job to run")
            tab.select_job(job.id)
            click(tab.cancel_button)
            await wait_until(lambda: question("confirm_cancel") is not None, 5, "the question")
            answer("confirm_cancel", yes=False)
            await wait_until(lambda: question("confirm_cancel") is None, 5, "the question to close")
            assert queue.job(job.id).state is JobState.RUNNING
            click(tab.cancel_button)
            await wait_until(lambda: question("confirm_cancel") is not None, 5, "the question")
            answer("confirm_cancel", yes=True)
            await wait_until(lambda: queue.job(job.id).state is JobState.CANCELLED, 5, "the cancel")
            await wait_until(lambda: tab.details.text("state") == "Cancelled", 5, "the detail card")
        finally:
            await booth.stop()

    arun(scenario())


def test_resubmit_a_lost_run_only_on_the_operators_word(arun: Any, operator_settings: Any, engine: Any) -> None:
    async def scenario() -> None:
        booth = await open_booth(operator_settings)
        tab, queue = booth.panel.jobs_tab, booth.ctx.queue
        try:
            engine.configure(faults={"run.lost.next": 1})
            job = queue.enqueue(photo(5), FILTER)
            await wait_until(lambda: queue.job(job.id).needs_operator, 30, "the lost answer")
            runs = engine.stats()["runs_received"]
            tab.filter.setCurrentIndex(tab.filter.findData("needs_operator"))
            assert tab.proxy.rowCount() == 1
            tab.select_job(job.id)
            assert tab.resubmit_button.isEnabled() and not tab.retry_button.isEnabled()
            click(tab.resubmit_button)
            await wait_until(lambda: question("confirm_resubmit") is not None, 5, "the question")
            assert "credit" in question("confirm_resubmit").informativeText()
            answer("confirm_resubmit", yes=True)
            await wait_until(lambda: queue.job(job.id).state is JobState.COMPLETED, 20, "the resubmitted job")
            assert engine.stats()["runs_received"] == runs + 1
            assert any("A01" in line and "Resubmit" in line for line in booth.panel.messages.texts())
        finally:
            await booth.stop()

    arun(scenario())


def test_result_preview_of_an_image_and_of_a_video(qapp: Any, tmp_path: Path) -> None:
    import cv2
    import numpy as np

    from booth.ui.operator.jobs_tab import PREVIEW_SIZE, load_result_image

    still = tmp_path / "result.png"
    cv2.imwrite(str(still), np.full((1152, 768, 3), (30, 140, 220), np.uint8))
    image = load_result_image(still)
    assert max(image.width(), image.height()) == PREVIEW_SIZE and image.height() > image.width()

    clip = tmp_path / "result.mp4"
    writer = cv2.VideoWriter(str(clip), cv2.VideoWriter_fourcc(*"mp4v"), 10.0, (320, 480))
    for _ in range(5):
        writer.write(np.full((480, 320, 3), (0, 0, 255), np.uint8))
    writer.release()
    frame = load_result_image(clip)
    assert frame.height() == PREVIEW_SIZE
    red = frame.pixelColor(frame.width() // 2, frame.height() // 2)
    assert red.red() > 200 and red.blue() < 60  # BGR red from OpenCV arrives as red, not blue

    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture")
    with pytest.raises(ValueError, match="could not be read"):
        load_result_image(broken)


def test_out_of_credits_pauses_sending_until_the_operator_says_go(arun: Any, operator_settings: Any,
                                                                  engine: Any) -> None:
    engine.configure(credits=0)

    async def scenario() -> dict[str, Any]:
        booth = await open_booth(operator_settings)
        panel, tab, queue = booth.panel, booth.panel.jobs_tab, booth.ctx.queue
        out: dict[str, Any] = {}
        try:
            job = queue.enqueue(photo(6), FILTER)
            await wait_until(lambda: queue.blocked is not None, 20, "the credits problem")
            await wait_until(lambda: tab.banner.isVisible(), 5, "the banner")
            out["banner"] = tab.banner.text()
            panel.show_tab("tab_stats")
            await wait_until(lambda: "sending paused" in panel.stats_tab.service.text("account"), 5, "the stats")
            panel.show_tab("tab_jobs")
            assert queue.job(job.id).state is not JobState.FAILED  # the photo waits, it is not lost
            engine.configure(credits=-1)
            click(tab.unblock_button)
            await wait_until(lambda: queue.job(job.id).state is JobState.COMPLETED, 20, "the job after unblocking")
            await wait_until(lambda: not tab.banner.isVisible(), 5, "the banner to go once runs are taken again")
            out["banner_after"] = tab.banner.isVisible()
            return out
        finally:
            await booth.stop()

    out = arun(scenario())
    assert out["banner"].startswith("New runs are paused (credits)"), out["banner"]
    assert out["banner_after"] is False


def test_german_panel_shows_a_held_jobs_advice_in_german(arun: Any, operator_settings: Any, engine: Any) -> None:
    """The job records why it is held as data; the panel words it in the operator's language, naming the
    German button that acts (the English advice the queue used to write could not be translated)."""

    async def scenario() -> tuple[str, str, list[str]]:
        assert i18n.switch("de")
        booth = await open_booth(operator_settings)
        tab, queue = booth.panel.jobs_tab, booth.ctx.queue
        try:
            engine.configure(faults={"run.lost.next": 1})
            job = queue.enqueue(photo(8), FILTER)
            await wait_until(lambda: queue.job(job.id).needs_operator, 30, "the lost answer")
            assert tab.select_job(job.id)
            await wait_until(lambda: tab.details.text("advice") != "—", 5, "the advice on the job card")
            await wait_until(lambda: any("A01" in line for line in booth.panel.messages.texts()), 5, "the log line")
            return tab.details.label("advice"), tab.details.text("advice"), booth.panel.messages.texts()
        finally:
            i18n.switch("en")
            await booth.stop()

    try:
        label, advice, lines = arun(scenario())
    finally:
        i18n.switch("en")
    assert label == "Was zu tun ist"
    assert "Drücken Sie Neu einreichen…" in advice and "Auftrag abbrechen" in advice, advice
    assert "Resubmit" not in advice and "press" not in advice.lower(), advice
    assert any("A01" in line and "Neu einreichen…" in line for line in lines), lines
