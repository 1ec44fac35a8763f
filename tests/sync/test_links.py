"""Links that work off the venue Wi-Fi: the synced share page serves the picture from the storage server;
the QR code carries it once the copy is there; revoking or forgetting deletes it there too."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sync_helpers import REPO, WebDav, batch, kiosk_settings

from booth.sharing.tokens import ShareStore
from booth.sync.loop import SyncLoop
from booth.sync.syncer import Syncer

pytestmark = pytest.mark.slow


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def _share(event_dir: Path, result: Path | None = None) -> tuple[str, Path]:
    """A download link to a result (default: the first), as the kiosk's share server makes one."""
    result = result or sorted((event_dir / "results").iterdir())[0]
    store = ShareStore(event_dir / "shares", event_dir / "results")
    try:
        return store.add(result, ttl_s=None).token, result
    finally:
        store.close()


async def test_the_qr_link_moves_to_the_synced_page_and_revoking_deletes_it_there(
    webdav: WebDav, tmp_path: Path
) -> None:
    event_dir = tmp_path / "kiosk"
    batch(event_dir, tmp_path / "photos", ["a.jpg", "b.jpg"])
    token, result = _share(event_dir)
    # A storage served as a website: here the WebDAV server's own GETs, under the remote's root folder.
    settings = kiosk_settings(event_dir, webdav.remote, "north")
    settings.sharing.public_base_url = f"{webdav.url}/events"
    loop = SyncLoop(Syncer(settings, event_dir), 60.0, on_problem=print, on_problem_over=print)
    lan = f"http://192.168.1.20:8765/s/{token}"
    assert loop.link(token, lan) == lan  # not synced yet: the LAN link
    await loop.run_pass()
    public = loop.link(token, lan)
    assert public == f"{webdav.url}/events/gala-2026/north/share/{token}.html"
    status, page = _get(public)
    assert status == 200 and b"Gala 2026" in page
    picture = re.search(rb'<img class="media" src="([^"]+)"', page)
    assert picture is not None
    status, data = _get(f"{webdav.url}/events/gala-2026/north/share/{picture.group(1).decode()}")
    assert status == 200 and data == result.read_bytes()  # the guest's picture, from the storage server

    from booth.forget import revoke_links  # the operator ends the guest's links

    revoke_links(event_dir, _ticket_of(event_dir, result))
    await loop.withdraw([])
    assert _get(public)[0] == 404
    assert _get(f"{webdav.url}/events/gala-2026/north/share/{picture.group(1).decode()}")[0] == 404
    assert loop.link(token, lan) == lan
    assert not list((event_dir / "sync" / "share").iterdir())  # no local copy of the picture is left either


def test_forgetting_a_guest_from_the_terminal_deletes_their_synced_result(webdav: WebDav, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    event_dir = tmp_path / "kiosk"
    batch(event_dir, tmp_path / "photos", ["a.jpg", "b.jpg"])
    Syncer(kiosk_settings(event_dir, webdav.remote, "north"), event_dir).run_once()
    synced = webdav.root / "events" / "gala-2026" / "north" / "results"
    before = sorted(p.name for p in synced.iterdir())
    ticket = _ticket_of(event_dir, sorted((event_dir / "results").iterdir())[0])
    env = {**os.environ, "PYTHONPATH": str(REPO), "BOOTH_CONFIG": str(tmp_path / "photos" / "none.toml"),
           "BOOTH_SYNC_ENABLED": "true", "BOOTH_SYNC_REMOTE": webdav.remote, "BOOTH_SYNC_KIOSK": "north",
           "BOOTH_EVENT_NAME": "Gala 2026"}  # fmt: skip
    done = subprocess.run([sys.executable, "-m", "booth", "jobs", "forget", ticket, "--event", str(event_dir)],
                          env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    after = sorted(p.name for p in synced.iterdir())
    assert len(after) == len(before) - 1 and after == sorted(p.name for p in (event_dir / "results").iterdir())


def _ticket_of(event_dir: Path, result: Path) -> str:
    from jobs_helpers import stored_jobs

    return next(job.ticket for job in stored_jobs(event_dir) if job.result_path and job.result_path.name == result.name)
