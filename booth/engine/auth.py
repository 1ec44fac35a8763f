"""The engine's door: the three sign-in schemes contract.md allows, so the client is tested in each.

`none` lets everyone in (the booth's own offline engine). `oauth2` hands out expiring bearer tokens for a
form-posted username and password at `/token`; `basic` checks HTTP Basic on every call; `bearer` accepts
the configured static tokens. Secrets are compared in constant time and never logged.
"""

from __future__ import annotations

import base64
import hmac
import secrets
import threading
import time
from collections.abc import Mapping, Sequence


class AuthFailure(Exception):
    """A call without valid credentials; the message says what was missing (never the secret)."""


class Gate:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._issued: dict[str, float] = {}  # oauth2 token -> monotonic expiry
        self.mode = "none"
        self.users: dict[str, str] = {}
        self.tokens: list[str] = []
        self.token_ttl_s = 3600.0

    def configure(self, mode: str, users: Mapping[str, str], tokens: Sequence[str], token_ttl_s: float) -> None:
        with self._lock:
            self.mode, self.users, self.tokens, self.token_ttl_s = mode, dict(users), list(tokens), token_ttl_s

    def revoke_all(self) -> None:
        """Forget every handed-out token: the next call with one gets 401 (tests token renewal)."""
        with self._lock:
            self._issued.clear()

    def _password_ok(self, username: str, password: str) -> bool:
        expected = self.users.get(username)
        return expected is not None and hmac.compare_digest(expected.encode(), password.encode())

    def issue(self, username: str, password: str) -> tuple[str, float]:
        """An oauth2 token and its lifetime for good credentials."""
        if not self._password_ok(username, password):
            raise AuthFailure("wrong username or password")
        token = secrets.token_urlsafe(24)
        with self._lock:
            now = time.monotonic()
            self._issued = {t: exp for t, exp in self._issued.items() if exp > now}
            self._issued[token] = now + self.token_ttl_s
        return token, self.token_ttl_s

    def check(self, authorization: str | None) -> None:
        """Raise AuthFailure unless the Authorization header satisfies the configured mode."""
        if self.mode == "none":
            return
        if not authorization:
            raise AuthFailure(f"missing Authorization header ({self.mode} sign-in required)")
        scheme, _, value = authorization.partition(" ")
        scheme, value = scheme.lower(), value.strip()
        if self.mode == "basic":
            if scheme != "basic":
                raise AuthFailure("HTTP Basic sign-in required")
            try:
                username, _, password = base64.b64decode(value, validate=True).decode().partition(":")
            except (ValueError, UnicodeDecodeError):
                raise AuthFailure("unreadable Basic credentials") from None
            if not self._password_ok(username, password):
                raise AuthFailure("wrong username or password")
            return
        if scheme != "bearer" or not value:
            raise AuthFailure("a Bearer token is required")
        if self.mode == "bearer":
            if not any(hmac.compare_digest(value.encode(), t.encode()) for t in self.tokens):
                raise AuthFailure("unknown API token")
            return
        with self._lock:
            expiry = self._issued.get(value)
        if expiry is None:
            raise AuthFailure("unknown token: sign in again at the token URL")
        if expiry <= time.monotonic():
            raise AuthFailure("token expired: sign in again at the token URL")
