"""`booth event new|export|close`: an event's life from a terminal, the same doors the operator panel has.

Exit codes: 0 done; 2 bad name, folder or settings; 5 the zip could not be written (disk full, stick pulled).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from booth.cli.errors import CliError

EXIT_WRITE = 5


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("event", help="start a new event, export one, or close it")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = actions.add_parser("new", help="a new event folder; the settings file then names it")
    new.add_argument("name", help="the event's name (shown to guests); its folder is named after it")
    new.add_argument("--folder", metavar="DIR", help="the new event's folder (default: beside the current one)")
    new.add_argument("--reset", action="store_true", help="put the event's logo and colours back to the defaults")
    new.set_defaults(func=_new)
    export = actions.add_parser("export", help="zip an event's results, prints and a CSV of jobs and figures")
    export.add_argument("--event", default=argparse.SUPPRESS, metavar="DIR", help="event folder")
    export.add_argument("--out", required=True, metavar="FILE.zip", help="the zip to write (e.g. on a USB stick)")
    export.set_defaults(func=_export)
    close = actions.add_parser("close", help="end every share link and show guests the goodbye screen")
    close.add_argument("--event", default=argparse.SUPPRESS, metavar="DIR", help="event folder")
    close.set_defaults(func=_close)


def _new(args: argparse.Namespace) -> int:
    from booth import settings as settings_mod
    from booth.lifecycle import EventExists, new_event
    from booth.settings_file import SettingsFile

    if not args.name.strip():
        raise CliError("the event needs a name, e.g. booth event new 'Anna & Ben'", 2)
    target = settings_mod.config_path(getattr(args, "config", None))
    folder = Path(args.folder).expanduser() if args.folder else None
    try:
        made = new_event(SettingsFile(target), args.name.strip(), folder=folder, reset=args.reset)
    except EventExists as exc:
        raise CliError(str(exc), 2) from None
    except ValueError as exc:
        raise CliError(f"{target}: not changed: {exc}", 2) from None
    print(f"booth: new event {args.name.strip()!r} in {made}; {target} now names it", file=sys.stderr)
    return 0


def _event_dir(args: argparse.Namespace) -> Path:
    from booth.cli.common import load_settings

    folder = load_settings(args).event.dir
    if not folder.is_dir():
        raise CliError(f"{folder}: no such event folder; give --event DIR", 2)
    return folder


def _export(args: argparse.Namespace) -> int:
    from booth.lifecycle import export_event

    folder = _event_dir(args)

    def progress(done: int, total: int) -> None:
        print(f"\rbooth: {done}/{total} files", end="", file=sys.stderr, flush=True)

    try:
        report = export_event(folder, Path(args.out), progress=progress)
    except OSError as exc:
        raise CliError(f"cannot write {args.out} ({exc.strerror or exc}); check the stick or folder and "
                       "its free space", EXIT_WRITE) from None  # fmt: skip
    print(f"\nbooth: {report.jobs} jobs and {report.files} files in {report.out}", file=sys.stderr)
    return 0


def _close(args: argparse.Namespace) -> int:
    from booth.lifecycle import close_event

    report = close_event(_event_dir(args))
    print(f"booth: event closed; {report.links_revoked} share links ended", file=sys.stderr)
    return 0
