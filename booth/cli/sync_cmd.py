"""`booth sync --event DIR`: one sync pass from a terminal (what the kiosk does every `sync.interval_s`).

Exit codes: 0 all sent; 2 no remote or a bad one; 6 the storage could not be reached or refused (nothing is
lost: the next pass sends what this one did not).
"""

from __future__ import annotations

import argparse
import sys

from booth.cli.common import load_settings
from booth.cli.errors import CliError

EXIT_STORAGE = 6


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("sync", help="copy this kiosk's results, share pages and figures to the shared storage")
    parser.add_argument("--event", default=argparse.SUPPRESS, metavar="DIR", help="event folder")
    parser.add_argument("--remote", metavar="REMOTE", help="rclone remote (overrides sync.remote)")
    parser.add_argument("--kiosk", metavar="NAME", help="this kiosk's folder on the remote (overrides sync.kiosk)")
    parser.set_defaults(func=_sync)


def _sync(args: argparse.Namespace) -> int:
    from booth.sync.syncer import RcloneError, Syncer

    settings = load_settings(args)
    if args.remote:
        settings.sync.remote = args.remote
    if args.kiosk:
        settings.sync.kiosk = args.kiosk
    if not settings.sync.remote:
        raise CliError("no remote: set sync.remote (or BOOTH_SYNC_REMOTE), or give --remote, e.g. "
                       "--remote myremote:events (a remote made with `rclone config`)", 2)  # fmt: skip
    try:
        syncer = Syncer(settings, settings.event.dir)
    except ValueError as exc:
        raise CliError(f"sync.remote: {exc}", 2) from None
    try:
        report = syncer.run_once()
    except RcloneError as exc:
        waiting = syncer.waiting()
        where = syncer.event.path
        raise CliError(f"the shared storage cannot be used ({exc}); {waiting} files wait in {where} and go "
                       "with the next pass: check the remote and the network", EXIT_STORAGE) from None  # fmt: skip
    withdrew = f", withdrew {len(report.withdrawn)} ended links" if report.withdrawn else ""
    print(f"booth: sent {len(report.uploaded)} files to {syncer.dest}/{withdrew}", file=sys.stderr)
    return 0
