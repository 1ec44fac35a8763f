"""`booth doctor` and `booth jobs list` print no secret, not even one quoted by an error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from booth.cli import main
from booth.jobs.event import EventFolder
from booth.jobs.job import Job, JobParams, JobState
from booth.jobs.store import JobStore

REPO = Path(__file__).resolve().parents[2]


def test_doctor_masks_the_password_of_a_refused_api_url(tmp_path: Path) -> None:
    config = tmp_path / "booth.toml"
    config.write_text('[api]\nurl = "http://anna:D0ctor-Secret@api.example.com/v1"\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "booth", "--config", str(config), "doctor"], cwd=REPO,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 1
    assert "must use https" in done.stdout and "anna:***@api.example.com" in done.stdout, done.stdout
    assert "D0ctor-Secret" not in done.stdout + done.stderr


def test_jobs_list_masks_secrets_quoted_in_a_job_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    event = EventFolder(tmp_path / "event")
    store = JobStore(event)
    error = "download of https://anna:J0b-Secret@cdn.example.com/r.png failed; Authorization: Bearer abcdefghijk123"
    store.save(Job(id="ab" * 16, seq=1, ticket="A01", state=JobState.FAILED, params=JobParams("filter"), error=error))
    store.close()
    assert main(["jobs", "list", "--event", str(event.path)]) == 0
    out = capsys.readouterr().out
    assert "download of https://anna:***@cdn.example.com" in out
    assert "J0b-Secret" not in out and "abcdefghijk123" not in out
