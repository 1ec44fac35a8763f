"""Helpers for the kiosk tests: waiting on the loop, a video the camera plays, opening a kiosk, a guest."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from waiting import wait_until

from booth import settings as settings_mod
from booth.ui.kiosk.flow import Step

QUEUE = os.environ.get("BOOTH_PDF_QUEUE", "booth-pdf")


def cups_queue_ready() -> bool:
    """The cups-pdf queue of packaging/cups-setup.sh is there and enabled."""
    if shutil.which("lpstat") is None:
        return False
    out = subprocess.run(["lpstat", "-p", QUEUE], capture_output=True, text=True)
    return out.returncode == 0 and "enabled" in out.stdout


def write_video(path: Path, frames: int = 24, size: tuple[int, int] = (640, 480), fps: float = 12.0) -> Path:
    """A small MJPG video of a smiling face on a moving gradient: the camera plays it in a loop."""
    w, h = size
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (w, h))
    assert writer.isOpened(), "OpenCV cannot write MJPG here"
    yy, xx = np.mgrid[0:h, 0:w]
    for i in range(frames):
        img = np.zeros((h, w, 3), np.uint8)
        img[..., 0] = (xx * 255 // w + i * 5) % 256
        img[..., 1] = yy * 200 // h
        img[..., 2] = 160
        cx = w // 2 + int(20 * np.sin(i / 4))
        cv2.circle(img, (cx, h // 2), h // 4, (120, 190, 240), -1)
        cv2.circle(img, (cx - 35, h // 2 - 25), 12, (40, 40, 40), -1)
        cv2.circle(img, (cx + 35, h // 2 - 25), 12, (40, 40, 40), -1)
        cv2.ellipse(img, (cx, h // 2 + 30), (50, 25), 0, 0, 180, (40, 40, 160), 6)
        writer.write(img)
    writer.release()
    return path


class Kiosk:
    """The running booth and its window, for one test."""

    def __init__(self, ctx: Any, window: Any) -> None:
        self.ctx = ctx
        self.window = window
        self.flow = window.flow

    async def stop(self) -> None:
        from booth.app import stop_parts

        self.window.allow_close()
        self.window.close()
        await stop_parts(self.ctx)


async def open_kiosk(settings: settings_mod.Settings, size: tuple[int, int] = (1920, 1080)) -> Kiosk:
    from booth.app import start_parts
    from booth.ui.kiosk.window import KioskWindow
    from booth.ui.operator.panel import panel_opener

    ctx = await start_parts(settings)
    window = KioskWindow(ctx, open_operator=panel_opener(ctx))
    window.resize(*size)
    window.show()
    await wait_until(lambda: ctx.camera.state == "live", 10, "the camera")
    return Kiosk(ctx, window)


def tap(widget: QWidget) -> None:
    """A finger on the middle of `widget` (press and release through the application's event filters)."""
    assert widget.isVisible() and widget.isEnabled(), f"{widget.objectName()} cannot be tapped now"
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(widget.width() // 2, widget.height() // 2))


class Guest:
    """A guest walking through the screens; returns at hand-off with the job id."""

    def __init__(self, kiosk: Kiosk) -> None:
        self.k = kiosk
        self.w = kiosk.window

    async def choose(self, service: str) -> None:
        w, flow = self.w, self.k.flow
        if flow.step == Step.ATTRACT:
            tap(w.attract.start_button)
        elif flow.step == Step.HANDOFF:
            tap(w.handoff.next_button)
        assert flow.step == Step.CHOOSE, flow.step
        tap(w.choose.cards[service])
        if flow.step == Step.LOOK:
            await wait_until(lambda: bool(w.look.cards) or not w.look.looks_area.isVisible(), 15, "the looks")
            if w.look.looks_area.isVisible():
                tap(w.look.cards[min(1, len(w.look.cards) - 1)])
            tap(w.look.next_button)
        assert flow.step == Step.POSE, flow.step

    async def pose(self) -> None:
        tap(self.w.pose.shutter_button)
        await wait_until(lambda: self.k.flow.step == Step.REVIEW, 10, "the review")

    async def use_it(self) -> str:
        tap(self.w.review.use_button)
        assert self.k.flow.step == Step.HANDOFF
        return self.k.flow.job_id or ""

    async def visit(self, service: str) -> str:
        await self.choose(service)
        await self.pose()
        return await self.use_it()
