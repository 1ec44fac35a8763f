"""Benchmark: does the live preview keep camera rate, at low CPU, with little lag, compared to the usual way?

Plays a 1080p30 MJPG file (written once with the demo scene and cached in /tmp) through the real
CameraService into the real PreviewWidget (offscreen, shown at 1280x720) and, in the same run, through
the naive path most booths use (frames handed to the GUI thread, cvtColor -> QImage -> QPixmap.scaled ->
QLabel.setPixmap per frame). The decode floor is the same file source read and decoded at the same pace
with nothing else. A 4K file then shows the preview keeps up with a bigger camera. Prints one JSON line.

    .venv/bin/python benchmarks/preview.py [--seconds 10] [--rounds 1] [--size 1280x720] [--no-4k] [--crop portrait]

The preview shows only the guide's crop, as the pose screen does (`--crop none`: the whole frame).

CPU figures are whole-process CPU time over the measuring window, in percent of one core. Other
programs on the machine do not count towards them, but they do compete for the cores, so run it a few
times on a shared machine; `load_avg_1m` in the output says how busy the machine was. All three 1080p
runs read the file through the same FileSource (raw MJPG packets, libjpeg-turbo decode), so the floor
and the naive baseline pay exactly the decode the booth pays. When the naive GUI thread cannot keep up,
its queued frames starve Qt's low-priority repaints: it then shows almost nothing and lags by seconds
(the symptom other booths have), which the baseline figures report as measured.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cv2
import numpy as np
from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QApplication, QLabel

from booth.camera.demo import DemoScene
from booth.camera.frame import CameraError
from booth.camera.service import CameraService
from booth.camera.sources import FileSource
from booth.settings import CameraSettings
from booth.ui.widgets.preview import PreviewWidget

CACHE = Path("/tmp/booth-bench")
WARMUP_S = 1.5


def test_file(width: int, height: int, fps: int, frames: int) -> Path:
    """An MJPG AVI of the demo scene (what a webcam sends over USB), written once and reused."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"preview_{width}x{height}_{fps}fps_{frames}f.avi"
    if path.exists() and path.stat().st_size > 0:
        return path
    tmp = path.with_suffix(".part.avi")
    writer = cv2.VideoWriter(str(tmp), cv2.VideoWriter_fourcc(*"MJPG"), fps, (width, height))
    if not writer.isOpened():
        raise SystemExit(f"cannot write {tmp}: OpenCV has no MJPG writer here")
    scene = DemoScene(width, height, fps)
    for n in range(frames):
        writer.write(scene.render(n, clock=f"frame {n:04d}"))
    writer.release()
    tmp.rename(path)
    return path


def run_for(seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: float(np.median([run[key] for run in runs])) for key in runs[0]}


def p95(values: list[float]) -> float:
    return float(np.percentile(values, 95)) if values else float("nan")


class Sampler:
    """Snapshots CPU time and counters at fixed wall-clock times, from its own thread.

    The GUI event loop cannot be trusted to stop on time: the naive path floods it with queued frames, and
    on a busy machine a QTimer there fires seconds late. A window measured from a separate thread stays
    exactly `seconds` long whatever the GUI thread does.
    """

    def __init__(self, counters: Callable[[], tuple[int, int, int]], warmup_s: float, seconds: float,
                 on_done: Callable[[], None] | None = None) -> None:
        self.counters = counters  # -> (frames shown, frame ages recorded, frames captured) so far
        self.on_done = on_done
        self.snaps: list[tuple[float, float, int, int, int]] = []
        self._thread = threading.Thread(target=self._run, args=(warmup_s, seconds), daemon=True)

    def _snap(self) -> None:
        self.snaps.append((time.monotonic(), time.process_time(), *self.counters()))

    def _run(self, warmup_s: float, seconds: float) -> None:
        time.sleep(warmup_s)
        self._snap()
        time.sleep(seconds)
        self._snap()
        if self.on_done is not None:
            self.on_done()

    def start(self) -> None:
        self._thread.start()

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def figures(self, ages: list[float]) -> dict[str, float]:
        (t0, c0, f0, a0, s0), (t1, c1, f1, a1, s1) = self.snaps
        wall = t1 - t0
        return {"fps": (f1 - f0) / wall, "cpu": 100.0 * (c1 - c0) / wall, "p95_age": p95(ages[a0:a1]),
                "source_fps": (s1 - s0) / wall}


def run_until(sampler: Sampler) -> None:
    """Keep the GUI event loop turning until the sampler has taken its last snapshot."""
    sampler.start()
    while not sampler.done:
        run_for(0.05)


def decode_floor(path: Path, seconds: float) -> dict[str, float]:
    """The same file source read and decoded at its pace, with nothing else running."""
    source = FileSource(path)
    source.open()
    count = [0]
    stop = threading.Event()

    def pump() -> None:
        while not stop.is_set():
            try:
                source.read()
            except CameraError:
                return
            count[0] += 1

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    sampler = Sampler(lambda: (count[0], 0, count[0]), WARMUP_S, seconds)
    sampler.start()
    while not sampler.done:
        time.sleep(0.05)
    stop.set()
    source.interrupt()
    thread.join()
    source.close()
    return sampler.figures([])


def booth_preview(path: Path, size: tuple[int, int], seconds: float, mirror: bool,
                  crop: str | None = "portrait") -> dict[str, float]:
    camera = CameraService(CameraSettings(source=str(path)))
    widget = PreviewWidget()
    widget.resize(*size)
    widget.set_guide(crop or "portrait")
    widget.set_cropped(crop is not None)  # the pose screen shows only the guide's crop
    widget.set_mirror(mirror)
    widget.set_camera(camera)
    widget.show()
    camera.start()

    def counters() -> tuple[int, int, int]:
        latest = camera.latest()
        return widget.frames_painted, len(widget.frame_ages_ms), latest.seq if latest else 0

    sampler = Sampler(counters, WARMUP_S, seconds)
    run_until(sampler)
    result = sampler.figures(list(widget.frame_ages_ms))
    camera.stop()
    widget.set_camera(None)
    widget.close()
    widget.deleteLater()
    return result


