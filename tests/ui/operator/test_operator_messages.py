"""The panel's message log without a window: secrets masked, history replayed, one line per problem, and
distinct problems all shown (nothing merged by its words)."""

from __future__ import annotations

from pydantic import SecretStr

from booth.problems import Part, Problem, ProblemKind, Remedy
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


def test_log_replays_the_bridge_history_and_shows_each_problem_once() -> None:
    bridge = MessageBridge()
    bridge.report(Problem.make(ProblemKind.CREDITS, Part.JOBS, remedy=Remedy.RESUME,
                               detail="402 out of credits for hunter2-pass"))  # fmt: skip
    log = MessageLog(Redactor(_settings()))
    log.attach_bridge(bridge)
    assert [e.text for e in log.entries()] == [
        f"The account is out of credits; photos wait. Top it up. Then press Resume sending on the Jobs tab. "
        f"(402 out of credits for {MASK})"]
    # Two guests' pictures failing within a second are two problems, worded alike: both show.
    for ticket in ("A01", "A02"):
        bridge.report(Problem.make(ProblemKind.FAILED, Part.JOBS, remedy=Remedy.RETRY, job_id=ticket, ticket=ticket,
                                   detail="the service said no"))  # fmt: skip
    bridge.report(Problem.make(ProblemKind.OFFLINE, Part.JOBS, detail="connection refused"))
    bridge.resolve(ProblemKind.OFFLINE)
    assert [e.source for e in log.entries()] == ["jobs"] * 5
    texts = [e.text for e in log.entries()]
    assert texts[1].startswith("Ticket A01: The picture failed. Press Retry") and texts[2].startswith("Ticket A02")
    assert texts[4] == "The AI service answers again; queued pictures are going out."
    assert log.problem_counts == {ProblemKind.CREDITS: 1, ProblemKind.FAILED: 2, ProblemKind.OFFLINE: 1}
    assert [p.kind for p in bridge.active()] == [ProblemKind.CREDITS], "a job's problem does not stand; over is over"
    log.add("info", "operator", "Retry asked for ticket A01")
    log.add("info", "operator", "Retry asked for ticket A01")  # the operator's own actions are never merged
    assert len(log.entries()) == 7


def test_every_problem_kind_is_worded_for_the_operator_in_english_and_german(qapp) -> None:
    from booth.ui import i18n
    from booth.ui.operator.problem_words import problem_text

    problems = [Problem.make(kind, Part.JOBS, ticket="B07", name="booth-pdf", state="paused", limit=2,
                             moved_to="jobs.sqlite.damaged-1", kept=3, rebuilt=2, waiting=4)
                for kind in ProblemKind]  # fmt: skip
    english = [problem_text(p) for p in problems]
    assert i18n.switch("de")
    try:
        german = [problem_text(p) for p in problems]
    finally:
        i18n.switch("en")
    for kind, en, de in zip(ProblemKind, english, german, strict=True):
        assert en.startswith("Ticket B07: ") and len(en) > 20, kind
        assert de != en and "?" not in de, (kind, de)


def test_a_failed_publish_reaches_the_operator_as_a_problem(tmp_path) -> None:
    import asyncio

    from booth.settings import KioskSettings
    from booth.ui.kiosk.delivery import ResultActions
    from booth.ui.operator.problem_words import problem_text

    class FullDisk:
        def publish(self, path: object) -> str:
            raise OSError("No space left on device")

    bridge = MessageBridge()
    actions = ResultActions(KioskSettings(), messages=bridge, share=FullDisk())  # type: ignore[arg-type]
    assert asyncio.run(actions.qr_png("job-1", tmp_path / "result.png", "A03")) is None
    [problem] = bridge.history()
    assert isinstance(problem, Problem) and problem.kind is ProblemKind.SHARE_FAILED
    assert problem.ticket == "A03" and "No space left" in problem.detail
    assert problem_text(problem).startswith("Ticket A03: The picture could not be published for download")
