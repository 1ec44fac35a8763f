"""Signing in to the Eventstation API, and keeping the secrets that takes out of every log line.

contract.md cannot say which scheme the vendor uses, so all three are here behind one small interface: an
OAuth2 password flow (form username/password to token_path, then Bearer), HTTP Basic, and a static bearer
key. With no credentials configured at all the client signs nothing, which is what the local engine wants.

Secrets are held as SecretStr and only unwrapped when a header is built. Every value that could let
someone use the account (password, static key, access tokens handed out) is registered with redact.py.
"""

from __future__ import annotations

import asyncio
import base64
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from pydantic import SecretStr

from booth.api.classify import raise_for_answer
from booth.api.errors import AuthError, ProtocolError
from booth.api.redact import guarded_logger, register_secret
from booth.settings import ApiSettings

log = guarded_logger(__name__)

# Sends one request: (method, url, headers, data) -> response. The client passes its shared transport in.
Sender = Callable[[str, str, dict[str, str], dict[str, str] | None], Awaitable[httpx.Response]]

_RENEW_MARGIN_S = 30.0


class Authenticator:
    """Builds the Authorization header for each request and renews an OAuth2 token on demand."""

    def __init__(self, settings: ApiSettings) -> None:
        self.mode = settings.auth
        self._username = settings.username
        self._password: SecretStr = settings.password
        self._static: SecretStr = settings.token
        self._token_path = settings.token_path or "/token"
        self._access: SecretStr | None = None
        self._expires_at: float | None = None
        self._lock = asyncio.Lock()
        register_secret(self._password)
        register_secret(self._static)

    def __repr__(self) -> str:
        return f"Authenticator(mode={self.mode!r}, username={self._username!r}, signed_in={self._access is not None})"

    @property
    def anonymous(self) -> bool:
        """No credentials configured: send no Authorization (the local engine's default)."""
        if self.mode == "bearer":
            return not self._static.get_secret_value()
        return not (self._username or self._password.get_secret_value())

    @property
    def renewable(self) -> bool:
        return self.mode == "oauth2" and not self.anonymous

    def _check_configured(self) -> None:
        if self.mode in ("oauth2", "basic") and not (self._username and self._password.get_secret_value()):
            raise AuthError(
                f"api.auth is {self.mode} but the username or password is empty: "
                "set BOOTH_API_USERNAME and BOOTH_API_PASSWORD"
            )

    async def headers(self, base_url: str, send: Sender) -> tuple[dict[str, str], str | None]:
        """The headers for one request, and the token they carry (to renew only a token that failed)."""
        if self.anonymous:
            return {}, None
        self._check_configured()
        if self.mode == "bearer":
            return {"Authorization": f"Bearer {self._static.get_secret_value()}"}, None
        if self.mode == "basic":
            pair = f"{self._username}:{self._password.get_secret_value()}".encode()
            return {"Authorization": "Basic " + base64.b64encode(pair).decode("ascii")}, None
        token = await self._token(base_url, send)
        return {"Authorization": f"Bearer {token}"}, token

    async def renew(self, base_url: str, send: Sender, failed_token: str | None) -> None:
        """Forget the token that got a 401 and fetch a new one (once per request; the client counts)."""
        async with self._lock:
            if self._access is not None and self._access.get_secret_value() == failed_token:
                self._access = None
        await self._token(base_url, send)

    async def _token(self, base_url: str, send: Sender) -> str:
        async with self._lock:
            fresh = self._expires_at is None or time.monotonic() < self._expires_at
            if self._access is not None and fresh:
                return self._access.get_secret_value()
            self._access = None
            token, lifetime = await self._fetch(base_url, send)
            register_secret(token)
            self._access = SecretStr(token)
            # Renew a little before the end, so a token never expires between being read and being checked.
            self._expires_at = time.monotonic() + lifetime - min(_RENEW_MARGIN_S, lifetime / 4) if lifetime else None
            log.info("signed in to %s as %s", base_url, self._username)
            return token

    async def _fetch(self, base_url: str, send: Sender) -> tuple[str, float | None]:
        form = {"username": self._username, "password": self._password.get_secret_value()}
        url = base_url + "/" + self._token_path.lstrip("/")
        response = await send("POST", url, {"Accept": "application/json"}, form)
        if response.status_code in (400, 401, 403):
            raise AuthError(
                "The Eventstation service refused the username or password: "
                "check BOOTH_API_USERNAME / BOOTH_API_PASSWORD",
                status=response.status_code,
            )
        if response.status_code in (404, 405):
            raise AuthError(
                f"There is no sign-in at {url} (HTTP {response.status_code}): check api.token_path and api.auth",
                status=response.status_code,
            )
        if response.status_code >= 300:
            raise_for_answer(response, what="sign-in")
        try:
            data: Any = response.json()
            token = str(data["access_token"])
        except (ValueError, KeyError, TypeError):
            raise ProtocolError(
                f"The sign-in answer from {url} has no access_token: check api.token_path", status=200
            ) from None
        lifetime = data.get("expires_in") if isinstance(data, dict) else None
        return token, float(lifetime) if isinstance(lifetime, int | float) and lifetime > 0 else None
