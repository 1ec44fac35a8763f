"""Answer shapes: one setting per part of contract.md marked *uncertain*, so tests can cover each reading.

The vendor never published its bodies, so the client must accept every plausible shape, and the engine
must be able to produce each one on demand. Set them with `EngineSettings.variant` (a dict of str -> str),
`EngineServer.configure(variant={...})`, `POST /_engine/config {"variant": {...}}` or
`booth engine --variant KEY=VALUE`. Keys left out take the default (first value listed).

Key: values (default first) -- what changes.

- `run_id_key`: `id`, `job_id` -- the key holding the job id in run and status answers.
- `output`: `auto`, `base64`, `images`, `images_list`, `image`, `message`, `video`, `gif`, `url` -- the
  status `output`. `auto` = `{"status": "success", "images": b64}` for pictures and `{..., "video": b64}`
  for animations; `base64` = the bare string; `images_list` = `{"images": [b64]}`; `url` =
  `{"url": "http://.../_engine/results/<token>"}` (a download); the others are `{<key>: b64}`.
- `data_prefix`: `no`, `yes` -- `yes` prefixes every base64 output with `data:<mime>;base64,`.
- `catalog`: `list`, `wrapped`, `items`, `data`, `mapping` -- a JSON list of entries;
  `{"filters"|"workflows"|"styles": list}`; `{"items": list}`; `{"data": list}`; `{"<id>": "<name>"}`.
- `catalog_id_key`: `id`, `kind` -- entry id key: `id`, or `filter_id` / `workflow_id` / `style_id`.
- `catalog_name_key`: `name`, `title`, `label` -- entry display-name key.
- `catalog_preview`: `url`, `base64`, `none` -- `preview` as a URL to `/_engine/previews/<kind>/<id>.jpg`,
  as inline base64 JPEG, or left out.
- `status_queued`: `IN_QUEUE` or any word -- the status of a job waiting for a worker.
- `status_running`: `IN_PROGRESS`, `RUNNING` or any word -- the status of a job being worked on; any other
  word tests the client's "unknown status = pending" rule.
- `status_failed`: `FAILED`, `CANCELLED`, `TIMED_OUT`, `COMPLETED_ERROR`, `COMPLETED_EMPTY` -- how a
  failed job reads: that status with `error`; `COMPLETED` with an `error` field; `COMPLETED` with no output.
- `credits_status`: `402`, `403` -- out of credits: 402, or 403 whose body mentions "credit".
- `invalid_status`: `422`, `400` -- the code for invalid input.
- `retry_after`: `auto`, `none`, or seconds -- the 429 `Retry-After` header: seconds until a slot frees
  (at least 1), left out, or this fixed value.
- `timing`: `yes`, `no` -- `delayTime` / `executionTime` (ms) in status answers.
- `image_format`: `jpeg`, `png`, `webp` -- how picture results are encoded (cut-outs: PNG, or WebP with alpha).
- `animation`: `mp4`, `gif` -- how animate_image results are encoded.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Mapping
from typing import Any

FREE = None  # a key whose value may be any non-empty word

CHOICES: dict[str, tuple[str, ...] | None] = {
    "run_id_key": ("id", "job_id"),
    "output": ("auto", "base64", "images", "images_list", "image", "message", "video", "gif", "url"),
    "data_prefix": ("no", "yes"),
    "catalog": ("list", "wrapped", "items", "data", "mapping"),
    "catalog_id_key": ("id", "kind"),
    "catalog_name_key": ("name", "title", "label"),
    "catalog_preview": ("url", "base64", "none"),
    "status_queued": FREE,
    "status_running": FREE,
    "status_failed": ("FAILED", "CANCELLED", "TIMED_OUT", "COMPLETED_ERROR", "COMPLETED_EMPTY"),
    "credits_status": ("402", "403"),
    "invalid_status": ("422", "400"),
    "retry_after": FREE,
    "timing": ("yes", "no"),
    "image_format": ("jpeg", "png", "webp"),
    "animation": ("mp4", "gif"),
}
DEFAULTS: dict[str, str] = {
    key: (values[0] if values else "") for key, values in CHOICES.items()
} | {"status_queued": "IN_QUEUE", "status_running": "IN_PROGRESS", "retry_after": "auto"}

KIND_ID_KEYS = {"filters": "filter_id", "workflows": "workflow_id", "styles": "style_id"}


def validate(variant: Mapping[str, str]) -> dict[str, str]:
    """Check keys and values; the error names the bad one and lists what would be accepted."""
    for key, value in variant.items():
        if key not in CHOICES:
            raise ValueError(f"unknown variant key {key!r}; known keys: {', '.join(CHOICES)}")
        allowed = CHOICES[key]
        value = str(value)
        if allowed is FREE:
            if not value.strip():
                raise ValueError(f"variant {key} must not be empty")
            if key == "retry_after" and value not in ("auto", "none"):
                try:
                    float(value)
                except ValueError:
                    raise ValueError(f"variant retry_after={value!r}: use auto, none or seconds") from None
        elif value not in allowed:
            raise ValueError(f"variant {key}={value!r} is not one of: {', '.join(allowed)}")
    return {k: str(v) for k, v in variant.items()}


class Variant:
    """The effective answer shapes: defaults overlaid with the configured choices."""

    def __init__(self, chosen: Mapping[str, str] | None = None) -> None:
        self.values = DEFAULTS | validate(chosen or {})

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    # -- run and status ------------------------------------------------------------------------------
    def run_answer(self, job_id: str) -> dict[str, Any]:
        return {self["run_id_key"]: job_id, "status": self["status_queued"]}

    def status_name(self, state: str) -> str:
        """Wire name for the book's IN_QUEUE / IN_PROGRESS / COMPLETED / FAILED."""
        if state == "IN_QUEUE":
            return self["status_queued"]
        if state == "IN_PROGRESS":
            return self["status_running"]
        if state == "FAILED":
            failed = self["status_failed"]
            return "COMPLETED" if failed.startswith("COMPLETED") else failed
        return state

    def output(self, data: bytes, mime: str, *, is_video: bool, url: str) -> Any:
        """The `output` value for a finished job in the chosen shape."""
        shape = self["output"]
        if shape == "url":
            return {"status": "success", "url": url}
        b64 = base64.b64encode(data).decode("ascii")
        if self["data_prefix"] == "yes":
            b64 = f"data:{mime};base64,{b64}"
        if shape == "base64":
            return b64
        if shape == "auto":
            shape = "video" if is_video else "images"
        if shape == "images_list":
            return {"status": "success", "images": [b64]}
        return {"status": "success", shape: b64}

    def retry_after(self, seconds_until_slot: float) -> str | None:
        chosen = self["retry_after"]
        if chosen == "none":
            return None
        if chosen == "auto":
            return str(max(1, math.ceil(seconds_until_slot)))
        return chosen

    # -- catalogs ------------------------------------------------------------------------------------
    def catalog(self, kind: str, entries: list[dict[str, Any]]) -> Any:
        """Shape catalog entries (each with id, name, and optional category/preview) for the wire."""
        id_key = KIND_ID_KEYS[kind] if self["catalog_id_key"] == "kind" else "id"
        name_key = self["catalog_name_key"]
        shape = self["catalog"]
        if shape == "mapping":
            return {str(entry["id"]): entry["name"] for entry in entries}
        rows = []
        for entry in entries:
            row = {id_key: entry["id"], name_key: entry["name"]}
            row.update({k: v for k, v in entry.items() if k not in ("id", "name") and v is not None})
            rows.append(row)
        if shape == "list":
            return rows
        return {kind if shape == "wrapped" else shape: rows}
