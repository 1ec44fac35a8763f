"""The looks guests pick from: read from the disk cache at once, then refreshed from the service.

A booth often starts before the venue network; the cached catalogs let the look screen fill instantly,
and the refresh runs on the event loop in the background, announcing each kind that changed.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

KINDS = ("filters", "workflows", "styles")


class Catalog(QObject):
    """Signal `changed(str)` with the kind whose entries were replaced."""

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: dict[str, list[Any]] = {kind: [] for kind in KINDS}

    def entries(self, kind: str) -> list[Any]:
        return list(self._entries.get(kind, []))

    def set(self, kind: str, entries: list[Any]) -> None:
        self._entries[kind] = list(entries)
        self.changed.emit(kind)

    def load_cached(self, cache_dir: Path | None, base_url: str) -> int:
        """Fill from the client's disk cache; returns how many kinds were found."""
        try:
            from booth.api.catalog import CatalogCache
        except ImportError:
            return 0
        cache = CatalogCache(cache_dir)
        found = 0
        for kind in KINDS:
            entries = cache.load(base_url, kind)
            if entries:
                self.set(kind, entries)
                found += 1
        return found

    async def refresh(self, client: Any) -> None:
        """Ask the service for every kind; a kind that fails keeps what it had (logged, not raised)."""
        for kind in KINDS:
            try:
                entries = await client.catalog(kind)
            except Exception as exc:
                log.warning("could not refresh the %s catalog: %s", kind, exc)
                continue
            if entries:
                self.set(kind, entries)
