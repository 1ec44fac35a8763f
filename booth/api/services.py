"""The Eventstation service table: the one place that says which route takes which fields.

contract.md marks the field lists as uncertain, so a correction here is a one-line change that the
client, the local engine, the kiosk and the CLI all follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["image", "video"]


@dataclass(frozen=True, slots=True)
class Service:
    name: str
    run_path: str
    status_path: str  # with "{id}"
    fields: tuple[str, ...]
    kind: Kind = "image"

    @property
    def image_field(self) -> str:
        """The field that carries the guest's photo (`base64` or `input_image`)."""
        return "input_image" if "input_image" in self.fields else "base64"

    def uses(self, field: str) -> bool:
        return field in self.fields

    def status_url(self, job_id: str) -> str:
        return self.status_path.format(id=job_id)


def _service(name: str, run: str, status: str, fields: str, kind: Kind = "image") -> Service:
    return Service(name, run, status, tuple(fields.split()), kind)


SERVICES: dict[str, Service] = {
    s.name: s
    for s in (
        _service("filter", "/v2/run/filter_id/", "/v2/status/{id}",
                 "base64 filter_id gender ratio capture_mode"),
        _service("selfprompt", "/v2/run/selfprompt/", "/v2/status/{id}",
                 "base64 workflow_id gender ratio capture_mode positive_prompt negative_prompt"),
        _service("pose", "/v2/run/pose/", "/v2/status_pose_new/{id}", "input_image style_id gender ratio"),
        _service("two_persons", "/v1/run/two_persons/", "/v2/status/{id}", "base64 filter_id ratio"),
        _service("two_persons_selfprompt", "/v1/run/two_persons_selfprompt/", "/v2/status/{id}",
                 "base64 positive_prompt negative_prompt ratio"),
        _service("animate_image", "/v1/run/animate_image/", "/v1/status_animate_image/{id}",
                 "input_image base_video video_name", kind="video"),
        _service("background_remove", "/v1/run/background_remove/", "/v2/status/{id}", "base64"),
        _service("comic", "/v1/run/comic/", "/v1/status_comic/{id}", "input_image style_id"),
        _service("skin_refiner", "/v1/run/skin_refiner/", "/v1/status_skin_refiner/{id}", "input_image"),
    )
}

CATALOG_PATHS: dict[str, str] = {
    "filters": "/v1/filters/",
    "workflows": "/v1/workflows/",
    "styles": "/v1/lazy_pose_styles/",
}

RATIOS: dict[str, tuple[int, int]] = {
    "portrait": (768, 1152),
    "landscape": (1152, 768),
    "square": (1024, 1024),
}

GENDERS: dict[str, int] = {"male": 0, "female": 1, "boy": 2, "girl": 3}

CAPTURE_MODES: dict[int, str] = {
    1: "Single Person Quick V4",
    3: "Single Person High Quality V4",
    4: "Single Person 4k V4",
    5: "Single Person High Quality V5",
}

STYLE_IDS = range(17)
BASE_VIDEOS = (0,)

PENDING_STATES = frozenset({"IN_QUEUE", "IN_PROGRESS", "RUNNING"})
FINAL_STATES = frozenset({"COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"})

# Results are kept this long after completion, then the job is unknown (404).
RETENTION_S = 30 * 60
# RunPod refuses bodies over 10 MB.
MAX_BODY_BYTES = 10 * 1024 * 1024


def service(name: str) -> Service:
    """Look a service up, with an error that lists the valid names."""
    try:
        return SERVICES[name]
    except KeyError:
        raise KeyError(f"unknown service {name!r}; choose one of: {', '.join(SERVICES)}") from None
