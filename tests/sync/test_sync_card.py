"""The operator panel's stats tab with sync on: this kiosk's sync state and the figures of every kiosk."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import WebDav, batch, kiosk_settings
from ui_context import idle_context

from booth.sync.loop import SyncLoop
from booth.sync.syncer import Syncer

pytestmark = pytest.mark.slow


def test_the_stats_tab_shows_sync_state_and_every_kiosks_figures(webdav: WebDav, tmp_path: Path, qtbot: Any) -> None:
    from booth.ui.operator.messages import MessageLog
    from booth.ui.operator.redact import Redactor
    from booth.ui.operator.stats_tab import StatsTab

    loops = {}
    for n, name in enumerate(("north", "south")):
        event_dir = tmp_path / name
        batch(event_dir, tmp_path / f"photos-{name}", ["a.jpg", "b.jpg", "c.jpg"][: 3 - n], seed_offset=100 * n)
        settings = kiosk_settings(event_dir, webdav.remote, name)
        loops[name] = SyncLoop(Syncer(settings, event_dir), 60.0, on_problem=print, on_problem_over=print)
        asyncio.run(loops[name].run_pass())
    north = loops["north"]
    ctx = idle_context(north.syncer.settings)
    ctx.sync = north
    tab = StatsTab(ctx, MessageLog(Redactor(ctx.settings)))
    qtbot.addWidget(tab)
    value = lambda key: tab.findChild(type(tab.title), f"value_{key}").text()  # noqa: E731
    qtbot.waitUntil(lambda: value("all_guests") == "5", timeout=20_000)
    assert value("all_pictures") == "5 (filter 5)" and value("all_failures") == "0"
    assert value("all_kiosks").startswith("2 ")
    assert value("sync_state") == "up to date" and value("sync_waiting") == "0" and value("sync_last") != "—"

    webdav.stop()  # the storage goes away: the card says so in words, and what waits
    batch(north.syncer.event.path, tmp_path / "photos-late", ["late.jpg"], seed_offset=900)
    asyncio.run(north.run_pass())
    qtbot.waitUntil(lambda: "cannot be reached" in value("sync_state"), timeout=5_000)
    assert value("sync_waiting") == "1"
    assert tab.findChild(type(tab.title), "value_sync_state").property("state") == "bad"
