"""Settings: the shipped file is valid, bad values name their key and where they came from, the environment
(BOOTH_<SECTION>_<KEY>, BOOTH_PIN) wins over the file, a broken file is a message with its line."""

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


def test_every_documented_variable_wins_over_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[api]\nurl = "https://file.example"\nauth = "basic"\nusername = "file-user"\n'
                           'password = "file-pass"\n[kiosk]\noperator_pin = "1111"\n[event]\nname = "Gala"\n')
    env = {
        "BOOTH_API_URL": "https://env.example",
        "BOOTH_API_AUTH": "oauth2",
        "BOOTH_API_USERNAME": "env-user",
        "BOOTH_API_PASSWORD": "env-pass",
        "BOOTH_API_TOKEN": "env-token",
        "BOOTH_PIN": "2468",
        "BOOTH_EVENT_DIR": str(tmp_path / "from-env"),  # any BOOTH_<SECTION>_<KEY>
        "BOOTH_API_CONNECT_TIMEOUT_S": "7.5",  # keys with underscores split at the first one only
    }
    loaded = settings.load(path, env=env)
    assert (loaded.api.url, loaded.api.auth, loaded.api.username) == ("https://env.example", "oauth2", "env-user")
    assert loaded.api.password.get_secret_value() == "env-pass"
    assert loaded.api.token.get_secret_value() == "env-token"
    from booth import pin

    assert pin.verify("2468", loaded.kiosk.operator_pin.get_secret_value()), "BOOTH_PIN is kept as its hash"
    assert loaded.event.dir == tmp_path / "from-env"
    assert loaded.event.name == "Gala", "the file's other keys stay"
    assert loaded.api.connect_timeout_s == 7.5


def test_a_bad_variable_is_named_as_the_variable(tmp_path: Path) -> None:
    path = write(tmp_path, '[jobs]\nmax_in_flight = 2\n')
    with pytest.raises(ConfigError) as caught:
        settings.load(path, env={"BOOTH_JOBS_MAX_IN_FLIGHT": "0", "BOOTH_API_AUTHMODE": "x"})
    lines = str(caught.value).splitlines()
    assert any(line.startswith("environment variable BOOTH_JOBS_MAX_IN_FLIGHT: jobs.max_in_flight = '0'")
               for line in lines)  # fmt: skip
    assert any(line.startswith("environment variable BOOTH_API_AUTHMODE: unknown key 'api.authmode'") for line in lines)


def test_a_list_or_table_variable_that_is_not_json_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, '[api]\npassword = "file-secret"\n')
    loaded = settings.load(path, env={"BOOTH_KIOSK_SERVICES": '["comic"]', "BOOTH_ENGINE_USERS": '{"op": "pw"}'})
    assert loaded.kiosk.services == ["comic"] and loaded.engine.users == {"op": "pw"}
    with pytest.raises(ConfigError) as caught:
        settings.load(path, env={"BOOTH_KIOSK_SERVICES": "comic", "BOOTH_API": '{"url": 3}'})
    text = str(caught.value)
    assert "environment variable BOOTH_KIOSK_SERVICES: kiosk.services = 'comic': Input should be a valid list" in text
    assert "environment variable BOOTH_API: api.url = 3" in text
    assert "file-secret" not in text


def test_a_mapping_alone_ignores_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOOTH_API_URL", "https://env.example")
    assert settings.from_mapping({}).uses_local_engine
    assert settings.load(settings.REPO_CONFIG).api.url == "https://env.example"  # load reads it


def test_toml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, '[event]\nname = "ok"\n\n[api\nurl = 1\n')
    with pytest.raises(ConfigError) as caught:
        settings.load(path, env={})
    assert str(caught.value).startswith(f"{path}, line 4, column 5: not valid TOML (")


def test_unreadable_files_are_config_errors(tmp_path: Path) -> None:
    binary = tmp_path / "latin1.toml"
    binary.write_bytes(b'[event]\nname = "Caf\xe9"\n')
    with pytest.raises(ConfigError, match=r"latin1\.toml, line 2: not valid TOML \(not UTF-8"):
        settings.load(binary, env={})
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    with pytest.raises(ConfigError, match="cannot read it"):
        settings.load(folder, env={})
