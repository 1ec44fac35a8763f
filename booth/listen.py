"""The listening socket for booth's own HTTP servers (the local engine, the share server).

Made with proto=IPPROTO_TCP on purpose: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on sockets
whose proto says TCP, and accepted sockets inherit the listener's. Without it every small answer, whose
headers and body uvicorn writes separately, waited for the client's delayed ACK: about 40 ms per call,
measured as 35 ms of the queue benchmark's 66 ms submit round trip.
"""

from __future__ import annotations

import socket


def listening_socket(host: str, port: int) -> socket.socket:
    """Bound, listening and inheritable (uvicorn may hand it to a worker); OSError if the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock
