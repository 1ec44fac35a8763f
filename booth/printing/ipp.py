"""A small IPP client for asking CUPS about printers and jobs.

Why not `lpstat`: its text is localized and leaves out what the printer watch needs (the machine-readable
printer-state-reasons such as media-empty, whether a queue accepts jobs, a job's name). Why not pycups: it
needs a C build against libcups headers that a booth machine does not have. IPP is CUPS's own protocol, a
short binary encoding over HTTP, so this module speaks just the few operations booth uses: reading, and
cancelling booth's own jobs (CUPS lets a user cancel their own). Changing a queue (enable, accept) stays
with the cupsenable/cupsaccept tools, which carry root's local credentials.
"""

from __future__ import annotations

import http.client
import os
import socket
import struct
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

# Operation ids (RFC 8011 and CUPS extensions).
CANCEL_JOB = 0x0008
GET_JOBS = 0x000A
GET_PRINTER_ATTRIBUTES = 0x000B
CUPS_GET_DEFAULT = 0x4001
CUPS_GET_PRINTERS = 0x4002

# Group and value tags.
_OPERATION, _JOB, _END, _PRINTER = 0x01, 0x02, 0x03, 0x04
_INTEGER, _BOOLEAN, _ENUM = 0x21, 0x22, 0x23
_TEXT, _NAME, _KEYWORD, _URI, _CHARSET, _LANGUAGE = 0x41, 0x42, 0x44, 0x45, 0x47, 0x48

# Status codes of interest (0x0000-0x00FF are successes).
NOT_POSSIBLE = 0x0404  # e.g. cancelling a job that already finished
NOT_FOUND = 0x0406
_LAST_SUCCESS = 0x00FF

SOCKET = Path("/run/cups/cups.sock")


