"""`booth batch` as an operator at a venue meets it: why it waits, what went wrong, what to type next.

Each test runs `booth.cli.main` in this process against the local engine (the SIGINT test runs a real
subprocess, since a batch waiting for an unreachable service only ends when interrupted). Before these
fixes, each of them either hung without a reason, crashed with a traceback or silently re-sent a run.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from jobs_helpers import run_batch, stored_jobs, write_photos

from booth.cli import main
from booth.jobs.event import EventFolder
from booth.jobs.job import JobState
from booth.jobs.store import JobStore


@pytest.fixture
def images(tmp_path: Path) -> list[str]:
    return write_photos(tmp_path / "in", ("anna.jpg", "ben.jpg"))


def _batch_env(url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOOTH_")}
    return {**env, "BOOTH_API_URL": url, "QT_QPA_PLATFORM": "offscreen"}


def _signal_when(command: list[str], env: dict[str, str], said: str, sig: int, pause: float = 0.0) -> tuple[int, str]:
    """Run batch until its stderr says `said`, wait `pause`, send `sig`; its exit code and all of stderr."""
    proc = subprocess.Popen(command, env=env, text=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    seen = ""
    try:
        while said not in seen:
            line = proc.stderr.readline()
            assert line, f"batch ended before it said {said!r}: {seen}"
            seen += line
        time.sleep(pause)
        proc.send_signal(sig)
        _, rest = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    return proc.returncode, seen + rest


class _Terminal(io.StringIO):
    """stderr as a terminal: the progress bar redraws its one line with carriage returns."""

    def isatty(self) -> bool:
        return True


# -- 1. the reason for waiting ---------------------------------------------------------------------------------
def test_batch_prints_each_problem_once_on_a_line_of_its_own(
    service: Any, images: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service.configure(faults={"run.fail.next": 1})
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert run_batch(images[:1], tmp_path) == 5
    err = terminal.getvalue()
    assert err.count("booth: ticket A01: ") == 1 and "injected failure" in err
    # The bar's line is cleared before the problem is printed, so the problem starts a line of its own.
    before = err[: err.index("booth: ticket A01: ")]
    assert before == "" or before.endswith(("\r\x1b[2K", "\n"))


def test_batch_says_why_it_waits_for_an_unreachable_service(images: list[str], tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on: connection refused
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [sys.executable, "-m", "booth", "batch", images[0], "--service", "filter",
               "--event", str(tmp_path / "event"), "--out", str(tmp_path / "out")]  # fmt: skip
    # The queue tries again during the pause: the reason must not be printed a second time.
    code, err = _signal_when(command, _batch_env(f"http://127.0.0.1:{port}"), "cannot be reached", signal.SIGINT, 2.5)
    assert code == 130, err
    reasons = [line for line in err.splitlines() if "cannot be reached" in line]
    assert len(reasons) == 1, err
    assert reasons[0].startswith("booth: the service cannot be reached")
    assert "Traceback" not in err


# -- 2. messages, not tracebacks -------------------------------------------------------------------------------
def test_batch_refuses_an_event_path_that_is_a_file(
    service: Any, images: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "event").write_text("not a folder")
    assert run_batch(images, tmp_path) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'event'}" in err and "is a file, not a folder" in err
    assert service.stats()["runs_received"] == 0


def test_batch_names_a_corrupt_job_store_and_leaves_the_folder_free(
    service: Any, images: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event = EventFolder(tmp_path / "event")
    event.db_path.mkdir()  # a garbage file is repaired now (test_store_repair.py); this one cannot be opened
    assert run_batch(images, tmp_path) == 2
    err = capsys.readouterr().err
    assert "jobs.sqlite: cannot open the job store" in err and "keep a copy of the folder" in err
    assert not event.is_busy()  # the lock went with the failed start
    assert service.stats()["runs_received"] == 0


def test_batch_lists_a_result_missing_from_the_event_folder(
    service: Any, images: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_batch(images, tmp_path) == 0
    anna = stored_jobs(tmp_path / "event")[0]
    assert anna.result_path is not None
    anna.result_path.unlink()
    (tmp_path / "out" / "anna.jpg").unlink()
    capsys.readouterr()

    assert run_batch(images, tmp_path) == 5
    err = capsys.readouterr().err
    assert "booth: 1 of 2 results in" in err
    assert f"A01 anna.jpg: result missing: {anna.result_path}" in err
    assert "job A01 is completed, so it is not sent again" in err and "put the file back" in err
    assert (tmp_path / "out" / "ben.jpg").is_file()
    assert service.stats()["runs_received"] == 2  # nothing is sent again without the operator's word


def test_batch_stops_with_a_message_when_out_is_full(
    service: Any, images: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from booth.jobs import event as event_mod

    real_write = event_mod.atomic_write
    out = tmp_path / "out"

    def full_disk(path: Path, data: bytes) -> Path:
        if Path(path).parent == out:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_write(path, data)

    monkeypatch.setattr(event_mod, "atomic_write", full_disk)
    assert run_batch(images, tmp_path) == 2
    err = capsys.readouterr().err
    assert f"--out {out}: cannot write" in err and "No space left on device" in err
    assert "run the same command again" in err
    assert not EventFolder(tmp_path / "event").is_busy()

    monkeypatch.setattr(event_mod, "atomic_write", real_write)  # space freed: the re-run only copies
    assert run_batch(images, tmp_path) == 0
    assert sorted(p.name for p in out.iterdir()) == ["anna.jpg", "ben.jpg"]
    assert service.stats()["runs_received"] == 2


# -- 3. failed jobs wait for --retry-failed --------------------------------------------------------------------
def test_a_rerun_lists_failed_jobs_and_sends_them_only_with_retry_failed(
    service: Any, images: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    service.configure(faults={"run.fail.next": 1})
    assert run_batch(images[:1], tmp_path) == 5
    assert service.stats()["runs_received"] == 1
    capsys.readouterr()

    assert run_batch(images[:1], tmp_path) == 5
    assert service.stats()["runs_received"] == 1  # a failed run may still be at the service: not re-sent
    err = capsys.readouterr().err
    assert "A01 anna.jpg: failed: " in err and "injected failure" in err
    assert "--retry-failed" in err

    assert run_batch(images[:1], tmp_path, "--retry-failed") == 0
    assert service.stats()["runs_received"] == 2
    assert (tmp_path / "out" / "anna.jpg").is_file()


def test_retry_failed_is_documented() -> None:
    from booth.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    text = sub.choices["batch"].format_help()  # type: ignore[attr-defined]
    assert "--retry-failed" in text and "credit" in text


# -- 4. a photo the event folder could not take at once ------------------------------------------------------
def test_a_photo_the_event_folder_could_not_take_is_reported_without_a_crash(
    service: Any, images: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk refuses anna's capture once: the queue keeps the photo and writes it again, batch says so
    once and delivers it, and never crashes."""
    from booth.jobs import queue as queue_mod

    real_write = queue_mod.atomic_write
    refused: list[Path] = []

    def full_once(path: Path, data: bytes) -> Path:
        if Path(path).parent.name == "captures" and Path(path).name.startswith("A01") and not refused:
            refused.append(Path(path))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_write(path, data)

    monkeypatch.setattr(queue_mod, "atomic_write", full_once)
    code = run_batch(images, tmp_path)
    err = capsys.readouterr().err
    assert refused and "Traceback" not in err
    problems = [line for line in err.splitlines() if line.startswith("booth: ticket A01: the photo could not be saved")]
    assert len(problems) == 1, err  # the queue's storage problem, printed once
    assert (tmp_path / "out" / "ben.jpg").is_file()
    assert code == 0, err
    assert (tmp_path / "out" / "anna.jpg").is_file()


