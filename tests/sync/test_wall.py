"""The live wall in a real browser (Debian's headless chromium): pictures of both kiosks with their QR code,
and a picture synced after the page opened on screen within 10 s. Screenshots land in the artifacts folder."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sync_helpers import WebDav, batch, kiosk_settings
from test_links import _share

from booth.settings import EventSettings
from booth.sync.syncer import Syncer, make_rclone
from booth.sync.wall import Wall

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("chromium") is None, reason="apt install chromium")]

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--window-size=1600,900"]  # fmt: skip


def _chromium(tmp_path: Path, name: str, *args: str) -> list[str]:
    return ["chromium", *FLAGS, f"--user-data-dir={tmp_path / ('chromium-' + name)}", *args]


def _screenshot(tmp_path: Path, url: str, out: Path) -> None:
    subprocess.run(_chromium(tmp_path, out.stem, f"--screenshot={out}", "--virtual-time-budget=4000", url),
                   capture_output=True, timeout=60, check=True)  # fmt: skip
    assert out.stat().st_size > 10_000


def _until(condition: Callable[[], bool], timeout: float) -> float:
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < timeout, "timed out"
        time.sleep(0.1)
    return time.monotonic() - start


@pytest.fixture
def kiosks(webdav: WebDav, tmp_path: Path) -> dict[str, Syncer]:
    """Two kiosks that made pictures and synced them; north shared one (its QR goes to the synced page)."""
    syncers = {}
    for n, name in enumerate(("north", "south")):
        event_dir = tmp_path / name
        batch(event_dir, tmp_path / f"photos-{name}", ["a.jpg", "b.jpg"], seed_offset=100 * n)
        if name == "north":
            _share(event_dir)
        settings = kiosk_settings(event_dir, webdav.remote, name)
        settings.sharing.public_base_url = f"{webdav.url}/events"
        syncers[name] = Syncer(settings, event_dir)
        syncers[name].run_once()
    return syncers


@pytest.fixture
def wall(kiosks: dict[str, Syncer], tmp_path: Path) -> Iterator[Wall]:
    settings = kiosks["north"].settings
    event = EventSettings(name="Gala 2026", primary_color="#102a43", accent_color="#f0b429",
                          logo=Path(__file__).resolve().parents[2] / "assets" / "sample-logo.svg")  # fmt: skip
    wall = Wall(make_rclone(settings), "Gala 2026", event, tmp_path / "wall-cache", every_s=1.0)
    wall.start()
    try:
        yield wall
    finally:
        wall.stop()


def test_the_wall_shows_both_kiosks_and_a_new_picture_within_seconds(
    wall: Wall, kiosks: dict[str, Syncer], tmp_path: Path, artifacts_dir: Path
) -> None:
    url = f"http://127.0.0.1:{wall._server.server_address[1]}/"  # type: ignore[union-attr]
    browser = subprocess.Popen(_chromium(tmp_path, "wall", url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _until(lambda: {i.split("/")[0] for i in wall.shown.get("strip", [])} == {"north", "south"}, 30)
        _until(lambda: wall.shown.get("loaded") is True, 10)  # the picture on screen came from the storage
        assert len(wall.shown["strip"]) == 4
        items = {item["id"]: item for item in wall.items()}
        shared = [item for item in items.values() if item["qr"]]
        assert [item["kiosk"] for item in shared] == ["north"]  # the shared picture carries its QR code
        _screenshot(tmp_path, url, artifacts_dir / "wall-two-kiosks.png")

        south = kiosks["south"]
        batch(south.event.path, tmp_path / "photos-late", ["late.jpg"], seed_offset=900)
        (new,) = {p.name for p in (south.event.path / "results").iterdir()} - {i.split("/")[1] for i in items}
        _share(south.event.path, south.event.results / new)  # this guest wants the QR code
        south.run_once()  # synced after the page was opened
        waited = _until(lambda: wall.shown.get("current") == f"south/{new}" and wall.shown.get("loaded") is True
                        and wall.shown.get("qr") is True, 10)
        assert waited <= 10 and wall.shown["qr"] is True
        _screenshot(tmp_path, url, artifacts_dir / "wall-new-picture.png")
    finally:
        browser.terminate()
        browser.wait(10)
