"""Screenshots of every operator tab at 1920x1080 (offscreen), on a booth with real jobs, for people to look at.

Saved as test-artifacts/screens/operator-<tab>.png; the jobs are photos from the demo camera run through the
local engine, one of them refused by the service and one whose answer was lost (waiting for the operator).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from operator_rig import open_booth, question, settle, wait_until

from booth.jobs.job import JobParams, JobState


def test_every_tab_screenshot(arun: Any, operator_settings: Any, artifacts_dir: Path, engine: Any) -> None:
    screens = artifacts_dir / "screens"
    screens.mkdir(parents=True, exist_ok=True)

    async def scenario() -> list[Path]:
        booth = await open_booth(operator_settings)
        panel, queue, camera = booth.panel, booth.ctx.queue, booth.ctx.camera
        try:
            await wait_until(lambda: camera.state == "live", 10, "the camera")
            for look in (1, 4, 8, 11):
                still = await camera.capture_still("portrait")
                queue.enqueue(still, JobParams(service="filter", filter_id=look, ratio="portrait"))
            queue.enqueue(await camera.capture_still("portrait"),
                          JobParams(service="filter", filter_id=999999, ratio="portrait"))  # fmt: skip
            await wait_until(lambda: all(job.final for job in queue.jobs()), 30, "the jobs to finish")
            engine.configure(faults={"run.lost.next": 1})
            lost = queue.enqueue(await camera.capture_still("square"), JobParams(service="comic", style_id=3))
            await wait_until(lambda: queue.job(lost.id).needs_operator, 30, "the lost answer")
            assert sum(job.state is JobState.COMPLETED for job in queue.jobs()) == 4

            panel.jobs_tab.select_job(queue.jobs()[1].id)
            panel.jobs_tab.open_button.click()
            await wait_until(panel.jobs_tab.preview.has_image, 10, "the result preview")
            saved = []
            for name in panel.tab_names():
                panel.show_tab(name)
                if name == "tab_catalog":
                    await wait_until(lambda: panel.catalog_tab.list.count() > 0 and all(
                        not panel.catalog_tab.list.item(i).icon().isNull()
                        for i in range(panel.catalog_tab.list.count())), 10, "catalog thumbnails")  # fmt: skip
                if name == "tab_camera":
                    await wait_until(lambda: panel.camera_tab.scan_button.isEnabled(), 10, "the camera scan")
                    await wait_until(lambda: panel.camera_tab.preview.frames_painted > 2, 10, "the live preview")
                settle()
                path = screens / f"operator-{name.removeprefix('tab_')}.png"
                shot = panel.grab()
                assert (shot.width(), shot.height()) == (1920, 1080), f"{name} does not fit a 1920x1080 screen"
                assert shot.save(str(path)), f"could not save {path}"
                saved.append(path)

            panel.resize(1080, 1920)  # a portrait kiosk screen
            for name in panel.tab_names():
                panel.show_tab(name)
                settle()
                path = screens / f"operator-portrait-{name.removeprefix('tab_')}.png"
                shot = panel.grab()
                assert (shot.width(), shot.height()) == (1080, 1920), f"{name} does not fit a portrait screen"
                assert shot.save(str(path)), f"could not save {path}"
                saved.append(path)

            panel.show_tab("tab_jobs")
            panel.jobs_tab.select_job(lost.id)
            panel.jobs_tab.resubmit_button.click()
            await wait_until(lambda: question("confirm_resubmit") is not None, 5, "the question")
            settle()
            box = question("confirm_resubmit")
            path = screens / "operator-confirm-resubmit.png"
            assert box.grab().save(str(path))
            saved.append(path)
            box.reject()
            return saved
        finally:
            await booth.stop()

    saved = arun(scenario(), timeout=120)
    assert len(saved) == 15  # seven tabs in two orientations and the question
    for path in saved:
        assert path.stat().st_size > 5_000, f"{path.name} looks empty"
