"""Helpers shared by the subcommands: loading settings with the global options applied."""

from __future__ import annotations

import argparse
from pathlib import Path

from booth import settings as settings_mod
from booth.settings import Settings


def load_settings(args: argparse.Namespace) -> Settings:
    """Settings from --config/$BOOTH_CONFIG with --event and --demo applied on top."""
    loaded = settings_mod.load(getattr(args, "config", None))
    event = getattr(args, "event", None)
    if event:
        loaded.event.dir = Path(event).expanduser()
    if getattr(args, "demo", False):
        loaded.api.url = ""
        loaded.camera.source = "demo"
    return loaded
