"""The guest's whole way, per experience, on the local engine and a video-file camera."""

from __future__ import annotations

import time

from kiosk_rig import Guest, open_kiosk, tap, wait_until
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from booth.jobs.job import JobState
from booth.ui.kiosk import wording
from booth.ui.kiosk.flow import Step


def test_every_service_attract_to_result(arun, kiosk_settings) -> None:
    async def scenario() -> None:
        kiosk = await open_kiosk(kiosk_settings)
        try:
            for service in kiosk_settings.kiosk.services:
                guest = Guest(kiosk)
                job_id = await guest.visit(service)
                assert kiosk.window.handoff.ticket.text() == kiosk.ctx.queue.job(job_id).ticket
                await wait_until(lambda: kiosk.flow.step == Step.RESULT, 30, f"the {service} result")
                assert kiosk.window.result.job_id == job_id
                path = kiosk.ctx.queue.result_path(job_id)
                assert path is not None and path.exists()
                assert kiosk.ctx.queue.job(job_id).capture_path.exists()
                if path.suffix == ".mp4":
                    await wait_until(lambda: kiosk.window.result.player.frames_shown >= 2, 10, "animation frames")
                else:
                    await wait_until(kiosk.window.result.picture.has_picture, 10, "the picture")
                tap_done = kiosk.window.result.done_button
                tap_done.click()
                assert kiosk.flow.step == Step.ATTRACT
        finally:
            await kiosk.stop()

    arun(scenario(), timeout=150)


def test_second_guest_starts_while_first_is_running(arun, engine, kiosk_settings) -> None:
    engine.configure(latency_s=6.0)  # long enough that a slow test machine still sees it running

    async def scenario() -> None:
        kiosk = await open_kiosk(kiosk_settings)
        queue, w = kiosk.ctx.queue, kiosk.window
        try:
            first = await Guest(kiosk).visit("filter")
            second = await Guest(kiosk).visit("comic")  # starts from the first guest's hand-off screen
            assert not queue.job(first).final, "the second guest had to wait for the first one's picture"
            await wait_until(lambda: w.strip.ticket_ids()[-2:] == [first, second], 5, "both tickets on the strip")
            await wait_until(lambda: queue.job(first).final, 30, "the first picture")
            done = queue.job(first)
            assert done.state == JobState.COMPLETED, f"first job ended {done.state}: {done.error}"
            assert kiosk.flow.result_job != first, "the first guest's picture must not take over the second's screen"
            if kiosk.flow.step == Step.RESULT:  # the second guest's own picture was quick too
                assert kiosk.flow.result_job == second
                w.result.done_button.click()
            button = w.strip.button(first)
            assert button is not None and "A01" in button.text()
            # The strip hears of the change by signal, after the store has it: a moment after the queue's state.
            await wait_until(button.isEnabled, 10, "the first guest's ticket to turn ready")
            tap(button)
            assert kiosk.flow.step == Step.RESULT and w.result.job_id == first
            await wait_until(w.result.picture.has_picture, 10, "the first guest's picture")
        finally:
            await kiosk.stop()

    arun(scenario(), timeout=90)


def test_api_failure_shows_friendly_words_and_loses_nothing(arun, engine, kiosk_settings) -> None:
    engine.configure(faults={"run.error.next": 4})  # more than the client's own retries: the queue sees it

    async def scenario() -> None:
        kiosk = await open_kiosk(kiosk_settings)
        queue, w = kiosk.ctx.queue, kiosk.window
        try:
            job_id = await Guest(kiosk).visit("filter")
            await wait_until(w.banner.isVisible, 20, "the guest banner")
            assert w.banner.text() == wording.problem_words("server")
            assert "Traceback" not in w.banner.text() and "503" not in w.banner.text()
            assert any(m.kind == "server" for m in kiosk.ctx.messages.history()), "the operator hears the details"
            job = queue.job(job_id)
            assert job.capture_path is not None and job.capture_path.exists(), "the photo is in the event folder"
            assert job.state.value != "failed"
            await wait_until(lambda: queue.job(job_id).final, 40, "the retried job")
            assert queue.job(job_id).state.value == "completed"
            await wait_until(lambda: kiosk.flow.step == Step.RESULT, 10, "the result after the retry")
        finally:
            await kiosk.stop()

    arun(scenario(), timeout=90)


