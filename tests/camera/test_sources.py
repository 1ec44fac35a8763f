"""Camera sources read real video files with OpenCV, the demo scene, and say clearly what is wrong."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from booth.camera import jpeg
from booth.camera.frame import CameraError
from booth.camera.sources import DemoSource, DeviceSource, FileSource, StreamSource, open_source, video_devices
from booth.settings import CameraSettings


def test_mjpg_file_plays_in_order_loops_and_keeps_the_cameras_jpeg(
    make_video: Callable[..., Path], read_number: Callable[[np.ndarray], int]
) -> None:
    source = FileSource(make_video("clip.avi", 8))
    source.open()
    try:
        got = [source.read() for _ in range(12)]
    finally:
        source.close()
    assert [read_number(c.image) for c in got] == [0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3]
    assert got[0].image.shape == (360, 640, 3)
    assert got[5].jpeg is not None
    assert read_number(jpeg.decode(got[5].jpeg, exact=True)) == 5


def test_file_is_paced_at_its_frame_rate_like_a_camera(make_video: Callable[..., Path]) -> None:
    source = FileSource(make_video("clip.avi", 30, fps=20.0))
    source.open()
    started = time.monotonic()
    try:
        for _ in range(11):
            source.read()
    finally:
        source.close()
    assert time.monotonic() - started >= 10 / 20 * 0.9  # 10 intervals at 20 fps cannot come sooner
    assert source.fps == pytest.approx(20.0)


def test_mp4_file_is_decoded_by_opencv(
    make_video: Callable[..., Path], read_number: Callable[[np.ndarray], int]
) -> None:
    source = FileSource(make_video("clip.mp4", 5, fourcc="mp4v"))
    source.open()
    try:
        first, second = source.read(), source.read()
    finally:
        source.close()
    assert first.jpeg is None
    assert [read_number(first.image), read_number(second.image)] == [0, 1]


def test_missing_file_says_which_and_what_to_check(tmp_path: Path) -> None:
    source = FileSource(tmp_path / "nope.avi")
    with pytest.raises(CameraError, match=r"nope\.avi not found.*camera\.source"):
        source.open()


def test_demo_source_draws_a_moving_scene_at_the_configured_size() -> None:
    source = DemoSource(CameraSettings(source="demo", width=640, height=360, fps=60))
    source.open()
    a, b = source.read().image, source.read().image
    assert a.shape == (360, 640, 3)
    assert a.dtype == np.uint8
    assert not np.array_equal(a, b)
    assert a.std() > 10  # a scene, not a flat colour


def test_missing_device_is_reported_not_raised_as_traceback() -> None:
    source = DeviceSource("/dev/video63", CameraSettings())
    with pytest.raises(CameraError, match="plugged in"):
        source.open()


@pytest.mark.parametrize(
    ("spec", "kind"),
    [("demo", DemoSource), ("0", DeviceSource), ("/dev/video2", DeviceSource),
     ("rtsp://cam.local/stream", StreamSource), ("http://10.0.0.5:8080/video", StreamSource),
     ("/tmp/some/clip.mp4", FileSource)],
)
def test_source_setting_picks_the_kind(spec: str, kind: type) -> None:
    assert isinstance(open_source(CameraSettings(source=spec)), kind)


def test_stream_description_hides_the_password() -> None:
    source = open_source(CameraSettings(source="rtsp://admin:s3cret@10.0.0.9:554/live"))
    assert "s3cret" not in source.description
    assert "10.0.0.9" in source.description


def test_auto_without_cameras_falls_back_to_the_demo() -> None:
    if video_devices():
        pytest.skip("this machine has cameras")
    source = open_source(CameraSettings(source="auto"))
    assert isinstance(source, DemoSource)
    assert "no camera found" in source.description
