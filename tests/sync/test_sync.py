"""Two kiosks sync to one storage with rclone: every result arrives with its bytes, nothing twice, nothing lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sync_helpers import REPO, WebDav, batch, kiosk_settings, results

from booth.sync.rclone import RcloneError
from booth.sync.syncer import Syncer

pytestmark = pytest.mark.slow


def _arrived(storage: Path, kiosk: str) -> dict[str, bytes]:
    folder = storage / "events" / "gala-2026" / kiosk / "results"
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.is_dir() else {}


def test_two_kiosks_sync_every_result_once_and_lose_nothing_while_the_storage_is_down(
    webdav: WebDav, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kiosks = {name: tmp_path / name for name in ("north", "south")}
    for n, (name, event_dir) in enumerate(kiosks.items()):
        batch(event_dir, tmp_path / f"photos-{name}", ["a.jpg", "b.jpg", "c.jpg"], seed_offset=100 * n)
    syncers = {name: Syncer(kiosk_settings(path, webdav.remote, name), path) for name, path in kiosks.items()}
    for name, syncer in syncers.items():
        assert syncer.waiting() == 3
        report = syncer.run_once()
        assert sorted(report.uploaded) == sorted([*(f"results/{f}" for f in results(kiosks[name])), "figures.jsonl"])
        assert _arrived(webdav.root, name) == results(kiosks[name])  # every result, same bytes, own folder
        assert syncer.waiting() == 0
    assert syncers["north"].run_once().uploaded == []  # a second pass sends nothing

    webdav.stop()  # the storage goes away mid-event; the kiosk keeps taking pictures
    batch(kiosks["north"], tmp_path / "photos-north-2", ["d.jpg", "e.jpg"], seed_offset=500)
    with pytest.raises(RcloneError):
        syncers["north"].run_once()
    assert syncers["north"].waiting() == 2
    webdav.start()
    report = syncers["north"].run_once()
    assert len([name for name in report.uploaded if name.startswith("results/")]) == 2
    assert _arrived(webdav.root, "north") == results(kiosks["north"])  # all five, nothing lost
    figures = (webdav.root / "events" / "gala-2026" / "north" / "figures.jsonl").read_text().splitlines()
    assert sorted(json.loads(line)["state"] for line in figures) == ["completed"] * 5

    from booth.cli import main  # the event's figures summed over both kiosks, from the storage

    (tmp_path / "none.toml").write_text("")
    assert main(["--config", str(tmp_path / "none.toml"), "stats", "--remote", webdav.remote, "--event", "Gala 2026",
                 "--json"]) == 0  # fmt: skip
    summed = json.loads(capsys.readouterr().out)
    assert summed["total"]["guests"] == 8 and summed["total"]["pictures"] == {"filter": 8}
    assert {name: k["guests"] for name, k in summed["kiosks"].items()} == {"north": 5, "south": 3}
    assert summed["total"]["failures"] == 0 and summed["total"]["average_wait_s"] > 0


def test_a_local_path_remote_and_the_cli_pass(tmp_path: Path) -> None:
    """A second backend (a plain folder, as a mounted share would be) through `booth sync --event DIR`."""
    event_dir = tmp_path / "kiosk"
    batch(event_dir, tmp_path / "photos", ["a.jpg", "b.jpg"])
    storage = tmp_path / "mounted"
    env = {**os.environ, "PYTHONPATH": str(REPO), "BOOTH_CONFIG": str(tmp_path / "photos" / "none.toml"),
           "BOOTH_SYNC_REMOTE": str(storage), "BOOTH_SYNC_KIOSK": "east", "BOOTH_EVENT_NAME": "Gala 2026"}  # fmt: skip
    command = [sys.executable, "-m", "booth", "sync", "--event", str(event_dir)]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "sent 3 files to gala-2026/east/" in first.stderr  # two results and the figures
    arrived = {p.name: p.read_bytes() for p in (storage / "gala-2026" / "east" / "results").iterdir()}
    assert arrived == results(event_dir)
    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert "sent 0 files" in second.stderr


def test_the_cli_names_an_unreachable_storage_without_its_secret(tmp_path: Path, webdav: WebDav) -> None:
    event_dir = tmp_path / "kiosk"
    batch(event_dir, tmp_path / "photos", ["a.jpg"])
    webdav.stop()
    secret = "s3cr3t-Passw0rd"
    env = {**os.environ, "PYTHONPATH": str(REPO), "BOOTH_CONFIG": str(tmp_path / "photos" / "none.toml"),
           "BOOTH_SYNC_REMOTE": f":webdav,url='{webdav.url}',bearer_token={secret}:events"}  # fmt: skip
    done = subprocess.run([sys.executable, "-m", "booth", "-v", "sync", "--event", str(event_dir)],
                          env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 6
    assert "1 files wait" in done.stderr and "Traceback" not in done.stderr
    assert secret not in done.stderr + done.stdout
