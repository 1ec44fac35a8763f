"""Keeping secrets out of everything the operator panel shows.

Problem messages come from many layers (the API client, the queue, CUPS) and some quote what they were
given; the panel is looked at by whoever stands next to the booth. So every line the panel displays passes
through one `Redactor`. It builds on the API's log redaction (booth.api.redact: the registered secret values
and the usual credential shapes), registering the booth's live API secrets with it (and anything typed into the
panel, so the API's logs mask them as well), and adding what only the panel needs: a password inside a URL.
The operator PIN is not among them: booth holds only its hash (booth.pin), and masking numbers that equal
the PIN would tell whoever reads the panel what it is.
"""

from __future__ import annotations

import re
from typing import Any

from booth.api.redact import REDACTED, redact, register_secret

MASK = REDACTED
_URL_PASSWORD = re.compile(r"(?i)(://[^/\s:@]+:)[^@/\s]+(@)")


def _plain(value: Any) -> str:
    return str(value.get_secret_value() if hasattr(value, "get_secret_value") else value or "")


class Redactor:
    """Masks secrets in text. It reads the settings at each call, so a changed password is masked too."""

    def __init__(self, settings: Any = None) -> None:
        self._settings = settings

    def add_secret(self, value: str) -> None:
        """A secret typed into the panel that is not (yet) in the settings."""
        register_secret(value)

    def __call__(self, text: str) -> str:
        api = getattr(self._settings, "api", None)
        register_secret(_plain(getattr(api, "password", None)))
        register_secret(_plain(getattr(api, "token", None)))
        return redact(_URL_PASSWORD.sub(lambda m: m.group(1) + MASK + m.group(2), text))
