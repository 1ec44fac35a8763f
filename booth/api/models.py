"""What goes to the Eventstation API and what comes back, as plain values the rest of booth passes around.

The run request carries every field any service takes; the service table (services.py) decides which of them
go on the wire, so the job queue and the CLI never need to know a service's field list.
"""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, field
from typing import Any, Literal

from booth.api.services import FINAL_STATES, Service

MediaKind = Literal["image", "video"]

# RunRequest attribute -> wire field name, for every field except the photo itself.
_WIRE_FIELDS: dict[str, str] = {
    "filter_id": "filter_id",
    "workflow_id": "workflow_id",
    "style_id": "style_id",
    "gender": "gender",
    "ratio": "ratio",
    "capture_mode": "capture_mode",
    "positive_prompt": "positive_prompt",
    "negative_prompt": "negative_prompt",
    "base_video": "base_video",
    "video_name": "video_name",
}


@dataclass(frozen=True, slots=True)
class RunChoices:
    """What was chosen for one run: the service and its options, everything a RunRequest holds but the photo.

    The job queue stores these with each job and adds the photo only when it sends, so the field list lives
    here once. Options are keyword-only; unused ones stay None and are never sent.
    """

    service: str
    _: KW_ONLY
    filter_id: int | str | None = None
    workflow_id: int | None = None
    style_id: int | None = None
    gender: int | None = None
    ratio: str | None = None
    capture_mode: int | None = None
    positive_prompt: str | None = None
    negative_prompt: str | None = None
    base_video: int | None = None
    video_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The choices that are set, by field name (the service included)."""
        out: dict[str, Any] = {"service": self.service}
        out.update({k: v for k in _WIRE_FIELDS if (v := getattr(self, k)) is not None})
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunChoices:
        """Tolerates keys it does not know (a job stored by a newer booth)."""
        return cls(**{k: v for k, v in data.items() if k == "service" or k in _WIRE_FIELDS})

    def to_request(self, image: bytes) -> RunRequest:
        return RunRequest(image=image, **self.to_dict())


@dataclass(frozen=True, slots=True)
class RunRequest(RunChoices):
    """One guest photo and the choices made for it.

    `image` is the encoded capture (JPEG or PNG); the client scales it to the ratio's size before sending.
    """

    image: bytes = field(repr=False)

    def wire_fields(self, service: Service, image_b64: str) -> dict[str, Any]:
        """The JSON body for `service`: only the fields it takes, and only those that are set."""
        body: dict[str, Any] = {service.image_field: image_b64}
        for attr, name in _WIRE_FIELDS.items():
            value = getattr(self, attr)
            if value is not None and service.uses(name):
                body[name] = value
        return body


@dataclass(frozen=True, slots=True)
class Result:
    """A finished result: the bytes and the type read from them (never from the answer's key names)."""

    data: bytes = field(repr=False)
    mime: str
    ext: str

    @property
    def kind(self) -> MediaKind:
        return "video" if self.mime.startswith("video/") or self.mime == "image/gif" else "image"

    def __repr__(self) -> str:
        return f"Result(mime={self.mime!r}, ext={self.ext!r}, size={len(self.data)})"


@dataclass(slots=True)
class JobStatus:
    """One status answer. `state` is upper-cased; names booth does not know count as pending."""

    job_id: str
    state: str
    result: Result | None = None
    error: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def final(self) -> bool:
        return self.state in FINAL_STATES

    @property
    def pending(self) -> bool:
        return not self.final

    @property
    def completed(self) -> bool:
        return self.state == "COMPLETED" and self.result is not None


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """A filter, workflow or style the guest can pick; `preview` is a URL or base64 image if the API gives one."""

    id: int | str
    name: str
    category: str | None = None
    preview: str | None = field(default=None, repr=False)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "category": self.category, "preview": self.preview}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CatalogEntry:
        return cls(data["id"], str(data["name"]), data.get("category"), data.get("preview"))
