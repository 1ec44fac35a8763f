"""The guest's whole way, per experience, on the local engine and a video-file camera."""

from __future__ import annotations

from kiosk_rig import Guest, open_kiosk, wait_until

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
