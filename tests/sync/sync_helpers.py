"""Shared storage for the sync tests: `rclone serve webdav` on loopback, kiosk event folders from `booth batch`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from jobs_helpers import write_photos

from booth.settings import Settings, from_mapping

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class WebDav:
    """`rclone serve webdav ROOT` on 127.0.0.1: the event's shared storage, which a test can stop and restart."""

    def __init__(self, root: Path, port: int | None = None) -> None:
        self.root = root
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def remote(self) -> str:
        """A connection string (no rclone.conf needed), as an operator may write it in sync.remote."""
        return f":webdav,url='{self.url}':events"

    def start(self) -> WebDav:
        self.root.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            ["rclone", "serve", "webdav", str(self.root), "--addr", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("rclone serve webdav did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


def kiosk_settings(event_dir: Path, remote: str, kiosk: str, **sync: object) -> Settings:
    return from_mapping({
        "event": {"name": "Gala 2026", "dir": str(event_dir)},
        "sync": {"enabled": True, "remote": remote, "kiosk": kiosk, **sync},
    })  # fmt: skip


def batch(event_dir: Path, photos: Path, names: list[str], *, seed_offset: int = 0) -> None:
    """`booth batch` in a child process on its own local engine: a kiosk's event folder with real results."""
    images = write_photos(photos, [f"{seed_offset:03d}-{name}" for name in names])
    if seed_offset:  # distinct pictures for a second batch: rewrite with other seeds
        from jobs_helpers import photo

        for n, path in enumerate(images):
            Path(path).write_bytes(photo(seed_offset + n))
    env = {**os.environ, "PYTHONPATH": str(REPO), "BOOTH_CONFIG": str(photos / "none.toml")}
    (photos / "none.toml").write_text("")
    done = subprocess.run(
        [sys.executable, "-m", "booth", "batch", *images, "--service", "filter", "--filter-id", "3",
         "--event", str(event_dir), "--out", str(photos / "out")],
        env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def results(event_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (event_dir / "results").iterdir() if not p.name.startswith(".")}
