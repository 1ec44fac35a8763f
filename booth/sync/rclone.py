"""rclone as a subprocess: copy, delete one file, list and fetch, each with a bounded time and no secret in argv.

rclone already speaks S3, WebDAV, SFTP, Google Drive and fifty more, and its `copy` compares size and
modification time (or hashes) before it sends a file, so booth needs no protocol and no upload bookkeeping
of its own. A connection string (`:webdav,url=...,pass=...:path`) would put the remote's password on the
command line, where every user of the machine reads it in /proc: it is turned into `RCLONE_CONFIG_<NAME>_*`
variables of the child instead, and argv only names `booth_remote:path`. Anything rclone prints is scrubbed
of those values before it reaches an exception or the log.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REMOTE_NAME = "booth_remote"
# Fail fast when the storage is gone: the syncer retries with its own backoff instead.
NETWORK_FLAGS = ("--contimeout", "5s", "--timeout", "20s", "--retries", "1", "--low-level-retries", "2")
MASK = "***"


class RcloneError(RuntimeError):
    """An rclone call that did not succeed; `reason` is a keyword the doors word, the text is scrubbed."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason  # "missing" | "timeout" | "failed" | "not_found"
        self.detail = detail


def _split_params(text: str) -> list[str]:
    """`a=1,b="x,y"` -> ['a=1', 'b=x,y']: rclone's quoting of connection-string parameters."""
    items: list[str] = []
    current: list[str] = []
    quote = ""
    for char in text:
        if quote:
            if char == quote:
                quote = ""
            else:
                current.append(char)
        elif char in "\"'":
            quote = char
        elif char == ",":
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return [item for item in items if item]


@dataclass(frozen=True)
class Remote:
    """Where to copy: the argv spelling (`name:path`), the child's extra environment, the values to mask."""

    spec: str
    env: Mapping[str, str] = field(default_factory=dict)
    secrets: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> Remote:
        """A named remote passes through; a `:backend,k=v:path` connection string becomes variables."""
        text = text.strip()
        if not text.startswith(":"):
            return cls(text)
        head, colon, path = _head_and_path(text[1:])
        if not colon:
            raise ValueError(
                "a connection string needs ':' before its path, as in :webdav,url='http://host:8080':event"
            )
        backend, *params = _split_params(head)
        prefix = f"RCLONE_CONFIG_{REMOTE_NAME.upper()}_"
        env = {f"{prefix}TYPE": backend}
        secrets = []
        for param in params:
            key, _, value = param.partition("=")
            env[f"{prefix}{key.strip().upper().replace('-', '_')}"] = value
            if key.strip().lower() not in {"url", "host", "user", "vendor", "provider", "region", "endpoint", "port"}:
                secrets.append(value)
        return cls(f"{REMOTE_NAME}:{path}", env, tuple(s for s in secrets if len(s) >= 3))

    def join(self, *parts: str) -> str:
        """`spec/part/part`, without doubling slashes (a remote may end in ':' or '/')."""
        base = self.spec
        tail = "/".join(part.strip("/") for part in parts if part.strip("/"))
        if not tail:
            return base
        return f"{base}{tail}" if base.endswith((":", "/")) else f"{base}/{tail}"


def _head_and_path(text: str) -> tuple[str, str, str]:
    """Split at the first ':' outside quotes; as in rclone, a value holding ':' or ',' (a URL) is quoted."""
    quote = ""
    for index, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == ":":
            return text[:index], ":", text[index + 1 :]
    return text, "", ""


@dataclass
class Rclone:
    """One configured remote; every call is a fresh `rclone` child that ends within `timeout_s`."""

    remote: Remote
    config: Path | None = None
    timeout_s: float = 300.0
    binary: str = "rclone"

    def _argv(self, *args: str) -> list[str]:
        found = shutil.which(self.binary)
        if found is None:
            raise RcloneError("missing", f"{self.binary} is not installed")
        argv = [found, *args, *NETWORK_FLAGS]
        if self.config is not None:
            argv += ["--config", str(self.config)]
        return argv

    def scrub(self, text: str) -> str:
        for secret in self.remote.secrets:
            text = text.replace(secret, MASK)
        return text

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        """Run rclone; a non-zero exit or the time limit raise RcloneError with scrubbed text."""
        env = {**os.environ, **self.remote.env}
        try:
            done = subprocess.run(
                self._argv(*args), env=env, input=stdin, capture_output=True, text=True, timeout=self.timeout_s
            )
        except subprocess.TimeoutExpired:
            raise RcloneError("timeout", f"no answer within {self.timeout_s:.0f} s") from None
        except OSError as exc:
            raise RcloneError("missing", exc.strerror or str(exc)) from None
        if done.returncode != 0:
            reason = "not_found" if done.returncode in (3, 4) else "failed"
            raise RcloneError(reason, self.scrub(_last_error(done.stderr)))
        return done

    def copy(self, source: Path, dest: str, names: Sequence[str]) -> list[str]:
        """Copy `names` (relative to `source`) to `dest` under the remote; the names rclone actually sent."""
        if not names:
            return []
        done = self.run(
            "copy", str(source), self.remote.join(dest), "--files-from-raw", "-", "--no-traverse",
            "--use-json-log", "--log-level", "INFO", "--stats", "0",
            stdin="".join(f"{name}\n" for name in names),
        )  # fmt: skip
        return _copied(done.stderr)

    def copyto(self, source: Path, dest: str) -> None:
        self.run("copyto", str(source), self.remote.join(dest))

    def deletefile(self, path: str) -> bool:
        """Delete one file on the remote; False if it was not there."""
        try:
            self.run("deletefile", self.remote.join(path))
        except RcloneError as exc:
            if _absent(exc):
                return False
            raise
        return True

    def pull(self, source: str, local: Path, includes: Sequence[str], *, always: bool = False) -> None:
        """Copy the files of `source` on the remote matching `includes` (rclone filters) into `local`;
        `always` fetches them even when size and time match (a file rewritten in place on a remote that
        keeps no modification times)."""
        filters = [arg for pattern in includes for arg in ("--include", pattern)]
        self.run("copy", self.remote.join(source), str(local), *filters, *(["--ignore-times"] if always else []))

    def lsjson(self, path: str, *, recursive: bool = False) -> list[dict[str, object]]:
        args = ["lsjson", self.remote.join(path), "--files-only" if recursive else "--no-mimetype"]
        if recursive:
            args.append("--recursive")
        try:
            entries = json.loads(self.run(*args).stdout or "[]")
        except RcloneError as exc:
            if _absent(exc):
                return []
            raise
        return [entry for entry in entries if isinstance(entry, dict)]

    def cat(self, path: str) -> str:
        return self.run("cat", self.remote.join(path)).stdout


def _absent(exc: RcloneError) -> bool:
    """Whether rclone failed only because the file or folder is not there."""
    detail = exc.detail.lower()
    return exc.reason == "not_found" or any(words in detail for words in ("not found", "doesn't exist"))


def _copied(log: str) -> list[str]:
    """The objects rclone reports as copied in its JSON log lines."""
    names = []
    for line in log.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and str(entry.get("msg", "")).startswith("Copied") and entry.get("object"):
            names.append(str(entry["object"]))
    return names


def _last_error(stderr: str) -> str:
    """The last ERROR line (the cause), else the last line: rclone's stderr can be long."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if "ERROR" in line or "error" in line]
    chosen = (errors or lines or ["(no output)"])[-1]
    try:
        entry = json.loads(chosen)
        chosen = str(entry.get("msg", chosen)) if isinstance(entry, dict) else chosen
    except ValueError:
        pass
    return chosen[-300:]
