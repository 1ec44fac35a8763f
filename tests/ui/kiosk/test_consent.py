"""Consent, where the event wants it (issue 13): the event's text in the guest's language before the first
photo; a guest who declines is not photographed (no capture file, the camera never asked)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from kiosk_rig import Guest, open_kiosk, tap, wait_until

from booth import settings as settings_mod
from booth.ui import i18n
from booth.ui.kiosk.flow import Step

CONSENT = {"en": "Your photo is kept for this event only.", "de": "Dein Foto bleibt nur für dieses Fest."}


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_declined_consent_takes_no_photo(arun: Any, kiosk_settings: Any) -> None:
    kiosk_settings.event.consent = dict(CONSENT)
    captures = Path(kiosk_settings.event.dir) / "captures"

    async def scenario() -> tuple[str, str, Step, int, list[Path]]:
        kiosk = await open_kiosk(kiosk_settings, (1080, 1920))
        w, flow = kiosk.window, kiosk.flow
        stills: list[str] = []
        real = kiosk.ctx.camera.capture_still

        async def counted(*args: Any, **kwargs: Any) -> bytes:
            stills.append("asked")
            return await real(*args, **kwargs)

        kiosk.ctx.camera.capture_still = counted
        try:
            tap(w.attract.lang_buttons["de"])
            tap(w.attract.start_button)
            tap(w.choose.cards["comic"])
            if flow.step == Step.LOOK:
                await wait_until(lambda: bool(w.look.cards) or not w.look.looks_area.isVisible(), 15, "the looks")
                if w.look.looks_area.isVisible():
                    tap(w.look.cards[0])
                tap(w.look.next_button)
            assert flow.step == Step.CONSENT
            german = w.consent.text.text()
            flow.trigger()  # the hardware button on the consent screen shoots nothing
            tap(w.consent.decline_button)
            step = flow.step
            tap(w.attract.lang_buttons["en"])  # the consent words follow the language switch
            await wait_until(lambda: w.consent.text.text() == CONSENT["en"], 5, "the English consent")
            return german, w.consent.text.text(), step, len(stills), _files(captures)
        finally:
            i18n.switch("en")
            await kiosk.stop()

    german, english, step, asked, files = arun(scenario(), timeout=60)
    assert german == CONSENT["de"]
    assert english == CONSENT["en"]
    assert step == Step.ATTRACT
    assert asked == 0 and files == []


def test_agreed_consent_poses_and_is_asked_once_per_guest(arun: Any, kiosk_settings: Any) -> None:
    kiosk_settings.event.consent = dict(CONSENT)

    async def scenario() -> tuple[list[Step], Step]:
        kiosk = await open_kiosk(kiosk_settings, (1920, 1080))
        w, flow = kiosk.window, kiosk.flow
        seen: list[Step] = []
        flow.step_changed.connect(lambda step: seen.append(Step(step)))
        try:
            tap(w.attract.start_button)
            tap(w.choose.cards["comic"])
            if flow.step == Step.LOOK:
                await wait_until(lambda: bool(w.look.cards), 15, "the looks")
                tap(w.look.cards[0])
                tap(w.look.next_button)
            tap(w.consent.agree_button)
            assert flow.step == Step.POSE
            await Guest(kiosk).pose()
            tap(w.review.retake_button)  # a retake does not ask again
            after_retake = flow.step
            return seen, after_retake
        finally:
            await kiosk.stop()

    seen, after_retake = arun(scenario(), timeout=60)
    assert seen.count(Step.CONSENT) == 1
    assert after_retake == Step.POSE


def test_consent_needs_a_text_for_every_kiosk_language() -> None:
    with pytest.raises(settings_mod.ConfigError, match="missing de"):
        settings_mod.from_mapping({"event": {"consent": {"en": "ok"}}})
