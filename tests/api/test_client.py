"""The client against the local engine over loopback: every service, every answer variant, every catalog shape."""

from __future__ import annotations

import io
from typing import Any

import pytest
from api_support import MakeClient
from PIL import Image

from booth.api.errors import JobFailedError
from booth.api.models import JobStatus, RunRequest
from booth.api.services import RATIOS

REQUESTS = {
    "filter": {"filter_id": 1, "gender": 1, "ratio": "portrait", "capture_mode": 1},
    "selfprompt": {"workflow_id": 1, "gender": 0, "ratio": "square", "positive_prompt": "neon city at night"},
    "pose": {"style_id": 3, "gender": 1, "ratio": "landscape"},
    "two_persons": {"filter_id": 1, "ratio": "landscape"},
    "two_persons_selfprompt": {"positive_prompt": "watercolour garden", "ratio": "square"},
    "animate_image": {"base_video": 0, "video_name": "wave"},
    "background_remove": {},
    "comic": {"style_id": 2},
    "skin_refiner": {},
}


@pytest.mark.parametrize("service", sorted(REQUESTS))
async def test_every_service_round_trips_to_a_real_result(
    make_client: MakeClient, engine: Any, photo: bytes, service: str
) -> None:
    client = make_client()
    seen: list[str] = []
    result = await client.run(RunRequest(service, photo, **REQUESTS[service]), on_status=lambda s: seen.append(s.state))
    assert seen[0] == "IN_QUEUE" and seen[-1] == "COMPLETED"
    assert len(seen) == len(set(seen)), "each state change is reported once"
    if service == "animate_image":
        assert result.kind == "video"
        return
    assert result.kind == "image"
    picture = Image.open(io.BytesIO(result.data))
    assert picture.format.lower() == {"image/png": "png", "image/jpeg": "jpeg", "image/webp": "webp"}[result.mime]
    ratio = REQUESTS[service].get("ratio")
    if ratio:
        assert picture.size == RATIOS[ratio]
    assert engine.stats()["runs_received"] == 1


OUTPUT_VARIANTS = ["auto", "base64", "images", "images_list", "image", "message", "video", "gif", "url"]


async def test_every_output_variant_gives_the_same_picture(make_client: MakeClient, engine: Any, photo: bytes) -> None:
    # The output shape is chosen when the status is answered, so one finished job is read in every shape.
    client = make_client()
    job_id = await client.submit(RunRequest("background_remove", photo, ratio="square"))
    reference = await client.wait_for_result("background_remove", job_id)
    assert reference.mime == "image/png"
    assert Image.open(io.BytesIO(reference.data)).size == RATIOS["square"]
    for output in OUTPUT_VARIANTS:
        for prefix in ("no", "yes"):
            engine.configure(variant={"output": output, "data_prefix": prefix})
            status = await client.status("background_remove", job_id)
            assert status.completed, (output, prefix, status.error)
            assert status.result is not None and status.result.data == reference.data, (output, prefix)


@pytest.mark.parametrize(
    "variant",
    [
        {"run_id_key": "job_id"},
        {"status_running": "RUNNING"},
        {"status_running": "WARMING_UP", "status_queued": "WAITING"},
        {"timing": "no"},
    ],
)
async def test_run_and_status_variants(make_client: MakeClient, engine: Any, photo: bytes, variant: dict) -> None:
    engine.configure(variant=variant, latency_s=1.2)
    seen: list[str] = []
    result = await make_client().run(RunRequest("comic", photo, style_id=1), on_status=lambda s: seen.append(s.state))
    assert result.kind == "image"
    assert seen[-1] == "COMPLETED"
    if "status_running" in variant:
        assert variant["status_running"] in seen


async def test_an_unknown_state_is_pending_and_logged_once(
    make_client: MakeClient, engine: Any, photo: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    engine.configure(variant={"status_running": "THINKING_HARD"}, latency_s=2)
    client = make_client()
    with caplog.at_level("WARNING"):
        await client.run(RunRequest("comic", photo, style_id=1))
    assert engine.stats()["status_calls"] >= 2
    assert caplog.text.count("THINKING_HARD") == 1


FAILED_SHAPES = ["FAILED", "CANCELLED", "TIMED_OUT", "COMPLETED_ERROR", "COMPLETED_EMPTY"]


async def test_every_failed_job_shape_is_a_failed_job(make_client: MakeClient, engine: Any, photo: bytes) -> None:
    engine.configure(faults={"run.fail.next": 1})
    client = make_client()
    job_id = await client.submit(RunRequest("comic", photo, style_id=1))
    with pytest.raises(JobFailedError, match="injected failure") as caught:
        await client.wait_for_result("comic", job_id)
    assert caught.value.exit_code == 5
    for failed in FAILED_SHAPES:
        engine.configure(variant={"status_failed": failed})
        status: JobStatus = await client.status("comic", job_id)
        assert status.final and not status.pending and status.result is None, failed
        assert status.state == ("FAILED" if failed.startswith("COMPLETED") else failed)
        if failed != "COMPLETED_EMPTY":
            assert "injected failure" in (status.error or "")
        else:
            assert "without a usable result" in (status.error or "")


async def test_catalog_shapes_read_the_same(make_client: MakeClient, engine: Any) -> None:
    client = make_client()
    kinds = ("filters", "workflows", "styles")
    reference = {kind: [(e.id, e.name) for e in await client.catalog(kind)] for kind in kinds}
    assert len(reference["filters"]) >= 12 and len(reference["styles"]) == 17
    for shape in ("list", "wrapped", "items", "data", "mapping"):
        for id_key in ("id", "kind"):
            for name_key in ("name", "title", "label"):
                engine.configure(variant={"catalog": shape, "catalog_id_key": id_key, "catalog_name_key": name_key})
                for kind in kinds:
                    entries = await client.catalog(kind)
                    assert [(e.id, e.name) for e in entries] == reference[kind], (shape, id_key, name_key, kind)


@pytest.mark.parametrize("preview", ["url", "base64"])
async def test_catalog_previews_are_kept(make_client: MakeClient, engine: Any, preview: str) -> None:
    engine.configure(variant={"catalog_preview": preview})
    entries = await make_client().catalog("filters")
    assert all(entry.preview for entry in entries)
    if preview == "url":
        assert all(entry.preview.startswith(engine.url) for entry in entries)


async def test_catalog_comes_from_the_disk_cache_when_the_service_is_down(make_client: MakeClient, engine: Any) -> None:
    online = await make_client().catalog("filters")
    engine.go_down()
    try:
        # a new client, as after a restart of the booth in a venue without network
        offline = await make_client().catalog("filters")
    finally:
        engine.come_back()
    assert offline == online


async def test_a_shared_connection_serves_run_and_polls(make_client: MakeClient, engine: Any, photo: bytes) -> None:
    client = make_client()
    assert repr(client).startswith("EventstationClient(")
    await client.run(RunRequest("skin_refiner", photo))
    await client.run(RunRequest("skin_refiner", photo))
    assert engine.stats()["runs_received"] == 2
