"""The looks guests pick from: read from the disk cache at once, then refreshed from the service.

A booth often starts before the venue network; the cached catalogs let the look screen fill instantly,
and the refresh runs on the event loop in the background, announcing each kind that changed. Preview
pictures given as URLs are downloaded in the background too (and kept on disk beside the catalog cache),
so the guest's screen never waits for one: a card without its picture paints its own art meanwhile.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from booth.api.models import CatalogEntry

if TYPE_CHECKING:
    import httpx

    from booth.api.client import EventstationClient

log = logging.getLogger(__name__)

KINDS = ("filters", "workflows", "styles")
PREVIEW_MAX_BYTES = 4 * 1024 * 1024


def _is_url(text: str | None) -> bool:
    return text is not None and text.startswith(("http://", "https://"))


class Catalog(QObject):
    """Signals `changed(str)` with the kind whose entries were replaced, `previews_changed(str)`."""

    changed = Signal(str)
    previews_changed = Signal(str)

    def __init__(self, preview_dir: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: dict[str, list[CatalogEntry]] = {kind: [] for kind in KINDS}
        self._previews: dict[str, bytes] = {}
        self.preview_dir = preview_dir

    def entries(self, kind: str) -> list[CatalogEntry]:
        return list(self._entries.get(kind, []))

    def set(self, kind: str, entries: list[CatalogEntry]) -> None:
        self._entries[kind] = list(entries)
        self.changed.emit(kind)

    def preview(self, entry: CatalogEntry) -> bytes | str | None:
        """Picture of a catalog entry: downloaded bytes, inline base64, or None (not there yet)."""
        text = entry.preview
        if not text:
            return None
        if _is_url(text):
            return self._previews.get(text)
        return text

    async def load_cached(self, cache_dir: Path | None, base_url: str) -> int:
        """Fill from the client's disk cache (read in a worker thread); returns how many kinds were found."""
        from booth.api.catalog import CatalogCache

        cache = CatalogCache(cache_dir)
        if self.preview_dir is None:
            self.preview_dir = cache.directory / "previews"
        found = 0
        for kind in KINDS:
            entries = await asyncio.to_thread(cache.load, base_url, kind)
            if entries:
                self.set(kind, entries)
                found += 1
        return found

    async def refresh(self, client: EventstationClient) -> None:
        """Ask the service for every kind; a kind that fails keeps what it had (logged, not raised)."""
        for kind in KINDS:
            try:
                entries = await client.catalog(kind)
            except Exception as exc:
                log.warning("could not refresh the %s catalog: %s", kind, exc)
                continue
            if entries:
                self.set(kind, entries)
        await self.fetch_previews()

    async def fetch_previews(self) -> None:
        """Download URL previews not held yet; the disk copy is used when the network is not there."""
        import httpx

        async with httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=3.0)) as http:
            for kind in KINDS:
                got = 0
                for entry in self._entries[kind]:
                    url = entry.preview
                    if url is None or not _is_url(url) or url in self._previews:
                        continue
                    data = await self._fetch_one(http, url)
                    if data:
                        self._previews[url] = data
                        got += 1
                if got:
                    self.previews_changed.emit(kind)

    def _disk_path(self, url: str) -> Path | None:
        if self.preview_dir is None:
            return None
        return self.preview_dir / (hashlib.sha256(url.encode()).hexdigest()[:32] + ".img")

    async def _fetch_one(self, http: httpx.AsyncClient, url: str) -> bytes | None:
        disk = self._disk_path(url)
        try:
            resp = await http.get(url)
            resp.raise_for_status()
            data: bytes = resp.content
            if len(data) > PREVIEW_MAX_BYTES:
                return None
        except Exception as exc:
            log.debug("preview %s not downloaded: %s", url, exc)
            if disk is None:
                return None
            return await asyncio.to_thread(_read_or_none, disk)
        if disk is not None:
            await asyncio.to_thread(_write_quietly, disk, data)
        return data


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _write_quietly(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        log.debug("preview not cached at %s: %s", path, exc)
