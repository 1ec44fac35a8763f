"""`booth batch` and `booth jobs` in-process against the local engine: results, resume, operator actions, errors.

These run `booth.cli.main` in this process (the qapp fixture makes sure the Qt application is a full
QApplication before batch looks for one); the SIGKILL acceptance test runs real subprocesses instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jobs_helpers import run_batch, stored_jobs, write_photos
from PIL import Image

from booth.cli import main
from booth.jobs.event import EventFolder
from booth.jobs.job import JobState
from booth.jobs.store import JobStore


@pytest.fixture
def images(tmp_path: Path) -> list[str]:
    return write_photos(tmp_path / "in", ("anna.jpg", "ben.jpg", "sub/anna.jpg"))


def test_batch_writes_every_result_and_a_rerun_sends_nothing_again(
    service: Any, images: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_batch(images, tmp_path) == 0
    out = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert out == ["anna-2.jpg", "anna.jpg", "ben.jpg"]  # two images called alike get distinct names
    for name in out:
        with Image.open(tmp_path / "out" / name) as result:
            assert result.size == (1024, 1024)
    err = capsys.readouterr().err
    assert "3/3 3 completed" in err and "3 of 3 results" in err
    assert service.stats()["runs_received"] == 3

    assert run_batch(images, tmp_path) == 0
    assert service.stats()["runs_received"] == 3  # finished jobs are not sent again
    assert run_batch(images[:1], tmp_path, "--gender", "male") == 0  # other options: another job
    assert service.stats()["runs_received"] == 4


def test_batch_reports_failures_with_a_summary(
    service: Any, images: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["batch", images[0], "--service", "comic", "--style-id", "2", "--event", str(tmp_path / "ev"),
                 "--out", str(tmp_path / "out")])  # fmt: skip
    assert code == 0
    service.configure(faults={"run.fail": 1.0})
    code = main(["batch", images[1], "--service", "comic", "--style-id", "2", "--event", str(tmp_path / "ev"),
                 "--out", str(tmp_path / "out")])  # fmt: skip
    assert code == 5
    err = capsys.readouterr().err
    assert "A02 ben.jpg: failed: " in err and "injected failure" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--service", "nope"], "unknown service 'nope'"),
        (["--service", "filter", "--ratio", "wide"], "--ratio 'wide' is not valid"),
        (["--service", "filter", "--gender", "7"], "--gender '7' is not valid"),
    ],
)
def test_batch_refuses_bad_options_before_sending(
    service: Any, images: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code = main(["batch", images[0], *args, "--event", str(tmp_path / "ev"), "--out", str(tmp_path / "out")])
    assert code == 2
    assert message in capsys.readouterr().err
    assert service.stats()["runs_received"] == 0


def test_batch_names_an_unreadable_image(service: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "notes.jpg"
    bad.write_text("not a photo")
    assert main(["batch", str(bad), str(tmp_path / "missing.jpg"), "--service", "filter", "--event",
                 str(tmp_path / "ev"), "--out", str(tmp_path / "out")]) == 2  # fmt: skip
    assert f"{bad}: not a readable JPEG or PNG image" in capsys.readouterr().err


def test_jobs_list_retry_and_cancel(
    service: Any, images: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_batch(images[:2], tmp_path) == 0
    event = EventFolder(tmp_path / "event")
    store = JobStore(event)
    first, second = store.all()
    store.save(second.replace(state=JobState.SUBMITTING, needs_operator=True, error="answer lost"))
    store.close()
    capsys.readouterr()

    assert main(["jobs", "list", "--event", str(event.path)]) == 0
    listing = capsys.readouterr().out
    assert "TICKET" in listing and first.id in listing and "A02" in listing
    assert "submitting (needs operator)" in listing and "answer lost" in listing

    assert main(["jobs", "retry", "A02", "--event", str(event.path)]) == 0
    assert "will be sent" in capsys.readouterr().out
    assert main(["jobs", "retry", first.id[:8], "--event", str(event.path)]) == 2
    assert "already completed" in capsys.readouterr().err
    assert main(["jobs", "cancel", "zz99", "--event", str(event.path)]) == 2
    assert "no job 'zz99'" in capsys.readouterr().err

    assert run_batch(images[:2], tmp_path) == 0  # the retried job goes out again
    store = JobStore(event)
    assert [j.state for j in store.all()] == [JobState.COMPLETED, JobState.COMPLETED]
    assert store.get(second.id).attempts == 2  # type: ignore[union-attr]
    store.close()


def test_jobs_cancel_refuses_while_a_booth_runs_the_folder(
    service: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event = EventFolder(tmp_path / "event")
    JobStore(event).close()
    event.acquire()
    try:
        assert main(["jobs", "cancel", "A01", "--event", str(event.path)]) == 2
        assert "in use by another booth process" in capsys.readouterr().err
    finally:
        event.release()


def test_jobs_list_names_a_folder_without_jobs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["jobs", "list", "--event", str(tmp_path)]) == 2
    assert "no job store here" in capsys.readouterr().err


def test_batch_without_an_api_url_runs_on_an_in_process_engine(
    qapp: Any, images: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BOOTH_API_URL", raising=False)
    assert run_batch(images[:1], tmp_path) == 0
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["anna.jpg"]


def test_jobs_retry_of_a_run_at_the_service_needs_force(
    service: Any, images: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_batch(images[:1], tmp_path) == 0
    event = EventFolder(tmp_path / "event")
    store = JobStore(event)
    (job,) = store.all()
    store.save(job.replace(state=JobState.RUNNING, remote_id="r-1", result_path=None))
    store.close()
    capsys.readouterr()

    assert main(["jobs", "retry", "A01", "--event", str(event.path)]) == 2
    err = capsys.readouterr().err
    assert "running at the service" in err and "second credit" in err and "--force" in err
    assert main(["jobs", "retry", "A01", "--force", "--event", str(event.path)]) == 0
    assert [j.state for j in stored_jobs(event.path)] == [JobState.CAPTURED]


def test_a_completed_job_whose_result_was_lost_is_made_again_only_with_force(
    service: Any, images: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_batch(images[:1], tmp_path) == 0
    event = EventFolder(tmp_path / "event")
    (job,) = stored_jobs(event.path)
    assert job.result_path is not None
    job.result_path.unlink()
    capsys.readouterr()

    assert main(["jobs", "retry", "A01", "--event", str(event.path)]) == 2
    assert "add --force to make it again" in capsys.readouterr().err
    assert main(["jobs", "retry", "A01", "--force", "--event", str(event.path)]) == 0
    assert run_batch(images[:1], tmp_path) == 0
    (again,) = stored_jobs(event.path)
    assert again.id == job.id and again.state is JobState.COMPLETED and again.attempts == 2
    assert again.result_path is not None and again.result_path.is_file()
    assert service.stats()["runs_received"] == 2
