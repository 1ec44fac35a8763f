"""`booth stats --remote REMOTE --event NAME`: the event's figures summed over every kiosk that synced.

Reads each kiosk's figures.jsonl from the shared storage (booth.sync.figures); works from any laptop with
rclone and the remote. Exit codes: 0 figures printed; 2 no remote; 6 the storage could not be read.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from booth.cli.common import load_settings
from booth.cli.errors import CliError
from booth.cli.sync_cmd import EXIT_STORAGE

if TYPE_CHECKING:
    from booth.sync.figures import EventFigures, KioskFigures


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("stats", help="the event's figures summed over its kiosks (from the shared storage)")
    parser.add_argument("--remote", metavar="REMOTE", help="rclone remote the kiosks sync to (default: sync.remote)")
    parser.add_argument("--event", dest="event_name", required=True, metavar="NAME", help="event name")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of the table")
    parser.set_defaults(func=_stats)


def _stats(args: argparse.Namespace) -> int:
    from booth.sync.figures import read_figures
    from booth.sync.rclone import RcloneError
    from booth.sync.syncer import make_rclone

    settings = load_settings(args)
    settings.sync.remote = args.remote or settings.sync.remote
    if not settings.sync.remote:
        raise CliError("no remote: give --remote (e.g. myremote:events) or set sync.remote", 2)
    try:
        figures = read_figures(make_rclone(settings), args.event_name)
    except ValueError as exc:
        raise CliError(f"--remote: {exc}", 2) from None
    except RcloneError as exc:
        raise CliError(f"the shared storage cannot be read ({exc}): check the remote and the network",
                       EXIT_STORAGE) from None  # fmt: skip
    if args.json:
        print(json.dumps(_as_dict(figures), sort_keys=True))
    else:
        print(table(figures))
    return 0


def _row(name: str, one: KioskFigures) -> str:
    wait = one.average_wait_s
    shown = f"{wait:.1f} s" if wait is not None else "-"
    return f"{name:<16} {one.guests:>7} {sum(one.pictures.values()):>9} {one.prints:>7} {one.failures:>9} {shown:>9}"


def table(figures: EventFigures) -> str:
    """The figures as the terminal shows them: one row per kiosk, the sum, pictures per service."""
    if not figures.kiosks:
        return f"event {figures.event}: no kiosk has synced figures yet"
    lines = [f"event {figures.event}: {len(figures.kiosks)} kiosks",
             f"{'kiosk':<16} {'guests':>7} {'pictures':>9} {'prints':>7} {'failures':>9} {'avg wait':>9}"]  # fmt: skip
    lines += [_row(name, one) for name, one in figures.kiosks.items()]
    total = figures.total
    lines.append(_row("all kiosks", total))
    per_service = ", ".join(f"{service} {count}" for service, count in total.pictures.most_common())
    lines.append(f"pictures per service: {per_service or '-'}")
    return "\n".join(lines)


def _as_dict(figures: EventFigures) -> dict[str, object]:
    def one(kiosk: KioskFigures) -> dict[str, object]:
        return {"guests": kiosk.guests, "pictures": dict(kiosk.pictures), "prints": kiosk.prints,
                "failures": kiosk.failures, "average_wait_s": kiosk.average_wait_s}  # fmt: skip

    return {"event": figures.event, "kiosks": {name: one(k) for name, k in figures.kiosks.items()},
            "total": one(figures.total)}  # fmt: skip
