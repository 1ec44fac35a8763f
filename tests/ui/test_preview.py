"""PreviewWidget: paints the newest frame, frames it with the guide, mirrors, counts down and flashes."""

from __future__ import annotations

import time
from collections.abc import Iterator

import cv2
import numpy as np
import pytest
from PySide6.QtGui import QColor

from booth.camera.frame import Captured
from booth.camera.service import CameraService
from booth.camera.sources import Pacer, Source
from booth.settings import CameraSettings
from booth.ui.widgets.preview import PreviewWidget


class SplitSource(Source):
    """640x360 frames, red on the left half and blue on the right, at 30 fps."""

    def __init__(self) -> None:
        super().__init__()
        self.image = np.zeros((360, 640, 3), np.uint8)
        self.image[:, :320] = (0, 0, 255)
        self.image[:, 320:] = (255, 0, 0)
        self._pacer = Pacer(30)

    @property
    def description(self) -> str:
        return "split test camera"

    def open(self) -> None:
        pass

    def read(self) -> Captured:
        self._pacer.wait(self.stop_event)
        return Captured(self.image.copy())


@pytest.fixture
def camera(qapp) -> Iterator[CameraService]:
    service = CameraService(CameraSettings(source="demo"), source=SplitSource())
    service.start()
    yield service
    service.stop()


@pytest.fixture
def preview(qtbot, camera: CameraService) -> PreviewWidget:
    widget = PreviewWidget()
    qtbot.addWidget(widget)
    widget.resize(640, 360)
    widget.set_camera(camera)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def pixel(widget: PreviewWidget, x: int, y: int) -> QColor:
    return widget.grab().toImage().pixelColor(x, y)


def test_paints_camera_frames_as_they_come(qtbot, preview: PreviewWidget) -> None:
    seqs: list[int] = []
    preview.frame_painted.connect(seqs.append)
    qtbot.waitUntil(lambda: len(seqs) >= 5, timeout=5000)
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert preview.objectName() == "preview"
    assert len(preview.frame_ages_ms) >= 5
    assert all(age >= 0 for age in preview.frame_ages_ms)


def test_mirror_flips_the_picture_on_screen_only(qtbot, preview: PreviewWidget) -> None:
    preview.set_guide("landscape")
    preview.set_mirror(False)
    qtbot.waitUntil(lambda: pixel(preview, 100, 180).red() > 200, timeout=3000)
    preview.set_mirror(True)
    qtbot.waitUntil(lambda: pixel(preview, 100, 180).blue() > 200, timeout=3000)
    assert pixel(preview, 540, 180).red() > 200


def test_outside_the_guide_is_dimmed(qtbot, preview: PreviewWidget) -> None:
    preview.set_guide("portrait")
    qtbot.waitUntil(lambda: preview.current_layout() is not None, timeout=3000)
    qtbot.waitUntil(lambda: pixel(preview, 260, 180).red() > 200, timeout=3000)  # a frame is painted
    outside, inside = pixel(preview, 60, 180), pixel(preview, 260, 180)
    assert inside.red() > 200
    assert outside.red() < inside.red() * 0.7


@pytest.mark.parametrize(
    ("size", "picture", "guide"),
    [
        # landscape screen: the 640x360 frame fills it; the 2:3 guide is 240x360 in the middle
        ((640, 360), (0, 0, 640, 360), (200, 0, 240, 360)),
        # portrait screen: the frame is scaled to 320 wide and centred vertically
        ((320, 640), (0, 230, 320, 180), (100, 230, 120, 180)),
    ],
)
def test_guide_geometry_on_landscape_and_portrait_screens(
    qtbot, preview: PreviewWidget, size: tuple[int, int], picture: tuple, guide: tuple
) -> None:
    preview.set_guide("portrait")
    preview.resize(*size)

    def fitted() -> bool:
        layout = preview.current_layout()
        return layout is not None and layout.picture.width() == picture[2]

    qtbot.waitUntil(fitted, timeout=3000)
    layout = preview.current_layout()
    assert layout is not None
    assert layout.picture.getRect() == pytest.approx(picture)
    assert layout.guide.getRect() == pytest.approx(guide)


