"""The one function that builds the local engine, so every door and the offline fallback honour `[engine]`.

The kiosk, `booth engine`, `booth api`, `booth batch`, `booth doctor` and the queue's offline fallback all
start the same engine from the same settings; before this each built its own, and the fallback quietly
ignored the configured latency, auth and faults. The server module (uvicorn, the OpenCV looks) is imported
on call, so importing this module stays cheap and the caller decides which thread pays for the import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from booth.settings import EngineSettings

if TYPE_CHECKING:
    from booth.engine.server import EngineServer


def make_engine(settings: EngineSettings) -> EngineServer:
    """A local engine for `settings`, not yet listening (`start()` returns its URL)."""
    from booth.engine.server import EngineServer

    return EngineServer(settings)
