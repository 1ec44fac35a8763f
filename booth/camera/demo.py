"""A built-in animated scene so the booth runs, demos and is tested on a machine with no webcam.

It looks like a guest in front of a backdrop: a slowly drifting colour gradient, soft bubbles, a person
with a face that blinks and sways, and the clock, so a frozen picture is obvious at a glance. Everything
costly (the gradient) is drawn once; each frame is one copy of a window of it plus a few OpenCV shapes,
which keeps 1080p30 well under a few milliseconds per frame.
"""

from __future__ import annotations

import math
import time

import cv2
import numpy as np

_TOP = np.array([120, 60, 40], np.float32)  # BGR: deep blue
_BOTTOM = np.array([150, 110, 235], np.float32)  # warm pink
_SIDE = np.array([200, 170, 60], np.float32)  # teal


def _gradient(width: int, height: int) -> np.ndarray:
    """Twice as wide as the frame so the visible window can drift sideways for free."""
    ys = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None, None]
    xs = np.linspace(0.0, 1.0, width * 2, dtype=np.float32)[None, :, None]
    wave = 0.5 + 0.5 * np.sin(xs * 2 * math.pi)
    img = _TOP * (1 - ys) + _BOTTOM * ys
    img = img * (1 - 0.35 * wave) + _SIDE * (0.35 * wave)
    gradient: np.ndarray = np.clip(img, 0, 255).astype(np.uint8)
    return gradient


class DemoScene:
    """Renders frame `n` of the scene at a fixed size; pure, so tests can draw any frame directly."""

    def __init__(self, width: int, height: int, fps: float) -> None:
        self.width, self.height, self.fps = width, height, max(1.0, fps)
        self._backdrop = _gradient(width, height)
        self._unit = min(width, height) / 1080.0

    def render(self, n: int, clock: str | None = None) -> np.ndarray:
        w, h, u = self.width, self.height, self._unit
        t = n / self.fps
        shift = int((0.5 + 0.5 * math.sin(t * 0.2)) * w)
        frame = self._backdrop[:, shift : shift + w].copy()
        self._bubbles(frame, t)
        self._person(frame, t)
        text = clock if clock is not None else time.strftime("%H:%M:%S")
        scale = 1.4 * u
        thick = max(1, round(3 * u))
        org = (round(40 * u), h - round(40 * u))
        cv2.putText(frame, f"booth demo camera  {text}  #{n}", org, cv2.FONT_HERSHEY_SIMPLEX, scale,
                    (255, 255, 255), thick, cv2.LINE_AA)
        return frame

    def _bubbles(self, frame: np.ndarray, t: float) -> None:
        w, h, u = self.width, self.height, self._unit
        for i in range(7):
            speed = 0.05 + 0.02 * i
            x = int((0.1 + 0.8 * ((i * 0.37 + t * speed) % 1.0)) * w)
            y = int(h * (0.15 + 0.7 * (0.5 + 0.5 * math.sin(t * (0.4 + 0.1 * i) + i))))
            r = max(2, int((30 + 12 * i) * u))
            colour = (255 - 25 * i, 180 + 10 * i, 120 + 18 * i)
            cv2.circle(frame, (x, y), r, colour, max(1, round(4 * u)), cv2.LINE_AA)

    def _person(self, frame: np.ndarray, t: float) -> None:
        w, h, u = self.width, self.height, self._unit
        cx = int(w / 2 + math.sin(t * 0.8) * 60 * u)
        head_y = int(h * 0.42)
        head = (int(150 * u), int(185 * u))
        body = (int(330 * u), int(260 * u))
        shoulders = head_y + int(230 * u)
        cv2.ellipse(frame, (cx, shoulders + body[1]), body, 0, 180, 360, (70, 60, 55), -1, cv2.LINE_AA)
        cv2.rectangle(frame, (cx - body[0], shoulders + body[1]), (cx + body[0], h), (70, 60, 55), -1)
        cv2.rectangle(frame, (cx - int(50 * u), head_y + int(120 * u)), (cx + int(50 * u), shoulders + int(20 * u)),
                      (140, 170, 215), -1)
        cv2.ellipse(frame, (cx, head_y), head, 0, 0, 360, (150, 185, 230), -1, cv2.LINE_AA)
        cv2.ellipse(frame, (cx, head_y - int(95 * u)), (int(160 * u), int(105 * u)), 0, 180, 360,
                    (40, 50, 70), -1, cv2.LINE_AA)
        blink = (t % 4.0) < 0.15
        for side in (-1, 1):
            eye = (cx + side * int(55 * u), head_y - int(15 * u))
            if blink:
                cv2.line(frame, (eye[0] - int(18 * u), eye[1]), (eye[0] + int(18 * u), eye[1]), (40, 40, 40),
                         max(1, round(5 * u)), cv2.LINE_AA)
            else:
                cv2.circle(frame, eye, max(2, int(16 * u)), (40, 40, 40), -1, cv2.LINE_AA)
        smile = 25 + 10 * math.sin(t * 1.3)
        cv2.ellipse(frame, (cx, head_y + int(55 * u)), (int(60 * u), int(smile * u)), 0, 20, 160, (60, 60, 170),
                    max(1, round(7 * u)), cv2.LINE_AA)
