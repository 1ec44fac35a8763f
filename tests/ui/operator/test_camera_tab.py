"""Camera tab on a real CameraService: state and source shown, mirror and source changes applied in memory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import cv2
import numpy as np
from operator_rig import click, open_booth, wait_until


def _video(path: Path, frames: int = 12, size: tuple[int, int] = (320, 240)) -> Path:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 12.0, size)
    for i in range(frames):
        writer.write(np.full((size[1], size[0], 3), (i * 20) % 255, np.uint8))
    writer.release()
    return path


def test_state_mirror_and_source_switch(arun: Any, operator_settings: Any, tmp_path: Path) -> None:
    video = _video(tmp_path / "second-camera.avi")

    async def scenario() -> dict[str, Any]:
        booth = await open_booth(operator_settings)
        tab, camera = booth.panel.camera_tab, booth.ctx.camera
        seen: dict[str, Any] = {}
        try:
            booth.panel.show_tab("tab_camera")
            await wait_until(lambda: camera.state == "live", 10, "the demo camera")
            await wait_until(lambda: tab.status.text("state").startswith("live"), 5, "the tab")
            seen["source"] = tab.status.text("source")
            await wait_until(lambda: tab.scan_button.isEnabled(), 15, "the camera scan")
            seen["devices"] = [tab.devices.item(i).text() for i in range(tab.devices.count())]

            mirrored = operator_settings.camera.mirror_preview
            tab.mirror.click()
            seen["mirror_flipped"] = operator_settings.camera.mirror_preview is (not mirrored)

            tab.source.setEditText(str(video))
            click(tab.apply_button)
            assert operator_settings.camera.source == str(video)
            await wait_until(lambda: tab.apply_button.isEnabled(), 15, "the camera restart")
            await wait_until(lambda: camera.state == "live" and video.name in camera.source_description, 10,
                             "the new source")  # fmt: skip
            await wait_until(lambda: video.name in tab.status.text("source"), 5, "the tab to follow")
            seen["configured"] = tab.status.text("configured")
            return seen
        finally:
            await booth.stop()

    seen = arun(scenario())
    assert seen["source"] == "demo camera"
    assert seen["devices"], "the device list says something, even with no webcam"
    assert seen["mirror_flipped"]
    assert seen["configured"] == str(video)