def test_inactivity_returns_to_attract(arun, kiosk_settings) -> None:
    async def scenario() -> None:
        kiosk = await open_kiosk(kiosk_settings)
        flow, w = kiosk.flow, kiosk.window
        try:
            assert flow._idle.interval() == int(kiosk_settings.kiosk.inactivity_s * 1000)
            # The clock is read, not raced: a loaded machine may stretch any sleep past a short timeout.
            flow.set_inactivity(20.0)
            tap(w.attract.start_button)
            tap(w.choose.cards["filter"])
            assert flow.step == Step.LOOK
            await wait_until(lambda: flow._idle.remainingTime() < 18_500, 10, "1.5 s of no activity")
            tap(w.look.gender_buttons["male"])  # activity restarts the clock
            assert flow._idle.remainingTime() > 19_000, "the tap restarted the clock"
            assert flow.step == Step.LOOK
            flow.set_inactivity(0.5)
            await wait_until(lambda: flow.step == Step.ATTRACT, 10, "the attract screen")
            assert flow.choice.gender == kiosk_settings.kiosk.default_gender, "the next guest starts afresh"
            assert w.stack.currentWidget() is w.attract
        finally:
            await kiosk.stop()

    arun(scenario(), timeout=60)


def test_escape_attempts_are_refused_and_trigger_key_shoots(arun, kiosk_settings) -> None:
    kiosk_settings.kiosk.countdown_s = 1  # the trigger runs the real countdown here

    async def scenario() -> None:
        kiosk = await open_kiosk(kiosk_settings)
        flow, w = kiosk.flow, kiosk.window
        try:
            tap(w.attract.start_button)
            assert flow.step == Step.CHOOSE
            assert w.close() is False and w.isVisible()
            for key, mods in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                              (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
                              (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
                              (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)):
                QTest.keyClick(w, key, mods)
                QTest.keyClick(w.choose.cards["filter"], key, mods)
            QApplication.sendPostedEvents()  # whatever the keys posted (a close, a step) has happened now
            assert w.isVisible() and flow.step == Step.CHOOSE
            tap(w.choose.cards["background_remove"])  # no look to pick: straight to posing
            assert flow.step == Step.POSE
            QTest.keyClick(w, Qt.Key.Key_F9)  # the USB buzzer
            assert flow.capturing and not w.pose.shutter_button.isEnabled(), "counting down"
            await wait_until(lambda: flow.step == Step.REVIEW, 10, "the capture from the trigger key")
            w.allow_close()
            assert w.close() is True
        finally:
            await kiosk.stop()

    arun(scenario(), timeout=60)


def test_five_guests_back_to_back_never_wait_for_the_ai(arun, engine, kiosk_settings) -> None:
    engine.configure(latency_s=6.0)

    async def scenario() -> None:
        kiosk = await open_kiosk(kiosk_settings)
        queue, w, flow = kiosk.ctx.queue, kiosk.window, kiosk.flow
        jobs: list[str] = []
        try:
            for i in range(5):
                guest = Guest(kiosk)
                await guest.choose("filter" if i % 2 else "comic")
                started = time.monotonic()
                await guest.pose()
                jobs.append(await guest.use_it())
                posing = time.monotonic() - started
                assert posing < 3.0, f"guest {i + 1} waited {posing:.1f} s from pose to hand-off (AI latency is 6 s)"
            assert not all(queue.job(j).final for j in jobs)
            await wait_until(lambda: all(queue.job(j).final for j in jobs), 60, "all five pictures")
            assert [queue.job(j).state.value for j in jobs] == ["completed"] * 5
            if flow.step == Step.RESULT:  # the last guest's own picture opened on their hand-off screen
                w.result.done_button.click()
            for job_id in jobs[:-1]:  # the others find theirs on the strip of the attract screen
                assert flow.step in (Step.ATTRACT, Step.HANDOFF)
                tap(w.strip.button(job_id))
                assert flow.step == Step.RESULT and w.result.job_id == job_id
                await wait_until(w.result.picture.has_picture, 10, f"result of {job_id}")
                w.result.done_button.click()
        finally:
            await kiosk.stop()

    arun(scenario(), timeout=120)
