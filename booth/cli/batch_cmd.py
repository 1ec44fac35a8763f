"""`booth batch IMAGE... --service S --event DIR --out DIR`: many photos through the kiosk's own JobQueue.

It rehearses an event from a folder of photos, or finishes one after a crash: each image becomes a job in
the event folder (identified by a hash of the image and the options), so running the same command again
resumes it and never sends a finished photo twice. A job that failed is not sent again either (a run that
timed out may still be at the service, and another costs a credit) unless `--retry-failed` says so.
Progress is one line of counts per state on stderr; why the queue waits (service unreachable, sign-in,
credits, ...) is printed once per reason above it. Exit codes: 0 all delivered; 2 bad options, or a folder
that cannot be used (event folder, job store, --out full); 3 sign-in refused; 4 out of credits; 5 some
photos have no result (failed, cancelled, result missing, not saved); 7 some jobs wait for the operator
(`booth jobs retry|cancel`), with a summary line per unfinished photo.
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from booth.api.services import SERVICES
from booth.app import build_queue
from booth.cli.common import add_run_arguments, let_signals_in, load_settings, request_fields, service_url
from booth.cli.errors import CliError
from booth.cli.wording import BLOCKING_EXIT, held_advice, job_words, problem_line, retry_command
from booth.jobs.job import JobState
from booth.problems import Problem, Remedy

if TYPE_CHECKING:
    from booth.jobs.event import EventFolder
    from booth.jobs.job import Job, JobParams
    from booth.jobs.queue import JobQueue
    from booth.settings import Settings

EXIT_NEEDS_OPERATOR = 7
NOT_SAVED = "not saved"  # the queue has no record of the job: its photo never reached the event folder
HELD = "waiting for operator"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("batch", help="run many photos through the job queue (resumable)")
    parser.add_argument("images", nargs="+", metavar="IMAGE", help="photos (JPEG or PNG)")
    parser.add_argument("--service", required=True, metavar="S", help=f"one of: {', '.join(SERVICES)}")
    add_run_arguments(parser)
    parser.add_argument("--event", default=argparse.SUPPRESS, metavar="DIR", help="event folder (jobs, captures)")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for the results")
    parser.add_argument(
        "--retry-failed",
        action="store_true",
        help="send the jobs that failed in an earlier run again (by default a re-run only lists them: a run "
        "that timed out may still be at the service, and each new run may cost a credit)",
    )
    parser.set_defaults(func=_batch)


@dataclass
class _Photo:
    path: Path
    data: bytes = field(repr=False)
    key: str = ""
    job_id: str = ""


def _read_images(paths: list[str]) -> list[_Photo]:
    from io import BytesIO

    from PIL import Image, UnidentifiedImageError

    photos = []
    for text in paths:
        path = Path(text).expanduser()
        try:
            data = path.read_bytes()
            with Image.open(BytesIO(data)) as image:
                image.verify()
        except FileNotFoundError:
            raise CliError(f"{path}: no such file", 2) from None
        except OSError as exc:
            if isinstance(exc, UnidentifiedImageError):
                raise CliError(f"{path}: not a readable JPEG or PNG image", 2) from None
            raise CliError(f"{path}: cannot read it ({exc.strerror or exc})", 2) from None
        except (ValueError, SyntaxError):
            raise CliError(f"{path}: not a readable JPEG or PNG image", 2) from None
        photos.append(_Photo(path, data))
    return photos


def _event_folder(path: Path) -> EventFolder:
    """The event folder, created if missing; a path that cannot be one is refused with a message."""
    from booth.jobs.event import EventFolder

    try:
        return EventFolder(path)
    except (FileExistsError, NotADirectoryError):
        raise CliError(f"event folder {path} (--event) is a file, not a folder, or lies inside one: "
                       "give the path of a folder (a missing one is created)", 2) from None  # fmt: skip
    except OSError as exc:
        raise CliError(f"event folder {path} (--event): cannot create it ({exc.strerror or exc}); "
                       "choose a folder you can write to", 2) from None  # fmt: skip


def _batch(args: argparse.Namespace) -> int:
    from booth.jobs.job import JobParams, content_key

    if args.service not in SERVICES:
        raise CliError(f"unknown service {args.service!r}: choose one of {', '.join(SERVICES)}", 2)
    params = JobParams(service=args.service, **request_fields(args))
    settings = load_settings(args)
    photos = _read_images(args.images)
    for photo in photos:
        photo.key = content_key(photo.data, params)
    out = Path(args.out).expanduser()
    beside = sorted({str(photo.path) for photo in photos if photo.path.resolve().parent == out.resolve()})
    if beside:  # a result is named after its photo: anna.jpg's result would replace anna.jpg itself
        raise CliError(f"--out {out} is the folder of the photos given ({', '.join(beside[:3])}"
                       f"{', ...' if len(beside) > 3 else ''}): their results would replace them; choose another "
                       "--out folder", 2)  # fmt: skip
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"--out {out}: cannot create the folder ({exc.strerror})", 2) from None
    event = _event_folder(settings.event.dir)
    if getattr(args, "event", None) is None:  # the kiosk's own folder: say so, a rehearsal may not want it
        print(f"booth: no --event given: using the event folder of the settings, {event.path}", file=sys.stderr)

    import logging

    import qasync
    from PySide6.QtCore import QCoreApplication

    if not getattr(args, "verbose", False):  # the progress line says it all; -v shows every request
        for name in ("httpx", "booth.api"):
            logging.getLogger(name).setLevel(logging.WARNING)

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    if not settings.api.url:
        print("booth: no service URL set (api.url or BOOTH_API_URL): using the built-in local engine",
              file=sys.stderr)  # fmt: skip
    with service_url(settings) as url:
        ticker = let_signals_in()  # noqa: F841  # Ctrl-C, SIGTERM and SIGHUP get in while the loop sleeps
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        try:
            code: int = loop.run_until_complete(_run(settings, url, params, photos, out, event, args.retry_failed))
            return code
        finally:
            loop.close()
            asyncio.set_event_loop(None)


async def _run(settings: Settings, url: str, params: JobParams, photos: list[_Photo], out: Path,
               event: EventFolder, retry_failed: bool) -> int:  # fmt: skip
    import sqlite3

    from booth.api.client import EventstationClient
    from booth.jobs.event import EventBusyError
    from booth.jobs.job import Delivery
    from booth.jobs.queue import CLIENT_RETRY
    from booth.jobs.store import StoreError

    client = EventstationClient(settings.api, base_url=url, retry=CLIENT_RETRY)
    queue = build_queue(settings, event, client)
    progress = _Progress(queue, photos, out, event.path)  # before start: resuming may already report a problem
    try:
        await queue.start()
    except (EventBusyError, StoreError, sqlite3.DatabaseError, ValueError, OSError) as exc:
        await queue.stop()  # releases the folder's lock if start took it
        await client.aclose()
        if isinstance(exc, EventBusyError | StoreError):
            message = str(exc)
        elif isinstance(exc, OSError):
            message = f"event folder {event.path}: cannot use it ({exc.strerror or exc}); check the disk"
        else:
            message = (f"{event.db_path}: cannot read the job store ({exc}); keep a copy of the folder "
                       "and ask for help")  # fmt: skip
        raise CliError(message, 2) from None
    interrupted = asyncio.Event()
    loop = asyncio.get_running_loop()
    # Ctrl-C, kill, and a closed ssh session (SIGHUP) all stop cleanly: the queue finishes its writes and
    # runs being sent hear their answers, so the next run resumes without asking about them.
    handled = [signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    previous = {sig: signal.getsignal(sig) for sig in handled}
    for sig in previous:
        signal.signal(sig, lambda *_: loop.call_soon_threadsafe(interrupted.set))
    try:
        for photo in photos:
            delivery = Delivery(screen=False, print_copies=0, qr=False)
            photo.job_id = _job_for(queue, photo, params, delivery, retry_failed=retry_failed).id
        await progress.wait(interrupted)
    finally:
        progress.end_line()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        await queue.stop()
        await client.aclose()
    if interrupted.is_set():
        print("booth: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    return _summary(progress, event)


def _job_for(queue: JobQueue, photo: _Photo, params: JobParams, delivery: Any, *, retry_failed: bool) -> Job:
    """The photo's job from an earlier run (sent again if it failed and --retry-failed), else a new one."""
    earlier = queue.find_by_key(photo.key)
    if earlier:
        job = earlier[-1]
        if job.state is JobState.FAILED and retry_failed:
            return queue.retry(job.id)
        return job
    return queue.enqueue(photo.data, params, delivery, key=photo.key)


