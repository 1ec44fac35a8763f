"""Settings: the shipped file is valid, bad values name their key, the environment overrides the API."""

from __future__ import annotations

from pathlib import Path

import pytest

from booth import settings
from booth.settings import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "booth.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_config_is_valid_and_runs_on_the_local_engine() -> None:
    loaded = settings.load(settings.REPO_CONFIG, env={})
    assert loaded.uses_local_engine
    assert loaded.jobs.max_in_flight == 3
    assert "postcard" in loaded.printing.layouts


def test_bad_value_names_key_and_value(tmp_path: Path) -> None:
    path = write(tmp_path, '[api]\nauth = "kerberos"\n[jobs]\nmax_in_flight = 0\n')
    with pytest.raises(ConfigError) as caught:
        settings.load(path, env={})
    text = str(caught.value)
    assert "api.auth = 'kerberos'" in text
    assert "jobs.max_in_flight = 0" in text
    assert str(path) in text


def test_unknown_key_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "[kiosk]\ncountdown = 3\n")
    with pytest.raises(ConfigError, match=r"unknown key 'kiosk\.countdown'"):
        settings.load(path, env={})


def test_broken_toml_says_so(tmp_path: Path) -> None:
    path = write(tmp_path, "[api\nurl = 1\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        settings.load(path, env={})


def test_missing_named_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such settings file"):
        settings.load(tmp_path / "nope.toml", env={})


def test_environment_overrides_api_and_names_another_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[api]\nurl = "https://file.example"\nusername = "file-user"\n')
    env = {
        "BOOTH_CONFIG": str(path),
        "BOOTH_API_URL": "https://env.example/",
        "BOOTH_API_AUTH": "bearer",
        "BOOTH_API_TOKEN": "tok-secret",
    }
    loaded = settings.load(env=env)
    assert loaded.api.url == "https://env.example"
    assert loaded.api.auth == "bearer"
    assert loaded.api.username == "file-user"
    assert loaded.api.token.get_secret_value() == "tok-secret"
    assert not loaded.uses_local_engine


def test_plain_http_only_on_loopback() -> None:
    with pytest.raises(ConfigError, match="https"):
        settings.from_mapping({"api": {"url": "http://api.example.com"}})
    ok = settings.from_mapping({"api": {"url": "http://127.0.0.1:8080"}})
    assert ok.api.url == "http://127.0.0.1:8080"


def test_secrets_are_hidden_in_errors_and_repr() -> None:
    loaded = settings.from_mapping({"api": {"password": "hunter2"}, "kiosk": {"operator_pin": "9876"}})
    assert "hunter2" not in repr(loaded)
    assert "9876" not in repr(loaded)
    with pytest.raises(ConfigError) as caught:
        settings.from_mapping({"api": {"password": ["hunter2"]}})
    assert "hunter2" not in str(caught.value)
    assert "(hidden)" in str(caught.value)
