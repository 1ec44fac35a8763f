"""Credentials tab: which service the booth uses, how it signs in, and a test that tells the truth.

The password or token is never put into any widget: the field starts empty and only says whether a secret
is set. An operator can type other credentials to try them before changing the booth's settings file or
environment; what they type is used for the test and then cleared. The test runs on the event loop.
"""

from __future__ import annotations

import asyncio
from typing import Any

from pydantic import SecretStr
from PySide6.QtWidgets import QComboBox, QFormLayout, QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from booth.settings import ApiSettings
from booth.ui.context import AppContext
from booth.ui.operator.background import spawn
from booth.ui.operator.common import Worded, button, button_row, card, heading, note
from booth.ui.operator.connection import ConnectionResult, check_connection, same_service
from booth.ui.operator.messages import MessageLog
from booth.ui.operator.redact import Redactor

AUTH_MODES = ("oauth2", "basic", "bearer")


class CredentialsTab(Worded):
    """The service and sign-in the booth uses, a form to try others, and the connection test."""

    def __init__(self, context: AppContext, log: MessageLog, redactor: Redactor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tab_credentials")
        self._context = context
        self._api: ApiSettings = context.settings.api
        self._log = log
        self._redact = redactor
        self._task: asyncio.Future[ConnectionResult] | None = None
        self._outcome: ConnectionResult | None = None  # the last test's answer, re-worded on a language switch
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        self.title = heading("", self)
        layout.addWidget(self.title)
        self.engine_label = QLabel(self)
        self.engine_label.setObjectName("cred_engine")
        self.engine_label.setProperty("role", "banner")
        self.engine_label.setWordWrap(True)
        layout.addWidget(self.engine_label)
        layout.addWidget(self._make_form())
        self.test_button = button("", "cred_test", self, kind="primary")
        self.test_button.clicked.connect(self.test_connection)
        layout.addLayout(button_row(self.test_button))
        self.result = QLabel(self)
        self.result.setObjectName("cred_result")
        self.result.setWordWrap(True)
        self.result.setProperty("role", "value")
        layout.addWidget(self.result)
        self.help_note = note("", self)
        layout.addWidget(self.help_note)
        layout.addStretch(1)
        self.retranslate()

    def _make_form(self) -> QFrame:
        """URL, sign-in mode, username and a secret field that starts empty (it never shows the stored one)."""
        form_card = card(self)
        form = QFormLayout(form_card)
        form.setVerticalSpacing(12)
        form.setHorizontalSpacing(24)
        self.url = QLineEdit(self._redact(self._api.url), form_card)
        self.url.setObjectName("cred_url")
        self.auth = QComboBox(form_card)
        self.auth.setObjectName("cred_auth")
        for mode in AUTH_MODES:
            self.auth.addItem(mode, mode)
        self.auth.setCurrentIndex(AUTH_MODES.index(self._api.auth))
        self.auth.currentIndexChanged.connect(lambda _i: self._show_secret_state())
        self.username = QLineEdit(self._api.username, form_card)
        self.username.setObjectName("cred_username")
        self.secret = QLineEdit(form_card)
        self.secret.setObjectName("cred_secret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_state = QLabel(form_card)
        self.secret_state.setObjectName("cred_secret_state")
        for field in (self.url, self.auth, self.username, self.secret):
            field.setMinimumHeight(48)
        self.secret_label = QLabel(form_card)
        self.url_label, self.auth_label, self.username_label = QLabel(form_card), QLabel(form_card), QLabel(form_card)
        form.addRow(self.url_label, self.url)
        form.addRow(self.auth_label, self.auth)
        form.addRow(self.username_label, self.username)
        form.addRow(self.secret_label, self.secret)
        form.addRow("", self.secret_state)
        return form_card

    def retranslate(self) -> None:
        self.title.setText(self.tr("Credentials"))
        self.url.setPlaceholderText(self.tr("empty: the booth's own local engine"))
        self.url_label.setText(self.tr("API URL"))
        self.auth_label.setText(self.tr("Sign-in"))
        self.username_label.setText(self.tr("Username"))
        self.test_button.setText(self.tr("Test connection"))
        self.help_note.setText(self.tr(
            "What you type here is only used for the test. The booth's own credentials come from its settings "
            "file and the environment (BOOTH_API_PASSWORD, BOOTH_API_TOKEN); change them there and restart."))
        if self._outcome is not None:
            self.result.setText(self._result_words(self._outcome))
        elif self._task is None:
            self.result.setText(self.tr("Not tested yet."))
        self._show_engine()
        self._show_secret_state()

    # -- display -----------------------------------------------------------------------------------------
    def _engine_url(self) -> str:
        engine = self._context.engine
        return engine.url if engine is not None else ""

    def _show_engine(self) -> None:
        url = self._engine_url()
        if url:
            self.engine_label.setText(self.tr("Local engine: running at {url} (no account needed)").format(url=url))
        elif self._api.url:
            self.engine_label.setText(self.tr("Eventstation API: {url}").format(url=self._redact(self._api.url)))
        else:
            self.engine_label.setText(self.tr("Local engine: not running"))

    def _mode(self) -> str:
        return str(self.auth.currentData())

    def _show_secret_state(self) -> None:
        bearer = self._mode() == "bearer"
        stored = (self._api.token if bearer else self._api.password).get_secret_value()
        self.secret_label.setText(self.tr("API token") if bearer else self.tr("Password"))
        state = self.tr("set") if stored else self.tr("not set")
        self.secret_state.setText(self.tr("Stored {what}: {state}").format(
            what=self.tr("token") if bearer else self.tr("password"), state=state))  # fmt: skip
        self.secret.setPlaceholderText(
            self.tr("set — type another one to test it") if stored else self.tr("not set — type one to test it")
        )
        self.username.setEnabled(not bearer)

    # -- test --------------------------------------------------------------------------------------------
    def _settings_to_test(self) -> tuple[ApiSettings, str]:
        """The stored settings with whatever the operator changed in the form.

        The stored password or token only ever goes to the configured service. A test against any other
        URL signs in with what was typed for it, or not at all: otherwise a guest with the panel open could
        type their own server's address, press Test, and receive the booth's account.
        """
        changes: dict[str, Any] = {"auth": self._mode(), "username": self.username.text().strip()}
        url = self.url.text().strip()
        if url != self._redact(self._api.url):
            changes["url"] = url
        typed = self.secret.text()
        if typed:
            self._redact.add_secret(typed)
            changes["token" if self._mode() == "bearer" else "password"] = typed
        data = {**self._api.model_dump(), **changes}
        settings = ApiSettings.model_validate(data)
        client_url = self._context.client.base_url
        base = settings.url or self._engine_url() or client_url
        if not same_service(base, self._api.url or self._engine_url() or client_url):
            only_typed = SecretStr(typed)
            settings = settings.model_copy(update={"password": only_typed, "token": only_typed})
        return settings, base

    def test_connection(self) -> None:
        if self._task is not None and not self._task.done():
            return
        try:
            settings, base = self._settings_to_test()
        except ValueError as exc:
            self._show_result(ConnectionResult(False, self._first_error(exc), 0.0))
            return
        finally:
            self.secret.clear()
        if not base:
            self._show_result(ConnectionResult(False, self.tr("no API URL and no local engine to test"), 0.0))
            return
        self.test_button.setEnabled(False)
        self._outcome = None
        self.result.setText(self.tr("Testing {url}…").format(url=self._redact(base)))
        self._set_state("")
        self._task = spawn(check_connection(settings, base), owner=self, on_done=self._show_result,
                           on_error=lambda exc: self._show_result(ConnectionResult(False, str(exc), 0.0)))  # fmt: skip

    @staticmethod
    def _first_error(exc: ValueError) -> str:
        errors = getattr(exc, "errors", None)
        if callable(errors):
            first = errors()[0]
            return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
        return str(exc)

    def _result_words(self, outcome: ConnectionResult) -> str:
        if outcome.ok:
            detail = outcome.message
            if outcome.filters is not None:
                detail = self.tr("answered in {s} s with {n} filters").format(s=f"{outcome.seconds:.2f}",
                                                                              n=outcome.filters)  # fmt: skip
            return self.tr("OK: {detail}").format(detail=detail)
        return self.tr("Failed: {detail}").format(detail=self._redact(outcome.message))

    def _show_result(self, outcome: ConnectionResult) -> None:
        self.test_button.setEnabled(True)
        self._outcome = outcome
        text = self._result_words(outcome)
        self.result.setText(text)
        self._set_state("ok" if outcome.ok else "bad")
        self._log.add("info" if outcome.ok else "error", "connection", text)

    def _set_state(self, state: str) -> None:
        self.result.setProperty("state", state)
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)