def test_two_person_guide_marks_two_halves(qtbot, preview: PreviewWidget) -> None:
    preview.set_guide("landscape", two_person=True)
    qtbot.waitUntil(lambda: preview.current_layout() is not None, timeout=3000)
    layout = preview.current_layout()
    assert layout is not None and layout.halves is not None
    left, right = layout.halves
    assert left.right() == pytest.approx(right.left())
    assert left.width() == pytest.approx(right.width(), abs=1)


def test_countdown_ticks_each_second_then_finishes(qtbot, preview: PreviewWidget) -> None:
    ticks: list[int] = []
    preview.countdown_tick.connect(ticks.append)
    started = time.monotonic()
    with qtbot.waitSignal(preview.countdown_finished, timeout=4000):
        preview.start_countdown(2)
        assert preview.counting_down
    assert time.monotonic() - started >= 1.9
    assert ticks == [2, 1, 0]
    assert not preview.counting_down


def test_zero_countdown_finishes_at_once(qtbot, preview: PreviewWidget) -> None:
    started = time.monotonic()
    with qtbot.waitSignal(preview.countdown_finished, timeout=5000):
        preview.start_countdown(0)
    assert time.monotonic() - started < 0.9, "no one-second step for a zero countdown"


def test_flash_whitens_the_screen_then_fades(qtbot, preview: PreviewWidget) -> None:
    qtbot.waitUntil(lambda: preview.current_layout() is not None, timeout=3000)
    preview.flash()
    flashed = pixel(preview, 100, 180)
    assert min(flashed.red(), flashed.green(), flashed.blue()) > 180
    qtbot.waitUntil(lambda: pixel(preview, 100, 180).green() < 80, timeout=3000)


def test_hidden_preview_costs_the_camera_no_scaling(qtbot, preview: PreviewWidget, camera: CameraService) -> None:
    qtbot.waitUntil(lambda: preview.current_layout() is not None, timeout=3000)
    # Count the camera's frames rather than wall time: a scaling in flight when the preview hides may still
    # land, then several new frames come and none is scaled for the hidden preview.
    def frames_after(count: int) -> None:
        latest = camera.latest()
        seen = latest.seq if latest is not None else 0
        qtbot.waitUntil(lambda: (frame := camera.latest()) is not None and frame.seq >= seen + count, timeout=5000)

    preview.hide()
    frames_after(2)
    shown = preview._target.latest() if preview._target else None
    frames_after(5)
    assert preview._target is not None and preview._target.latest() is shown


class GradientSource(SplitSource):
    """640x360 frames whose every column and row differ (a crop, a shift or a flip changes the picture)."""

    def __init__(self) -> None:
        super().__init__()
        yy, xx = np.mgrid[0:360, 0:640]
        self.image = np.dstack([xx * 255 // 640, yy * 255 // 360, (xx + yy) % 256]).astype(np.uint8)


@pytest.mark.parametrize("ratio", ["portrait", "landscape", "square"])
@pytest.mark.parametrize("mirror", [False, True])
def test_cropped_preview_is_the_photo_the_guest_gets(qtbot, arun, ratio: str, mirror: bool) -> None:
    """The pose screen's picture is the guide's crop; the still is that same picture, unmirrored."""
    camera = CameraService(CameraSettings(source="demo"), source=GradientSource())
    widget = PreviewWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 400)
    widget.set_guide(ratio)
    widget.set_cropped(True)
    widget.set_mirror(mirror)
    widget.set_camera(camera)
    widget.show()
    camera.start()
    try:
        qtbot.waitUntil(lambda: widget.frames_painted > 2, timeout=5000)
        shown = widget._target.latest() if widget._target is not None else None
        assert shown is not None and shown.crop is not None
        layout = widget.current_layout()
        assert layout is not None and layout.guide == layout.picture
        still = cv2.imdecode(np.frombuffer(arun(camera.capture_still(ratio)), np.uint8), cv2.IMREAD_COLOR)
    finally:
        camera.stop()
    seen = np.ascontiguousarray(shown.pixels[:, :, :3])
    if mirror:
        seen = cv2.flip(seen, 1)
    sh, sw = seen.shape[:2]
    assert abs(sw / sh - still.shape[1] / still.shape[0]) < 0.02
    assert max(sw, sh) >= 399  # as large as the widget allows
    diff = np.abs(cv2.resize(still, (sw, sh), interpolation=cv2.INTER_AREA).astype(int) - seen.astype(int))
    assert float(diff.mean()) < 4.0, f"the photo differs from what was shown (mean {diff.mean():.1f})"
