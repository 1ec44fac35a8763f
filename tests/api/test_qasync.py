"""The client on qasync's Qt event loop, as the kiosk runs it: results arrive and Qt timers keep firing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import qasync
from api_support import FAST, photo_jpeg
from PySide6.QtCore import QTimer

from booth.api.client import EventstationClient
from booth.api.models import Result, RunRequest
from booth.settings import ApiSettings


def test_a_4k_job_on_the_qt_loop_leaves_the_gui_responsive(qapp: Any, engine: Any, tmp_path: Path) -> None:
    capture = photo_jpeg(3840, 2160)
    ticks = 0

    def tick() -> None:
        nonlocal ticks
        ticks += 1

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)

    async def job() -> tuple[int, Result]:
        settings = ApiSettings(catalog_cache=tmp_path)
        async with EventstationClient(settings, base_url=engine.url, retry=FAST) as client:
            filters = await client.catalog("filters")
            return len(filters), await client.run(RunRequest("comic", capture, style_id=1, ratio="portrait"))

    loop = qasync.QEventLoop(qapp)
    try:
        timer.start()
        count, result = loop.run_until_complete(job())
    finally:
        timer.stop()
        loop.close()
    assert count >= 12
    assert result.kind == "image"
    # at least a second passes (first poll at 1 s); a blocked loop would have let few 10 ms ticks through
    assert ticks >= 40
