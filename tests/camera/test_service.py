"""CameraService: newest frame only, stills taken after the button, reconnects within 2 s."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from booth.camera import jpeg
from booth.camera.frame import CameraError, Captured, Frame
from booth.camera.service import CameraService
from booth.camera.sources import FileSource, Source
from booth.problems import Part, Problem, ProblemKind
from booth.settings import CameraSettings

Numbered = Callable[[np.ndarray], int]


class UnpluggableCamera(Source):
    """A camera on a cable the test can pull: reads and opens fail while unplugged, like a USB webcam."""

    def __init__(self, path: Path, stale_frames: int = 0) -> None:
        super().__init__()
        self.inner = FileSource(path)
        self.plugged = threading.Event()
        self.plugged.set()
        self.stale_frames = stale_frames

    @property
    def description(self) -> str:
        return "test camera"

    def open(self) -> None:
        if not self.plugged.is_set():
            raise CameraError("test camera is unplugged")
        self.inner.stop_event.clear()
        self.inner.open()

    def read(self) -> Captured:
        if not self.plugged.is_set():
            raise CameraError("test camera stopped delivering pictures")
        return self.inner.read()

    def close(self) -> None:
        self.inner.close()

    def interrupt(self) -> None:
        super().interrupt()
        self.inner.interrupt()


@pytest.fixture
def cameras(qapp: QApplication) -> Iterator[Callable[..., CameraService]]:
    made: list[CameraService] = []

    def make(source: str | Source) -> CameraService:
        if isinstance(source, Source):
            camera = CameraService(CameraSettings(source="demo"), source=source)
        else:
            camera = CameraService(CameraSettings(source=source))
        made.append(camera)
        return camera

    yield make
    for camera in made:
        camera.stop()


async def until_live(camera: CameraService, timeout_s: float = 5.0) -> Frame:
    deadline = time.monotonic() + timeout_s
    while camera.state != "live" or camera.latest() is None:
        assert time.monotonic() < deadline, f"camera not live: {camera.state} ({camera.detail})"
        await asyncio.sleep(0.01)
    frame = camera.latest()
    assert frame is not None
    return frame


def decode(data: bytes) -> np.ndarray:
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None
    return image


def test_gui_gets_one_notice_for_the_newest_frame_however_long_it_was_busy(
    qtbot, cameras, make_video, read_number: Numbered
) -> None:
    camera = cameras(str(make_video("clip.avi", 120)))
    notices: list[Frame | None] = []
    camera.frame_ready.connect(lambda: notices.append(camera.latest()))
    with qtbot.waitSignal(camera.state_changed, check_params_cb=lambda s, d: s == "live", timeout=5000):
        camera.start()
    qtbot.waitUntil(lambda: len(notices) >= 3, timeout=3000)
    before = camera.latest()
    assert before is not None
    time.sleep(0.5)  # the GUI thread is stuck; ~15 frames are captured meanwhile
    notices.clear()
    QApplication.processEvents()
    assert 1 <= len(notices) <= 2, "a busy GUI must get one notice, not a backlog"
    frame = notices[0]
    assert frame is not None
    assert frame.seq - before.seq >= 10
    assert read_number(frame.image) == (frame.seq - 1) % 120  # the file's own frame, none skipped or reordered


async def test_still_is_taken_after_the_call_cropped_and_full_size(cameras, make_video, read_number: Numbered) -> None:
    camera = cameras(str(make_video("hd.avi", 60, width=1920, height=1080)))
    camera.add_display(640, 360, mirror=True)  # a mirrored preview must not mirror the photo
    camera.start()
    await until_live(camera)
    before = camera.latest()
    assert before is not None
    data = await camera.capture_still("portrait")
    still = decode(data)
    assert still.shape == (1080, 720, 3)
    assert read_number(still) > read_number(before.image) or read_number(before.image) > 50  # newer (or looped)
    left, right = still[:, :20].mean(axis=(0, 1)), still[:, -20:].mean(axis=(0, 1))
    assert left[2] > 200 and left[0] < 60, "red bar must stay on the left: the photo is not mirrored"
    assert right[0] > 200 and right[2] < 60


async def test_still_matches_the_guide_crop_of_the_captured_frame(cameras, make_video, read_number: Numbered) -> None:
    path = make_video("clip.avi", 60)
    camera = cameras(str(path))
    camera.start()
    await until_live(camera)
    still = decode(await camera.capture_still("square"))
    n = read_number(still)
    cap = cv2.VideoCapture(str(path))
    cap.set(cv2.CAP_PROP_POS_FRAMES, n)
    ok, original = cap.read()
    cap.release()
    assert ok
    assert still.shape == (360, 360, 3)
    expected = original[:, 140:500]
    assert np.abs(still.astype(int) - expected.astype(int)).mean() < 4


async def test_still_skips_a_frame_the_driver_may_have_buffered(cameras, make_video, read_number: Numbered) -> None:
    camera = cameras(UnpluggableCamera(make_video("clip.avi", 200), stale_frames=1))
    camera.start()
    await until_live(camera)
    before = read_number(camera.latest().image)  # type: ignore[union-attr]
    still = decode(await camera.capture_still("landscape"))
    assert read_number(still) >= before + 2


async def test_still_without_pictures_fails_with_a_clear_error(cameras, make_video) -> None:
    source = UnpluggableCamera(make_video("clip.avi", 10))
    camera = cameras(source)
    with pytest.raises(CameraError, match="not running"):
        await camera.capture_still("portrait")
    camera.start()
    await until_live(camera)
    source.plugged.clear()
    with pytest.raises(CameraError, match="no picture from the camera"):
        await camera.capture_still("portrait", timeout_s=0.5)


def test_unplugged_camera_reconnects_and_frames_resume_within_two_seconds(qtbot, cameras, make_video) -> None:
    source = UnpluggableCamera(make_video("clip.avi", 30))
    camera = cameras(source)
    states: list[tuple[str, str]] = []
    camera.state_changed.connect(lambda s, d: states.append((s, d)))
    with qtbot.waitSignal(camera.state_changed, check_params_cb=lambda s, d: s == "live", timeout=5000):
        camera.start()
    with qtbot.waitSignal(camera.state_changed, check_params_cb=lambda s, d: s == "reconnecting", timeout=3000):
        source.plugged.clear()
    assert "test camera" in states[-1][1]
    qtbot.wait(1500)  # long enough for the backoff to reach its cap
    seq = camera.latest().seq  # type: ignore[union-attr]
    with qtbot.waitSignal(camera.state_changed, check_params_cb=lambda s, d: s == "live", timeout=2000):
        source.plugged.set()
    qtbot.waitUntil(lambda: camera.latest().seq > seq, timeout=2000)  # type: ignore[union-attr]
    seen = [s for i, (s, _) in enumerate(states) if i == 0 or states[i - 1][0] != s]  # detail may change meanwhile
    assert seen == ["starting", "live", "reconnecting", "live"]


def test_a_lost_camera_is_one_problem_as_data_and_its_return_ends_it(qtbot, cameras, make_video) -> None:
    source = UnpluggableCamera(make_video("clip.avi", 30))
    camera = cameras(source)
    problems: list[Problem] = []
    over: list[str] = []
    camera.problem.connect(problems.append)
    camera.problem_over.connect(over.append)
    with qtbot.waitSignal(camera.state_changed, check_params_cb=lambda s, d: s == "live", timeout=5000):
        camera.start()
    assert camera.detail == "640x360" and not problems
    with qtbot.waitSignal(camera.problem, timeout=3000):
        source.plugged.clear()
    qtbot.wait(1500)  # several reopen attempts fail meanwhile: still one problem
    assert len(problems) == 1 and not over
    lost = problems[0]
    assert (lost.kind, lost.part) == (ProblemKind.CAMERA_LOST, Part.CAMERA)
    assert "test camera" in lost.detail and lost.details["source"] == "test camera"
    with qtbot.waitSignal(camera.problem_over, timeout=3000) as ended:
        source.plugged.set()
    assert ended.args == [ProblemKind.CAMERA_LOST.value] and camera.state == "live"
    qtbot.wait(300)
    assert len(problems) == 1 and over == [ProblemKind.CAMERA_LOST.value]


def test_video_file_removed_mid_stream_and_put_back(qtbot, cameras, make_video, tmp_path: Path) -> None:
    path = make_video("clip.avi", 6)  # a 0.2 s loop: the file is reopened five times a second
    camera = cameras(str(path))
    with qtbot.waitSignal(camera.state_changed, check_params_cb=lambda s, d: s == "live", timeout=5000):
        camera.start()
    away = tmp_path / "away.avi"
    with qtbot.waitSignal(camera.state_changed, check_params_cb=lambda s, d: s == "reconnecting", timeout=3000):
        path.rename(away)
    assert "not found" in camera.detail
    qtbot.wait(1500)
    seq = camera.latest().seq  # type: ignore[union-attr]
    with qtbot.waitSignal(camera.state_changed, check_params_cb=lambda s, d: s == "live", timeout=2000):
        away.rename(path)
    qtbot.waitUntil(lambda: camera.latest().seq > seq, timeout=2000)  # type: ignore[union-attr]


def test_demo_camera_delivers_frames_and_stops_cleanly(qtbot, qapp) -> None:
    camera = CameraService(CameraSettings(source="demo", width=320, height=240, fps=30))
    try:
        with qtbot.waitSignal(camera.frame_ready, timeout=5000):
            camera.start()
        frame = camera.latest()
        assert frame is not None and frame.image.shape == (240, 320, 3)
        assert camera.source_description == "demo camera"
    finally:
        with qtbot.waitSignal(camera.state_changed, check_params_cb=lambda s, d: s == "stopped", timeout=5000):
            camera.stop()
    assert not camera.running


def test_mjpg_frames_keep_the_cameras_jpeg_for_the_photo(qtbot, cameras, make_video, read_number: Numbered) -> None:
    camera = cameras(str(make_video("clip.avi", 30)))
    with qtbot.waitSignal(camera.frame_ready, timeout=5000):
        camera.start()
    frame = camera.latest()
    assert frame is not None and frame.jpeg is not None
    assert read_number(jpeg.decode(frame.jpeg, exact=True)) == read_number(frame.image)


def test_operator_switches_to_another_camera_while_running(qtbot, cameras, make_video) -> None:
    camera = cameras(str(make_video("clip.avi", 30)))
    with qtbot.waitSignal(camera.state_changed, check_params_cb=lambda s, d: s == "live", timeout=5000):
        camera.start()
    assert camera.source_description == "video file clip.avi"
    with qtbot.waitSignal(camera.state_changed, check_params_cb=lambda s, d: s == "live", timeout=5000):
        camera.switch_source("demo")
    assert camera.source_description == "demo camera"
    assert camera.settings.source == "demo"
    qtbot.waitUntil(lambda: camera.latest() is not None and camera.latest().image.shape == (1080, 1920, 3))


class StallingCamera(UnpluggableCamera):
    """A camera whose reads hang (no error) while `flowing` is cleared, like a USB hiccup."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.flowing = threading.Event()
        self.flowing.set()

    def read(self) -> Captured:
        while not self.flowing.wait(0.05):
            if self.stop_event.is_set():
                raise CameraError("test camera was stopped")
        return super().read()


def test_a_camera_that_hangs_is_reported_and_live_again_when_frames_return(qtbot, cameras, make_video) -> None:
    source = StallingCamera(make_video("clip.avi", 30))
    camera = cameras(source)
    camera.stall_after_s = 0.5
    with qtbot.waitSignal(camera.state_changed, check_params_cb=lambda s, d: s == "live", timeout=5000):
        camera.start()
    problems: list[Problem] = []
    camera.problem.connect(problems.append)
    with qtbot.waitSignal(camera.state_changed, check_params_cb=lambda s, d: s == "reconnecting", timeout=3000):
        source.flowing.clear()
    assert "no picture" in camera.detail
    qtbot.waitUntil(lambda: len(problems) == 1, timeout=2000)
    assert problems[0].kind == ProblemKind.CAMERA_LOST and "no picture" in problems[0].detail
    with qtbot.waitSignal(camera.state_changed, check_params_cb=lambda s, d: s == "live", timeout=2000):
        source.flowing.set()
