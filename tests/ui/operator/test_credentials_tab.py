"""Credentials tab: the secret is never shown anywhere, and Test connection tells the truth."""

from __future__ import annotations

import base64
import http.server
import logging
import socket
import threading
from typing import Any

import pytest
from operator_rig import all_text, click, open_booth, wait_until

from booth.problems import Part, Problem, ProblemKind, Remedy
from booth.settings import SecretStr
from booth.ui.operator.redact import MASK

TOKEN = "tok-Zq81-very-secret"
TYPED = "typed-Xy77-secret"
PIN = "97531"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def secret_settings(operator_settings: Any, engine: Any) -> Any:
    engine.configure(auth="bearer", tokens=[TOKEN])
    operator_settings.api.token = SecretStr(TOKEN)
    operator_settings.kiosk.operator_pin = SecretStr(PIN)
    return operator_settings


def test_secret_never_shown(arun: Any, secret_settings: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    records: list[str] = []

    async def scenario() -> str:
        booth = await open_booth(secret_settings)
        panel, tab = booth.panel, booth.panel.credentials_tab
        try:
            panel.show_tab("tab_credentials")
            assert tab.secret.text() == ""
            assert tab.secret_state.text() == "Stored token: set"
            click(tab.test_button)
            await wait_until(lambda: tab.result.text().startswith(("OK", "Failed")), 15, "the test")
            assert tab.result.text().startswith("OK"), tab.result.text()
            # A token typed to try it is used once and cleared, and is masked wherever it is quoted.
            tab.secret.setText(TYPED)
            click(tab.test_button)
            assert tab.secret.text() == ""
            await wait_until(lambda: tab.test_button.isEnabled(), 15, "the second test")
            assert tab.result.text().startswith("Failed"), tab.result.text()
            records.extend(r.getMessage() for r in caplog.records)
            # A part quoting secrets in a problem: the panel masks them (the bridge's own log line is the
            # bridge's business, so only the panel's records are checked above). No part can quote the PIN:
            # booth holds only its hash (tests/ui/operator/test_operator_messages.py).
            booth.ctx.messages.report(Problem.make(ProblemKind.AUTH, Part.JOBS, remedy=Remedy.RESUME,
                                                   detail=f"sign-in refused for token {TOKEN} and {TYPED}"))
            await wait_until(lambda: any("sign-in refused" in line for line in panel.messages.texts()), 5, "msg")
            texts = []
            for name in panel.tab_names():
                panel.show_tab(name)
                texts.append(all_text(panel))
            texts.append("\n".join(panel.messages.texts()))
            return "\n".join(texts)
        finally:
            await booth.stop()

    shown = arun(scenario())
    assert len(records) > 10
    assert f"sign-in refused for token {MASK}" in shown
    for secret in (TOKEN, TYPED, PIN):
        assert secret not in shown
        leaked = [line for line in records if secret in line]
        assert not leaked, leaked


def test_connection_ok_against_the_engine(arun: Any, operator_settings: Any, engine: Any) -> None:
    async def scenario() -> str:
        booth = await open_booth(operator_settings)
        tab = booth.panel.credentials_tab
        booth.panel.show_tab("tab_credentials")
        try:
            click(tab.test_button)
            await wait_until(lambda: tab.test_button.isEnabled() and tab.result.text() != "Not tested yet.", 15,
                             "the test")
            return tab.result.text()
        finally:
            await booth.stop()

    result = arun(scenario())
    assert result.startswith("OK: answered in"), result
    assert "filters" in result


def test_connection_failure_against_a_closed_port(arun: Any, operator_settings: Any) -> None:
    port = _closed_port()

    async def scenario() -> tuple[str, list[str]]:
        booth = await open_booth(operator_settings)
        tab = booth.panel.credentials_tab
        booth.panel.show_tab("tab_credentials")
        try:
            tab.url.setText(f"http://127.0.0.1:{port}")
            click(tab.test_button)
            await wait_until(lambda: tab.result.text().startswith(("OK", "Failed")), 20, "the test")
            return tab.result.text(), booth.panel.messages.texts()
        finally:
            await booth.stop()

    result, lines = arun(scenario())
    assert result.startswith("Failed:"), result
    assert f"127.0.0.1:{port}" in result or "reach" in result.lower(), result
    assert any("connection" in line and "Failed" in line for line in lines)


def test_bad_url_is_named_not_raised(arun: Any, operator_settings: Any) -> None:
    async def scenario() -> str:
        booth = await open_booth(operator_settings)
        tab = booth.panel.credentials_tab
        booth.panel.show_tab("tab_credentials")
        try:
            tab.url.setText("http://example.com")
            click(tab.test_button)
            return tab.result.text()
        finally:
            await booth.stop()

    result = arun(scenario())
    assert result.startswith("Failed: url:") and "https" in result, result


def test_local_engine_indicator(arun: Any, operator_settings: Any) -> None:
    operator_settings.api.url = ""

    async def scenario() -> str:
        booth = await open_booth(operator_settings)
        try:
            assert booth.ctx.engine is not None
            return booth.panel.credentials_tab.engine_label.text()
        finally:
            await booth.stop()

    assert arun(scenario()).startswith("Local engine: running at http://127.0.0.1:")


class _Recorder(http.server.ThreadingHTTPServer):
    """A stranger's server on loopback: keeps every request line, header and body it is sent."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _RecordingHandler)
        self.seen: list[str] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _RecordingHandler(http.server.BaseHTTPRequestHandler):
    server: _Recorder

    def _record(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("latin-1") if length else ""
        self.server.seen.append(f"{self.command} {self.path}\n{self.headers}\n{body}")
        answer = b'{"access_token": "stolen", "token_type": "bearer", "expires_in": 3600}' \
            if self.path.endswith("/token") else b"[]"  # fmt: skip
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    do_GET = do_POST = _record

    def log_message(self, format: str, *args: Any) -> None:
        return None


@pytest.fixture
def recorder() -> Any:
    server = _Recorder()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("mode", ["bearer", "basic", "oauth2"])
def test_changing_only_the_url_never_sends_the_stored_secret_there(
    arun: Any, operator_settings: Any, engine: Any, recorder: Any, mode: str
) -> None:
    """The attack: with the panel open, type your own server's address and press Test. The booth's stored
    password (oauth2 /token, Basic) or token must not go there; only what is typed for the test may."""
    stored = "stored-Kq93-account-secret"
    if mode == "bearer":
        engine.configure(auth="bearer", tokens=[stored])
        operator_settings.api.token = SecretStr(stored)
    else:
        engine.configure(auth=mode, users={"ann": stored})
        operator_settings.api.username = "ann"
        operator_settings.api.password = SecretStr(stored)
    operator_settings.api.auth = mode
    leaked = [stored, base64.b64encode(f"ann:{stored}".encode()).decode()]

    async def scenario() -> list[str]:
        booth = await open_booth(operator_settings)
        tab = booth.panel.credentials_tab
        booth.panel.show_tab("tab_credentials")
        try:
            tab.url.setText(recorder.url)
            click(tab.test_button)
            await wait_until(lambda: tab.test_button.isEnabled(), 15, "the test against the stranger")
            before = list(recorder.seen)
            # What the operator types for that server is what it gets (so the recorder would have seen more).
            tab.url.setText(recorder.url)
            tab.secret.setText(TYPED)
            click(tab.test_button)
            await wait_until(lambda: tab.test_button.isEnabled(), 15, "the test with a typed secret")
            assert any(TYPED in line or base64.b64encode(f"ann:{TYPED}".encode()).decode() in line
                       for line in recorder.seen), recorder.seen  # fmt: skip
            # And the configured service still gets the stored secret: its own URL, nothing typed.
            tab.url.setText(engine.url)
            click(tab.test_button)
            await wait_until(lambda: tab.test_button.isEnabled(), 15, "the test against the configured service")
            assert tab.result.text().startswith("OK"), tab.result.text()
            return before
        finally:
            await booth.stop()

    seen = arun(scenario())
    for secret in leaked:
        assert not [line for line in seen if secret in line], f"{mode}: the stored secret went to the typed URL"
    assert not [line for line in recorder.seen if stored in line]
