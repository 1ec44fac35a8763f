"""`booth api`: run as a real process against a real engine; exit codes and one-line errors per failure kind."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]


def booth(*args: str, env: dict[str, str] | None = None, cache: Path) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("BOOTH_")}
    full.update({"XDG_CACHE_HOME": str(cache), **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "booth", "api", *args],
        capture_output=True,
        text=True,
        env=full,
        cwd=ROOT,
        timeout=120,
    )


def one_clean_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.fixture
def photo_file(tmp_path: Path) -> Path:
    path = tmp_path / "guest.jpg"
    Image.new("RGB", (1200, 900), (180, 130, 110)).save(path, "JPEG")
    return path


def test_catalogs_print_id_and_name(engine: Any, tmp_path: Path) -> None:
    done = booth("filters", env={"BOOTH_API_URL": engine.url}, cache=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = [line.split("\t") for line in done.stdout.splitlines()]
    assert len(rows) >= 12 and all(len(row) == 2 and row[0] and row[1] for row in rows)


def test_without_an_api_url_the_local_engine_is_started(tmp_path: Path) -> None:
    done = booth("styles", cache=tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 17


def test_run_prints_status_changes_and_writes_exactly_to_out(engine: Any, photo_file: Path, tmp_path: Path) -> None:
    engine.configure(auth="bearer", tokens=["cli-token-123456"], latency_s=1.2)
    out = tmp_path / "result"  # no suffix: written there all the same, the type is mentioned
    done = booth(
        "run", "filter", "--image", str(photo_file), "--filter-id", "1", "--ratio", "portrait", "--gender", "female",
        "--capture-mode", "1", "--out", str(out),
        env={"BOOTH_API_URL": engine.url, "BOOTH_API_AUTH": "bearer", "BOOTH_API_TOKEN": "cli-token-123456"},
        cache=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "IN_QUEUE" in done.stdout and "COMPLETED" in done.stdout
    assert "cli-token-123456" not in done.stdout + done.stderr
    picture = Image.open(io.BytesIO(out.read_bytes()))
    assert picture.size == (768, 1152)
    assert f"wrote {out}" in done.stdout and "note: the result is" in done.stdout
    assert engine.stats()["runs_received"] == 1


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "filter", "--image", "{missing}", "--out", "{out}"], "no such file"),
        (["run", "filter", "--image", "{text}", "--out", "{out}"], "not a readable JPEG or PNG"),
        (["run", "facewarp", "--image", "{photo}", "--out", "{out}"], "unknown service 'facewarp'"),
        (["run", "filter", "--image", "{photo}", "--ratio", "panorama", "--out", "{out}"], "--ratio 'panorama'"),
        (["run", "filter", "--image", "{photo}", "--gender", "7", "--out", "{out}"], "--gender '7'"),
        (["run", "comic", "--image", "{photo}", "--style-id", "40", "--out", "{out}"], "--style-id 40"),
        (["run", "filter", "--image", "{photo}", "--out", "{nodir}"], "does not exist"),
        (["filters", "--api-url", "http://example.com"], "must use https://"),
    ],
)
def test_bad_input_is_exit_2_naming_what_is_wrong(
    engine: Any, photo_file: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a photo", encoding="utf-8")
    names = {
        "missing": str(tmp_path / "missing.jpg"),
        "text": str(text),
        "photo": str(photo_file),
        "out": str(tmp_path / "out.png"),
        "nodir": str(tmp_path / "no" / "such" / "out.png"),
    }
    done = booth(*[arg.format(**names) for arg in args], env={"BOOTH_API_URL": engine.url}, cache=tmp_path)
    assert done.returncode == 2
    assert message in one_clean_line(done.stderr)
    assert engine.stats()["runs_received"] == 0  # checked before a credit could be spent


def _run(engine_url: str, photo: Path, out: Path, cache: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return booth(
        "run", "comic", "--image", str(photo), "--style-id", "1", "--out", str(out),
        env={"BOOTH_API_URL": engine_url, **env}, cache=cache,
    )  # fmt: skip


def test_auth_failure_is_exit_3(engine: Any, photo_file: Path, tmp_path: Path) -> None:
    engine.configure(auth="oauth2", users={"anna": "right-password-1"})
    done = _run(
        engine.url, photo_file, tmp_path / "o.png", tmp_path,
        BOOTH_API_AUTH="oauth2", BOOTH_API_USERNAME="anna", BOOTH_API_PASSWORD="wrong-password-1",
    )  # fmt: skip
    assert done.returncode == 3
    line = one_clean_line(done.stderr)
    assert "BOOTH_API_PASSWORD" in line and "wrong-password-1" not in line


def test_no_credits_is_exit_4(engine: Any, photo_file: Path, tmp_path: Path) -> None:
    engine.configure(credits=0)
    done = _run(engine.url, photo_file, tmp_path / "o.png", tmp_path)
    assert done.returncode == 4
    assert "credits" in one_clean_line(done.stderr)


def test_failed_job_is_exit_5(engine: Any, photo_file: Path, tmp_path: Path) -> None:
    engine.configure(faults={"run.fail.next": 1})
    done = _run(engine.url, photo_file, tmp_path / "o.png", tmp_path)
    assert done.returncode == 5
    assert "injected failure" in one_clean_line(done.stderr)
    assert "FAILED" in done.stdout
    assert not (tmp_path / "o.png").exists()


def test_unreachable_is_exit_6(photo_file: Path, tmp_path: Path) -> None:
    done = _run(f"http://127.0.0.1:{closed_port()}", photo_file, tmp_path / "o.png", tmp_path)
    assert done.returncode == 6
    assert "cannot be reached" in one_clean_line(done.stderr)
