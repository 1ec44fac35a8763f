"""Where frames come from: a webcam, a video file, a network stream, or the built-in demo scene.

Every source has the same small shape (open, read the next frame, close) so the capture thread, the
reconnect logic and the tests treat a USB camera, an RTSP feed and a looping file alike. Files and the
demo are paced at their frame rate so they behave like a camera: the preview, the frame-age figures and
the "still taken after the button" rule mean the same thing whatever the source.
"""

from __future__ import annotations

import glob
import re
import threading
import time
from abc import ABC, abstractmethod
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import cv2

from booth.camera import jpeg
from booth.camera.demo import DemoScene
from booth.camera.frame import CameraError, Captured, captured_from_padded
from booth.settings import CameraSettings

_URL_SCHEMES = ("rtsp", "rtsps", "rtmp", "http", "https", "udp", "tcp")
_DEVICE_PATH = re.compile(r"^/dev/video(\d+)$")
_MJPG = {cv2.VideoWriter.fourcc(*code) for code in ("MJPG", "mjpg", "MJPA", "AVRn", "JPGL")}
STREAM_TIMEOUT_MS = 5000  # a stalled network camera counts as lost after this
MAX_BAD_RAW = 5  # undecodable MJPG frames in a row before falling back to OpenCV's own decoding


class Pacer:
    """Releases one frame per interval; after a stall it restarts the schedule instead of bursting."""

    def __init__(self, fps: float) -> None:
        self.interval = 1.0 / max(1.0, fps)
        self._due: float | None = None

    def wait(self, stop: threading.Event) -> bool:
        """Sleep until the next frame is due; False when `stop` was set meanwhile."""
        now = time.monotonic()
        if self._due is None or now - self._due > self.interval:
            self._due = now
        elif self._due > now and stop.wait(self._due - now):
            return False
        self._due += self.interval
        return not stop.is_set()


class Source(ABC):
    """One camera-like producer of BGR frames, used by one capture thread."""

    #: Frames that may already sit in a driver buffer when a still is asked for; skipped for stills.
    stale_frames = 0

    def __init__(self) -> None:
        self.stop_event = threading.Event()

    @property
    @abstractmethod
    def description(self) -> str:
        """Human words for the operator: which camera this is (never with passwords)."""

    @abstractmethod
    def open(self) -> None:
        """Get ready to read; raises CameraError naming what to check."""

    @abstractmethod
    def read(self) -> Captured:
        """The next frame; blocks until it exists; raises CameraError when the source is lost."""

    def close(self) -> None:  # noqa: B027 - sources without resources need nothing here
        """Release the device or file; safe to call twice."""

    def interrupt(self) -> None:
        """Make a paced read return soon so the capture thread can stop."""
        self.stop_event.set()


class _CaptureSource(Source):
    """A source read through cv2.VideoCapture.

    MJPG streams are read undecoded when the backend allows it and decoded by booth.camera.jpeg: faster
    than OpenCV's own path, and the camera's JPEG is kept so the photo is decoded exactly.
    """

    def __init__(self) -> None:
        super().__init__()
        self._cap: cv2.VideoCapture | None = None
        self._raw = False
        self._bad_raw = 0
        self._raw_allowed = True
        self._pool = jpeg.BufferPool()

    @abstractmethod
    def _connect(self) -> cv2.VideoCapture: ...

    def _enable_raw(self, cap: cv2.VideoCapture) -> bool:
        """Ask the backend for undecoded MJPG; False when it cannot (the normal path is used)."""
        return False

    def open(self) -> None:
        self.close()
        cap = self._connect()
        if not cap.isOpened():
            cap.release()
            raise CameraError(self._open_hint())
        self._raw = self._raw_allowed and _fourcc(cap) in _MJPG and self._enable_raw(cap)
        self._cap = cap

    def _open_hint(self) -> str:
        return f"{self.description} could not be opened"

    def read(self) -> Captured:
        cap = self._cap
        if cap is None:
            raise CameraError(f"{self.description} is not open")
        ok, data = cap.read()
        if not ok or data.size == 0:
            raise CameraError(f"{self.description} stopped delivering pictures")
        if data.ndim == 3 and data.shape[2] == 3:
            return Captured(data)
        if self._raw and min(data.shape) == 1:
            if jpeg.looks_like_jpeg(data):
                try:
                    captured = captured_from_padded(jpeg.decode(data, padded=True, pool=self._pool), data.reshape(-1))
                except ValueError:
                    pass
                else:
                    self._bad_raw = 0
                    return captured
            # USB webcams drop a damaged MJPG frame now and then: skip it. Many in a row mean the raw
            # frames are not JPEG after all, so OpenCV decodes from then on.
            self._bad_raw += 1
            if self._bad_raw >= MAX_BAD_RAW:
                self._raw_allowed = False
                self.open()  # backends cannot leave raw mode, so start over without it
            return self.read()
        raise CameraError(f"{self.description} sent a picture in a format booth cannot show")

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class DeviceSource(_CaptureSource):
    """A V4L2 camera asked for MJPG at the configured size: USB2 webcams only reach 1080p30 that way."""

    stale_frames = 1  # with CAP_PROP_BUFFERSIZE=1 at most one frame predates the request

    def __init__(self, device: int | str, settings: CameraSettings) -> None:
        super().__init__()
        self.device = device
        self.settings = settings

    @property
    def description(self) -> str:
        return f"camera {self.device}"

    def _connect(self) -> cv2.VideoCapture:
        cap = cv2.VideoCapture(self.device, cv2.CAP_V4L2)
        if cap.isOpened():
            s = self.settings
            cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, s.width)
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, s.height)
            cap.set(cv2.CAP_PROP_FPS, s.fps)
            cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        return cap

    def _enable_raw(self, cap: cv2.VideoCapture) -> bool:
        return bool(cap.set(cv2.CAP_PROP_CONVERT_RGB, 0))

    def _open_hint(self) -> str:
        return f"{self.description} could not be opened: is it plugged in and not used by another program?"