class _NaiveLabel(QLabel):
    """A QLabel that notes when each frame's pixmap was painted, to measure the naive path's lag."""

    def __init__(self) -> None:
        super().__init__()
        self.captured_at = 0.0
        self.painted_at = 0.0
        self.ages: list[float] = []

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if self.captured_at and self.captured_at != self.painted_at:
            self.painted_at = self.captured_at
            self.ages.append((time.monotonic() - self.captured_at) * 1000.0)


class _Reader(QObject):
    frame = Signal(object, float)


def naive_preview(path: Path, size: tuple[int, int], seconds: float) -> dict[str, float]:
    """The usual preview: every frame goes to the GUI thread and is converted and scaled there."""
    label = _NaiveLabel()
    label.resize(*size)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.show()
    finished = threading.Event()

    def show(image: np.ndarray, captured_at: float) -> None:
        if finished.is_set():
            return  # measuring is over: drain the backlog quickly
        rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
        h, w = rgb.shape[:2]
        qimg = QImage(rgb.data, w, h, rgb.strides[0], QImage.Format.Format_RGB888)
        pixmap = QPixmap.fromImage(qimg).scaled(label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                Qt.TransformationMode.SmoothTransformation)
        label.setPixmap(pixmap)
        label.captured_at = captured_at

    reader = _Reader()
    reader.frame.connect(show, Qt.ConnectionType.QueuedConnection)
    source = FileSource(path)
    source.open()
    read = [0]  # set before the pump starts: it counts from its first frame

    def pump() -> None:
        while not finished.is_set():
            try:
                image = source.read().image
            except CameraError:
                return
            read[0] += 1
            reader.frame.emit(image, time.monotonic())

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    sampler = Sampler(lambda: (len(label.ages), len(label.ages), read[0]), WARMUP_S, seconds, finished.set)
    run_until(sampler)
    source.interrupt()
    thread.join()
    source.close()
    QApplication.processEvents()
    reader.frame.disconnect(show)
    label.close()
    return sampler.figures(label.ages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="measuring window per run (default 10)")
    parser.add_argument("--size", default="1280x720", help="preview widget size (default 1280x720)")
    parser.add_argument("--no-mirror", action="store_true", help="preview unmirrored (the kiosk mirrors by default)")
    parser.add_argument("--no-4k", action="store_true", help="skip the 4K run")
    parser.add_argument("--rounds", type=int, default=1, help="repeat the three 1080p runs; report medians")
    parser.add_argument("--crop", default="portrait", choices=["portrait", "landscape", "square", "none"],
                        help="show only this ratio's guide, as the pose screen does (default portrait); none: "
                             "the whole frame")
    args = parser.parse_args()
    crop = None if args.crop == "none" else args.crop
    size = tuple(int(v) for v in args.size.lower().split("x"))
    app = QApplication.instance() or QApplication([])
    mirror = not args.no_mirror

    hd = test_file(1920, 1080, 30, 150)
    rounds: list[tuple[dict[str, float], dict[str, float], dict[str, float]]] = []
    for _ in range(max(1, args.rounds)):  # interleaved, so a busy spell on the machine hits all three alike
        rounds.append((decode_floor(hd, args.seconds), booth_preview(hd, size, args.seconds, mirror, crop),  # type: ignore[arg-type]
                       naive_preview(hd, size, args.seconds)))  # type: ignore[arg-type]
    floor, ours, naive = (median_of([r[i] for r in rounds]) for i in range(3))
    uhd_fps = float("nan")
    if not args.no_4k:
        uhd = test_file(3840, 2160, 30, 60)
        uhd_fps = booth_preview(uhd, size, max(5.0, args.seconds / 2), mirror, crop)["fps"]  # type: ignore[arg-type]

    above, base_above = ours["cpu"] - floor["cpu"], naive["cpu"] - floor["cpu"]
    out = {
        "source_fps": round(ours["source_fps"], 2),
        "display_fps": round(ours["fps"], 2),
        "cpu_percent_one_core": round(ours["cpu"], 1),
        "p95_frame_age_ms": round(ours["p95_age"], 1),
        "decode_only_cpu_percent_one_core": round(floor["cpu"], 1),
        "decode_only_fps": round(floor["fps"], 2),
        "baseline_display_fps": round(naive["fps"], 2),
        "baseline_cpu_percent_one_core": round(naive["cpu"], 1),
        "baseline_p95_frame_age_ms": round(naive["p95_age"], 1),
        "display_fps_4k": round(uhd_fps, 2),
        "ok_display_fps_ge_29_5": ours["fps"] >= 29.5,
        "ok_cpu_le_25": ours["cpu"] <= 25.0,
        "ok_p95_age_lt_50ms": ours["p95_age"] < 50.0,
        "ok_above_floor_le_half_baseline": above <= 0.5 * base_above,
        "ok_4k_ge_24fps": None if args.no_4k else uhd_fps >= 24.0,
        "widget": f"{size[0]}x{size[1]}",
        "mirror": mirror,
        "crop": args.crop,
        "window_s": args.seconds,
        "rounds": len(rounds),
        "source": f"{hd.name} ({hd.stat().st_size // 150 // 1024} KiB/frame MJPG)",
        "cv_threads": cv2.getNumThreads(),
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(out))
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
