"""Each answer-variant setting changes the answer's shape exactly as booth/engine/variants.py documents."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest
from engine_support import body_for, output_bytes

from booth.api.services import CATALOG_PATHS, SERVICES


def _submit(http: httpx.Client, photo_b64: str, service: str = "filter") -> dict[str, Any]:
    answer = http.post(SERVICES[service].run_path, json=body_for(service, photo_b64))
    assert answer.status_code == 200
    return answer.json()


def test_run_id_key_job_id(engine: Any, http: httpx.Client, photo_b64: str, wait_done: Any) -> None:
    engine.configure(variant={"run_id_key": "job_id"})
    answer = _submit(http, photo_b64)
    assert set(answer) == {"job_id", "status"}
    assert "job_id" in wait_done("filter", answer["job_id"])


@pytest.mark.parametrize(
    ("shape", "pick"),
    [
        ("base64", lambda out: out),
        ("images", lambda out: out["images"]),
        ("images_list", lambda out: out["images"][0]),
        ("image", lambda out: out["image"]),
        ("message", lambda out: out["message"]),
        ("video", lambda out: out["video"]),
        ("gif", lambda out: out["gif"]),
    ],
)
def test_output_shapes_all_carry_the_same_bytes(engine: Any, run: Any, shape: str, pick: Any) -> None:
    reference = base64.b64decode(run("filter")["output"]["images"])
    engine.configure(variant={"output": shape})
    value = pick(run("filter")["output"])
    assert isinstance(value, str)
    assert base64.b64decode(value) == reference
    engine.configure(variant={"output": shape, "data_prefix": "yes"})
    prefixed = pick(run("filter")["output"])
    assert prefixed.startswith("data:image/jpeg;base64,")
    assert base64.b64decode(prefixed.split(",", 1)[1]) == reference


def test_auto_output_uses_video_for_animations(run: Any) -> None:
    out = run("animate_image")["output"]
    assert set(out) == {"status", "video"}


def test_output_url_serves_the_result(engine: Any, run: Any, http: httpx.Client) -> None:
    engine.configure(variant={"output": "url"})
    out = run("background_remove")["output"]
    assert out["url"].startswith(engine.url + "/_engine/results/")
    download = http.get(out["url"])
    assert download.status_code == 200 and download.content[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("shape", "unwrap"),
    [
        ("list", lambda body, kind: body),
        ("wrapped", lambda body, kind: body[kind]),
        ("items", lambda body, kind: body["items"]),
        ("data", lambda body, kind: body["data"]),
    ],
)
@pytest.mark.parametrize("kind", list(CATALOG_PATHS))
def test_catalog_shapes(engine: Any, http: httpx.Client, shape: str, unwrap: Any, kind: str) -> None:
    engine.configure(variant={"catalog": shape})
    rows = unwrap(http.get(CATALOG_PATHS[kind]).json(), kind)
    assert isinstance(rows, list) and rows and "id" in rows[0] and "name" in rows[0]


def test_catalog_mapping_is_id_to_name(engine: Any, http: httpx.Client) -> None:
    engine.configure(variant={"catalog": "mapping"})
    mapping = http.get(CATALOG_PATHS["styles"]).json()
    assert isinstance(mapping, dict) and len(mapping) == 17 and all(isinstance(v, str) for v in mapping.values())


@pytest.mark.parametrize(("kind", "id_key"), [("filters", "filter_id"), ("workflows", "workflow_id"),
                                              ("styles", "style_id")])
@pytest.mark.parametrize("name_key", ["title", "label"])
def test_catalog_id_and_name_keys(engine: Any, http: httpx.Client, kind: str, id_key: str, name_key: str) -> None:
    engine.configure(variant={"catalog_id_key": "kind", "catalog_name_key": name_key})
    row = http.get(CATALOG_PATHS[kind]).json()[0]
    assert id_key in row and name_key in row and "id" not in row and "name" not in row


def test_catalog_preview_inline_or_left_out(engine: Any, http: httpx.Client) -> None:
    engine.configure(variant={"catalog_preview": "base64"})
    row = http.get(CATALOG_PATHS["filters"]).json()[0]
    assert base64.b64decode(row["preview"])[:2] == b"\xff\xd8"
    engine.configure(variant={"catalog_preview": "none"})
    assert "preview" not in http.get(CATALOG_PATHS["filters"]).json()[0]


@pytest.mark.parametrize("running", ["RUNNING", "WARMING_UP"])
def test_status_names_while_pending(engine: Any, http: httpx.Client, photo_b64: str, wait_done: Any,
                                    running: str) -> None:
    engine.configure(latency_s=0.6, variant={"status_queued": "QUEUED", "status_running": running})
    answer = _submit(http, photo_b64)
    assert answer["status"] == "QUEUED"
    seen = {http.post(SERVICES["filter"].status_url(answer["id"])).json()["status"]}
    while "COMPLETED" not in seen:
        seen.add(wait_done("filter", answer["id"], final=("COMPLETED", running))["status"])
    assert running in seen


@pytest.mark.parametrize(
    ("failed", "status", "has_error", "has_output"),
    [
        ("FAILED", "FAILED", True, False),
        ("CANCELLED", "CANCELLED", True, False),
        ("TIMED_OUT", "TIMED_OUT", True, False),
        ("COMPLETED_ERROR", "COMPLETED", True, False),
        ("COMPLETED_EMPTY", "COMPLETED", False, False),
    ],
)
def test_failed_job_shapes(engine: Any, run: Any, failed: str, status: str, has_error: bool,
                           has_output: bool) -> None:
    engine.configure(variant={"status_failed": failed}, faults={"run.fail": 1.0})
    answer = run("filter")
    assert answer["status"] == status
    assert ("error" in answer) is has_error and ("output" in answer) is has_output
    if has_error:
        assert "injected failure" in answer["error"]


def test_invalid_status_400(engine: Any, http: httpx.Client) -> None:
    engine.configure(variant={"invalid_status": "400"})
    assert http.post(SERVICES["filter"].run_path, json={"filter_id": 1}).status_code == 400


def test_timing_fields_can_be_left_out(engine: Any, run: Any) -> None:
    assert "delayTime" in run("filter") and "executionTime" in run("filter")
    engine.configure(variant={"timing": "no"})
    answer = run("filter")
    assert "delayTime" not in answer and "executionTime" not in answer


@pytest.mark.parametrize(("fmt", "magic", "service"), [("png", b"\x89PNG", "comic"), ("webp", b"RIFF", "filter"),
                                                      ("webp", b"RIFF", "background_remove")])
def test_image_format(engine: Any, run: Any, fmt: str, magic: bytes, service: str) -> None:
    engine.configure(variant={"image_format": fmt})
    assert output_bytes(run(service)).startswith(magic)


def test_animation_as_gif(engine: Any, run: Any) -> None:
    engine.configure(variant={"animation": "gif"})
    assert output_bytes(run("animate_image"))[:6] == b"GIF89a"


def test_unknown_variant_keys_and_values_are_refused_with_the_choices(engine: Any) -> None:
    with pytest.raises(ValueError, match="known keys"):
        engine.configure(variant={"colour": "red"})
    with pytest.raises(ValueError, match="images_list"):
        engine.configure(variant={"output": "fax"})
