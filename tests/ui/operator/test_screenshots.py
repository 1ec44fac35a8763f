"""Screenshots of every operator tab at 1920x1080 (offscreen), with real jobs, for people to look at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from operator_rig import open_booth, photo, wait_until

from booth.jobs.job import JobParams, JobState


def test_every_tab_screenshot(arun: Any, operator_settings: Any, artifacts_dir: Path, engine: Any) -> None:
    screens = artifacts_dir / "screens"
    screens.mkdir(parents=True, exist_ok=True)

    async def scenario() -> list[Path]:
        booth = await open_booth(operator_settings)
        panel, queue = booth.panel, booth.ctx.queue
        try:
            for seed in range(3):
                queue.enqueue(photo(seed), JobParams(service="filter", filter_id=1, ratio="portrait"))
            queue.enqueue(photo(9), JobParams(service="filter", filter_id=999999, ratio="portrait"))
            await wait_until(lambda: all(job.final for job in queue.jobs()), 30, "the jobs to finish")
            assert sum(job.state is JobState.COMPLETED for job in queue.jobs()) == 3
            await wait_until(lambda: booth.ctx.camera.state == "live", 10, "the camera")
            panel.jobs_tab.select_job(queue.jobs()[0].id)
            panel.jobs_tab.open_button.click()
            await wait_until(lambda: panel.jobs_tab.preview.pixmap() is not None
                             and not panel.jobs_tab.preview.pixmap().isNull(), 10, "the result preview")
            saved = []
            for name in panel.tab_names():
                panel.show_tab(name)
                await wait_until(lambda: True)
                if name == "tab_catalog":
                    await wait_until(lambda: any(not panel.catalog_tab.list.item(i).icon().isNull()
                                                 for i in range(panel.catalog_tab.list.count())), 10,
                                     "catalog thumbnails")
                if name == "tab_camera":
                    await wait_until(lambda: panel.camera_tab.scan_button.isEnabled(), 10, "the camera scan")
                await __import__("asyncio").sleep(0.1)
                path = screens / f"operator-{name.removeprefix('tab_')}.png"
                assert panel.grab().save(str(path)), f"could not save {path}"
                saved.append(path)
            return saved
        finally:
            await booth.stop()

    saved = arun(scenario(), timeout=90)
    assert len(saved) == 6
    for path in saved:
        assert path.stat().st_size > 10_000, f"{path.name} looks empty"
