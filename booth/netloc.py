"""Is this host this machine? One answer for every part that lets loopback do what the network may not.

Plain http to the API, downloading a result over http, the local engine fetching an image URL, the engine's
admin routes, the catalog cache's "local" key: each trusts loopback more than the network. They used to ask
`host.startswith("127.")`, which `127.evil.com` (a name anyone can register and point anywhere) also
passes. Here the host is parsed as an IP address, so only a real loopback address (127.0.0.0/8, ::1, an
IPv4-mapped 127.x) or the name `localhost` counts. At the bottom of the house: settings, api and engine all
import it, and it imports nothing of booth.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def is_loopback_host(host: str | None) -> bool:
    """True for `localhost` and loopback IP literals (brackets and an IPv6 zone allowed); False for names."""
    if not host:
        return False
    text = host.strip().lower()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if text == "localhost":
        return True
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def is_loopback_url(url: str) -> bool:
    """True when the URL's host is loopback (see `is_loopback_host`); False for anything unparsable."""
    try:
        return is_loopback_host(urlsplit(url.strip()).hostname)
    except ValueError:
        return False
