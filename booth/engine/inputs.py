"""Reading a run request the way a forgiving server would, and refusing bad input with a clear reason.

Fields may come bare or wrapped as `{"input": {...}}`; the photo may be base64 (with or without a
`data:` prefix) or an http(s) URL. Bad values are refused with a message naming the field, the value and
what would be accepted, which is what the client passes on to the operator as the job's failure.
"""

from __future__ import annotations

import base64
import binascii
import re
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from booth.api.services import BASE_VIDEOS, CAPTURE_MODES, GENDERS, RATIOS, STYLE_IDS, Service
from booth.engine import looks
from booth.netloc import is_loopback_host

IMAGE_FIELDS = ("base64", "input_image", "image")
_DATA_URL = re.compile(r"^data:[\w.+-]+/[\w.+-]+;base64,", re.IGNORECASE)


class InputError(ValueError):
    """Invalid input: answered with 422 (or 400) and this message as `detail`."""


@dataclass(slots=True)
class RunFields:
    """The validated scalar fields of a run; `image_ref` is still the raw base64 or URL."""

    service: str
    image_ref: str
    image_field: str
    filter_id: int | str | None = None
    workflow_id: int | None = None
    style_id: int | None = None
    gender: int | None = None
    ratio: str | None = None
    capture_mode: int | None = None
    positive_prompt: str = ""
    negative_prompt: str = ""
    base_video: int | None = None
    video_name: str = ""


def _int(body: dict[str, Any], name: str, allowed: Any = None, hint: str = "") -> int | None:
    value = body.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InputError(f"{name} must be a whole number, got {value!r}")
    try:
        number = int(value)
    except ValueError:
        raise InputError(f"{name} must be a whole number, got {value!r}") from None
    if allowed is not None and number not in allowed:
        raise InputError(f"{name}={number} is not valid: {hint}")
    return number


def _text(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{name} must be a string, got {type(value).__name__}")
    return value


def _filter_id(value: Any) -> int | str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and not value.strip().lstrip("-").isdigit():
        try:
            return str(uuid.UUID(value.strip()))
        except ValueError:
            raise InputError(
                f"filter_id={value!r} is neither a filter number nor a custom filter UUID; "
                "pick one from GET /v1/filters/"
            ) from None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InputError(f"filter_id must be an int or a UUID string, got {value!r}")
    number = int(value)
    if number not in looks.FILTERS:
        known = ", ".join(str(k) for k in looks.FILTERS)
        raise InputError(f"filter_id={number} is not a known filter; known ids: {known} (see GET /v1/filters/)")
    return number


def parse(service: Service, payload: Any) -> RunFields:
    """Validate a run body for `service`; raises InputError naming the first problem found."""
    if not isinstance(payload, dict):
        raise InputError("the request body must be a JSON object of the service's fields")
    body = payload["input"] if isinstance(payload.get("input"), dict) else payload
    preferred = (service.image_field, *(f for f in IMAGE_FIELDS if f != service.image_field))
    field = next((f for f in preferred if body.get(f)), None)
    if field is None:
        raise InputError(f"missing image: send the photo as base64 (or an http(s) URL) in '{service.image_field}'")
    if not isinstance(body[field], str):
        raise InputError(f"{field} must be a base64 string or an http(s) URL")
    ratio = body.get("ratio") or None
    if ratio is not None and ratio not in RATIOS:
        raise InputError(f"ratio={ratio!r} is not valid: use one of {', '.join(RATIOS)}")
    fields = RunFields(
        service=service.name,
        image_ref=body[field],
        image_field=field,
        filter_id=_filter_id(body.get("filter_id")),
        workflow_id=_int(body, "workflow_id", looks.WORKFLOWS, "pick one from GET /v1/workflows/"),
        style_id=_int(body, "style_id", STYLE_IDS, "use 0..16 (see GET /v1/lazy_pose_styles/)"),
        gender=_int(body, "gender", GENDERS.values(), "use 0 male, 1 female, 2 boy, 3 girl"),
        ratio=ratio,
        capture_mode=_int(body, "capture_mode", CAPTURE_MODES, "use 1, 3, 4 or 5"),
        positive_prompt=_text(body, "positive_prompt"),
        negative_prompt=_text(body, "negative_prompt"),
        base_video=_int(body, "base_video", BASE_VIDEOS, "only 0 is available"),
        video_name=_text(body, "video_name"),
    )
    if service.name == "filter" and fields.filter_id is None:
        raise InputError("missing filter_id: pick one from GET /v1/filters/")
    return fields


async def image_bytes(ref: str, field: str, http: httpx.AsyncClient) -> bytes:
    """The encoded photo behind a base64 string, data: URL, or (loopback only) http(s) URL."""
    text = ref.strip()
    if text.lower().startswith(("http://", "https://")):
        host = urlsplit(text).hostname
        if not is_loopback_host(host):
            raise InputError(
                f"{field}: cannot fetch {host}: the local engine has no internet; send the image as base64"
            )
        try:
            answer = await http.get(text)
        except httpx.HTTPError as exc:
            raise InputError(f"{field}: could not fetch the image URL ({type(exc).__name__})") from None
        if answer.status_code != 200:
            raise InputError(f"{field}: the image URL answered {answer.status_code}")
        return answer.content
    text = _DATA_URL.sub("", text, count=1)
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=False)
    except (binascii.Error, ValueError):
        raise InputError(f"{field} is not valid base64: send the JPEG or PNG bytes base64-encoded") from None
