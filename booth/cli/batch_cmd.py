"""`booth batch IMAGE... --service S --event DIR --out DIR`: many photos through the kiosk's own JobQueue.

It rehearses an event from a folder of photos, or finishes one after a crash: each image becomes a job in
the event folder (identified by a hash of the image and the options), so running the same command again
resumes it and never sends a finished photo twice. Progress is one line of counts per state on stderr.
Exit codes: 0 all delivered; 3 sign-in refused; 4 out of credits; 5 some jobs failed; 7 some jobs wait for
the operator (`booth jobs retry`), with a summary line per unfinished photo.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from booth.api.services import SERVICES
from booth.cli import CliError
from booth.cli.common import add_run_arguments, load_settings, request_fields

if TYPE_CHECKING:
    from booth.jobs.job import Job, JobParams
    from booth.jobs.queue import JobQueue
    from booth.settings import Settings

EXIT_NEEDS_OPERATOR = 7
STATE_ORDER = ("captured", "submitting", "queued", "running", "completed", "failed", "cancelled")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("batch", help="run many photos through the job queue (resumable)")
    parser.add_argument("images", nargs="+", metavar="IMAGE", help="photos (JPEG or PNG)")
    parser.add_argument("--service", required=True, metavar="S", help=f"one of: {', '.join(SERVICES)}")
    add_run_arguments(parser)
    parser.add_argument("--event", default=argparse.SUPPRESS, metavar="DIR", help="event folder (jobs, captures)")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder for the results")
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
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"--out {out}: cannot create the folder ({exc.strerror})", 2) from None

    import logging

    import qasync
    from PySide6.QtCore import QCoreApplication

    if not getattr(args, "verbose", False):  # the progress line says it all; -v shows every request
        for name in ("httpx", "booth.api"):
            logging.getLogger(name).setLevel(logging.WARNING)

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    with _service_url(settings) as url:
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        try:
            return loop.run_until_complete(_run(settings, url, params, photos, out))
        finally:
            loop.close()
            asyncio.set_event_loop(None)


@contextmanager
def _service_url(settings: Settings) -> Iterator[str]:
    """api.url, or a local engine started in this process when none is set."""
    if settings.api.url:
        yield settings.api.url
        return
    from booth.engine.server import EngineServer

    with EngineServer(settings.engine) as engine:
        yield engine.url


async def _run(settings: Settings, url: str, params: JobParams, photos: list[_Photo], out: Path) -> int:
    from booth.api.client import EventstationClient
    from booth.jobs.event import EventBusyError, EventFolder
    from booth.jobs.job import Delivery, JobState
    from booth.jobs.queue import CLIENT_RETRY, JobQueue

    event = EventFolder(settings.event.dir)
    client = EventstationClient(settings.api, base_url=url, retry=CLIENT_RETRY)
    queue = JobQueue(event, client, settings.jobs, api_settings=settings.api, event_name=settings.event.name)
    try:
        await queue.start()
    except EventBusyError as exc:
        await client.aclose()
        raise CliError(str(exc), 2) from None
    interrupted = asyncio.Event()
    loop = asyncio.get_running_loop()
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in previous:  # stop cleanly: the queue finishes its writes, the next run resumes
        signal.signal(sig, lambda *_: loop.call_soon_threadsafe(interrupted.set))
    try:
        for photo in photos:
            photo.job_id = _job_for(queue, photo, params, Delivery(screen=False, print_copies=0, qr=False)).id
        progress = _Progress(queue, photos, out)
        await progress.wait(interrupted)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        await queue.stop()
        await client.aclose()
    if interrupted.is_set():
        print("booth: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    return _summary(queue, photos, out, JobState)


def _job_for(queue: JobQueue, photo: _Photo, params: JobParams, delivery: Any) -> Job:
    """The photo's job from an earlier run (retried if it failed), else a new one."""
    from booth.jobs.job import JobState

    earlier = queue.find_by_key(photo.key)
    if earlier:
        job = earlier[-1]
        if job.state is JobState.FAILED:
            return queue.retry(job.id)
        return job
    return queue.enqueue(photo.data, params, delivery, key=photo.key)


