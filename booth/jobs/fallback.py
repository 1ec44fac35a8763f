"""What the queue falls back on when the service cannot deliver: a framed original, or the local engine.

A guest who waited past the deadline still leaves with a picture: their own photo with a border and the
event's name, plainly a souvenir rather than an error screen. When the service is unreachable and the
operator chose `offline_fallback = "local"`, the booth's own engine is started on first need (not at start:
it costs memory and a port) and takes the jobs until the service answers again.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PIL import Image, ImageDraw, ImageFont, ImageOps

from booth.jobs.ports import LOCAL, REMOTE

if TYPE_CHECKING:
    from booth.api.client import EventstationClient
    from booth.settings import ApiSettings

log = logging.getLogger(__name__)

BORDER_FRACTION = 0.04
BAND_FRACTION = 0.10


def frame_original(capture: bytes, event_name: str, *, border: str = "#ffffff", ink: str = "#1d1b3a") -> bytes:
    """The guest's photo with a border and the event name below it, as JPEG. CPU work: run it in a thread."""
    with Image.open(io.BytesIO(capture)) as opened:
        photo = ImageOps.exif_transpose(opened).convert("RGB")
    width, height = photo.size
    pad = max(8, int(min(width, height) * BORDER_FRACTION))
    band = max(24, int(height * BAND_FRACTION))
    framed = Image.new("RGB", (width + 2 * pad, height + 2 * pad + band), border)
    framed.paste(photo, (pad, pad))
    draw = ImageDraw.Draw(framed)
    font = ImageFont.load_default(size=max(12, int(band * 0.5)))
    text = event_name.strip() or "booth"
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x = (framed.width - (right - left)) / 2 - left
    y = height + pad + (band + pad - (bottom - top)) / 2 - top
    draw.text((x, y), text, fill=ink, font=font)
    out = io.BytesIO()
    framed.save(out, format="JPEG", quality=92)
    return out.getvalue()


class LocalEngine(Protocol):
    """What the queue needs of a local engine: start it (its URL), stop it. The wiring builds it from the
    `[engine]` settings, so booth.jobs never imports booth.engine."""

    @property
    def url(self) -> str: ...

    def start(self) -> str: ...

    def stop(self) -> None: ...


# Builds a local engine (not started); blocking, so it is called on a worker thread.
EngineFactory = Callable[[], LocalEngine]


class LocalFallback:
    """The local engine and a client for it, started on first use and stopped with the queue."""

    def __init__(self, engine_factory: EngineFactory, api_settings: ApiSettings) -> None:
        self._factory = engine_factory
        self._api_settings = api_settings
        self._engine: LocalEngine | None = None
        self._client: EventstationClient | None = None
        self._starting: asyncio.Lock | None = None

    async def client(self) -> EventstationClient:
        if self._starting is None:
            self._starting = asyncio.Lock()
        async with self._starting:
            if self._client is None:
                from booth.api.client import EventstationClient

                engine = await asyncio.to_thread(self._factory)  # builds its render pool
                url = await asyncio.to_thread(engine.start)
                self._engine = engine
                settings = self._api_settings.model_copy(update={"url": url})
                self._client = EventstationClient(settings, base_url=url)
                log.info("offline: the local engine at %s takes the jobs until the service answers", url)
            return self._client

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
        if self._engine is not None:
            await asyncio.to_thread(self._engine.stop)
            self._engine = None


class Backends:
    """The clients runs go to: the configured service (REMOTE) and, if the operator chose it, the local engine
    (LOCAL) standing in while the service is offline. Shared by the sender and the poller."""

    def __init__(self, client: EventstationClient, fallback: LocalFallback | None) -> None:
        self._remote = client
        self.fallback = fallback

    async def client_for(self, backend: str) -> EventstationClient:
        if backend == LOCAL:
            assert self.fallback is not None, "a local run without a local engine"
            return await self.fallback.client()
        assert backend == REMOTE, backend
        return self._remote

    async def close(self) -> None:
        """Stop the local engine (the remote client belongs to whoever made it)."""
        if self.fallback is not None:
            await self.fallback.close()
