"""`booth engine`: run the local engine in the foreground, for rehearsals, other machines' tests and demos.

Defaults come from the `[engine]` section of the settings; every option overrides one key, so a
rehearsal of a bad day ("slow, 3 at a time, 5 credits left, drop every 4th answer") is one command line.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from booth.cli.common import load_settings
from booth.cli.errors import CliError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "engine",
        help="run the local engine (an Eventstation-compatible server) until Ctrl-C",
        description="Run booth's local engine in the foreground; it prints its URL and serves until Ctrl-C.",
    )
    parser.add_argument("--host", help="address to listen on (default: engine.host, loopback)")
    parser.add_argument("--port", type=int, help="port to listen on; 0 picks a free one (default: engine.port)")
    parser.add_argument("--latency", type=float, metavar="S", help="extra seconds every job spends running")
    parser.add_argument("--concurrency", type=int, metavar="N", help="runs allowed at once before 429; 0 = no limit")
    parser.add_argument("--credits", type=int, metavar="N", help="runs before 402; -1 = unlimited")
    parser.add_argument("--retention", type=float, metavar="S", help="seconds a finished job is kept before 404")
    parser.add_argument("--auth", choices=["none", "oauth2", "basic", "bearer"], help="sign-in the engine asks for")
    parser.add_argument("--user", action="append", default=[], metavar="U:P", help="a user for oauth2/basic (repeat)")
    parser.add_argument("--token", action="append", default=[], metavar="T", help="a static bearer token (repeat)")
    parser.add_argument("--variant", action="append", default=[], metavar="K=V",
                        help="answer shape, e.g. output=url (see booth/engine/variants.py; repeat)")
    parser.add_argument("--fault", action="append", default=[], metavar="K=V",
                        help="injected fault, e.g. run.error=0.2 or status.slow=3 (see booth/engine/faults.py)")
    parser.set_defaults(func=_run)


def _pairs(items: list[str], option: str, sep: str = "=") -> dict[str, str]:
    pairs = {}
    for item in items:
        key, found, value = item.partition(sep)
        if not found or not key:
            raise CliError(f"{option} {item!r}: write it as KEY{sep}VALUE", 2)
        pairs[key.strip()] = value.strip()
    return pairs


def _changes(args: argparse.Namespace) -> dict[str, Any]:
    """The settings the command line overrides, as EngineSettings keys."""
    changes: dict[str, Any] = {}
    for option, key in (("host", "host"), ("port", "port"), ("latency", "latency_s"),
                        ("concurrency", "concurrency_limit"), ("credits", "credits"),
                        ("retention", "retention_s"), ("auth", "auth")):
        value = getattr(args, option)
        if value is not None:
            changes[key] = value
    if args.user:
        changes["users"] = _pairs(args.user, "--user", ":")
    if args.token:
        changes["tokens"] = list(args.token)
    if args.variant:
        changes["variant"] = _pairs(args.variant, "--variant")
    if args.fault:
        faults = _pairs(args.fault, "--fault")
        try:
            changes["faults"] = {key: float(value) for key, value in faults.items()}
        except ValueError:
            raise CliError("--fault values are numbers (a probability, seconds or a count)", 2) from None
    return changes


def _run(args: argparse.Namespace) -> int:
    from booth.engine.factory import make_engine
    from booth.settings import EngineSettings

    base = load_settings(args).engine
    try:
        settings = EngineSettings.model_validate(base.model_dump() | _changes(args))
        # Variant and fault keys are checked by the engine itself; a bad one is a usage error, not a crash.
        server = make_engine(settings)
    except ValueError as exc:
        raise CliError(f"bad engine option: {exc}", 2) from None
    try:
        url = server.start()
    except OSError as exc:
        raise CliError(str(exc), 6) from None
    print(f"booth engine listening on {url}  (auth: {settings.auth}; Ctrl-C stops)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("booth engine: stopping", flush=True)
    finally:
        server.stop()
    return 0
