"""`booth wall --remote REMOTE --event NAME`: the live wall of an event's pictures, for a TV (booth.sync.wall).

Open the printed URL in a full-screen browser (e.g. `chromium --kiosk URL`). Runs until Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from booth.cli.common import load_settings
from booth.cli.errors import CliError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("wall", help="a full-screen web page of the newest pictures of every kiosk")
    parser.add_argument("--remote", metavar="REMOTE", help="rclone remote the kiosks sync to (default: sync.remote)")
    parser.add_argument("--event", dest="event_name", required=True, metavar="NAME", help="event name")
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on (0.0.0.0: other screens too)")
    parser.add_argument("--port", type=int, default=8090, help="port to serve on (0: any free one)")
    parser.add_argument("--every", type=float, default=3.0, metavar="S", help="seconds between pulls")
    parser.add_argument("--cache", metavar="DIR", help="where pulled pictures are kept (default: a temp folder)")
    parser.set_defaults(func=_wall)


def _wall(args: argparse.Namespace) -> int:
    from booth.sync.syncer import make_rclone
    from booth.sync.wall import Wall

    settings = load_settings(args)
    settings.sync.remote = args.remote or settings.sync.remote
    if not settings.sync.remote:
        raise CliError("no remote: give --remote (e.g. myremote:events) or set sync.remote", 2)
    if args.every < 0.5:
        raise CliError(f"--every {args.every}: give at least 0.5 seconds between pulls", 2)
    try:
        rclone = make_rclone(settings)
    except ValueError as exc:
        raise CliError(f"--remote: {exc}", 2) from None
    with tempfile.TemporaryDirectory(prefix="booth-wall-") as tmp:
        cache = Path(args.cache).expanduser() if args.cache else Path(tmp)
        wall = Wall(rclone, args.event_name, settings.event, cache, every_s=args.every, host=args.host,
                    port=args.port)  # fmt: skip
        try:
            url = wall.start()
        except OSError as exc:
            raise CliError(f"cannot serve on {args.host}:{args.port} ({exc.strerror or exc}); try another --port",
                           2) from None  # fmt: skip
        print(f"booth: the wall of {args.event_name} is at {url} (open it full screen; Ctrl-C ends it)",
              file=sys.stderr, flush=True)  # fmt: skip
        try:
            while True:
                time.sleep(3600)
        finally:
            wall.stop()
