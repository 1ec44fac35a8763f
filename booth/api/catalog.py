"""The filter, workflow and style catalogs: read in any shape the service sends, and kept on disk.

contract.md allows a JSON list of objects, an object holding such a list (`filters`, `workflows`, `styles`,
`items`, `data`), or an object mapping id -> name; ids come as `id`/`filter_id`/`workflow_id`/`style_id`,
names as `name`/`title`/`label`. All are read into CatalogEntry lists here.

A booth often boots in a venue whose network is not up yet, so every catalog fetched is written to a cache
file and read back when the service cannot be reached: the guest screen still shows its filters.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from booth.api.models import CatalogEntry
from booth.api.redact import guarded_logger
from booth.netloc import is_loopback_host
from booth.private import private_dir

log = guarded_logger(__name__)

CATALOG_KINDS = ("filters", "workflows", "styles")
LIST_KEYS = ("filters", "workflows", "styles", "lazy_pose_styles", "items", "data", "results")
ID_KEYS = ("id", "filter_id", "workflow_id", "style_id", "uuid")
NAME_KEYS = ("name", "title", "label", "display_name")
PREVIEW_KEYS = ("preview", "preview_url", "preview_image", "thumbnail", "thumbnail_url", "image", "image_url")
CATEGORY_KEYS = ("category", "group", "collection")


def _first(item: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = item.get(key)
        if value not in (None, ""):
            return value
    return None


# Longer digit strings are not ids a service hands out; int() of thousands of digits even raises.
_MAX_ID_DIGITS = 18


def _norm_id(value: Any) -> int | str:
    """Ints stay ints (the API wants `filter_id: 12`), ASCII digit strings become ints, UUIDs stay strings.

    `str.isdigit()` also says yes to "²" and other digits int() refuses, so the test is ASCII decimals.
    """
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    text = str(value).strip()
    return int(text) if text.isascii() and text.isdecimal() and len(text) <= _MAX_ID_DIGITS else text


def _entry(item: dict[str, Any], fallback_id: Any = None) -> CatalogEntry | None:
    raw_id = _first(item, ID_KEYS)
    if raw_id is None:
        raw_id = fallback_id
    if raw_id is None:
        return None
    entry_id = _norm_id(raw_id)
    name = _first(item, NAME_KEYS)
    preview = _first(item, PREVIEW_KEYS)
    category = _first(item, CATEGORY_KEYS)
    return CatalogEntry(
        id=entry_id,
        name=str(name) if name is not None else str(entry_id),
        category=str(category) if category is not None else None,
        preview=str(preview) if isinstance(preview, str) else None,
    )


def _entry_or_none(item: Any, fallback_id: Any = None) -> CatalogEntry | None:
    """One item as an entry, or None (logged) when it is not one: a bad item never costs the others."""
    try:
        entry = _entry(item, fallback_id) if isinstance(item, dict) else None
    except (ValueError, TypeError) as exc:
        log.warning("skipping a catalog entry booth cannot read (%s): %.200r", exc, item)
        return None
    if entry is None:
        log.warning("skipping a catalog entry that is not an object with an id: %.200r", item)
    return entry


def parse_catalog(data: Any) -> list[CatalogEntry]:
    """Catalog entries from any of the shapes contract.md allows; unreadable items are skipped and logged."""
    if isinstance(data, list):
        return [entry for item in data if (entry := _entry_or_none(item)) is not None]
    if not isinstance(data, dict):
        return []
    for key in LIST_KEYS:
        if isinstance(data.get(key), list | dict):
            return parse_catalog(data[key])
    if _first(data, ID_KEYS) is not None and _first(data, NAME_KEYS) is not None:
        entry = _entry_or_none(data)  # a catalog of one, sent bare
        return [entry] if entry else []
    entries = []
    for key, value in data.items():
        if isinstance(value, str | int | float):
            entries.append(CatalogEntry(id=_norm_id(key), name=str(value)))
        elif (entry := _entry_or_none(value, fallback_id=key)) is not None:
            entries.append(entry)
    return entries


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("booth", appauthor=False)) / "catalogs"


def _source_key(base_url: str) -> str:
    """One cache per service: the local engine (any port) is 'local', a remote service its host name."""
    host = urlsplit(base_url).hostname or "unknown"
    if is_loopback_host(host):
        return "local"
    return "".join(ch if ch.isalnum() or ch in ".-" else "_" for ch in host)


class CatalogCache:
    """Catalogs as JSON files, written atomically so a power cut mid-write leaves the old copy readable."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else default_cache_dir()

    def path(self, base_url: str, kind: str) -> Path:
        return self.directory / f"{_source_key(base_url)}-{kind}.json"

    def save(self, base_url: str, kind: str, entries: list[CatalogEntry]) -> None:
        target = self.path(base_url, kind)
        try:
            private_dir(target.parent)  # the file itself: mkstemp makes it 0600
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump([entry.to_json() for entry in entries], fh)
            os.replace(tmp, target)
        except OSError as exc:
            log.warning("could not cache the %s catalog in %s: %s", kind, target, exc)

    def load(self, base_url: str, kind: str) -> list[CatalogEntry] | None:
        target = self.path(base_url, kind)
        try:
            data = json.loads(target.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("the cached %s catalog %s is unreadable (%s); ignoring it", kind, target, exc)
            return None
        if not isinstance(data, list):
            log.warning("the cached %s catalog %s is not a list; ignoring it", kind, target)
            return None
        entries = []
        for item in data:
            try:
                entries.append(CatalogEntry.from_json(item))
            except (KeyError, TypeError, AttributeError) as exc:
                log.warning("skipping an unreadable entry of the cached %s catalog (%r): %.200r", kind, exc, item)
        return entries
