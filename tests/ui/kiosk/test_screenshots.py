"""Screenshots of every kiosk screen, landscape and portrait, for people to look at (test-artifacts/screens/)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from kiosk_rig import QUEUE, Guest, cups_queue_ready, open_kiosk, tap, wait_until

from booth.ui import i18n
from booth.ui.kiosk import wording
from booth.ui.kiosk.flow import Step

SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


async def _settle(seconds: float = 0.4) -> None:
    await asyncio.sleep(seconds)  # let background-decoded pictures arrive and paint


@pytest.mark.parametrize("orientation", list(SIZES))
def test_screens(arun, engine, kiosk_settings, artifacts_dir: Path, orientation: str) -> None:
    out = artifacts_dir / "screens"
    out.mkdir(parents=True, exist_ok=True)
    size = SIZES[orientation]
    kiosk_settings.event.logo = Path(__file__).resolve().parents[3] / "booth" / "assets" / "sample-logo.svg"
    printing = cups_queue_ready()
    if printing:  # show the Print option on the result screen when a CUPS queue is there
        kiosk_settings.printing.enabled = True
        kiosk_settings.printing.printer = QUEUE

    async def scenario() -> list[Path]:
        kiosk = await open_kiosk(kiosk_settings, size)
        w, flow = kiosk.window, kiosk.flow
        shots: list[Path] = []

        def shot(name: str) -> None:
            path = out / f"{orientation}_{name}.png"
            image = w.grab()
            assert image.width() == size[0] and image.height() == size[1]
            assert image.save(str(path))
            shots.append(path)

        try:
            await wait_until(lambda: bool(kiosk.ctx.catalog.entries("filters")), 15, "the catalog")
            guest = Guest(kiosk)
            job_id = await guest.visit("filter")  # one earlier guest, so the wall and strip have something
            await wait_until(lambda: flow.step == Step.RESULT, 30, "the first result")
            if printing:
                await wait_until(w.result.print_button.isVisible, 15, "the Print option")
            await wait_until(w.result.qr.isVisible, 10, "the download code")
            await _settle()
            shot("6_result")
            w.result.done_button.click()
            if orientation == "landscape":  # an animated result, playing
                await Guest(kiosk).visit("animate_image")
                await wait_until(lambda: flow.step == Step.RESULT, 30, "the animation")
                await wait_until(lambda: w.result.player.frames_shown > 3, 10, "animation frames")
                shot("6b_result_animation")
                w.result.done_button.click()
            await _settle(0.8)
            shot("1_attract")
            tap(w.attract.start_button)
            await _settle()
            shot("2_choose")
            tap(w.choose.cards["filter"])
            await wait_until(lambda: all(c._pixmap is not None for c in w.look.cards[:5]), 15, "look previews")
            tap(w.look.cards[2])
            await _settle()
            shot("3_look")
            tap(w.look.next_button)
            await wait_until(lambda: w.pose.preview.frames_painted > 2, 10, "preview frames")
            shot("4_pose")
            await guest.pose()
            await wait_until(w.review.picture.has_picture, 10, "the capture")
            engine.configure(latency_s=60)  # this guest's picture stays "in the studio" for the hand-off shot
            shot("4b_review")
            tap(w.review.use_button)
            await _settle()
            shot("5_handoff")
            w.banner.say(wording.problem_words("server"))
            await _settle(0.1)
            shot("5b_handoff_banner")
            w.banner.hide()
            w.pin_pad.open()
            await _settle(0.1)
            shot("7_pin")
            w.pin_pad.cancel()
            assert job_id
            # German words are longer: the same screens again, to catch clipping.
            flow.reset()
            tap(w.attract.lang_buttons["de"])
            await _settle()
            shot("de_1_attract")
            tap(w.attract.start_button)
            await _settle(0.2)
            shot("de_2_choose")
            tap(w.choose.cards["filter"])
            await _settle()
            shot("de_3_look")
        finally:
            i18n.switch("en")
            await kiosk.stop()
        return shots

    shots = arun(scenario(), timeout=90)
    assert len(shots) == (13 if orientation == "landscape" else 12)
