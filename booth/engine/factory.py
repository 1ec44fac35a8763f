"""The one place the local engine is built, from the `[engine]` settings, for every part that needs one.

The server module (uvicorn, OpenCV, the looks) takes most of a second to import, so it is imported when an
engine is made, not when this module is: the queue gets `partial(make_engine, settings)` at every start and
most events never need it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from booth.engine.server import EngineServer
    from booth.settings import EngineSettings


def make_engine(settings: EngineSettings) -> EngineServer:
    """A local engine (not started yet: `start()` returns its URL)."""
    from booth.engine.server import EngineServer

    return EngineServer(settings)
