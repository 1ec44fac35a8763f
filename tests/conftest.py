"""Shared fixtures: a real local engine on a loopback port, an offscreen Qt, scratch event folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never read the developer's own settings file.
os.environ.pop("BOOTH_CONFIG", None)
for _var in ("BOOTH_API_URL", "BOOTH_API_AUTH", "BOOTH_API_USERNAME", "BOOTH_API_PASSWORD", "BOOTH_API_TOKEN"):
    os.environ.pop(_var, None)

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture
def artifacts_dir() -> Path:
    """Where tests leave files for people to look at (screenshots, PDFs)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def engine() -> Iterator[object]:
    """A local engine served by uvicorn on 127.0.0.1 with an ephemeral port, default settings.

    Tests change its behaviour at run time through `engine.configure(...)`.
    """
    from booth.engine.server import EngineServer
    from booth.settings import EngineSettings

    server = EngineServer(EngineSettings())
    server.start()
    try:
        yield server
    finally:
        server.stop()
