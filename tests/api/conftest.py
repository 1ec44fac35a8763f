"""Client fixtures: a real EventstationClient on the real `engine` over loopback, with quick retry waits."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from api_support import FAST, MakeClient, photo_jpeg

from booth.api.client import EventstationClient
from booth.api.retry import RetryPolicy
from booth.settings import ApiSettings


@pytest.fixture(scope="session")
def photo() -> bytes:
    return photo_jpeg()


@pytest.fixture
async def make_client(engine: Any, tmp_path: Path) -> AsyncIterator[MakeClient]:
    """Builds clients for the engine (settings as keyword arguments); all are closed after the test."""
    made: list[EventstationClient] = []

    def make(*, base_url: str | None = None, retry: RetryPolicy = FAST, **api: Any) -> EventstationClient:
        api.setdefault("catalog_cache", tmp_path / "catalogs")
        client = EventstationClient(ApiSettings(**api), base_url=base_url or engine.url, retry=retry)
        made.append(client)
        return client

    yield make
    for client in made:
        await client.aclose()
