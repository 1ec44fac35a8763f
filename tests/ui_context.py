"""A booth's parts built but not started (no event loop, no threads, no network), for window tests that only
need the windows to have something to show: the kiosk's gate and screens, the operator panel's tabs."""

from __future__ import annotations

from booth.settings import Settings
from booth.ui.context import AppContext, MessageBridge


def idle_context(settings: Settings) -> AppContext:
    from booth.api.client import EventstationClient
    from booth.camera.service import CameraService
    from booth.jobs.event import EventFolder
    from booth.jobs.queue import JobQueue
    from booth.ui.common.catalog import Catalog

    event = EventFolder(settings.event.dir)
    client = EventstationClient(settings.api, base_url="http://127.0.0.1:9")  # never asked: nothing is sent
    return AppContext(settings, MessageBridge(), camera=CameraService(settings.camera), catalog=Catalog(),
                      client=client, queue=JobQueue(event, client, settings.jobs), event_dir=event.path)
