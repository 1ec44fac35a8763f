"""Secrets stay out of logs and screens: in tracebacks, inside URLs, and a PIN never half-masked."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from booth.api.redact import guard_handlers, redact, register_secret


@pytest.fixture
def log_text() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A logger whose handler is guarded the way `booth.cli.main` guards the root's handlers."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("booth.test.redact")
    logger.addHandler(handler)
    logger.propagate = False
    guard_handlers(logger)
    yield logger, out
    logger.removeHandler(handler)


def test_a_logged_traceback_is_scrubbed(log_text: tuple[logging.Logger, io.StringIO]) -> None:
    logger, out = log_text
    register_secret("tr4ceback-Secret-77")

    def sign_in(password: str) -> None:
        raise ConnectionError(f"sign-in to https://anna:{password}@api.example.com failed, password={password}")

    try:
        sign_in("tr4ceback-Secret-77")
    except ConnectionError:
        logger.exception("the sign-in broke")
    text = out.getvalue()
    assert "Traceback (most recent call last)" in text and "ConnectionError" in text
    assert "tr4ceback-Secret-77" not in text
    logger.error("with a stack", stack_info=True, extra={})
    assert "tr4ceback-Secret-77" not in out.getvalue()


def test_a_pin_is_masked_only_where_it_stands_alone() -> None:
    register_secret("4711")
    assert redact("operator typed 4711") == "operator typed ***"
    assert redact("listening on :54711, job 47110, 4711x") == "listening on :54711, job 47110, ***x"


def test_a_password_inside_any_url_is_masked() -> None:
    assert redact("opening rtsp://cam:pw-9x@192.0.2.9/s") == "opening rtsp://cam:***@192.0.2.9/s"
    assert redact("GET https://user:p%40ss@api.example.com/v1") == "GET https://user:***@api.example.com/v1"
    assert redact("https://api.example.com/v1 and a:b@c") == "https://api.example.com/v1 and a:b@c"