class StreamSource(_CaptureSource):
    """An RTSP/HTTP camera; read as fast as it sends so the newest picture is always the one shown."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    @property
    def description(self) -> str:
        return f"stream {redact_url(self.url)}"

    def _connect(self) -> cv2.VideoCapture:
        params = [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, STREAM_TIMEOUT_MS, cv2.CAP_PROP_READ_TIMEOUT_MSEC, STREAM_TIMEOUT_MS]
        return cv2.VideoCapture(self.url, cv2.CAP_FFMPEG, params)

    def _open_hint(self) -> str:
        return f"{self.description} could not be reached: check the address and the network"


class FileSource(_CaptureSource):
    """A video file played in a loop at its own frame rate, reopened each loop so a replaced file is seen."""

    def __init__(self, path: str | Path, fallback_fps: float = 30.0) -> None:
        super().__init__()
        self.path = Path(path)
        self.fallback_fps = fallback_fps
        self._pacer = Pacer(fallback_fps)

    @property
    def description(self) -> str:
        return f"video file {self.path.name}"

    def _connect(self) -> cv2.VideoCapture:
        if not self.path.is_file():
            raise CameraError(f"video file {self.path} not found: check camera.source")
        cap = cv2.VideoCapture(str(self.path), cv2.CAP_FFMPEG)
        fps = cap.get(cv2.CAP_PROP_FPS) if cap.isOpened() else 0.0
        self._pacer.interval = 1.0 / (fps if 1.0 <= fps <= 240.0 else self.fallback_fps)
        return cap

    def _open_hint(self) -> str:
        return f"video file {self.path} could not be read: is it a video OpenCV can play?"

    def _enable_raw(self, cap: cv2.VideoCapture) -> bool:
        return bool(cap.set(cv2.CAP_PROP_FORMAT, -1))

    @property
    def fps(self) -> float:
        return 1.0 / self._pacer.interval

    def read(self) -> Captured:
        if not self._pacer.wait(self.stop_event):
            raise CameraError(f"{self.description} was stopped")
        try:
            return super().read()
        except CameraError:
            # End of the file (or the file went away): start over from a fresh open.
            self.open()
            return super().read()


class DemoSource(Source):
    """The animated demo scene at the configured size and rate."""

    def __init__(self, settings: CameraSettings, reason: str = "") -> None:
        super().__init__()
        self.settings = settings
        self.reason = reason
        self._scene: DemoScene | None = None
        self._pacer = Pacer(settings.fps)
        self._n = 0

    @property
    def description(self) -> str:
        return f"demo camera ({self.reason})" if self.reason else "demo camera"

    def open(self) -> None:
        if self._scene is None:
            self._scene = DemoScene(self.settings.width, self.settings.height, self.settings.fps)

    def read(self) -> Captured:
        if self._scene is None:
            self.open()
        assert self._scene is not None
        if not self._pacer.wait(self.stop_event):
            raise CameraError("demo camera was stopped")
        self._n += 1
        return Captured(self._scene.render(self._n))


def _fourcc(cap: cv2.VideoCapture) -> int:
    return int(cap.get(cv2.CAP_PROP_FOURCC)) & 0xFFFFFFFF


def redact_url(url: str) -> str:
    """The URL without user name and password, for status lines and logs."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def video_devices() -> list[str]:
    """The /dev/videoN nodes present, in number order."""
    found = [p for p in glob.glob("/dev/video*") if _DEVICE_PATH.match(p)]
    return sorted(found, key=lambda p: int(_DEVICE_PATH.match(p).group(1)))  # type: ignore[union-attr]


def _first_working_device(settings: CameraSettings) -> DeviceSource | None:
    for path in video_devices():
        source = DeviceSource(path, settings)
        try:
            source.open()
            source.read()
        except CameraError:
            continue
        finally:
            source.close()
        return source
    return None


def open_source(settings: CameraSettings) -> Source:
    """The source camera.source names; `auto` is the first camera that delivers, else the demo scene.

    Nothing is opened for good here: the capture thread opens (and reopens) the source, so a camera that
    is unplugged at start is retried instead of failing the booth.
    """
    spec = settings.source.strip()
    lowered = spec.lower()
    if lowered == "demo":
        return DemoSource(settings)
    if lowered == "auto":
        return _first_working_device(settings) or DemoSource(settings, "no camera found")
    if spec.isdigit():
        return DeviceSource(int(spec), settings)
    if _DEVICE_PATH.match(spec):
        return DeviceSource(spec, settings)
    if urlsplit(spec).scheme.lower() in _URL_SCHEMES:
        return StreamSource(spec)
    if not spec:
        raise CameraError("camera.source is empty: use auto, demo, a device number, /dev/videoN, a file or a URL")
    return FileSource(Path(spec).expanduser(), settings.fps)
