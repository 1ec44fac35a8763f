"""Keeping secrets out of logs: one filter that scrubs credentials from booth's API log records.

Whatever logs a request (booth's API modules, httpx, httpcore) goes through this filter, which replaces every
registered secret value (password, static key, access tokens handed out) and anything shaped like an
Authorization header or a token field with ***. Secrets are registered by auth.py as it meets them.
"""

from __future__ import annotations

import logging
import re

from pydantic import SecretStr

REDACTED = "***"
_SECRETS: set[str] = set()
_PATTERNS = (
    re.compile(r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?)(bearer|basic)?\s*[^\s\"',}]+"),
    re.compile(r"\b(Bearer|bearer|BEARER|Basic)\s+[A-Za-z0-9._~+/=-]{8,}"),
    re.compile(
        r"(?i)((?:[\"'](?:access_token|refresh_token|password|token|api_key)[\"']\s*:\s*[\"']?)"
        r"|(?:\b(?:access_token|refresh_token|password|token|api_key)=))[^\s\"'&,}]+"
    ),
)


def register_secret(value: str | SecretStr | None) -> None:
    """Make the redaction filter scrub this exact value wherever it shows up."""
    text = value.get_secret_value() if isinstance(value, SecretStr) else value
    if text and len(text) >= 4:
        _SECRETS.add(text)


def redact(text: str) -> str:
    for secret in sorted(_SECRETS, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    text = _PATTERNS[0].sub(lambda m: m.group(1) + REDACTED, text)
    text = _PATTERNS[1].sub(lambda m: m.group(1) + " " + REDACTED, text)
    return _PATTERNS[2].sub(lambda m: m.group(1) + REDACTED, text)


class RedactingFilter(logging.Filter):
    """Rewrites a record's message with secrets and credential-shaped text replaced by ***."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string is not ours to fix here; let logging report it
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_FILTER = RedactingFilter()
# Logger filters only see records made by that very logger, so each one that may carry a request is listed.
_GUARDED = ("httpx", "httpcore", "httpcore.connection", "httpcore.http11", "httpcore.http2", "httpcore.proxy")


def guarded_logger(name: str) -> logging.Logger:
    """A logger whose records pass through the redaction filter (booth's API modules log through these)."""
    logger = logging.getLogger(name)
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
    return logger


for _name in _GUARDED:
    guarded_logger(_name)


def guard_handlers(logger: logging.Logger | None = None) -> None:
    """Scrub every record that reaches these handlers, whichever logger made it.

    Handler filters see records propagated from any child logger, so guarding the root's handlers once
    covers the message bridge, the queue, the camera and third-party libraries alike.
    """
    for handler in (logger or logging.getLogger()).handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)
