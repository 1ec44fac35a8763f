"""Saving settings as the panel does: the file keeps its comments, a bad value writes nothing, and typed
secrets go to a real file-writing keyring (keyrings.alt in a temp HOME) or the 0600 file, never the TOML."""

from __future__ import annotations

import asyncio
import logging
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from keyrings.alt.file import PlaintextKeyring

from booth.api.client import EventstationClient
from booth.settings_file import Origin, SecretStore, SettingsFile

PASSWORD = "Sekr3t-typed-in-the-panel"
FILE = """# the wedding booth
[event]
name = "Anna & Ben"   # shown to guests
dir = "{event}"

# how guests are served
[kiosk]
countdown_s = 3       # seconds
language = "en"
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    path = folder / "booth.toml"
    path.write_text(FILE.format(event=tmp_path / "event"))
    return path


@pytest.fixture
def file_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PlaintextKeyring]:
    """keyrings.alt's file backend as the system keyring, its file in a temp HOME."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    before = keyring.get_keyring()
    backend = PlaintextKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(before)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(before)


def test_a_change_keeps_the_files_comments_and_order(config: Path) -> None:
    assert SettingsFile(config, env={}).save({"kiosk.countdown_s": 7, "jobs.max_in_flight": 2}) == {}
    text = config.read_text()
    assert "# the wedding booth" in text and "# shown to guests" in text and "# seconds" in text
    assert "countdown_s = 7" in text
    assert text.index("[event]") < text.index("[kiosk]") < text.index("[jobs]")
    loaded = SettingsFile(config, env={}).load()
    assert loaded.kiosk.countdown_s == 7 and loaded.jobs.max_in_flight == 2


def test_a_bad_value_is_named_per_field_and_nothing_is_written(config: Path) -> None:
    before = config.read_bytes()
    settings = SettingsFile(config, env={}, secrets=SecretStore(config, use_keyring=False))
    errors = settings.save({"kiosk.countdown_s": 99, "event.accent_color": "pink", "api.password": PASSWORD})
    assert set(errors) == {"kiosk.countdown_s", "event.accent_color"}
    assert errors["kiosk.countdown_s"]["type"] == "less_than_equal"
    assert config.read_bytes() == before
    assert not settings.secrets.file.exists()  # the secret waits for a good save too


def _sign_in(settings_path: Path, url: str, tmp_path: Path) -> list[str]:
    """A fresh start from the file (as the booth does it) signs in; the catalog's names prove it."""
    loaded = SettingsFile(settings_path).load()

    async def go() -> list[str]:
        api = loaded.api.model_copy(update={"catalog_cache": tmp_path / "catalogs"})
        async with EventstationClient(api, base_url=url) as client:
            return [entry.name for entry in await client.catalog("filters")]

    return asyncio.run(go())


def _nowhere(password: str, *folders: Path) -> None:
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                assert password.encode() not in path.read_bytes(), path


def _save_and_sign_in(config: Path, engine: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> SettingsFile:
    engine.configure(auth="oauth2", users={"op": PASSWORD})
    caplog.set_level(logging.DEBUG)
    settings = SettingsFile(config)
    errors = settings.save(
        {"api.url": engine.url, "api.auth": "oauth2", "api.username": "op", "api.password": PASSWORD}
    )
    assert errors == {}
    assert "password =" not in config.read_text()
    assert _sign_in(config, engine.url, tmp_path)
    assert engine.stats()["token_calls"] == 1
    _nowhere(PASSWORD, config.parent, tmp_path / "event")
    assert PASSWORD not in caplog.text
    return settings


def test_a_typed_password_goes_to_the_keyring_and_signs_in_after_a_restart(
    config: Path, engine: Any, tmp_path: Path, file_keyring: PlaintextKeyring, caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.delenv("BOOTH_API_PASSWORD", raising=False)
    settings = _save_and_sign_in(config, engine, tmp_path, caplog)
    assert settings.origin("api.password") is Origin.KEYRING
    assert Path(file_keyring.file_path).is_file() and tmp_path / "home" in Path(file_keyring.file_path).parents
    assert not SecretStore(config).file.exists()
    assert settings.origin("api.username") is Origin.FILE and settings.origin("api.token") is Origin.DEFAULT


def test_without_a_keyring_the_password_goes_to_a_0600_file_beside_the_settings(
    config: Path, engine: Any, tmp_path: Path, no_keyring: None, caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.delenv("BOOTH_API_PASSWORD", raising=False)
    store = SecretStore(config)
    store.file.parent.mkdir(exist_ok=True)
    engine.configure(auth="oauth2", users={"op": PASSWORD})
    settings = SettingsFile(config)
    assert settings.save({"api.url": engine.url, "api.username": "op", "api.password": PASSWORD}) == {}
    assert stat.S_IMODE(store.file.stat().st_mode) == 0o600
    assert settings.origin("api.password") is Origin.SECRET_FILE
    assert "password =" not in config.read_text() and PASSWORD not in caplog.text
    assert _sign_in(config, engine.url, tmp_path)


def test_the_environment_wins_over_a_stored_password(
    config: Path, no_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert SettingsFile(config, env={}).save({"api.password": PASSWORD}) == {}
    monkeypatch.setenv("BOOTH_API_PASSWORD", "from-the-environment")
    settings = SettingsFile(config)
    assert settings.load().api.password.get_secret_value() == "from-the-environment"
    assert settings.origin("api.password") is Origin.ENVIRONMENT
    monkeypatch.delenv("BOOTH_API_PASSWORD")
    assert SettingsFile(config).load().api.password.get_secret_value() == PASSWORD


def test_a_password_written_into_the_file_by_hand_moves_out_of_it_on_save(config: Path, no_keyring: None) -> None:
    config.write_text(config.read_text() + f'\n[api]\npassword = "{PASSWORD}"  # oops\n')
    settings = SettingsFile(config, env={})
    assert settings.save({"kiosk.language": "de"}) == {}
    assert PASSWORD not in config.read_text()
    assert settings.load().api.password.get_secret_value() == PASSWORD
