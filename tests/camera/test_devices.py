"""Camera enumeration for the operator panel."""

from __future__ import annotations

import pytest

from booth.camera.devices import CameraInfo, list_cameras, parse_formats
from booth.camera.sources import video_devices

# Output of `v4l2-ctl -d /dev/video0 --list-formats-ext` for a Logitech C920 (trimmed).
C920 = """ioctl: VIDIOC_ENUM_FMT
\tType: Video Capture

\t[0]: 'YUYV' (YUYV 4:2:2)
\t\tSize: Discrete 640x480
\t\t\tInterval: Discrete 0.033s (30.000 fps)
\t\tSize: Discrete 1920x1080
\t\t\tInterval: Discrete 0.200s (5.000 fps)
\t[1]: 'MJPG' (Motion-JPEG, compressed)
\t\tSize: Discrete 640x480
\t\t\tInterval: Discrete 0.033s (30.000 fps)
\t\tSize: Discrete 1280x720
\t\t\tInterval: Discrete 0.033s (30.000 fps)
\t\tSize: Discrete 1920x1080
\t\t\tInterval: Discrete 0.033s (30.000 fps)
"""


def test_v4l2_listing_gives_formats_and_sizes_largest_first() -> None:
    formats, sizes = parse_formats(C920)
    assert formats == ["YUYV", "MJPG"]
    assert sizes == [(1920, 1080), (1280, 720), (640, 480)]


def test_metadata_node_listing_has_no_sizes() -> None:
    assert parse_formats("ioctl: VIDIOC_ENUM_FMT\n\tType: Video Capture\n") == ([], [])


def test_label_names_device_and_best_size() -> None:
    info = CameraInfo("/dev/video0", "HD Pro Webcam C920", [(1920, 1080), (640, 480)], ["MJPG"])
    assert info.label == "HD Pro Webcam C920 - /dev/video0 (up to 1920x1080)"


def test_no_cameras_gives_an_empty_list() -> None:
    if video_devices():
        pytest.skip("this machine has cameras")
    assert list_cameras() == []
