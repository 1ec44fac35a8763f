"""A "QR only, keep nothing" event (issue 13): the guest gets the code, never a print; once the link has
expired the guest's photo and results are deleted everywhere (booth.forget), and the wall shows none."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from kiosk_rig import Guest, open_kiosk, wait_until

from booth import forget
from booth import settings as settings_mod
from booth.jobs.job import Job, JobParams, JobState
from booth.ui.kiosk.flow import Step

LINK_S = 3.0


def test_pictures_are_deleted_once_the_link_expires(arun: Any, kiosk_settings: Any, monkeypatch: Any) -> None:
    kiosk_settings.event.keep_nothing = True
    kiosk_settings.sharing.token_ttl_h = LINK_S / 3600
    monkeypatch.setattr(forget, "SWEEP_S", 0.2)

    async def scenario() -> dict[str, Any]:
        kiosk = await open_kiosk(kiosk_settings, (1080, 1920))
        w, queue = kiosk.window, kiosk.ctx.queue
        try:
            job_id = await Guest(kiosk).visit("comic")
            await wait_until(lambda: kiosk.flow.step == Step.RESULT, 30, "the result")
            await wait_until(w.result.qr.isVisible, 10, "the download code")
            job = queue.job(job_id)
            files = [job.capture_path, job.result_path]
            url = w.delivery.urls[job_id]
            async with httpx.AsyncClient() as http:
                before = (await http.get(url)).status_code
                kept_while_live = all(p is not None and p.exists() for p in files)
                await wait_until(lambda: not any(p is not None and p.exists() for p in files), 20, "the deletion")
                after = (await http.get(url)).status_code
            return {"before": before, "kept": kept_while_live, "after": after,
                    "print": w.result.print_button.isVisible(), "wall": w._recent_results(),
                    "in_queue": job_id in {j.id for j in queue.jobs()}}
        finally:
            await kiosk.stop()

    seen = arun(scenario(), timeout=90)
    assert seen["before"] == 200 and seen["kept"]
    assert seen["after"] == 404
    assert not seen["in_queue"]
    assert not seen["print"]
    assert seen["wall"] == []


def _job(n: int, state: JobState, done: float, path: Path) -> Job:
    return Job(id=f"j{n}", seq=n, ticket=f"A{n}", state=state, params=JobParams(service="comic"),
               created_at=done - 5, updated_at=done, result_path=path)


def test_due_to_forget_waits_for_every_link(tmp_path: Path) -> None:
    now = time.time()
    a, b, c = (tmp_path / f"{n}.jpg" for n in "abc")
    jobs = [_job(1, JobState.COMPLETED, now - 100, a),  # old enough, its link ended: due
            _job(2, JobState.COMPLETED, now - 100, b),  # old enough, a link made later still works: kept
            _job(3, JobState.COMPLETED, now - 10, c),  # finished within a link's lifetime: kept
            _job(4, JobState.RUNNING, now - 100, tmp_path / "d.jpg")]  # not finished: kept
    assert [j.id for j in forget.due_to_forget(jobs, {b.resolve()}, 60, now)] == ["j1"]


def test_keep_nothing_needs_links_that_end() -> None:
    with pytest.raises(settings_mod.ConfigError, match="keep_nothing"):
        settings_mod.from_mapping({"event": {"keep_nothing": True}, "sharing": {"link_days": 0}})
