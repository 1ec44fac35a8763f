"""The three catalogs (filters, workflows, styles) with preview pictures the engine makes itself.

Previews are each look applied to the built-in sample guest, rendered once on first request and kept,
so starting the engine stays instant and a kiosk's look picker shows what each choice really does.
"""

from __future__ import annotations

import base64
import threading
from typing import Any

from booth.engine import looks
from booth.engine.imaging import encode_jpeg
from booth.engine.sample import sample_photo

PREVIEW_SIZE = (256, 384)  # portrait, like the booth's default ratio
_lock = threading.Lock()
_previews: dict[tuple[str, str], bytes] = {}
_sample: dict[str, Any] = {}


def _items(kind: str) -> list[tuple[int, str, str | None]]:
    """(id, name, category) rows of one catalog."""
    if kind == "filters":
        return [(i, look.name, look.category) for i, look in looks.FILTERS.items()]
    if kind == "workflows":
        return [(i, wf.name, wf.category) for i, wf in looks.WORKFLOWS.items()]
    if kind == "styles":
        return [(i, style.name, None) for i, style in looks.STYLES.items()]
    raise KeyError(kind)


def _render_preview(kind: str, item: int) -> bytes:
    with _lock:
        if "photo" not in _sample:
            _sample["photo"] = sample_photo(*PREVIEW_SIZE)
    photo = _sample["photo"]
    if kind == "filters":
        img = looks.FILTERS[item](photo)
    elif kind == "workflows":
        img = looks.LOOKS[looks.WORKFLOWS[item].look](photo)
    else:
        img = looks.apply_style(photo, item)
    return encode_jpeg(img)


def preview(kind: str, item: str) -> bytes:
    """JPEG preview of one catalog entry; KeyError when there is no such entry."""
    if not item.isdigit() or int(item) not in {row[0] for row in _items(kind)}:
        raise KeyError(item)
    key = (kind, item)
    cached = _previews.get(key)
    if cached is None:
        cached = _render_preview(kind, int(item))
        with _lock:
            _previews[key] = cached
    return cached


def entries(kind: str, preview_mode: str, base_url: str) -> list[dict[str, Any]]:
    """Catalog rows (id, name, category, preview) before the answer variant shapes them."""
    rows = []
    for item, name, category in _items(kind):
        row: dict[str, Any] = {"id": item, "name": name, "category": category}
        if preview_mode == "url":
            row["preview"] = f"{base_url}/_engine/previews/{kind}/{item}.jpg"
        elif preview_mode == "base64":
            row["preview"] = base64.b64encode(preview(kind, str(item))).decode("ascii")
        rows.append(row)
    return rows
