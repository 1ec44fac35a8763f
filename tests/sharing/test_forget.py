"""Forgetting a guest and ending their links, through both doors: `booth jobs forget|revoke` on an event folder,
and a running booth (the real JobQueue on the local engine, a real share server). Each removes every trace of
that ticket and nothing of any other."""

from __future__ import annotations

import asyncio
import io
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import shiboken6
from PIL import Image

from booth.cli import main
from booth.jobs.event import EventFolder
from booth.jobs.job import Job, JobParams, JobState, new_job_id, ticket_for
from booth.jobs.store import JobStore
from booth.printing.store import PrintJob, PrintStore
from booth.settings import EventSettings, SharingSettings
from booth.sharing.server import ShareServer
from booth.sharing.tokens import ShareStore

FILTER = JobParams("filter", filter_id=1, ratio="square")


def _guest(event: EventFolder, store: JobStore, seq: int) -> tuple[Job, list[Path]]:
    """A completed job as the queue leaves it: photo, result, an older result of a retry, a killed temp file."""
    job_id = new_job_id()
    ticket = ticket_for(seq)
    stem = f"{ticket}_{job_id[:8]}"
    capture, result = event.captures / f"{stem}.jpg", event.results / f"{stem}.png"
    earlier, temp = event.results / f"{stem}.jpg", event.results / f".{stem}.png.x1y2.tmp"
    for path in (capture, result, earlier):
        Image.new("RGB", (16, 16), (seq * 40 % 255, 0, 0)).save(path)
    temp.write_bytes(b"half")
    job = Job(id=job_id, seq=seq, ticket=ticket, state=JobState.COMPLETED, params=FILTER, capture_path=capture,
              result_path=result, result_kind="image")  # fmt: skip
    store.save(job)
    return job, [capture, result, earlier, temp]


@pytest.fixture
def two_guests(tmp_path: Path) -> tuple[EventFolder, dict[str, Any]]:
    """Guests A01 and A02, each with files, a print record and a download link."""
    event = EventFolder(tmp_path / "event")
    store = JobStore(event)
    prints = PrintStore(event.path / "prints")
    shares = ShareStore(event.path / "shares", event.results)
    guests: dict[str, Any] = {}
    for seq in (1, 2):
        job, files = _guest(event, store, seq)
        prints.save(PrintJob(id=f"p{seq}", job_id=job.id, image_path=str(job.result_path), copies=1))
        guests[job.ticket] = {"job": job, "files": files, "token": shares.add(files[1], None).token}
    store.close()
    prints.close()
    shares.close()
    return event, guests


def _print_owners(event: EventFolder) -> list[str]:
    store = PrintStore(event.path / "prints")
    try:
        return [p.job_id for p in store.load()]
    finally:
        store.close()


def _links(event: EventFolder, guests: dict[str, Any]) -> dict[str, bool]:
    shares = ShareStore(event.path / "shares", event.results)
    try:
        return {ticket: shares.lookup(guest["token"]) is not None for ticket, guest in guests.items()}
    finally:
        shares.close()


def test_booth_jobs_forget_removes_every_trace_of_the_ticket_and_nothing_else(two_guests, capsys):
    event, guests = two_guests
    assert main(["jobs", "forget", "a01", "--event", str(event.path)]) == 0
    out = capsys.readouterr().out
    assert "A01: forgotten: 4 file(s) deleted, 1 download link(s) ended, 1 print record(s) removed" in out
    assert not any(path.exists() for path in guests["A01"]["files"])
    assert all(path.exists() for path in guests["A02"]["files"])
    store = JobStore(event)
    assert [job.ticket for job in store.all()] == ["A02"]
    store.close()
    assert _print_owners(event) == [guests["A02"]["job"].id]
    assert _links(event, guests) == {"A01": False, "A02": True}
    assert main(["jobs", "list", "--event", str(event.path)]) == 0
    assert "A01" not in capsys.readouterr().out


def test_booth_jobs_revoke_ends_the_link_and_keeps_the_pictures(two_guests, capsys):
    event, guests = two_guests
    assert main(["jobs", "revoke", "A02", "--event", str(event.path)]) == 0
    assert "A02: 1 download link(s) ended" in capsys.readouterr().out
    assert _links(event, guests) == {"A01": True, "A02": False}
    assert all(path.exists() for guest in guests.values() for path in guest["files"])


def test_forget_refuses_under_a_running_booth_and_names_an_unknown_ticket(two_guests, capsys):
    event, guests = two_guests
    running = EventFolder(event.path)
    running.acquire()
    try:
        assert main(["jobs", "forget", "A01", "--event", str(event.path)]) == 2
        assert "Forget guest" in capsys.readouterr().err
    finally:
        running.release()
    assert all(path.exists() for path in guests["A01"]["files"])
    assert main(["jobs", "forget", "Z77", "--event", str(event.path)]) == 2
    assert "no job 'Z77'" in capsys.readouterr().err


def test_forget_in_a_running_booth_drops_the_job_from_memory_disk_and_links(arun, engine, tmp_path: Path):
    from booth.api.client import EventstationClient
    from booth.forget import forget_in_booth
    from booth.jobs.model import JobTableModel
    from booth.jobs.queue import CLIENT_RETRY, JobQueue
    from booth.settings import ApiSettings, JobSettings

    event = EventFolder(tmp_path / "event")
    sharing = SharingSettings(host="127.0.0.1", port=0)
    share = ShareServer(sharing, EventSettings(dir=event.path), event.path / "shares")
    share.start()

    async def scenario() -> None:
        client = EventstationClient(ApiSettings(), base_url=engine.url, retry=CLIENT_RETRY)
        queue = JobQueue(event, client, JobSettings(poll_interval_s=0.2))
        await queue.start()
        model = JobTableModel(queue)
        try:
            jobs = [queue.enqueue(_photo(seed), FILTER) for seed in (1, 2)]
            deadline = time.monotonic() + 30
            while not all(queue.job(j.id).state is JobState.COMPLETED for j in jobs):
                assert time.monotonic() < deadline, "the jobs did not complete"
                await asyncio.sleep(0.1)
            first, second = (queue.job(j.id) for j in jobs)
            links = [share.publish(job.result_path) for job in (first, second)]
            assert model.rowCount() == 2
            gone = await forget_in_booth(queue, event.path, first.id, share=share)
            assert gone.ticket == first.ticket and gone.links == 1
            assert {p.name for p in gone.files} == {first.capture_path.name, first.result_path.name}
            assert [job.id for job in queue.jobs()] == [second.id] and model.rowCount() == 1
            async with httpx.AsyncClient(timeout=5) as http:
                ended = await http.get(links[0])
                assert ended.status_code == 404 and "expired or was withdrawn" in ended.text
                assert (await http.get(links[1] + "/file")).status_code == 200
        finally:
            await queue.stop()
            await client.aclose()
            for qobject in (model, queue):  # freed on this thread, not by a later gc in a server's thread
                shiboken6.delete(qobject)

    try:
        arun(scenario())
    finally:
        share.close()
    left = sorted(p.name for folder in (event.captures, event.results) for p in folder.iterdir())
    assert left and all(name.startswith("A02_") for name in left)
    store = JobStore(event)
    assert [job.ticket for job in store.all()] == ["A02"]  # a restarted booth does not bring it back
    store.close()


def _photo(seed: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (seed * 60, 90, 120)).save(buffer, "JPEG")
    return buffer.getvalue()
