"""The wiring starts the background sync only when [sync] is on, reports a remote rclone cannot read as a
problem, and keeps the share server's own links on the LAN when public_base_url names the synced copies."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from test_wiring import _context

from booth import app
from booth.problems import Part, ProblemKind


def test_sync_starts_only_when_on_and_runs_passes(tmp_path: Path) -> None:
    ctx, bridge = _context(tmp_path)
    ctx.event_dir = tmp_path / "event"
    app._start_sync(ctx)
    assert ctx.sync is None  # off by default

    storage = tmp_path / "storage"
    ctx, bridge = _context(tmp_path, event={"dir": str(tmp_path / "event"), "name": "Gala"},
                           sync={"enabled": True, "remote": str(storage), "kiosk": "north"})  # fmt: skip
    ctx.event_dir = tmp_path / "event"

    async def run() -> None:
        app._start_sync(ctx)
        assert ctx.sync is not None
        deadline = time.monotonic() + 30
        while ctx.sync.state.last_sync is None:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.05)
        await ctx.sync.stop()

    asyncio.run(run())
    assert (storage / "gala" / "north" / "figures.jsonl").is_file() and bridge.reported == []


def test_a_remote_rclone_cannot_read_is_a_problem(tmp_path: Path) -> None:
    ctx, bridge = _context(tmp_path, sync={"enabled": True, "remote": ":webdav,url=x"})  # no ':' before the path
    ctx.event_dir = tmp_path / "event"
    app._start_sync(ctx)
    assert ctx.sync is None
    (problem,) = bridge.reported
    assert (problem.kind, problem.part) == (ProblemKind.SYNC_FAILED, Part.BOOTH)


def test_with_sync_on_the_share_server_links_stay_on_the_lan(tmp_path: Path) -> None:
    ctx, _bridge = _context(tmp_path, sharing={"host": "127.0.0.1", "port": 0,
                                               "public_base_url": "https://photos.example.com/events"},
                            sync={"enabled": True, "remote": str(tmp_path / "storage")})  # fmt: skip
    asyncio.run(app._start_sharing(ctx, tmp_path / "event" / "shares", tmp_path / "event" / "results"))
    try:
        assert ctx.share is not None and ctx.share.base_url.startswith("http://127.0.0.1:")
    finally:
        ctx.share.stop()
