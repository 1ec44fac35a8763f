"""Connection limits for the share server, so a phone on the venue Wi-Fi cannot stop the booth saving photos.

The share server runs in the kiosk process, and every connection holds one of that process's file
descriptors. uvicorn keeps a connection that never sends a byte open forever, and restarts its keep-alive
timer on every byte, so 1,100 silent connections (or a slow-loris sending its headers a byte at a time)
once took every descriptor: photo writes, SQLite and the share links themselves failed with "Too many open
files". `GuardedH11` is uvicorn's own h11 protocol with four rules on top, kept by one `Guard` per server:

- a request head must arrive whole within `head_timeout_s` of the connection opening (or of the previous
  answer on a kept-alive connection); a connection that idles or trickles longer is closed;
- a client that stops reading its answer for `stall_timeout_s` (the send buffer stays full) is closed, so
  a download held open on purpose does not keep its socket and its file for ever;
- one client address holds at most `per_client` connections; more are closed as they arrive;
- all clients together hold at most `total`. When full, an idle connection (no request running) makes room
  for the newcomer: one of the client holding the most connections; of those, preferably one never
  answered (a kept-alive connection that fetched a guest's page is spared; a 404 closes its connection),
  and the one idle longest. A newcomer may always displace a connection of a client holding more than its
  own does, so a guest's phone (one or two connections) gets in however many addresses a flood comes from.
  Between equals, a newcomer whose request is already waiting ("eager": the listener hands connections
  over only once they have sent something, see server._defer_accept) may displace any idle connection, a
  silent one only a connection idle for `GRACE_S` or more. An eager connection is never displaced. With
  nothing to displace, the newcomer is closed.

`total` also shrinks to a slice of the process's descriptor limit (`fd_budget`), so whatever the limit, the
job store, captures and results keep most of it. `raise_fd_limit()` lifts the soft limit (to 65536, or
the hard limit if lower) at kiosk start for more headroom still.
"""

from __future__ import annotations

import array
import asyncio
import dataclasses
import fcntl
import logging
import resource
import termios
from collections import Counter
from dataclasses import dataclass
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger(__name__)

# The share server may use at most this share of the process's descriptor limit (sockets plus the file each
# download holds open); the rest is the kiosk's own.
FD_SHARE = 8
# Connections the server takes from the kernel's queue in one go; each is a descriptor until it is judged.
ACCEPT_BACKLOG = 16
WANTED_FD_LIMIT = 65536
# A silent newcomer may displace only connections idle at least this long: theirs may be a request on its way.
GRACE_S = 0.5


@dataclass(frozen=True)
class Limits:
    head_timeout_s: float = 5.0
    per_client: int = 16
    total: int = 128
    defer_accept_s: int = 5  # a silent connection waits this long in the kernel before it is accepted
    stall_timeout_s: float = 30.0


def fd_budget(limits: Limits) -> Limits:
    """`limits` with `total` cut to fit the process's current soft descriptor limit (see FD_SHARE)."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return limits
    fitting = max(8, soft // FD_SHARE - ACCEPT_BACKLOG)
    if fitting >= limits.total:
        return limits
    return dataclasses.replace(limits, per_client=min(limits.per_client, fitting), total=fitting)


def raise_fd_limit(wanted: int = WANTED_FD_LIMIT) -> int:
    """Lift the soft RLIMIT_NOFILE towards `wanted` (never past the hard limit); returns the soft limit now.

    Desktop sessions start processes with a soft limit of 1024 while the hard one is far higher: the kiosk
    holds the camera, SQLite files, Qt, the local engine and the share server's guests in one process.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError) as exc:
            log.warning("could not raise the open-file limit from %d to %d: %s", soft, target, exc)
    return int(soft)


