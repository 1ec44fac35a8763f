"""The `booth` command: one door per part of the product, all driving the classes the kiosk uses.

Each subcommand lives in its own module with a `register(subparsers)` function; modules import their heavy
dependencies inside the handler so `booth --help` and the kiosk start fast. `booth` alone starts the kiosk
(booth.cli.kiosk_cmd). `CliError` lives in booth.cli.errors so the subcommands need not import this module.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from booth import __version__
from booth.cli.errors import CliError
from booth.cli.logfiles import setup_logging
from booth.settings import ConfigError

__all__ = ["CliError", "build_parser", "main"]

# Module names under booth.cli, each registering one or more subcommands.
COMMAND_MODULES = (
    "engine_cmd", "api_cmd", "batch_cmd", "jobs_cmd", "print_cmd", "doctor_cmd", "config_cmd", "pin_cmd",
    "sync_cmd", "stats_cmd", "wall_cmd", "support_cmd", "event_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="booth", description="AI photobooth for live events.")
    parser.add_argument("--config", metavar="FILE", help="settings file (default: $BOOTH_CONFIG or config/booth.toml)")
    parser.add_argument("--event", metavar="DIR", help="event folder (overrides event.dir)")
    parser.add_argument("--windowed", action="store_true", help="open the kiosk in a window, not full screen")
    parser.add_argument("--demo", action="store_true", help="use the local engine and the demo camera")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    parser.add_argument("--version", action="version", version=f"booth {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"booth.cli.{name}").register(sub)
    return parser


def _run_kiosk(args: argparse.Namespace) -> int:
    from booth.cli.kiosk_cmd import run_kiosk

    return run_kiosk(args)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(args.verbose)
    handler = getattr(args, "func", _run_kiosk)
    try:
        return int(handler(args) or 0)
    except CliError as exc:
        print(f"booth: {exc}", file=sys.stderr)
        return exc.exit_code
    except ConfigError as exc:
        print(f"booth: bad settings:\n{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("booth: interrupted", file=sys.stderr)
        return 130
