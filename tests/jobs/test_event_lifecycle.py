"""`booth event new|export|close` on an event made by `booth batch` against the local engine."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

import httpx
import pytest
from jobs_helpers import run_batch, stored_jobs, write_photos

from booth.cli import main
from booth.jobs.event import EventFolder
from booth.lifecycle import is_closed
from booth.sharing.tokens import ShareStore


def _tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its content's digest (and so its bytes) as they are now."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}  # fmt: skip


@pytest.fixture
def twenty(service: Any, tmp_path: Path) -> Path:
    images = write_photos(tmp_path / "in", [f"guest{n:02}.jpg" for n in range(20)])
    assert run_batch(images, tmp_path) == 0
    return tmp_path / "event"


def test_export_zips_every_result_byte_for_byte_and_one_csv_row_per_job(
    twenty: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "stick" / "export.zip"
    assert main(["event", "export", "--event", str(twenty), "--out", str(out)]) == 0
    assert "20/20 files" in capsys.readouterr().err  # progress
    results = {f"results/{name}": digest for name, digest in _tree(twenty / "results").items()}
    assert len(results) == 20
    with zipfile.ZipFile(out) as archive:
        zipped = {name: hashlib.sha256(archive.read(name)).hexdigest()
                  for name in archive.namelist() if name.startswith("results/")}  # fmt: skip
        rows = list(csv.DictReader(io.StringIO(archive.read("jobs.csv").decode())))
        stats = dict(csv.reader(io.StringIO(archive.read("stats.csv").decode())))
    assert zipped == results
    jobs = stored_jobs(twenty)
    assert sorted(row["ticket"] for row in rows) == sorted(job.ticket for job in jobs)
    assert len(rows) == 20 and all(row["state"] == "completed" and row["result"] for row in rows)
    assert stats["jobs"] == "20" and stats["service.filter"] == "20"
    assert not list(out.parent.glob(".*partial"))


def test_export_to_a_folder_that_cannot_be_written_says_so(twenty: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["event", "export", "--event", str(twenty), "--out", str(blocker / "x.zip")]) == 5
    assert "cannot write" in capsys.readouterr().err


def test_new_event_leaves_the_old_folder_unchanged_and_names_the_new_one(
    twenty: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "booth.toml"
    config.write_text(f'# my booth\n[event]\nname = "Old"  # the couple\ndir = "{twenty}"\n'
                      'accent_color = "#00ff00"\n\n[kiosk]\ncountdown_s = 5\n')  # fmt: skip
    before = _tree(twenty)
    assert main(["--config", str(config), "event", "new", "Anna & Ben"]) == 0
    assert _tree(twenty) == before
    text = config.read_text()
    assert "# my booth" in text and "# the couple" in text and "countdown_s = 5" in text
    from booth.settings_file import load

    loaded = load(config, env={})
    assert loaded.event.name == "Anna & Ben" and loaded.event.dir == tmp_path / "Anna-Ben"
    assert (tmp_path / "Anna-Ben" / "results").is_dir()
    assert loaded.event.accent_color == "#00ff00"  # carried over
    assert main(["--config", str(config), "event", "new", "Anna & Ben"]) == 2  # its folder holds an event now
    assert main(["--config", str(config), "event", "new", "Next", "--reset"]) == 0
    assert load(config, env={}).event.accent_color == "#ff5a8a"  # the default again
    assert _tree(twenty) == before


def test_close_revokes_every_link_and_leaves_the_goodbye_marker(twenty: Path) -> None:
    event = EventFolder(twenty)
    shares = ShareStore(event.shares, event.results)
    links = [shares.add(path, None) for path in sorted(event.results.iterdir())[:3]]
    assert all(shares.lookup(link.token) for link in links)
    try:
        assert main(["event", "close", "--event", str(twenty)]) == 0
        assert not any(shares.lookup(link.token) for link in links)
        assert shares.live() == []
    finally:
        shares.close()
    assert is_closed(twenty)


def test_close_ends_the_links_a_running_share_server_serves(twenty: Path) -> None:
    from booth.settings import EventSettings, SharingSettings
    from booth.sharing.server import ShareServer

    event = EventFolder(twenty)
    server = ShareServer(SharingSettings(host="127.0.0.1", port=0), EventSettings(dir=twenty), event.shares)
    server.start()
    try:
        url = server.publish(sorted(event.results.iterdir())[0])
        assert httpx.get(url).status_code == 200
        assert main(["event", "close", "--event", str(twenty)]) == 0
        assert httpx.get(url).status_code == 404
    finally:
        server.stop()
