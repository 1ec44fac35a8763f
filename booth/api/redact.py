"""Keeping secrets out of logs: one filter that scrubs credentials from booth's API log records.

Whatever logs a request (booth's API modules, httpx, httpcore) goes through this filter, which replaces every
registered secret value (password, static key, access tokens handed out) and anything shaped like an
Authorization header or a token field with ***. Secrets are registered by auth.py as it meets them.

A secret made of digits only (a PIN) is masked as a whole number, never inside a longer one: masking it in
`:51234` as `:5***` would tell a reader its digits. A password inside a URL (`rtsp://cam:pw@host`) is masked
too, and so is the text of a logged exception's traceback, which quotes whatever the failing call was given.
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
_URL_PASSWORD = re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^/\s:@]+:)[^@/\s]+(@)")


def register_secret(value: str | SecretStr | None) -> None:
    """Make the redaction filter scrub this exact value wherever it shows up."""
    text = value.get_secret_value() if isinstance(value, SecretStr) else value
    if text and len(text) >= 4:
        _SECRETS.add(text)


def redact(text: str) -> str:
    for secret in sorted(_SECRETS, key=len, reverse=True):
        whole = secret.isdigit()  # a PIN: masked only where it stands alone (see the module doc)
        text = re.sub(rf"(?<!\d){secret}(?!\d)", REDACTED, text) if whole else text.replace(secret, REDACTED)
    text = _URL_PASSWORD.sub(lambda m: m.group(1) + REDACTED + m.group(2), text)
    text = _PATTERNS[0].sub(lambda m: m.group(1) + REDACTED, text)
    text = _PATTERNS[1].sub(lambda m: m.group(1) + " " + REDACTED, text)
    return _PATTERNS[2].sub(lambda m: m.group(1) + REDACTED, text)


_TRACEBACKS = logging.Formatter()


class RedactingFilter(logging.Filter):
    """Rewrites a record's message, traceback and stack with secrets and credential-shaped text replaced by ***.

    The traceback is formatted here and stored as `exc_text`, which every Formatter then prints as it is
    instead of formatting the exception again from `exc_info`.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and not record.exc_text:
            record.exc_text = _TRACEBACKS.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
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
