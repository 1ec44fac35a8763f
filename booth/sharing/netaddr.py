"""The booth's address on the venue LAN, for links guests' phones can open.

The routing trick: "connecting" a UDP socket sends nothing but makes the OS pick the interface it would
use for a private address, whose local address is the one phones on the same Wi-Fi reach. With no route
(a booth on no network) it falls back to loopback, so links still work on the booth itself.
"""

from __future__ import annotations

import ipaddress
import socket

# A private-range address that is never contacted: connect() on UDP only selects a route.
_PROBE = ("10.254.254.254", 9)


def lan_address() -> str:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(_PROBE)
            address = str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    if not address or ipaddress.ip_address(address).is_unspecified:
        return "127.0.0.1"
    return address


def is_wildcard(host: str) -> bool:
    """Whether a listen address means every interface (then links must name a real one)."""
    return host in ("", "0.0.0.0", "::", "[::]")
