"""booth's log files: size-capped rotation, private to the booth's user, secrets masked, an unwritable folder
is no reason to stop."""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from booth.api.redact import register_secret
from booth.cli import logfiles


@pytest.fixture
def restore_root() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_the_log_rotates_at_its_cap_and_keeps_a_few(tmp_path: Path, monkeypatch, restore_root) -> None:
    monkeypatch.setenv(logfiles.LOG_DIR_ENV, str(tmp_path / "logs"))
    monkeypatch.setattr(logfiles, "MAX_BYTES", 4000)
    register_secret("s3cret-Rotate-99")
    path = logfiles.setup_logging(verbose=False)
    assert path == tmp_path / "logs" / "booth.log"
    for i in range(400):
        logging.getLogger("booth.test").info("line %d with password s3cret-Rotate-99 and some padding text", i)
    files = logfiles.log_files(tmp_path / "logs")
    assert files[0].name == "booth.log"
    assert len(files) == logfiles.BACKUPS + 1, [f.name for f in files]
    assert all(f.stat().st_size <= 4000 + 200 for f in files)
    assert all(stat.S_IMODE(f.stat().st_mode) & 0o077 == 0 for f in files), "rotated files stay private"
    assert stat.S_IMODE((tmp_path / "logs").stat().st_mode) == 0o700
    text = "".join(f.read_text() for f in files)
    assert "line 399 with password ***" in text and "s3cret-Rotate-99" not in text


def test_setting_up_twice_keeps_one_file_handler(tmp_path: Path, monkeypatch, restore_root) -> None:
    monkeypatch.setenv(logfiles.LOG_DIR_ENV, str(tmp_path / "logs"))
    logfiles.setup_logging(verbose=False)
    logfiles.setup_logging(verbose=True)
    handlers = [h for h in logging.getLogger().handlers if isinstance(h, logfiles.BoothFileHandler)]
    assert len(handlers) == 1


def test_an_unwritable_log_folder_is_said_once_and_the_booth_goes_on(tmp_path: Path, monkeypatch, capsys,
                                                                      restore_root) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(logfiles.LOG_DIR_ENV, str(blocker / "logs"))
    assert logfiles.setup_logging(verbose=False) is None
    err = capsys.readouterr().err
    assert "cannot write the log folder" in err and "BOOTH_LOG_DIR" in err