def _say(text: str) -> None:
    """One "booth: ..." line on stderr (belt and braces: without any known secret)."""
    from booth.api.redact import redact

    print(f"booth: {redact(text)}", file=sys.stderr, flush=True)


class _Progress:
    """Waits for the photos' jobs, copies each result to --out as it lands, and draws the counts."""

    def __init__(self, queue: JobQueue, photos: list[_Photo], out: Path, event_dir: Path) -> None:
        self.queue = queue
        self.event_dir = event_dir
        self.photos = photos
        self.out = out
        self.names = _out_names(photos)
        for name in self.names.values():  # half-written results of a killed earlier run
            for leftover in out.glob(f".{name}.*.tmp"):
                leftover.unlink(missing_ok=True)
        self.delivered: set[Path] = set()
        self.missing: dict[Path, str] = {}  # results the event folder no longer has
        self.changed = asyncio.Event()
        self.tty = sys.stderr.isatty()
        self.on_bar_line = False  # the terminal's cursor is on the bar: clear it before printing anything
        self.last_line = ""
        self.last_draw = 0.0
        self.said: set[str] = set()
        self.blocking: Problem | None = None  # sign-in or credits: nothing is sent until the operator acts
        queue.job_changed.connect(lambda _id: self.changed.set())
        queue.job_added.connect(lambda _id: self.changed.set())
        queue.problem.connect(self._problem)
        queue.problem_over.connect(self._problem_over)

    def job(self, photo: _Photo) -> Job | None:
        """The photo's job, or None when the queue has no record of it (its photo could not be saved)."""
        try:
            return self.queue.job(photo.job_id)
        except KeyError:
            return None

    def _problem(self, problem: Problem) -> None:
        """Why the queue waits or what went wrong, once per distinct message, on a line of its own."""
        if problem.kind in BLOCKING_EXIT:
            self.blocking = problem
        text = problem_line(problem)
        if problem.remedy is Remedy.RESUBMIT:
            text += "; the summary at the end says how to send it again or cancel it"
        if text in self.said:
            return
        self.said.add(text)
        self.end_line(clear=True)
        _say(text)
        self.changed.set()  # the bar comes back below it

    def _problem_over(self, kind: str) -> None:
        if self.blocking is not None and self.blocking.kind == kind:
            self.blocking = None
            self.changed.set()

    def end_line(self, *, clear: bool = False) -> None:
        """Leave the bar's line (clearing it, or keeping it above) so the next text starts a line."""
        if self.on_bar_line:
            sys.stderr.write("\r\x1b[2K" if clear else "\n")
            sys.stderr.flush()
            self.on_bar_line = False

    async def wait(self, interrupted: asyncio.Event) -> None:
        while not interrupted.is_set():
            await self._deliver()
            self._draw()
            if self._settled():
                break
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), timeout=0.5)
            except TimeoutError:
                pass
        self._draw(final=True)

    def _settled(self) -> bool:
        jobs = [self.job(p) for p in self.photos]
        open_jobs = [j for j in jobs if j is not None and not j.final and not j.needs_operator]
        if not open_jobs:
            landed = [p for p, j in zip(self.photos, jobs, strict=True)
                      if j is not None and j.result_path and j.state is JobState.COMPLETED]  # fmt: skip
            return all(p.path in self.delivered or p.path in self.missing for p in landed)
        return self.blocking is not None and all(j.state is JobState.CAPTURED for j in open_jobs)

    async def _deliver(self) -> None:
        from booth.jobs import event as event_mod

        for photo in self.photos:
            job = self.job(photo)
            if job is None or job.state is not JobState.COMPLETED or job.result_path is None:
                continue
            if photo.path in self.delivered or photo.path in self.missing:
                continue
            try:
                data = await asyncio.to_thread(job.result_path.read_bytes)
            except OSError as exc:
                what = "result missing" if isinstance(exc, FileNotFoundError) else f"result unreadable ({exc.strerror})"
                self.missing[photo.path] = (
                    f"{what}: {job.result_path} (job {job.ticket} is completed, so it is not sent again); "
                    "put the file back from a copy of the event folder, or make it again with "
                    f"{retry_command(job.ticket, self.event_dir, force=True)} (a new run), "
                    "then run this command again"
                )
                continue
            target = self.out / f"{self.names[photo.path]}{job.result_path.suffix}"
            try:
                await asyncio.to_thread(event_mod.atomic_write, target, data)
            except OSError as exc:
                full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
                fix = "free some space" if full else "check the folder (permissions, disk)"
                raise CliError(f"--out {self.out}: cannot write {target.name} ({exc.strerror or exc}); {fix} or "
                               "choose another --out, then run the same command again: finished photos are not "
                               "sent again", 2) from None  # fmt: skip
            self.delivered.add(photo.path)

    def _draw(self, *, final: bool = False) -> None:
        counts: dict[str, int] = {}
        seen: set[str] = set()
        for photo in self.photos:
            if photo.job_id in seen:
                continue
            seen.add(photo.job_id)
            job = self.job(photo)
            state = NOT_SAVED if job is None else HELD if job.needs_operator else job.state.value
            counts[state] = counts.get(state, 0) + 1
        total = sum(counts.values())
        done = counts.get(JobState.COMPLETED, 0)
        width = 24
        filled = int(width * done / total) if total else width
        parts = [f"{counts[s]} {s}" for s in (*JobState, HELD, NOT_SAVED) if counts.get(s)]
        offline = "" if self.queue.online else " · service unreachable, waiting"
        line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} " + ", ".join(parts) + offline
        now = time.monotonic()
        if self.tty:
            sys.stderr.write("\r\x1b[2K" + line)
            self.on_bar_line = True
            if final:
                self.end_line()
            sys.stderr.flush()
        elif line != self.last_line and (final or now - self.last_draw >= 1.0):
            print(line, file=sys.stderr, flush=True)  # a log, not a terminal: one line per change, at most 1/s
            self.last_draw = now
            self.last_line = line


