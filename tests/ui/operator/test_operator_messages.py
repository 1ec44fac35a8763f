"""The panel's message log without a window: secrets masked, history replayed, one line per event."""

from __future__ import annotations

from pydantic import SecretStr

from booth.problems import Part, Problem, ProblemKind
from booth.settings import Settings
from booth.ui.context import MessageBridge
from booth.ui.operator.messages import MessageLog
from booth.ui.operator.redact import MASK, Redactor


def _settings() -> Settings:
    settings = Settings()
    settings.api.password = SecretStr("hunter2-pass")
    settings.api.token = SecretStr("static-token-123")
    settings.kiosk.operator_pin = SecretStr("8642")
    return settings


def test_redactor_masks_configured_secrets_and_credential_shapes() -> None:
    redact = Redactor(_settings())
    text = redact("login hunter2-pass with static-token-123; Authorization: Bearer abcdefgh12345 "
                  "https://ann:pw1234@api.example.com/v1 password=swordfish&x=1")  # fmt: skip
    for secret in ("hunter2-pass", "static-token-123", "abcdefgh12345", "pw1234", "swordfish"):
        assert secret not in text
    assert text.count(MASK) >= 5
    assert "https://ann:" in text and "api.example.com/v1" in text  # the useful parts stay
    assert redact("http://127.0.0.1:38642/ answered") == "http://127.0.0.1:38642/ answered"  # the PIN is a number


def test_the_pin_is_not_held_so_no_number_is_masked_as_if_it_were() -> None:
    """Masking digit runs that equal the PIN told a reader the PIN (':51234' showed as ':5***'). booth now
    holds only the PIN's hash: there is nothing to mask, and numbers in messages stay as they are."""
    settings = _settings()
    assert "8642" not in repr(settings.model_dump()) and "8642" not in settings.model_dump_json()
    redact = Redactor(settings)
    assert redact("port :58642 and job 8642 and :51234") == "port :58642 and job 8642 and :51234"


def test_redactor_follows_changed_settings_and_typed_secrets() -> None:
    settings = _settings()
    redact = Redactor(settings)
    settings.api.password = SecretStr("new-password-9")
    redact.add_secret("typed-once-77")
    assert redact("new-password-9 typed-once-77") == f"{MASK} {MASK}"


def test_log_replays_the_bridge_history_and_dedupes_forwarded_problems() -> None:
    bridge = MessageBridge()
    bridge.error("credits", "out of credits for hunter2-pass")
    log = MessageLog(Redactor(_settings()))
    log.attach_bridge(bridge)
    assert [e.text for e in log.entries()] == [f"out of credits for {MASK}"]
    log._on_problem(Problem.make(ProblemKind.OFFLINE, Part.JOBS, detail="the service cannot be reached"))
    bridge.warning("offline", "the service cannot be reached")  # the app forwards the same problem
    assert [e.source for e in log.entries()] == ["credits", "jobs:offline"]
    assert log.problem_counts == {"offline": 1}
    log.add("info", "operator", "Retry asked for ticket A01")
    log.add("info", "operator", "Retry asked for ticket A01")  # the operator's own actions are never merged
    assert len(log.entries()) == 4
