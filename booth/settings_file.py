"""Changing the settings file from the operator panel (and `booth event new`) without a text editor.

The file is the operator's: its comments and order are kept (tomlkit edits it in place), it is written
atomically (a crash leaves the old or the whole new file) and only after the whole result passed the same
rules as `booth config check`; a refused change names each bad key and writes nothing. Passwords and tokens
never go into it: they go to the system keyring where one works, else to a 0600 file beside the settings
(`<file>.secrets`), and `load` lays them under the file's values; the environment still wins over both.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Any

import tomlkit
from pydantic_core import ErrorDetails
from tomlkit.items import Table
from tomlkit.toml_document import TOMLDocument

from booth import settings as settings_mod
from booth.private import FILE_MODE
from booth.settings import ConfigError, Settings

log = logging.getLogger(__name__)

SECRET_KEYS = ("api.password", "api.token")  # typed in the panel, never written to the TOML file
KEYRING_SERVICE = "booth"


class Origin(StrEnum):
    """Where a setting's value comes from, for the panel's "from ..." note."""

    ENVIRONMENT = "environment"
    KEYRING = "keyring"
    SECRET_FILE = "secret_file"
    FILE = "file"
    DEFAULT = "default"


def _keyring() -> Any | None:
    """The system keyring backend if a usable one is installed (priority above 0), else None."""
    try:
        import keyring
    except ImportError:
        return None
    backend = keyring.get_keyring()
    return backend if getattr(backend, "priority", 0) > 0 else None


class SecretStore:
    """The secrets of one settings file: the keyring (one entry per key, named after the file) or the 0600
    `<file>.secrets` JSON beside it when no keyring works. Blocking: keyrings may talk over D-Bus."""

    def __init__(self, settings_path: Path, *, use_keyring: bool = True) -> None:
        self.settings_path = settings_path.expanduser().resolve()
        self.file = self.settings_path.with_name(self.settings_path.name + ".secrets")
        self._backend = _keyring() if use_keyring else None

    @property
    def origin(self) -> Origin:
        return Origin.KEYRING if self._backend is not None else Origin.SECRET_FILE

    def _account(self, key: str) -> str:
        return f"{self.settings_path}:{key}"

    def _file_values(self) -> dict[str, str]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _write_file(self, values: dict[str, str]) -> None:
        if not values:
            with contextlib.suppress(FileNotFoundError):
                self.file.unlink()
            return
        atomic_write_text(self.file, json.dumps(values), mode=FILE_MODE)

    def get(self, key: str) -> str | None:
        if self._backend is not None:
            try:
                value = self._backend.get_password(KEYRING_SERVICE, self._account(key))
            except Exception as exc:  # a locked or absent keyring daemon: the file
                log.warning("keyring unavailable (%s); using %s", type(exc).__name__, self.file)
            else:
                if value is not None:
                    return str(value)
        return self._file_values().get(key)

    def set(self, key: str, value: str) -> Origin:
        """Store `value` (empty: forget it); where it went."""
        if self._backend is not None:
            try:
                if value:
                    self._backend.set_password(KEYRING_SERVICE, self._account(key), value)
                else:
                    with contextlib.suppress(Exception):
                        self._backend.delete_password(KEYRING_SERVICE, self._account(key))
            except Exception as exc:  # keyring refused: the 0600 file keeps it
                log.warning("keyring refused the secret (%s); using %s", type(exc).__name__, self.file)
            else:
                self._drop_from_file(key)
                return Origin.KEYRING
        values = self._file_values()
        if value:
            values[key] = value
        else:
            values.pop(key, None)
        self._write_file(values)
        return Origin.SECRET_FILE

    def _drop_from_file(self, key: str) -> None:
        values = self._file_values()
        if values.pop(key, None) is not None:
            self._write_file(values)

    def where(self, key: str) -> Origin | None:
        """Which store holds `key` now, if any."""
        if self._backend is not None:
            with contextlib.suppress(Exception):
                if self._backend.get_password(KEYRING_SERVICE, self._account(key)) is not None:
                    return Origin.KEYRING
        return Origin.SECRET_FILE if key in self._file_values() else None


def atomic_write_text(path: Path, text: str, *, mode: int | None = None) -> None:
    """Write `text` so readers and crashes see the old or the whole new file; `mode` (default: the old
    file's, else 0600) is set before the name appears."""
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = FILE_MODE
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _plain(value: object) -> object:
    """A value as TOML holds it (paths as text)."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _set(doc: TOMLDocument, dotted: str, value: object) -> None:
    """Set (None: remove) `a.b.c` in the document, making the tables on the way as needed."""
    *tables, key = dotted.split(".")
    node: TOMLDocument | Table = doc
    for name in tables:
        child = node.get(name)
        if not isinstance(child, Table):
            if value is None:
                return
            child = tomlkit.table()
            node[name] = child
        node = child
    if value is None:
        node.pop(key, None)
    else:
        node[key] = _plain(value)


def _get(data: Mapping[str, Any], dotted: str) -> object | None:
    node: object = data
    for name in dotted.split("."):
        if not isinstance(node, Mapping) or name not in node:
            return None
        node = node[name]
    return node


class SettingsFile:
    """The settings file the booth was started with, its secrets, and the environment laid over both."""

    def __init__(self, path: Path, *, env: Mapping[str, str] | None = None, secrets: SecretStore | None = None) -> None:
        self.path = Path(path).expanduser()
        self.env = dict(os.environ if env is None else env)
        self.secrets = secrets if secrets is not None else SecretStore(self.path)

    def document(self) -> TOMLDocument:
        if not self.path.exists():
            return tomlkit.document()
        settings_mod.read_toml(self.path)  # a broken file is named as `booth config check` names it
        return tomlkit.parse(self.path.read_text(encoding="utf-8"))

    def tables(self) -> dict[str, Any]:
        """The file's tables with the stored secrets under them (what validation and the booth see)."""
        data: dict[str, Any] = self.document().unwrap() if self.path.exists() else {}
        for key in SECRET_KEYS:
            value = self.secrets.get(key)
            section, name = key.split(".")
            if value and name not in data.get(section, {}):
                data.setdefault(section, {})[name] = value
        return data

    def load(self) -> Settings:
        """Settings as the booth runs on them: file + stored secrets, the environment winning."""
        return settings_mod.from_mapping(self.tables(), str(self.path), env=self.env)

    def origin(self, dotted: str) -> Origin:
        section_key = tuple(dotted.split("."))
        if settings_mod.Environment.variable(section_key, self.env):
            return Origin.ENVIRONMENT
        if dotted in SECRET_KEYS:
            where = self.secrets.where(dotted)
            if where is not None:
                return where
        data = self.document().unwrap() if self.path.exists() else {}
        return Origin.FILE if _get(data, dotted) is not None else Origin.DEFAULT

    def save(self, changes: Mapping[str, object]) -> dict[str, ErrorDetails]:
        """Apply `changes` (dotted key -> value; None removes the key) if the result is valid.

        Returns the errors per dotted key; when there are any, nothing was written anywhere.
        """
        doc = self.document()
        secrets = {key: value for key, value in changes.items() if key in SECRET_KEYS}
        for key, value in changes.items():
            if key not in SECRET_KEYS:
                _set(doc, key, value)
        for key in SECRET_KEYS:  # a secret someone typed into the file moves out of it
            if _get(doc.unwrap(), key) is not None:
                secrets.setdefault(key, _get(doc.unwrap(), key))
                _set(doc, key, None)
        data = doc.unwrap()
        for key, value in secrets.items():
            section, name = key.split(".")
            if value:
                data.setdefault(section, {})[name] = _secret_text(value)
        errors = settings_mod.field_errors(data)
        if errors:
            return errors
        for key, value in secrets.items():
            self.secrets.set(key, _secret_text(value) if value else "")
        atomic_write_text(self.path, tomlkit.dumps(doc))
        return {}


def _secret_text(value: object) -> str:
    getter = getattr(value, "get_secret_value", None)
    return str(getter() if callable(getter) else value)


def load(path: str | os.PathLike[str] | None = None, *, env: Mapping[str, str] | None = None) -> Settings:
    """`booth.settings.load` with the stored secrets: what every door of the booth starts from."""
    environ = os.environ if env is None else env
    chosen = settings_mod.config_path(path if path is not None else environ.get("BOOTH_CONFIG"))
    explicit = path is not None or bool(environ.get("BOOTH_CONFIG"))
    if not chosen.exists() and not explicit:
        return settings_mod.from_mapping(SettingsFile(chosen, env=environ).tables(), str(chosen), env=environ)
    if not chosen.exists():
        settings_mod.read_toml(chosen)  # names the missing file
    return SettingsFile(chosen, env=environ).load()


__all__ = ["ConfigError", "Origin", "SecretStore", "SettingsFile", "atomic_write_text", "load"]
