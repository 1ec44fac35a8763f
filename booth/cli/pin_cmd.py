"""`booth pin set`: choose the operator PIN from a terminal, typed twice and never echoed.

Only the PIN's salted hash is written (booth.pin), to the file beside the settings (or
kiosk.operator_pin_file), readable by its owner only. Setting a PIN also ends a lockout in the event folder:
whoever can run this may open the panel anyway. A PIN in the settings file or BOOTH_PIN would override the
one written here, so the command refuses until that is removed instead of leaving the operator guessing
which PIN holds. Without a terminal (a provisioning script) the two lines are read from stdin.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from booth import pin
from booth.cli import CliError
from booth.cli.common import load_settings
from booth.settings import config_path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("pin", help="set the operator PIN (kept as a salted hash)")
    actions = parser.add_subparsers(dest="pin_action", required=True, metavar="ACTION")
    setter = actions.add_parser(
        "set",
        help=f"type the new PIN twice ({pin.MIN_DIGITS}-{pin.MAX_DIGITS} digits)",
        description="Set the PIN that opens the control panel. Typed twice without echo (or two lines on stdin).",
    )
    setter.set_defaults(func=_set)


def _read_twice() -> tuple[str, str]:
    if sys.stdin.isatty():
        return getpass.getpass("New operator PIN: "), getpass.getpass("The same PIN again: ")
    lines = sys.stdin.read().splitlines()
    if len(lines) < 2:
        raise CliError("give the new PIN twice, on two lines of stdin (or run this in a terminal)", 2)
    return lines[0].strip(), lines[1].strip()


def _overridden_by(args: argparse.Namespace) -> str | None:
    if os.environ.get("BOOTH_PIN"):
        return "BOOTH_PIN is set in the environment: unset it"
    return f"kiosk.operator_pin is set in {config_path(getattr(args, 'config', None))}: remove that line"


def _set(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    if settings.kiosk.operator_pin is not None:
        raise CliError(f"{_overridden_by(args)}, then run booth pin set again (it would override this PIN)", 2)
    first, second = _read_twice()
    rule = pin.broken_rule(first)
    if rule is not None:
        raise CliError(f"the PIN {pin.RULE_TEXT[rule]}; nothing changed", 2)
    if second != first:
        raise CliError("the two PINs differ; nothing changed", 2)
    target = settings.kiosk.operator_pin_file
    assert target is not None  # load_settings puts it beside the settings file
    try:
        pin.write_private(target, pin.hash_pin(first) + "\n")
    except OSError as exc:
        raise CliError(f"could not write {target} ({exc.strerror}): set kiosk.operator_pin_file to a "
                       "writable place", 1) from None  # fmt: skip
    lockout = settings.event.dir / pin.LOCKOUT_FILE
    lockout.unlink(missing_ok=True)
    print(f"operator PIN set: its hash is in {target} (readable by you only); the kiosk uses it at its next start")
    return 0
