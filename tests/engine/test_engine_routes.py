"""Every route of contract.md answers in the contract's shape, and bad input gets a 422 that says why."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest
from engine_support import body_for, decode, jpeg, output_bytes

from booth.api.services import CATALOG_PATHS, MAX_BODY_BYTES, RATIOS, SERVICES
from booth.engine import looks
from booth.engine.sample import sample_photo


@pytest.mark.parametrize("kind", list(CATALOG_PATHS))
def test_catalogs_list_entries_with_id_name_and_a_preview_that_is_a_jpeg(http: httpx.Client, kind: str) -> None:
    answer = http.get(CATALOG_PATHS[kind])
    assert answer.status_code == 200
    entries = answer.json()
    assert isinstance(entries, list)
    expected = {"filters": len(looks.FILTERS), "workflows": len(looks.WORKFLOWS), "styles": 17}[kind]
    assert len(entries) == expected
    assert all(isinstance(e["id"], int) and e["name"] for e in entries)
    preview = http.get(entries[0]["preview"])
    assert preview.status_code == 200
    assert preview.headers["content-type"] == "image/jpeg"
    assert decode(preview.content).shape[2] == 3


def test_filter_previews_also_answer_at_the_short_path(http: httpx.Client) -> None:
    assert http.get("/_engine/previews/4.jpg").content == http.get("/_engine/previews/filters/4.jpg").content
    assert http.get("/_engine/previews/99.jpg").status_code == 404


def test_status_answers_to_get_as_well(http: httpx.Client, run: Any) -> None:
    job = run("filter")["id"]
    assert http.get(SERVICES["filter"].status_url(job)).json()["status"] == "COMPLETED"


def test_styles_are_numbered_0_to_16(http: httpx.Client) -> None:
    assert [e["id"] for e in http.get(CATALOG_PATHS["styles"]).json()] == list(range(17))


def test_at_least_twelve_distinct_filters(http: httpx.Client) -> None:
    entries = http.get(CATALOG_PATHS["filters"]).json()
    assert len({e["name"] for e in entries}) >= 12
    previews = {http.get(e["preview"]).content for e in entries}
    assert len(previews) == len(entries)  # every filter's preview looks different


def test_catalog_paths_answer_with_and_without_trailing_slash(http: httpx.Client) -> None:
    assert http.get("/v1/filters").json() == http.get("/v1/filters/").json()


@pytest.mark.parametrize("service", list(SERVICES))
def test_every_service_runs_in_queue_then_completes_with_a_result(service: str, run: Any, http: httpx.Client,
                                                                  photo_b64: str) -> None:
    first = http.post(SERVICES[service].run_path, json=body_for(service, photo_b64))
    assert first.status_code == 200
    assert first.json()["status"] == "IN_QUEUE" and first.json()["id"]
    status = run(service)
    assert status["status"] == "COMPLETED", status
    data = output_bytes(status)
    if SERVICES[service].kind == "video":
        assert data[4:8] == b"ftyp"
    else:
        img = decode(data)
        assert img.shape[:2] == (640, 480)  # no ratio sent: the photo's own size


@pytest.mark.parametrize("ratio", list(RATIOS))
def test_results_come_at_the_ratio_size(run: Any, ratio: str) -> None:
    img = decode(output_bytes(run("filter", ratio=ratio, filter_id=5)))
    assert (img.shape[1], img.shape[0]) == RATIOS[ratio]


def test_without_ratio_the_input_size_is_kept_capped_to_1024(http: httpx.Client, wait_done: Any) -> None:
    for size, expected in (((400, 300), (400, 300)), ((2048, 1536), (1024, 768))):
        b64 = base64.b64encode(jpeg(sample_photo(*size))).decode()
        job = http.post(SERVICES["comic"].run_path, json={"input_image": b64, "style_id": 2}).json()["id"]
        img = decode(output_bytes(wait_done("comic", job)))
        assert (img.shape[1], img.shape[0]) == expected


def test_fields_wrapped_in_input_and_data_urls_are_accepted(http: httpx.Client, photo_b64: str,
                                                            wait_done: Any) -> None:
    body = {"input": body_for("filter", f"data:image/jpeg;base64,{photo_b64}")}
    answer = http.post(SERVICES["filter"].run_path, json=body)
    assert answer.status_code == 200
    assert wait_done("filter", answer.json()["id"])["status"] == "COMPLETED"


def test_image_can_be_a_loopback_url(http: httpx.Client, engine: Any, wait_done: Any) -> None:
    url = f"{engine.url}/_engine/previews/filters/3.jpg"
    answer = http.post(SERVICES["skin_refiner"].run_path, json={"input_image": url})
    assert answer.status_code == 200, answer.text
    assert wait_done("skin_refiner", answer.json()["id"])["status"] == "COMPLETED"


@pytest.mark.parametrize(
    ("service", "change", "words"),
    [
        ("filter", {"filter_id": 999}, "filter_id=999"),
        ("filter", {"filter_id": "not-a-uuid"}, "filter_id"),
        ("filter", {"filter_id": None}, "missing filter_id"),
        ("comic", {"style_id": 17}, "style_id=17"),
        ("pose", {"style_id": -1}, "style_id"),
        ("selfprompt", {"workflow_id": 4242}, "workflow_id=4242"),
        ("filter", {"ratio": "panorama"}, "ratio"),
        ("filter", {"gender": 9}, "gender"),
        ("filter", {"capture_mode": 2}, "capture_mode"),
        ("animate_image", {"base_video": 3}, "base_video"),
        ("filter", {"base64": base64.b64encode(b"certainly not a picture").decode()}, "not a readable image"),
        ("filter", {"base64": None}, "missing image"),
        ("comic", {"input_image": "https://example.com/me.jpg"}, "no internet"),
    ],
)
def test_bad_input_is_refused_with_422_naming_the_problem(http: httpx.Client, photo_b64: str, service: str,
                                                          change: dict[str, Any], words: str) -> None:
    body = body_for(service, photo_b64)
    body.update(change)
    answer = http.post(SERVICES[service].run_path, json={k: v for k, v in body.items() if v is not None})
    assert answer.status_code == 422
    assert words in answer.json()["detail"]


def test_a_custom_filter_uuid_is_accepted(run: Any) -> None:
    assert run("filter", filter_id="6f1c2a3e-8b4d-4e5f-9a0b-1c2d3e4f5a6b")["status"] == "COMPLETED"


def test_a_body_that_is_not_json_is_refused(http: httpx.Client) -> None:
    answer = http.post(SERVICES["filter"].run_path, content=b"base64=abc", headers={"content-type": "text/plain"})
    assert answer.status_code == 422
    assert "JSON" in answer.json()["detail"]


def test_a_body_over_10_mb_is_refused_with_413(http: httpx.Client) -> None:
    answer = http.post(SERVICES["filter"].run_path, content=b"x" * (MAX_BODY_BYTES + 1),
                       headers={"content-type": "application/json"})
    assert answer.status_code == 413
    assert "JPEG" in answer.json()["detail"]


def test_status_of_an_unknown_job_is_404(http: httpx.Client) -> None:
    for service in ("filter", "pose", "animate_image", "comic", "skin_refiner"):
        answer = http.post(SERVICES[service].status_url("no-such-job"))
        assert answer.status_code == 404
        assert "not found" in answer.json()["detail"]


def test_admin_routes_report_change_and_reset(http: httpx.Client, run: Any) -> None:
    run("filter")
    stats = http.get("/_engine/stats").json()
    assert stats["runs_accepted"] == 1 and stats["completed"] == 1 and stats["status_calls"] >= 1
    changed = http.post("/_engine/config", json={"latency_s": 0.5, "variant": {"output": "image"}})
    assert changed.status_code == 200 and changed.json()["settings"]["latency_s"] == 0.5
    assert http.post("/_engine/config", json={"latency_s": -1}).status_code == 422
    assert http.post("/_engine/config", json={"variant": {"output": "carrier-pigeon"}}).status_code == 422
    assert http.post("/_engine/reset", json={}).json() == {"ok": True}
    assert http.get("/_engine/stats").json()["runs_accepted"] == 0


def test_the_run_log_names_each_accepted_runs_image_by_digest(http: httpx.Client, engine: Any, photo_b64: str) -> None:
    import hashlib

    answer = http.post(SERVICES["filter"].run_path, json=body_for("filter", photo_b64))
    assert answer.status_code == 200
    http.post(SERVICES["filter"].run_path, json=body_for("filter", "not base64 at all"))  # refused: not logged
    digest = hashlib.sha256(base64.b64decode(photo_b64)).hexdigest()
    assert engine.runs() == [{"id": answer.json()["id"], "service": "filter", "image_sha256": digest}]
    assert http.get("/_engine/runs").json() == engine.runs()
