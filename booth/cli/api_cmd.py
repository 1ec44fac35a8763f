"""`booth api`: the Eventstation client from a shell, to check an account or a look before the event.

`booth api filters|workflows|styles` lists a catalog; `booth api run SERVICE --image PATH --out PATH` sends
one photo through the same EventstationClient the kiosk uses and writes the result. With no API URL set,
the local engine is started in-process, so the command works on a machine with no account and no network.
Inputs are checked before anything is sent (a run costs a credit), and every failure is one line on stderr
with the exit code of its kind: bad input 2, auth 3, credits 4, job failed 5, unreachable 6.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from booth.api.services import SERVICES
from booth.cli.common import add_run_arguments, load_settings, request_fields, service_url
from booth.cli.errors import CliError

if TYPE_CHECKING:
    from booth.api.client import EventstationClient
    from booth.api.models import JobStatus, RunRequest
    from booth.settings import Settings

T = TypeVar("T")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("api", help="talk to the Eventstation API (or the local engine)")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--api-url", metavar="URL", help="API base URL (default: api.url; empty = local engine)")
    actions = parser.add_subparsers(dest="api_action", required=True, metavar="ACTION")
    for kind in ("filters", "workflows", "styles"):
        listing = actions.add_parser(kind, parents=[common], help=f"list the {kind} (id and name)")
        listing.set_defaults(func=_catalog, catalog_kind=kind)
    run = actions.add_parser("run", parents=[common], help="send one photo to a service and save the result")
    run.add_argument("service", metavar="SERVICE", help=f"one of: {', '.join(SERVICES)}")
    run.add_argument("--image", required=True, metavar="PATH", help="the photo (JPEG or PNG)")
    run.add_argument("--out", required=True, metavar="PATH", help="where to write the result")
    add_run_arguments(run)
    run.set_defaults(func=_run)


# -- input checks (before a credit is spent) -----------------------------------------------------------


def _read_image(path_text: str) -> bytes:
    from io import BytesIO

    from PIL import Image, UnidentifiedImageError

    path = Path(path_text).expanduser()
    if not path.is_file():
        raise CliError(f"--image {path}: no such file", 2)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CliError(f"--image {path}: cannot read it ({exc.strerror})", 2) from None
    try:
        with Image.open(BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise CliError(f"--image {path}: not a readable JPEG or PNG image", 2) from None
    return data


def build_request(args: argparse.Namespace) -> RunRequest:
    """A RunRequest from the command line, refusing anything the service would reject anyway."""
    from booth.api.models import RunRequest

    if args.service not in SERVICES:
        raise CliError(f"unknown service {args.service!r}: choose one of {', '.join(SERVICES)}", 2)
    fields = request_fields(args)
    out = Path(args.out).expanduser()
    if not out.parent.is_dir():
        raise CliError(f"--out {out}: the folder {out.parent} does not exist", 2)
    return RunRequest(service=args.service, image=_read_image(args.image), **fields)


# -- talking to the service ----------------------------------------------------------------------------


@contextmanager
def _service_url(settings: Settings, explicit: str | None) -> Iterator[str]:
    """The API URL to use: --api-url, else api.url, else a local engine started here for this command."""
    if not explicit:
        with service_url(settings) as url:
            yield url
        return
    from pydantic import ValidationError

    from booth.settings import ApiSettings

    try:
        url = ApiSettings(url=explicit).url
    except ValidationError as exc:
        reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
        raise CliError(f"--api-url {explicit!r}: {reason}", 2) from None
    yield url


def _talk(args: argparse.Namespace, work: Callable[[EventstationClient], Awaitable[T]]) -> T:
    from booth.api.client import EventstationClient
    from booth.api.errors import ApiError

    settings = load_settings(args)
    if not getattr(args, "verbose", False):
        # Status changes are printed; per-request log lines would bury a failure's one line on stderr.
        for name in ("httpx", "booth.api", "booth.engine"):
            logging.getLogger(name).setLevel(logging.WARNING)
    with _service_url(settings, args.api_url) as url:

        async def session() -> T:
            async with EventstationClient(settings.api, base_url=url) as client:
                return await work(client)

        try:
            return asyncio.run(session())
        except ApiError as exc:
            raise CliError(str(exc), exc.exit_code) from None


def _catalog(args: argparse.Namespace) -> int:
    entries = _talk(args, lambda client: client.catalog(args.catalog_kind))
    try:
        for entry in entries:
            print(f"{entry.id}\t{entry.name}")
        sys.stdout.flush()
    except BrokenPipeError:  # `booth api filters | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if not entries:
        print(f"booth: the service lists no {args.catalog_kind}", file=sys.stderr)
    return 0


def _print_status(status: JobStatus) -> None:
    print(f"job {status.job_id}: {status.state}", flush=True)


def _run(args: argparse.Namespace) -> int:
    req = build_request(args)
    result = _talk(args, lambda client: client.run(req, on_status=_print_status))
    out = Path(args.out).expanduser()
    try:
        out.write_bytes(result.data)
    except OSError as exc:
        raise CliError(f"--out {out}: cannot write the result ({exc.strerror})", 2) from None
    suffix = out.suffix.lower().lstrip(".")
    note = ""
    if suffix not in _suffixes(result.ext):
        note = f"; note: the result is {result.ext.upper()}, so a .{result.ext} name would suit it better"
    print(f"wrote {out} ({result.mime}, {len(result.data)} bytes){note}")
    return 0


def _suffixes(ext: str) -> Any:
    return {"jpg": ("jpg", "jpeg"), "mp4": ("mp4", "m4v")}.get(ext, (ext,))
