"""The camera tab never shows the password of an RTSP camera's URL (whoever stands by the booth can read it)."""

from __future__ import annotations

from typing import Any

from operator_rig import open_booth


def test_the_configured_rtsp_url_is_shown_without_its_password(arun: Any, operator_settings: Any) -> None:
    async def scenario() -> str:
        booth = await open_booth(operator_settings)
        try:
            operator_settings.camera.source = "rtsp://admin:Cam-Pa55word@192.0.2.9:554/stream1"
            booth.panel.camera_tab.refresh()
            return str(booth.panel.camera_tab.status.text("configured"))
        finally:
            await booth.stop()

    shown = arun(scenario())
    assert "Cam-Pa55word" not in shown
    assert shown == "rtsp://admin:***@192.0.2.9:554/stream1"