# -- 5. held jobs: what to type in a shell ---------------------------------------------------------------------
def test_held_jobs_get_shell_commands_not_buttons(
    service: Any, images: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_batch(images, tmp_path) == 0
    event = EventFolder(tmp_path / "event")
    store = JobStore(event)
    anna, ben = store.all()
    from booth.problems import ProblemKind

    store.save(anna.replace(state=JobState.SUBMITTING, needs_operator=True, problem=ProblemKind.SEND_INTERRUPTED,
                            error=None, result_path=None, remote_id=None))  # fmt: skip
    store.save(ben.replace(state=JobState.RUNNING, needs_operator=True, result_path=None, remote_id="r-77",
                           problem=ProblemKind.ANSWER_LOST, error="timeout"))  # fmt: skip
    store.close()
    capsys.readouterr()

    assert run_batch(images, tmp_path) == 7
    err = capsys.readouterr().err
    assert "press Resubmit" not in err and "Cancel" not in err
    folder = str(event.path)
    assert f"booth jobs retry A01 --event {folder}`" in err  # no run id known: no --force
    assert f"booth jobs retry A02 --event {folder} --force`" in err  # the service has run r-77
    assert f"booth jobs cancel A01 --event {folder}`" in err and f"booth jobs cancel A02 --event {folder}`" in err
    assert "the service may have it" in err


def test_a_closed_ssh_session_stops_batch_cleanly_and_the_rerun_sends_nothing_twice(
    engine: Any, images: list[str], tmp_path: Path
) -> None:
    """SIGHUP (the terminal went away) ends batch like Ctrl-C: runs being sent hear their answers first."""
    engine.configure(latency_s=1.5)
    env = _batch_env(engine.url)
    command = [sys.executable, "-m", "booth", "batch", *images, "--service", "filter", "--filter-id", "1",
               "--event", str(tmp_path / "event"), "--out", str(tmp_path / "out")]  # fmt: skip
    code, err = _signal_when(command, env, "running", signal.SIGHUP)  # both runs are at the engine: mid-run
    assert code == 130, err
    assert "interrupted; run the same command again to resume" in err and "Traceback" not in err
    assert not any(job.needs_operator for job in stored_jobs(tmp_path / "event"))  # nothing left asking "was it sent?"
    again = subprocess.run(command, env=env, text=True, capture_output=True, timeout=60)
    assert again.returncode == 0, again.stderr
    assert engine.stats()["runs_received"] == len(images)  # the runs out at the hang-up were polled, not resent


def test_batch_without_event_names_the_folder_it_uses(
    service: Any, images: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "booth.toml"
    config.write_text(f'[event]\ndir = "{tmp_path / "settings-event"}"\n')
    code = main(["--config", str(config), "batch", images[0], "--service", "filter", "--filter-id", "1",
                 "--out", str(tmp_path / "out")])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 0, err
    assert f"no --event given: using the event folder of the settings, {tmp_path / 'settings-event'}" in err


def test_batch_refuses_to_write_results_over_the_photos_given(
    service: Any, images: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = Path(images[0]).read_bytes()
    code = main(["batch", *images, "--service", "filter", "--filter-id", "1", "--event", str(tmp_path / "event"),
                 "--out", str(Path(images[0]).parent)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2, err
    assert "is the folder of the photos given" in err and "choose another --out folder" in err
    assert Path(images[0]).read_bytes() == before
    assert service.stats()["runs_received"] == 0
