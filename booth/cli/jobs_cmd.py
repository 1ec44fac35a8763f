"""`booth jobs list|retry ID|cancel ID|revoke TICKET|forget TICKET --event DIR`: an event's jobs from a shell.

It reads and changes the event's job store directly, so it works when no booth is running (after a crash,
on another machine with a copy of the folder). Changing jobs under a running booth would race its queue, so
`retry` and `cancel` refuse while another process holds the folder; `list` always works (SQLite WAL lets it
read beside a writer). A retried job goes out when a booth or `booth batch` next opens the folder.
`revoke` ends a guest's download links; `forget` also deletes their photo, results and print records
(booth.forget), and like `retry` refuses under a running booth, whose operator panel has "Forget guest".
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING

from booth.cli.common import load_settings
from booth.cli.errors import CliError
from booth.cli.wording import held_advice, job_words, refusal_words

if TYPE_CHECKING:
    from pathlib import Path

    from booth.jobs.event import EventFolder
    from booth.jobs.job import Job
    from booth.jobs.store import JobStore


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("jobs", help="list, retry or cancel the jobs of an event folder")
    event = argparse.ArgumentParser(add_help=False)
    event.add_argument("--event", default=argparse.SUPPRESS, metavar="DIR", help="event folder")
    actions = parser.add_subparsers(dest="jobs_action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", parents=[event], help="ticket, id, service, state, attempts, error")
    listing.set_defaults(func=_list)
    for name, text in (("retry", "send the job (again) at the next start"), ("cancel", "stop working on the job")):
        action = actions.add_parser(name, parents=[event], help=text)
        action.add_argument("job", metavar="ID", help="job id (or its first 6+ characters) or ticket")
        action.set_defaults(func=_change, jobs_action=name)
        if name == "retry":
            action.add_argument(
                "--force", action="store_true", help="also a job at the service (a second run: may cost a credit)"
            )
    for name, text, func in (
        ("revoke", "end the guest's download links (the pictures stay)", _revoke),
        ("forget", "delete the guest's photo, results, prints and links for good", _forget),
    ):
        action = actions.add_parser(name, parents=[event], help=text)
        action.add_argument("job", metavar="TICKET", help="ticket (or job id)")
        action.set_defaults(func=func, jobs_action=name)


def _open(args: argparse.Namespace) -> tuple[JobStore, EventFolder]:
    from booth.jobs.event import DB_NAME, EventFolder
    from booth.jobs.store import JobStore, StoreError

    folder = load_settings(args).event.dir
    if not (folder / DB_NAME).exists():
        raise CliError(f"{folder}: no job store here; check --event (the folder `booth batch` or the kiosk used)", 2)
    event = EventFolder(folder)
    try:
        store = JobStore(event)
    except StoreError as exc:
        raise CliError(str(exc), 2) from None
    if store.repair is not None:
        fixed = store.repair
        print(f"booth: the job store was damaged ({fixed.cause}); moved it aside to {fixed.moved_to}, kept "
              f"{fixed.kept} jobs from it and rebuilt {fixed.rebuilt} jobs from captures/ and results/ "
              "(their choices were lost: they are listed as failed, or completed when the result is there)",
              file=sys.stderr)  # fmt: skip
    return store, event


def _row(job: Job) -> str:
    from booth.api.redact import redact

    state = job.state.value + (" (needs operator)" if job.needs_operator else "")
    state += " (original photo)" if job.fallback else ""
    error = redact(job_words(job)).replace("\n", " ")
    return f"{job.ticket:<6} {job.id:<32} {job.service:<22} {state:<28} {job.attempts:>3}  {error}"


def _list(args: argparse.Namespace) -> int:
    store, event = _open(args)
    jobs = store.all()
    print(f"{'TICKET':<6} {'ID':<32} {'SERVICE':<22} {'STATE':<28} {'TRY':>3}  ERROR")
    for job in jobs:
        print(_row(job))
    counts = store.counts()
    print(f"{len(jobs)} jobs: " + ", ".join(f"{n} {state}" for state, n in sorted(counts.items())))
    for job in jobs:  # where the panel shows Resubmit and Cancel
        if job.needs_operator:
            print(f"{job.ticket}: {held_advice(job, event.path)}")
    store.close()
    return 0


def _change(args: argparse.Namespace) -> int:
    from booth.jobs.event import EventBusyError

    store, event = _open(args)
    try:
        event.acquire()
    except EventBusyError as exc:
        raise CliError(f"{exc} to {args.jobs_action} job {args.job}", 2) from None
    try:
        job = store.find(args.job)
        if job is None:
            raise CliError(f"no job {args.job!r} in {store.event.path}: see `booth jobs list`", 2)
        if args.jobs_action == "retry":
            refusal = job.retry_refusal(force=args.force)
            if refusal is not None:
                raise CliError(refusal_words(job, refusal), 2)
            store.save(job.retried().replace(updated_at=time.time()))
            print(f"{job.ticket}: will be sent when a booth or `booth batch` next opens {store.event.path}")
        else:
            if job.final:
                raise CliError(f"job {job.ticket} is already {job.state.value}", 2)
            store.save(job.cancelled())
            print(f"{job.ticket}: cancelled")
    finally:
        event.release()
        store.close()
    return 0


def _revoke(args: argparse.Namespace) -> int:
    from booth.forget import UnknownJob, revoke_links

    store, event = _open(args)
    store.close()
    try:
        job, ended = revoke_links(event.path, args.job)
    except UnknownJob:
        raise CliError(f"no job {args.job!r} in {event.path}: see `booth jobs list`", 2) from None
    print(f"{job.ticket}: {ended} download link(s) ended")
    _withdraw_synced(args, [])
    return 0


def _forget(args: argparse.Namespace) -> int:
    from booth.forget import UnknownJob, forget_guest
    from booth.jobs.event import EventBusyError

    store, event = _open(args)
    store.close()
    try:
        event.acquire()
    except EventBusyError as exc:
        raise CliError(f"{exc} (or use its operator panel: Jobs, Forget guest) to forget {args.job}", 2) from None
    try:
        gone = forget_guest(event.path, args.job)
    except UnknownJob:
        raise CliError(f"no job {args.job!r} in {event.path}: see `booth jobs list`", 2) from None
    finally:
        event.release()
    print(f"{gone.ticket}: forgotten: {len(gone.files)} file(s) deleted, {gone.links} download link(s) ended, "
          f"{gone.prints} print record(s) removed")  # fmt: skip
    _withdraw_synced(args, gone.files)
    return 0


def _withdraw_synced(args: argparse.Namespace, forgotten: list[Path]) -> None:
    """With [sync] on, the ended links' copies (and a forgotten guest's results) leave the shared storage."""
    from booth.sync.syncer import RcloneError, Syncer

    settings = load_settings(args)
    if not (settings.sync.enabled and settings.sync.remote):
        return
    try:
        gone = Syncer(settings, settings.event.dir).withdraw(forgotten)
    except (RcloneError, ValueError) as exc:
        print(f"booth: the shared storage cannot be reached ({exc}); its copies go with the next sync pass "
              "(the kiosk's, or `booth sync`)", file=sys.stderr)  # fmt: skip
        return
    print(f"{len(gone)} file(s) deleted from the shared storage")
