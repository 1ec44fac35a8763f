"""Which cameras are plugged in and what they can do, for the operator panel and `booth doctor`.

Linux lists every camera under /dev/videoN with its name in sysfs. Many cameras expose extra nodes
(metadata, a second stream) that cannot capture; those are left out. Resolutions come from `v4l2-ctl
--list-formats-ext` (package v4l-utils) when it is installed, since it lists exactly what the driver
offers without opening the camera; otherwise a few common sizes are tried through OpenCV.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import cv2

from booth.camera.sources import video_devices

SYSFS = Path("/sys/class/video4linux")
COMMON_SIZES = ((3840, 2160), (2560, 1440), (1920, 1080), (1280, 720), (640, 480))
_SIZE = re.compile(r"Size:\s*\w+\s+(\d+)x(\d+)")
_FORMAT = re.compile(r"\[\d+\]:\s*'(\w+)'")


@dataclass(frozen=True, slots=True)
class CameraInfo:
    spec: str  # what to put in camera.source, e.g. "/dev/video0"
    name: str  # the driver's name for it, e.g. "HD Pro Webcam C920"
    resolutions: list[tuple[int, int]] = field(default_factory=list)  # largest first
    formats: list[str] = field(default_factory=list)  # e.g. ["MJPG", "YUYV"]

    @property
    def label(self) -> str:
        best = f" (up to {self.resolutions[0][0]}x{self.resolutions[0][1]})" if self.resolutions else ""
        return f"{self.name} - {self.spec}{best}"


def parse_formats(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Pixel formats and frame sizes (largest first, no repeats) from `v4l2-ctl --list-formats-ext`."""
    formats = list(dict.fromkeys(_FORMAT.findall(text)))
    sizes = {(int(w), int(h)) for w, h in _SIZE.findall(text)}
    return formats, sorted(sizes, key=lambda s: (s[0] * s[1], s[0]), reverse=True)


def _device_name(node: str) -> str:
    try:
        return (SYSFS / Path(node).name / "name").read_text(encoding="utf-8").strip() or node
    except OSError:
        return node


def _v4l2_ctl(node: str) -> str | None:
    tool = shutil.which("v4l2-ctl")
    if tool is None:
        return None
    try:
        done = subprocess.run([tool, "-d", node, "--list-formats-ext"], capture_output=True, text=True,
                              timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else ""


def _probe(node: str) -> list[tuple[int, int]]:
    """Sizes the camera accepts when asked through OpenCV; empty if it cannot capture at all."""
    cap = cv2.VideoCapture(node, cv2.CAP_V4L2)
    try:
        if not cap.isOpened():
            return []
        found: set[tuple[int, int]] = set()
        for w, h in COMMON_SIZES:
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, w)
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, h)
            found.add((int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)), int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))))
        return sorted((s for s in found if s[0] > 0 and s[1] > 0), key=lambda s: s[0] * s[1], reverse=True)
    finally:
        cap.release()


def list_cameras() -> list[CameraInfo]:
    """The capture cameras present now; [] on a machine without any."""
    cameras: list[CameraInfo] = []
    for node in video_devices():
        listing = _v4l2_ctl(node)
        formats: list[str]
        if listing is None:
            formats, sizes = [], _probe(node)
        else:
            formats, sizes = parse_formats(listing)
        if not sizes:
            continue  # a metadata node or a camera another program holds exclusively
        cameras.append(CameraInfo(node, _device_name(node), sizes, formats))
    return cameras
