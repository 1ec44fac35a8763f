"""Jobs tab, "Forget guest…": after a confirm step the guest's job leaves the table, the queue, the disk and
the share server, on a real booth (local engine, job queue, share server on loopback)."""

from __future__ import annotations

from typing import Any

import httpx
import shiboken6
from operator_rig import answer, click, open_booth, photo, question, wait_until

from booth.jobs.job import JobParams, JobState
from booth.ui.widgets.job_strip import JobStrip

FILTER = JobParams(service="filter", filter_id=1, ratio="portrait")


def test_forget_guest_asks_first_then_removes_the_job_everywhere(arun: Any, operator_settings: Any) -> None:
    async def scenario() -> None:
        booth = await open_booth(operator_settings)
        tab, queue, share = booth.panel.jobs_tab, booth.ctx.queue, booth.ctx.share
        strip = JobStrip(queue)  # the kiosk's row of ready tickets
        try:
            jobs = [queue.enqueue(photo(seed), FILTER) for seed in (1, 2)]
            await wait_until(lambda: all(queue.job(j.id).state is JobState.COMPLETED for j in jobs), 20, "the jobs")
            first, second = (queue.job(j.id) for j in jobs)
            await wait_until(lambda: len(strip.ticket_ids()) == 2, 5, "both tickets on the kiosk's strip")
            link = share.publish(first.result_path)
            assert tab.select_job(first.id)
            click(tab.forget_button)
            await wait_until(lambda: question("confirm_forget") is not None, 5, "the question")
            assert first.ticket in question("confirm_forget").informativeText()
            answer("confirm_forget", yes=False)
            await wait_until(lambda: question("confirm_forget") is None, 5, "the question to close")
            assert tab.proxy.rowCount() == 2 and first.result_path.exists()
            click(tab.forget_button)
            await wait_until(lambda: question("confirm_forget") is not None, 5, "the question")
            answer("confirm_forget", yes=True)
            await wait_until(lambda: not first.result_path.exists(), 10, "the files to go")
            await wait_until(lambda: tab.proxy.rowCount() == 1, 5, "the row to go")
            assert [job.id for job in queue.jobs()] == [second.id]
            assert strip.ticket_ids() == [second.id]  # the kiosk no longer offers the forgotten picture
            assert not first.capture_path.exists() and second.result_path.exists()
            await wait_until(lambda: any("forgotten" in e.text for e in tab._log.entries()), 5, "the log line")
            async with httpx.AsyncClient(timeout=5) as http:
                assert (await http.get(link + "/file")).status_code == 404
        finally:
            shiboken6.delete(strip)
            await booth.stop()

    arun(scenario())