class Guard:
    """The open connections of one share server. Only its event loop's thread touches it."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._open: set[GuardedH11] = set()
        self._per_client: Counter[str] = Counter()
        self.refused = 0  # closed on arrival: the client or the server was full
        self.evicted = 0  # idle ones closed to make room
        self.timed_out = 0  # no whole request head in time
        self.stalled = 0  # stopped reading its answer

    @property
    def open(self) -> int:
        return len(self._open)

    def admit(self, conn: GuardedH11) -> bool:
        if self._per_client[conn.client_ip] >= self.limits.per_client:
            self.refused += 1
            return False
        if len(self._open) >= self.limits.total:
            victim = self._victim(conn)
            if victim is None:
                self.refused += 1
                return False
            self.evicted += 1
            victim.drop()
        self._open.add(conn)
        self._per_client[conn.client_ip] += 1
        return True

    def _victim(self, newcomer: GuardedH11) -> GuardedH11 | None:
        """The idle connection a newcomer may displace (see the module docstring), None if there is none."""
        now = newcomer.loop.time()
        held = self._per_client

        def rank(c: GuardedH11) -> tuple[int, bool, float]:
            return held[c.client_ip], not c.answered, now - (c.idle_since or now)

        # An eager connection is never displaced: its request is read and judged within this loop turn.
        idle = [c for c in self._open if c.idle_since is not None and not c.eager]
        if not idle:
            return None
        victim = max(idle, key=rank)
        fair = held[victim.client_ip] > held[newcomer.client_ip]
        if fair or newcomer.eager or now - (victim.idle_since or now) >= GRACE_S:
            return victim
        return None

    def leave(self, conn: GuardedH11) -> None:
        if conn in self._open:
            self._open.discard(conn)
            self._per_client[conn.client_ip] -= 1
            if self._per_client[conn.client_ip] <= 0:
                del self._per_client[conn.client_ip]


class GuardedH11(H11Protocol):
    """uvicorn's h11 protocol under the Guard's rules (see the module docstring)."""

    guard: Guard  # set on the per-server subclass made by `protocol_for`

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.client_ip = ""
        self.eager = False  # its first bytes had arrived when it was accepted, and are not read yet
        self.answered = False  # it has had a response and was kept alive (404s close: see server._not_found)
        self.idle_since: float | None = None  # waiting for a request head since (loop time)
        self._deadline: asyncio.TimerHandle | None = None
        self._stall: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.client_ip = self.client[0] if self.client else ""
        self.eager = _pending_bytes(transport) > 0
        if not self.guard.admit(self):
            transport.abort()
            return
        self._expect_head()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_deadline()
        self._cancel_stall()
        self.guard.leave(self)
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        self.eager = False
        super().data_received(data)
        if self.idle_since is not None and self.conn.their_state is not h11.IDLE:
            self.idle_since = None  # the whole head is in: the request runs, no clock on it
            self._cancel_deadline()

    def on_response_complete(self) -> None:
        self.answered = True
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._expect_head()

    def pause_writing(self) -> None:
        super().pause_writing()
        if self._stall is None:
            self._stall = self.loop.call_later(self.guard.limits.stall_timeout_s, self._stalled)

    def resume_writing(self) -> None:
        super().resume_writing()
        self._cancel_stall()

    def drop(self) -> None:
        """Close now, freeing the descriptor at once (nothing owed to a client that asked for nothing)."""
        self.guard.leave(self)
        self._cancel_deadline()
        self._cancel_stall()
        if not self.transport.is_closing():
            self.transport.abort()

    def _expect_head(self) -> None:
        self._cancel_deadline()
        self.idle_since = self.loop.time()
        self._deadline = self.loop.call_later(self.guard.limits.head_timeout_s, self._head_late)

    def _head_late(self) -> None:
        self._deadline = None
        if self.idle_since is not None:
            self.guard.timed_out += 1
            self.drop()

    def _cancel_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _stalled(self) -> None:
        self._stall = None
        self.guard.stalled += 1
        self.drop()

    def _cancel_stall(self) -> None:
        if self._stall is not None:
            self._stall.cancel()
            self._stall = None


def _pending_bytes(transport: asyncio.BaseTransport) -> int:
    """Bytes the kernel holds for this connection, not yet read (FIONREAD); 0 if it cannot tell."""
    sock = transport.get_extra_info("socket")
    if sock is None:
        return 0
    count = array.array("i", [0])
    try:
        fcntl.ioctl(sock.fileno(), termios.FIONREAD, count, True)
    except OSError:
        return 0
    return int(count[0])


def protocol_for(guard: Guard) -> type[GuardedH11]:
    """The protocol class for one server's uvicorn Config (uvicorn builds protocols from a class)."""
    return type("GuardedH11ForServer", (GuardedH11,), {"guard": guard})
