"""Forget a guest, or end their download links: the one place that knows every trace a ticket leaves.

A guest's job leaves its photo and results in the event folder (booth.jobs.forget), its print records
(booth.printing.store) and its download links (booth.sharing.tokens). It sits above those parts because it
joins them. Two doors use it: `booth jobs forget|revoke TICKET --event DIR` on a folder no booth is running
(the stores are opened here), and the operator panel of a running kiosk, which asks the running parts so
none keeps the job in memory.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from booth.jobs.event import EventFolder
from booth.jobs.forget import forget_job, job_files
from booth.jobs.job import Job
from booth.jobs.store import JobStore
from booth.printing import store as prints
from booth.sharing import tokens

log = logging.getLogger(__name__)
SWEEP_S = 30.0  # how often a "keep nothing" event looks for guests whose links have expired

if TYPE_CHECKING:
    from booth.jobs.queue import JobQueue
    from booth.printing.service import PrintService
    from booth.sharing.server import ShareServer
    from booth.sync.loop import SyncLoop


class UnknownJob(LookupError):
    """No job answers to the ticket or id given; the message names it."""


@dataclass(frozen=True)
class Forgotten:
    ticket: str
    job_id: str
    files: list[Path]  # deleted from the event folder
    links: int  # download links ended
    prints: int  # print records dropped


def _find(store: JobStore, ref: str) -> Job:
    job = store.find(ref)
    if job is None:
        raise UnknownJob(ref)
    return job


def _end_links(event: EventFolder, files: list[Path]) -> int:
    """End the links to `files` in the event's share store, if the event ever shared anything."""
    folder = event.shares
    if not files or not (folder / tokens.FILE_NAME).exists():
        return 0
    shares = tokens.ShareStore(folder, event.results)
    try:
        return shares.revoke_files(files)
    finally:
        shares.close()


def _drop_prints(event: EventFolder, job_id: str) -> int:
    folder = event.prints
    if not (folder / prints.FILE_NAME).exists():
        return 0
    store = prints.PrintStore(folder)
    try:
        return store.delete_job(job_id)
    finally:
        store.close()


def revoke_links(event_dir: Path, ref: str) -> tuple[Job, int]:
    """End every download link of one guest's job (by ticket or id); the pictures stay. Blocking."""
    event = EventFolder(event_dir)
    store = JobStore(event)
    try:
        job = _find(store, ref)
        return job, _end_links(event, job_files(event, job))
    finally:
        store.close()


def forget_guest(event_dir: Path, ref: str) -> Forgotten:
    """Delete one guest's job everywhere in an event folder no booth is running (the caller holds its lock)."""
    event = EventFolder(event_dir)
    store = JobStore(event)
    try:
        job = _find(store, ref)
        files = forget_job(event, store, job)
    finally:
        store.close()
    return Forgotten(job.ticket, job.id, files, _end_links(event, files), _drop_prints(event, job.id))


async def forget_in_booth(
    queue: JobQueue,
    event_dir: Path,
    job_id: str,
    *,
    printer: PrintService | None = None,
    share: ShareServer | None = None,
    sync: SyncLoop | None = None,
) -> Forgotten:
    """Delete one guest's job in a running booth: out of the queue's memory, the printer's and off disk."""
    job = queue.job(job_id)
    event = await asyncio.to_thread(EventFolder, event_dir)
    if printer is not None:
        dropped = printer.forget(job_id)
    else:  # printing is off or failed to start: its records may still be on disk
        dropped = await asyncio.to_thread(_drop_prints, event, job_id)
    files = await queue.forget(job_id)
    if share is not None:
        links = await asyncio.to_thread(share.revoke_files, files)
    else:
        links = await asyncio.to_thread(_end_links, event, files)
    if sync is not None:  # the copies on the event's shared storage go too
        await sync.withdraw(files)
    return Forgotten(job.ticket, job.id, files, links, dropped)


def due_to_forget(jobs: Iterable[Job], live: set[Path], lifetime_s: float, now: float) -> list[Job]:
    """The finished jobs a "keep nothing" event deletes now: finished at least a link's lifetime ago (a link
    made later lives no longer than that after it was made) and no link to any of their files still works."""
    due = []
    for job in jobs:
        if not job.final or now < job.updated_at + lifetime_s:
            continue
        files = {p.resolve() for p in (job.capture_path, job.result_path) if p is not None}
        if not files & live:
            due.append(job)
    return due


async def forget_expired(
    queue: JobQueue,
    event_dir: Path,
    lifetime_s: float,
    *,
    printer: PrintService | None = None,
    share: ShareServer | None = None,
    sync: SyncLoop | None = None,
) -> list[Forgotten]:
    """One pass of a "keep nothing" event: every guest whose link has expired is forgotten everywhere."""
    live = await asyncio.to_thread(share.live_paths) if share is not None else set()
    done = []
    for job in due_to_forget(queue.jobs(), live, lifetime_s, time.time()):
        done.append(await forget_in_booth(queue, event_dir, job.id, printer=printer, share=share, sync=sync))
        log.info("keep nothing: ticket %s forgotten, its link has expired", job.ticket)
    return done


async def keep_nothing(
    queue: JobQueue,
    event_dir: Path,
    lifetime_s: float,
    *,
    printer: PrintService | None = None,
    share: ShareServer | None = None,
    sync: SyncLoop | None = None,
) -> None:
    """Runs for the booth's life: a pass every SWEEP_S; a failed pass is logged and tried again."""
    while True:
        try:
            await forget_expired(queue, event_dir, lifetime_s, printer=printer, share=share, sync=sync)
        except Exception:
            log.warning("keep nothing: a pass failed; trying again in %.0f s", SWEEP_S, exc_info=True)
        await asyncio.sleep(SWEEP_S)