class IppError(OSError):
    """CUPS cannot be reached or refused the request; the message says which and what to check."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class IppResponse:
    status: int
    groups: list[tuple[int, dict[str, Any]]] = field(default_factory=list)

    def of(self, tag: int) -> list[dict[str, Any]]:
        return [attrs for group, attrs in self.groups if group == tag]


def _attr(tag: int, name: str, values: Iterable[bytes]) -> bytes:
    out = b""
    for index, value in enumerate(values):
        key = name.encode() if index == 0 else b""
        out += struct.pack(">BH", tag, len(key)) + key + struct.pack(">H", len(value)) + value
    return out


def encode(operation: int, request_id: int, attrs: list[tuple[int, str, list[Any]]]) -> bytes:
    body = struct.pack(">BBHI", 2, 0, operation, request_id) + bytes([_OPERATION])
    base = [(_CHARSET, "attributes-charset", ["utf-8"]), (_LANGUAGE, "attributes-natural-language", ["en"])]
    for tag, name, values in base + attrs:
        raw = []
        for value in values:
            if tag in (_INTEGER, _ENUM):
                raw.append(struct.pack(">i", value))
            elif tag == _BOOLEAN:
                raw.append(b"\x01" if value else b"\x00")
            else:
                raw.append(str(value).encode())
        body += _attr(tag, name, raw)
    return body + bytes([_END])


def _value(tag: int, raw: bytes) -> Any:
    if tag in (_INTEGER, _ENUM) and len(raw) == 4:
        return struct.unpack(">i", raw)[0]
    if tag == _BOOLEAN and len(raw) == 1:
        return raw != b"\x00"
    if 0x40 <= tag <= 0x4F:
        return raw.decode("utf-8", "replace")
    return raw


def decode(data: bytes) -> IppResponse:
    """Parse a response into groups of name -> value (a list when the attribute has several values)."""
    if len(data) < 9:
        raise IppError("CUPS sent a truncated answer")
    status = struct.unpack(">H", data[2:4])[0]
    response = IppResponse(status)
    pos, last = 8, ""
    current: dict[str, Any] | None = None
    while pos < len(data):
        tag = data[pos]
        pos += 1
        if tag == _END:
            break
        if tag < 0x10:
            current = {}
            response.groups.append((tag, current))
            continue
        name_len = struct.unpack(">H", data[pos : pos + 2])[0]
        name = data[pos + 2 : pos + 2 + name_len].decode()
        pos += 2 + name_len
        value_len = struct.unpack(">H", data[pos : pos + 2])[0]
        value = _value(tag, data[pos + 2 : pos + 2 + value_len])
        pos += 2 + value_len
        if current is None:
            continue
        if name:
            current[name] = value
            last = name
        elif last:
            previous = current[last]
            current[last] = [*previous, value] if isinstance(previous, list) else [previous, value]
    return response


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(self._path)
        self.sock = sock


class IppClient:
    """Blocking calls to the local CUPS scheduler (call them from a worker thread, never the GUI thread).

    The server is $CUPS_SERVER when set (host[:port] or a socket path), else CUPS's local socket, else
    localhost:631. Plain http.client rather than httpx: a watch polling every 2 s must not fill the log.
    """

    def __init__(self, server: str | None = None, timeout_s: float = 3.0) -> None:
        server = server if server is not None else os.environ.get("CUPS_SERVER", "")
        if not server and SOCKET.exists():
            server = str(SOCKET)
        self._server = server or "localhost:631"
        self._timeout = timeout_s
        self._request_id = 0

    def close(self) -> None:
        """Nothing stays open between calls; kept so callers can treat the client as a resource."""

    def _connection(self) -> http.client.HTTPConnection:
        if self._server.startswith("/"):
            return _UnixConnection(self._server, self._timeout)
        host, _, port = self._server.partition(":")
        return http.client.HTTPConnection(host, int(port or 631), timeout=self._timeout)

    def call(self, operation: int, path: str, attrs: list[tuple[int, str, list[Any]]]) -> IppResponse:
        self._request_id += 1
        body = encode(operation, self._request_id, attrs)
        connection = self._connection()
        try:
            connection.request("POST", path, body=body, headers={"Content-Type": "application/ipp"})
            answer = connection.getresponse()
            data = answer.read()
        except OSError as exc:
            why = (
                f"CUPS is not answering at {self._server} ({exc.__class__.__name__}); start cupsd or check CUPS_SERVER"
            )
            raise IppError(why) from None
        finally:
            connection.close()
        if answer.status != 200:
            raise IppError(f"CUPS answered HTTP {answer.status} to {path}", answer.status)
        return decode(data)

    @staticmethod
    def printer_uri(name: str) -> str:
        return f"ipp://localhost/printers/{quote(name, safe='')}"

    def printers(self, wanted: list[str]) -> list[dict[str, Any]]:
        reply = self.call(CUPS_GET_PRINTERS, "/", [(_KEYWORD, "requested-attributes", wanted)])
        return reply.of(_PRINTER)

    def printer(self, name: str, wanted: list[str]) -> dict[str, Any] | None:
        """Attributes of one queue, or None when CUPS has no queue of that name."""
        reply = self.call(
            GET_PRINTER_ATTRIBUTES,
            f"/printers/{quote(name, safe='')}",
            [(_URI, "printer-uri", [self.printer_uri(name)]), (_KEYWORD, "requested-attributes", wanted)],
        )
        if reply.status == NOT_FOUND:
            return None
        found = reply.of(_PRINTER)
        return found[0] if found else None

    def default_printer(self) -> str | None:
        reply = self.call(CUPS_GET_DEFAULT, "/", [(_KEYWORD, "requested-attributes", ["printer-name"])])
        found = reply.of(_PRINTER)
        return str(found[0]["printer-name"]) if found and "printer-name" in found[0] else None

    def cancel_job(self, job_id: int, user: str) -> None:
        """Cancel one CUPS job as `user` (its owner); a job CUPS no longer has or that has finished is left be."""
        reply = self.call(
            CANCEL_JOB,
            "/jobs/",
            [(_URI, "job-uri", [f"ipp://localhost/jobs/{job_id}"]), (_NAME, "requesting-user-name", [user])],
        )
        if reply.status > _LAST_SUCCESS and reply.status not in (NOT_FOUND, NOT_POSSIBLE):
            raise IppError(f"CUPS refused to cancel job {job_id} (IPP status 0x{reply.status:04x})", reply.status)

    def jobs(
        self, printer: str, wanted: list[str], which: str = "all", user: str | None = None
    ) -> list[dict[str, Any]]:
        """Jobs of a queue; `user` asks as that user so CUPS shows the job names it hides from others."""
        attrs: list[tuple[int, str, list[Any]]] = [
            (_URI, "printer-uri", [self.printer_uri(printer)]),
            (_KEYWORD, "which-jobs", [which]),
            (_KEYWORD, "requested-attributes", wanted),
        ]
        if user:
            attrs.insert(1, (_NAME, "requesting-user-name", [user]))
        reply = self.call(GET_JOBS, f"/printers/{quote(printer, safe='')}", attrs)
        if reply.status == NOT_FOUND:
            return []
        return reply.of(_JOB)
