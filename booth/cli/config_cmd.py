"""`booth config check [FILE]`: validate a settings file before the event, not during it."""

from __future__ import annotations

import argparse

from booth import settings


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("config", help="check a settings file")
    actions = parser.add_subparsers(dest="config_action", required=True, metavar="ACTION")
    check = actions.add_parser("check", help="validate FILE (default: the file booth would read)")
    check.add_argument("file", nargs="?", help="settings file to check")
    check.set_defaults(func=_check)


def _check(args: argparse.Namespace) -> int:
    path = args.file or args.config
    loaded = settings.load(path)
    where = settings.config_path(path)
    target = "the local engine" if loaded.uses_local_engine else f"{loaded.api.url} ({loaded.api.auth})"
    print(f"{where}: OK; API: {target}; event folder: {loaded.event.dir}")
    return 0
