"""The guest's flow as a plain state machine: no window, a real camera on a video file."""

from __future__ import annotations

import pytest
from kiosk_rig import wait_until

from booth.camera.service import CameraService
from booth.settings import CameraSettings, KioskSettings
from booth.ui.kiosk import looks
from booth.ui.kiosk.flow import KioskFlow, Step


def _idle_camera() -> CameraService:
    """A camera the flow holds but these steps never shoot with (never started)."""
    return CameraService(CameraSettings())


def test_look_screen_only_for_services_that_take_a_choice() -> None:
    assert looks.needs("filter") == looks.LookNeeds("filter_id", "filters", gender=True, ratio=True)
    assert looks.needs("selfprompt").kind == "workflows"
    assert looks.needs("comic") == looks.LookNeeds("style_id", "styles", gender=False, ratio=False)
    assert not looks.needs("background_remove").any and not looks.needs("skin_refiner").any
    assert looks.needs("two_persons").gender is False and looks.is_two_person("two_persons")


def test_navigation_choices_and_back(qapp) -> None:
    flow = KioskFlow(KioskSettings(default_gender="male", default_ratio="square"), camera=_idle_camera())
    steps: list[str] = []
    flow.step_changed.connect(steps.append)
    flow.start()
    flow.choose_service("filter")
    assert flow.step == Step.LOOK and flow.choice.gender == "male" and flow.ratio == "square"
    flow.confirm_look()
    assert flow.step == Step.LOOK, "a filter must be picked first"
    flow.choose_look(7, "Neon")
    flow.set_ratio("landscape")
    flow.confirm_look()
    assert flow.step == Step.POSE
    assert flow.choice.request_fields() == {"filter_id": 7, "gender": 0, "ratio": "landscape"}
    flow.back()
    flow.back()
    assert flow.step == Step.CHOOSE
    flow.choose_service("background_remove")
    assert flow.step == Step.POSE, "nothing to choose: straight to posing"
    assert flow.choice.request_fields() == {}
    assert flow.ratio == "square", "the capture still uses the configured ratio"
    flow.back()
    flow.back()
    assert flow.step == Step.ATTRACT
    assert steps == ["choose", "look", "pose", "look", "choose", "pose", "choose", "attract"]
    with pytest.raises(ValueError, match="not enabled"):
        KioskFlow(KioskSettings(services=["comic"]), camera=_idle_camera()).choose_service("filter")


def test_single_service_kiosk_skips_the_choice(qapp) -> None:
    flow = KioskFlow(KioskSettings(services=["skin_refiner"]), camera=_idle_camera())
    flow.start()
    assert flow.step == Step.POSE
    flow.back()
    assert flow.step == Step.ATTRACT


def test_trigger_only_on_pose_and_retake_limit(arun, video) -> None:
    camera = CameraService(CameraSettings(source=str(video)))
    flow = KioskFlow(KioskSettings(countdown_s=0, retake_limit=1), camera=camera)

    async def scenario() -> None:
        camera.start()
        try:
            flow.trigger()
            assert flow.step == Step.ATTRACT and not flow.capturing, "the trigger does nothing off the pose screen"
            flow.start()
            flow.choose_service("comic")
            flow.choose_look(3, "Style 4")
            flow.confirm_look()
            flow.trigger()
            await wait_until(lambda: flow.step == Step.REVIEW, 10, "the first capture")
            assert flow.capture and flow.capture[:2] == b"\xff\xd8"
            flow.retake()
            assert flow.step == Step.POSE and flow.retakes_left == 0
            flow.trigger()
            await wait_until(lambda: flow.step == Step.REVIEW, 10, "the retake")
            flow.retake()
            assert flow.step == Step.REVIEW, "no retakes left"
        finally:
            camera.stop()

    arun(scenario(), timeout=30)


def test_countdown_is_requested_with_configured_seconds(qapp) -> None:
    flow = KioskFlow(KioskSettings(countdown_s=4, services=["background_remove"]), camera=_idle_camera())
    asked: list[int] = []
    flow.countdown_requested.connect(asked.append)
    flow.start()
    flow.trigger()
    flow.trigger()  # a second press during the countdown is ignored
    assert asked == [4] and flow.capturing