def _out_names(photos: list[_Photo]) -> dict[Path, str]:
    """Result names from the image names; two images called alike get -2, -3 ... in the order given."""
    names: dict[Path, str] = {}
    taken: set[str] = set()
    for photo in photos:
        if photo.path in names:
            continue
        stem, n = photo.path.stem, 1
        while (stem if n == 1 else f"{stem}-{n}") in taken:
            n += 1
        name = stem if n == 1 else f"{stem}-{n}"
        taken.add(name)
        names[photo.path] = name
    return names


def _summary(progress: _Progress, event: EventFolder) -> int:
    """A line per photo without a result (what to type for a held one), then why nothing goes out, if so."""
    from booth.jobs.job import JobState

    photos, out = progress.photos, progress.out
    jobs = {p.job_id: progress.job(p) for p in photos}
    unfinished = [(p, jobs[p.job_id]) for p in photos if p.path not in progress.delivered]
    fallbacks = sum(1 for job in jobs.values() if job is not None and job.fallback)
    note = f" ({fallbacks} as the framed original)" if fallbacks else ""
    print(f"booth: {len(photos) - len(unfinished)} of {len(photos)} results in {out}{note}", file=sys.stderr)
    if not unfinished:
        return 0
    for photo, job in unfinished:
        _unfinished(progress, photo, job, event.path)
    failed = sum(1 for _, job in unfinished if job is not None and job.state is JobState.FAILED)
    held = sum(1 for _, job in unfinished if job is not None and job.needs_operator)
    if failed:
        _say("failed jobs are not sent again by a re-run; add --retry-failed to send them again "
             "(a run that timed out may still be at the service: a new one may cost another credit)")  # fmt: skip
    if held:
        _say("the service may already have those runs: check them, retry or cancel each as shown, "
             "then run this command again")  # fmt: skip
    if progress.blocking is not None:  # last, next to the prompt: nothing goes out until the operator fixes this
        _say(problem_line(progress.blocking))
        return BLOCKING_EXIT[progress.blocking.kind]
    return EXIT_NEEDS_OPERATOR if held else 5


def _unfinished(progress: _Progress, photo: _Photo, job: Job | None, event_dir: Path) -> None:
    from booth.api.redact import redact

    if job is None:
        print(f"  {photo.path.name}: not delivered: its photo could not be saved in the event folder "
              f"{event_dir} (see above); check the disk, then run this command again", file=sys.stderr)  # fmt: skip
        return
    if photo.path in progress.missing:
        print(f"  {job.ticket} {photo.path.name}: {progress.missing[photo.path]}", file=sys.stderr)
        return
    what = "waits for the operator" if job.needs_operator else job.state.value
    print(f"  {job.ticket} {photo.path.name}: {what}: {redact(job_words(job))}".rstrip(": "), file=sys.stderr)
    if job.needs_operator:
        print(f"    {held_advice(job, event_dir)}", file=sys.stderr)