class _Progress:
    """Waits for the photos' jobs, copies each result to --out as it lands, and draws the counts."""

    def __init__(self, queue: JobQueue, photos: list[_Photo], out: Path) -> None:
        self.queue = queue
        self.photos = photos
        self.out = out
        self.names = _out_names(photos)
        for name in self.names.values():  # half-written results of a killed earlier run
            for leftover in out.glob(f".{name}.*.tmp"):
                leftover.unlink(missing_ok=True)
        self.delivered: set[Path] = set()
        self.changed = asyncio.Event()
        self.tty = sys.stderr.isatty()
        self.last_line = ""
        self.last_draw = 0.0
        queue.job_changed.connect(lambda _id: self.changed.set())
        queue.job_added.connect(lambda _id: self.changed.set())

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
        jobs = [self.queue.job(p.job_id) for p in self.photos]
        open_jobs = [j for j in jobs if not j.final and not j.needs_operator]
        if not open_jobs:
            return all(p.path in self.delivered for p, j in zip(self.photos, jobs, strict=True) if j.result_path
                       and j.state.value == "completed")  # fmt: skip
        return self.queue.blocked is not None and all(j.state.value == "captured" for j in open_jobs)

    async def _deliver(self) -> None:
        from booth.jobs.event import atomic_write

        for photo in self.photos:
            job = self.queue.job(photo.job_id)
            if job.state.value != "completed" or job.result_path is None or photo.path in self.delivered:
                continue
            data = await asyncio.to_thread(job.result_path.read_bytes)
            target = self.out / f"{self.names[photo.path]}{job.result_path.suffix}"
            await asyncio.to_thread(atomic_write, target, data)
            self.delivered.add(photo.path)

    def _draw(self, *, final: bool = False) -> None:
        counts: dict[str, int] = {}
        for job_id in {p.job_id for p in self.photos}:
            job = self.queue.job(job_id)
            state = "waiting for operator" if job.needs_operator else job.state.value
            counts[state] = counts.get(state, 0) + 1
        total = sum(counts.values())
        done = counts.get("completed", 0)
        width = 24
        filled = int(width * done / total) if total else width
        parts = [f"{counts[s]} {s}" for s in (*STATE_ORDER, "waiting for operator") if counts.get(s)]
        offline = "" if self.queue.online else " · service unreachable, waiting"
        line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} " + ", ".join(parts) + offline
        now = time.monotonic()
        if self.tty:
            sys.stderr.write("\r\x1b[2K" + line + ("\n" if final else ""))
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


def _summary(queue: JobQueue, photos: list[_Photo], out: Path, states: Any) -> int:
    jobs = {p.job_id: queue.job(p.job_id) for p in photos}
    unfinished = [(p, jobs[p.job_id]) for p in photos if jobs[p.job_id].state is not states.COMPLETED]
    completed = len(photos) - len(unfinished)
    fallbacks = sum(1 for job in jobs.values() if job.fallback)
    note = f" ({fallbacks} as the framed original)" if fallbacks else ""
    print(f"booth: {completed} of {len(photos)} results in {out}{note}", file=sys.stderr)
    if not unfinished:
        return 0
    for photo, job in unfinished:
        what = "waits for the operator" if job.needs_operator else job.state.value
        print(f"  {job.ticket} {photo.path.name}: {what}: {job.error or ''}".rstrip(": "), file=sys.stderr)
    blocked = queue.blocked
    if blocked is not None:
        print(f"booth: {blocked[1]}", file=sys.stderr)
        return 3 if blocked[0] == "auth" else 4
    if any(job.needs_operator for _, job in unfinished):
        print("booth: check those runs, then `booth jobs retry TICKET --event DIR` and run this again",
              file=sys.stderr)  # fmt: skip
        return EXIT_NEEDS_OPERATOR
    return 5
