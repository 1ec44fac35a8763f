"""The pose screen shows the guest big: the live picture is the guide's crop, as large as the screen allows.

Acceptance (issue 13): on 1080x1920 and 1920x1080 screens, for each ratio, the picture spans at least 60% of
the screen's long side when it has the screen's shape and at least 80% of the short side otherwise. The
camera is the rig's landscape 640x480 video, the usual case (a landscape webcam under a portrait totem).
Screenshots go to test-artifacts/pose/ for people to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from kiosk_rig import Kiosk, open_kiosk, wait_until
from PySide6.QtCore import QPoint

from booth.camera.guides import ratio_aspect
from booth.ui.kiosk.flow import Step

SIZES = {"portrait": (1080, 1920), "landscape": (1920, 1080)}
RATIOS = ("portrait", "landscape", "square")


def _span_needed(screen: tuple[int, int], ratio: str) -> tuple[str, float]:
    """Which side the picture is measured on and the share of it it must span."""
    sw, sh = screen
    aspect = ratio_aspect(ratio)
    same_shape = (aspect < 1 and sh > sw) or (aspect > 1 and sw > sh)
    if same_shape:
        return ("height" if sh > sw else "width"), 0.60
    return ("width" if sh > sw else "height"), 0.80


async def _measure(kiosk: Kiosk, ratio: str, size: tuple[int, int]) -> float:
    """Pose screen at `ratio`: wait for the cropped picture, check it is on screen, return its span."""
    w, flow = kiosk.window, kiosk.flow
    flow.reset()
    flow.kiosk.default_ratio = ratio
    flow.jump_to_pose("comic")  # a service without a ratio picker: the kiosk's default ratio is used
    assert flow.step == Step.POSE and flow.ratio == ratio
    preview = w.pose.preview
    painted = preview.frames_painted
    await wait_until(lambda: preview.frames_painted > painted + 2, 10, "preview frames")

    def picture_aspect() -> float:
        layout = preview.current_layout()
        return 0.0 if layout is None else layout.picture.width() / layout.picture.height()

    await wait_until(lambda: abs(picture_aspect() - ratio_aspect(ratio)) < 0.02, 10, "the crop")
    layout = preview.current_layout()
    assert layout is not None
    pic = layout.picture
    origin = preview.mapTo(w, QPoint(round(pic.left()), round(pic.top())))
    assert origin.x() >= 0 and origin.x() + pic.width() <= size[0] + 1
    assert origin.y() >= 0 and origin.y() + pic.height() <= size[1] + 1
    assert layout.guide == pic  # the picture is exactly the photo: nothing dimmed around it
    side, _share = _span_needed(size, ratio)
    return pic.height() / size[1] if side == "height" else pic.width() / size[0]


@pytest.mark.parametrize("orientation", list(SIZES))
def test_live_picture_fills_the_screen_at_the_photo_shape(arun, kiosk_settings, artifacts_dir: Path,
                                                         orientation: str) -> None:
    size = SIZES[orientation]
    out = artifacts_dir / "pose"
    out.mkdir(parents=True, exist_ok=True)

    async def scenario() -> dict[str, float]:
        kiosk = await open_kiosk(kiosk_settings, size)
        spans: dict[str, float] = {}
        try:
            for ratio in RATIOS:
                spans[ratio] = await _measure(kiosk, ratio, size)
                assert kiosk.window.grab().save(str(out / f"{orientation}_{ratio}.png"))
        finally:
            await kiosk.stop()
        return spans

    spans = arun(scenario(), timeout=90)
    for ratio, span in spans.items():
        share = _span_needed(size, ratio)[1]
        assert span >= share, f"{orientation} screen, {ratio}: picture spans {span:.0%}, needs {share:.0%}"
