"""Keeping secrets out of everything the operator panel shows.

Problem messages come from many layers (the API client, the queue, CUPS) and some quote what they were
given; the panel is looked at by whoever stands next to the booth. So every line the panel displays passes
through one `Redactor`, which knows the live secrets from the settings and the usual shapes of credentials
in text, and masks both.
"""

from __future__ import annotations

import re
from typing import Any

MASK = "••••"
# Credentials as they tend to appear in error texts and URLs.
_PATTERNS = (
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]{6,}"),
    re.compile(r"(?i)((?:password|passwd|token|access_token|api_key|apikey|pin)\s*[=:]\s*)[^\s&,;\"']+"),
    re.compile(r"(?i)(://[^/\s:@]+:)[^@/\s]+(@)"),
)


def _secret_values(settings: Any) -> list[str]:
    """The secrets currently configured; short ones are kept too when they are the operator PIN."""
    found: list[str] = []
    api = getattr(settings, "api", None)
    for holder, attr in ((api, "password"), (api, "token"), (getattr(settings, "kiosk", None), "operator_pin")):
        value = getattr(holder, attr, None)
        raw = value.get_secret_value() if hasattr(value, "get_secret_value") else value
        if isinstance(raw, str) and len(raw) >= 4:
            found.append(raw)
    return sorted(found, key=len, reverse=True)


class Redactor:
    """Masks secrets in text. It reads the settings at each call, so a changed password is masked too."""

    def __init__(self, settings: Any = None) -> None:
        self._settings = settings
        self._extra: list[str] = []

    def add_secret(self, value: str) -> None:
        """A secret typed into the panel that is not (yet) in the settings."""
        if value and len(value) >= 4 and value not in self._extra:
            self._extra.append(value)

    def __call__(self, text: str) -> str:
        for pattern in _PATTERNS:
            text = pattern.sub(lambda m: m.group(1) + MASK + (m.group(2) if m.lastindex == 2 else ""), text)
        for secret in sorted([*_secret_values(self._settings), *self._extra], key=len, reverse=True):
            text = text.replace(secret, MASK)
        return text
