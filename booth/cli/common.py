"""Helpers shared by the subcommands: settings with the global options applied, the service to talk to."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from booth import settings as settings_mod
from booth.cli.errors import CliError
from booth.pin import hash_file_for
from booth.settings import Settings


def load_settings(args: argparse.Namespace) -> Settings:
    """Settings from --config/$BOOTH_CONFIG with --event and --demo applied on top."""
    from booth.settings_file import load as load_with_secrets

    loaded = load_with_secrets(getattr(args, "config", None))  # passwords the panel stored, under the file
    event = getattr(args, "event", None)
    if event:
        loaded.event.dir = Path(event).expanduser()
    if loaded.kiosk.operator_pin_file is None:  # every door finds the PIN hash beside the same settings file
        loaded.kiosk.operator_pin_file = hash_file_for(settings_mod.config_path(getattr(args, "config", None)))
    if getattr(args, "demo", False):
        loaded.api.url = ""
        loaded.camera.source = "demo"
    from booth.api.redact import register_secret

    for secret in (loaded.api.password, loaded.api.token, loaded.kiosk.operator_pin):
        register_secret(secret)
    return loaded


@contextmanager
def service_url(settings: Settings) -> Iterator[str]:
    """api.url, or the URL of a local engine (built from `[engine]`) that lives as long as the block."""
    if settings.api.url:
        yield settings.api.url
        return
    from booth.engine.factory import make_engine

    with make_engine(settings.engine) as engine:
        yield engine.url


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    """The service options of a run, named alike in `booth api run` and `booth batch`."""
    parser.add_argument("--filter-id", metavar="ID", help="filter id (a number, or a UUID for a custom filter)")
    parser.add_argument("--workflow-id", type=int, metavar="N")
    parser.add_argument("--style-id", type=int, metavar="N", help="pose/comic style 0..16")
    parser.add_argument("--gender", metavar="N", help="0 male, 1 female, 2 boy, 3 girl (or the word)")
    parser.add_argument("--ratio", metavar="R", help="portrait, landscape or square")
    parser.add_argument("--capture-mode", type=int, metavar="N", help="1 quick, 3 high quality, 4 4k, 5 HQ v5")
    parser.add_argument("--prompt", metavar="T", help="positive prompt (selfprompt services)")
    parser.add_argument("--negative-prompt", metavar="T")
    parser.add_argument("--base-video", type=int, metavar="N", help="animation template (animate_image)")
    parser.add_argument("--video-name", metavar="T", help="animation name (animate_image)")


def request_fields(args: argparse.Namespace) -> dict[str, Any]:
    """The RunRequest fields (other than service and image) from `add_run_arguments`, checked before a
    credit is spent: each bad value is refused with a message naming the option and the valid values."""
    from booth.api.services import CAPTURE_MODES, GENDERS, RATIOS, STYLE_IDS

    if args.ratio is not None and args.ratio not in RATIOS:
        raise CliError(f"--ratio {args.ratio!r} is not valid: use one of {', '.join(RATIOS)}", 2)
    if args.capture_mode is not None and args.capture_mode not in CAPTURE_MODES:
        modes = ", ".join(f"{k} {v}" for k, v in CAPTURE_MODES.items())
        raise CliError(f"--capture-mode {args.capture_mode} is not valid: use {modes}", 2)
    if args.style_id is not None and args.style_id not in STYLE_IDS:
        raise CliError(f"--style-id {args.style_id} is not valid: use 0..{STYLE_IDS[-1]}", 2)
    filter_id: int | str | None = args.filter_id
    if isinstance(filter_id, str):
        filter_id = int(filter_id) if filter_id.strip().isdigit() else filter_id.strip()
        if filter_id == "":
            raise CliError("--filter-id is empty: give a filter number or a custom filter's UUID", 2)
    gender: int | None = None
    if args.gender is not None:
        word = str(args.gender).strip().lower()
        if word in GENDERS:
            gender = GENDERS[word]
        elif word.isdigit() and int(word) in GENDERS.values():
            gender = int(word)
        else:
            raise CliError(f"--gender {args.gender!r} is not valid: use 0 male, 1 female, 2 boy, 3 girl", 2)
    return {
        "filter_id": filter_id,
        "workflow_id": args.workflow_id,
        "style_id": args.style_id,
        "gender": gender,
        "ratio": args.ratio,
        "capture_mode": args.capture_mode,
        "positive_prompt": args.prompt,
        "negative_prompt": args.negative_prompt,
        "base_video": args.base_video,
        "video_name": args.video_name,
    }


def let_signals_in() -> object:
    """A 250 ms idle timer for a Qt event loop, kept alive by the caller.

    Python runs signal handlers only between bytecodes. While Qt's loop sleeps in C until its next timer,
    Ctrl-C or SIGTERM waits too, for as long as the longest backoff: `booth batch` waiting on an
    unreachable service took over 30 s to stop.
    """
    from PySide6.QtCore import QTimer

    ticker = QTimer()
    ticker.timeout.connect(lambda: None)
    ticker.start(250)
    return ticker
