"""The camera as the booth sees it: a capture thread that always holds the newest frame, and stills.

Why a thread of its own: reading a camera blocks, and decoding a 1080p MJPG frame takes milliseconds. On
the GUI thread that is what makes previews trail the guest by seconds. Here the capture thread reads,
decodes and prepares each preview's picture; the GUI thread is told "there is a new frame" at most once
at a time (a notification that has not been handled yet is never followed by a second), so no backlog
can build up however slow painting gets. When the source fails the thread keeps reopening it with a
short, capped backoff (at most ~1 s between tries, so frames resume within 2 s of a camera returning)
and reports the state as data (a state name, the technical cause, a `Problem`); the UI words it.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from dataclasses import dataclass

import cv2
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from booth.camera.display import DisplayTarget
from booth.camera.frame import CameraError, Captured, Frame
from booth.camera.guides import ratio_aspect
from booth.camera.sources import Source, open_source
from booth.camera.still import frame_still_jpeg
from booth.problems import Part, Problem, ProblemKind
from booth.settings import CameraSettings
from booth.workers import run_cpu

log = logging.getLogger(__name__)

BACKOFF_START_S = 0.1
BACKOFF_MAX_S = 1.0  # keeps "frames within 2 s of the camera coming back" with time left to open it
STILL_TIMEOUT_S = 5.0
STALL_S = 3.0  # a live camera silent this long is reported, though its driver has not failed yet
JOIN_TIMEOUT_S = 3.0
# OpenCV splits each resize/convert over a thread pool. For per-frame work of a few milliseconds on the
# 2-4 cores of a kiosk PC, waking the pool costs more CPU than it saves (the benchmark measured ~25% more
# CPU per frame with 2 threads), and the capture thread already runs beside the GUI thread. Process-wide:
# heavier OpenCV work elsewhere in the booth (the local engine) then runs on one core, and the preview,
# which the guest watches, keeps its frame rate.
OPENCV_THREADS = 1


@dataclass
class _StillRequest:
    asked_at: float
    skip: int  # frames that may predate the request although read after it (driver buffer)
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[Frame]


def _resolve(future: asyncio.Future[Frame], frame: Frame) -> None:
    if not future.done():
        future.set_result(frame)


class CameraService(QObject):
    """Owns one camera source and its capture thread.

    Signals:
        frame_ready(): a new frame is available through `latest()` (coalesced).
        state_changed(state, detail): "starting" | "live" | "reconnecting" | "stopped", with data for the
            operator's camera tab: the technical cause while reconnecting or stopped by a failure, the
            frame size ("1280x720") when live, "" otherwise. The UI words the state.
        problem(Problem): CAMERA_LOST (Part.CAMERA, detail = technical cause) once when the camera stops
            sending pictures (it failed, hung, or could not be opened at all).
        problem_over(str): ProblemKind.CAMERA_LOST's value once pictures arrive again.
    All are emitted on the thread that owns the service (the GUI thread), never on the capture thread.
    """

    frame_ready = Signal()
    state_changed = Signal(str, str)
    problem = Signal(object)
    problem_over = Signal(str)
    _frame_arrived = Signal()
    _state_arrived = Signal(str, str)
    _problem_arrived = Signal(object)
    _over_arrived = Signal(str)
    _watch = Signal(bool)  # start/stop the stall watchdog on the owning thread, whoever calls start()

    def __init__(
        self, settings: CameraSettings, *, source: Source | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self._given_source = source
        self._source: Source | None = source
        self._lock = threading.Lock()
        self._latest: Frame | None = None
        self._seq = 0
        self._stills: list[_StillRequest] = []
        self._targets: list[DisplayTarget] = []
        self._notify_pending = False
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._state = "stopped"
        self._detail = ""
        self._lost = False  # a CAMERA_LOST problem is standing (reported, not yet over)
        self._state_lock = threading.Lock()
        self.stall_after_s = STALL_S
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(500)
        self._watchdog.timeout.connect(self._check_stall)
        self._watch.connect(self._on_watch, Qt.ConnectionType.QueuedConnection)
        self._frame_arrived.connect(self._on_frame_arrived, Qt.ConnectionType.QueuedConnection)
        self._state_arrived.connect(self.state_changed, Qt.ConnectionType.QueuedConnection)
        self._problem_arrived.connect(self.problem, Qt.ConnectionType.QueuedConnection)
        self._over_arrived.connect(self.problem_over, Qt.ConnectionType.QueuedConnection)

    # -- public API ------------------------------------------------------------------------------------
    @property
    def state(self) -> str:
        return self._state

    @property
    def detail(self) -> str:
        return self._detail

    @property
    def source_description(self) -> str:
        source = self._source
        return source.description if source is not None else f"camera.source = {self.settings.source}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def latest(self) -> Frame | None:
        with self._lock:
            return self._latest

    def start(self) -> None:
        if self.running:
            return
        cv2.setNumThreads(OPENCV_THREADS)
        self._stop = threading.Event()
        if self._source is not None:
            self._source.stop_event.clear()
        self._set_state("starting", "")
        self._thread = threading.Thread(target=self._run, args=(self._stop,), name="camera-capture", daemon=True)
        self._thread.start()
        self._watch.emit(True)

    def stop(self) -> None:
        thread = self._thread
        if thread is None:
            return
        self._watch.emit(False)
        self._stop.set()
        if self._source is not None:
            self._source.interrupt()
        thread.join(JOIN_TIMEOUT_S)
        if thread.is_alive():
            log.warning("camera thread did not stop within %.0f s (a driver read is stuck)", JOIN_TIMEOUT_S)
        self._thread = None
        with self._lock:
            stills, self._stills = self._stills, []
        for req in stills:
            req.loop.call_soon_threadsafe(self._fail, req.future, "the camera was stopped")
        self._set_state("stopped", "")

    def switch_source(self, spec: str | Source) -> None:
        """Use another camera (operator panel): a camera.source string or a Source; restarts if running.

        A bad string raises pydantic's ValidationError from the settings model before anything stops.
        """
        was_running = self.running or self._thread is not None
        if isinstance(spec, Source):
            given: Source | None = spec
        else:
            self.settings.source = spec
            given = None
        self.stop()
        self._given_source = self._source = given
        if was_running:
            self.start()

    def add_display(self, width: int = 0, height: int = 0, mirror: bool = False) -> DisplayTarget:
        """A preview's slot: the capture thread scales each new frame to its size (see display.py)."""
        target = DisplayTarget(width, height, mirror)
        with self._lock:
            self._targets = [*self._targets, target]
        latest = self.latest()
        if latest is not None:
            target.update(latest)
        return target

    def remove_display(self, target: DisplayTarget) -> None:
        with self._lock:
            self._targets = [t for t in self._targets if t is not target]

    async def capture_still(self, ratio: str, two_person: bool = False, timeout_s: float = STILL_TIMEOUT_S) -> bytes:
        """JPEG of the first frame captured after this call: full resolution, cropped to the guide, unmirrored."""
        ratio_aspect(ratio)
        if not self.running:
            raise CameraError("the camera is not running: start it before taking a photo")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Frame] = loop.create_future()
        skip = self._source.stale_frames if self._source is not None else 0
        request = _StillRequest(time.monotonic(), skip, loop, future)
        with self._lock:
            self._stills.append(request)
        try:
            frame = await asyncio.wait_for(future, timeout_s)
        except TimeoutError:
            with self._lock:
                self._stills = [r for r in self._stills if r is not request]
            raise CameraError(f"no picture from the camera within {timeout_s:g} s ({self._detail})") from None
        return await run_cpu(frame_still_jpeg, frame, ratio, two_person)

    # -- capture thread --------------------------------------------------------------------------------
    def _run(self, stop: threading.Event) -> None:
        try:
            source = self._given_source or open_source(self.settings)
        except CameraError as exc:
            self._set_state("stopped", str(exc), lost=True)
            return
        self._source = source
        if stop.is_set():
            source.interrupt()
        backoff = BACKOFF_START_S
        while not stop.is_set():
            try:
                source.open()
                self._pump(source, stop)
                backoff = BACKOFF_START_S
            except CameraError as exc:
                if stop.is_set():
                    break
                if self._state == "live":
                    backoff = BACKOFF_START_S
                self._set_state("reconnecting", str(exc), lost=True)
                if stop.wait(backoff):
                    break
                backoff = min(backoff * 2, BACKOFF_MAX_S)
            except Exception as exc:  # a bug in a source must not kill the booth's camera silently
                log.exception("camera source %s failed", source.description)
                self._set_state("reconnecting", f"{type(exc).__name__}: {exc}", lost=True)
                if stop.wait(BACKOFF_MAX_S):
                    break
            finally:
                source.close()

    def _pump(self, source: Source, stop: threading.Event) -> None:
        while not stop.is_set():
            started = time.monotonic()
            captured = source.read()
            if stop.is_set():
                return
            self._publish(captured, started)
            if self._state != "live":  # first frame, or frames again after a stall
                h, w = captured.image.shape[:2]
                self._set_state("live", f"{w}x{h}")

    def _publish(self, captured: Captured, started: float) -> None:
        now = time.monotonic()
        with self._lock:
            self._seq += 1
            frame = Frame(captured.image, self._seq, now, started, captured.jpeg, captured.padded)
            self._latest = frame
            targets = self._targets
            done = self._take_stills(frame)
        for req in done:
            req.loop.call_soon_threadsafe(_resolve, req.future, frame)
        for target in targets:
            target.update(frame)
        if not self._notify_pending:
            self._notify_pending = True
            self._frame_arrived.emit()

    def _take_stills(self, frame: Frame) -> list[_StillRequest]:
        done: list[_StillRequest] = []
        waiting: list[_StillRequest] = []
        for req in self._stills:
            if frame.read_started_at < req.asked_at:
                waiting.append(req)
            elif req.skip > 0:
                req.skip -= 1
                waiting.append(req)
            else:
                done.append(req)
        self._stills = waiting
        return done

    # -- helpers ---------------------------------------------------------------------------------------
    @staticmethod
    def _fail(future: asyncio.Future[Frame], message: str) -> None:
        if not future.done():
            future.set_exception(CameraError(message))

    def _set_state(self, state: str, detail: str, *, lost: bool = False) -> None:
        """Record and announce a state; `lost` marks trouble, reported once until the camera is live again."""
        with self._state_lock:
            if (state, detail) == (self._state, self._detail):
                return
            self._state, self._detail = state, detail
            report = lost and not self._lost
            over = state == "live" and self._lost
            self._lost = (self._lost or lost) and state != "live"
        # A problem reaches the log through the message bridge; this line would only repeat it.
        log.log(logging.DEBUG if report else logging.INFO, "camera %s: %s", state, detail)
        self._state_arrived.emit(state, detail)
        if report:
            self._problem_arrived.emit(
                Problem.make(ProblemKind.CAMERA_LOST, Part.CAMERA, detail=detail, source=self.source_description)
            )
        elif over:
            self._over_arrived.emit(str(ProblemKind.CAMERA_LOST))

    @Slot(bool)
    def _on_watch(self, on: bool) -> None:
        if on and self.running:
            self._watchdog.start()
        elif not on:
            self._watchdog.stop()

    @Slot()
    def _check_stall(self) -> None:
        """A camera can hang without an error (a USB hiccup): say so instead of showing a frozen 'live'."""
        latest = self.latest()
        if self._state != "live" or latest is None:
            return
        silent = time.monotonic() - latest.captured_at
        if silent > self.stall_after_s:
            self._set_state("reconnecting", f"no picture for {silent:.0f} s", lost=True)

    @Slot()
    def _on_frame_arrived(self) -> None:
        self._notify_pending = False
        self.frame_ready.emit()
