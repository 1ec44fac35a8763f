"""Wiring: builds settings, engine, client, queue, camera, printing, sharing and the kiosk window."""

from __future__ import annotations

import argparse


def run_kiosk(args: argparse.Namespace) -> int:
    from booth.cli import CliError

    raise CliError("the kiosk is not part of this build yet; use the subcommands (booth --help)")
