"""Asking the AI service whether it answers and accepts the credentials, honestly.

The booth's own client falls back to the cached catalog when the service is unreachable (right for guests,
wrong for a connection test), and retries with backoff (a test should answer in seconds). So the test uses
a probe client of its own: same settings and URL, no cache, no retries. Plain async code: the panel's
Credentials tab and `booth doctor` both call it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from booth.api.catalog import CatalogCache
from booth.api.errors import ApiError
from booth.api.models import CatalogEntry
from booth.settings import ApiSettings


@dataclass(frozen=True, slots=True)
class ConnectionResult:
    ok: bool
    message: str
    seconds: float
    filters: int | None = None  # how many filters came back, so the panel can word the answer in its language


class _NoCache(CatalogCache):
    """A cache that never answers, so an unreachable service shows as unreachable."""

    def __init__(self) -> None:
        super().__init__(Path("/nonexistent-booth-probe-cache"))

    def save(self, base_url: str, kind: str, entries: list[CatalogEntry]) -> None:
        return None

    def load(self, base_url: str, kind: str) -> None:
        return None


def _service(url: str) -> tuple[str, str, int | None, str] | None:
    try:
        parts = urlsplit(url.strip())
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
    except ValueError:
        return None
    return parts.scheme.lower(), (parts.hostname or "").lower(), port, parts.path.rstrip("/")


def same_service(url: str, other: str) -> bool:
    """Whether two base URLs reach the same service: scheme, host, port and path (not case, not a final /).

    The credentials test sends the booth's stored secret only when this holds for the configured URL.
    """
    mine = _service(url)
    return mine is not None and bool(mine[1]) and mine == _service(other)


async def check_connection(settings: ApiSettings, base_url: str) -> ConnectionResult:
    """Fetch the filters catalog once; OK with how many came back, or the error's own message."""
    from booth.api.client import EventstationClient
    from booth.api.retry import RetryPolicy

    started = time.monotonic()
    try:
        client = EventstationClient(settings, base_url=base_url, cache=_NoCache(),
                                    retry=RetryPolicy(max_retries=0, max_rate_limit_waits=0))  # fmt: skip
    except ValueError as exc:
        return ConnectionResult(False, str(exc), 0.0)
    try:
        entries = await client.catalog("filters")
    except ApiError as exc:
        return ConnectionResult(False, exc.message, time.monotonic() - started)
    except Exception as exc:  # anything else is still an answer the operator must see, not a crash
        return ConnectionResult(False, f"{type(exc).__name__}: {exc}", time.monotonic() - started)
    finally:
        await client.aclose()
    took = time.monotonic() - started
    return ConnectionResult(True, f"answered in {took:.2f} s with {len(entries)} filters", took, len(entries))
