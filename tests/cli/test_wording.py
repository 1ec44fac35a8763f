"""The terminal's words for problems: every kind worded once, commands instead of buttons, figures filled in."""

from __future__ import annotations

from pathlib import Path

import pytest

from booth.cli import wording
from booth.jobs.job import Job, JobParams, JobState
from booth.problems import Part, Problem, ProblemKind, Remedy

# Every figure a kind's details may carry (booth/problems.py says which kind sends which).
FIGURES = {"limit": 2, "name": "P", "state": "s", "reason": "r", "moved_to": "m", "kept": 1, "rebuilt": 2, "waiting": 3}


@pytest.mark.parametrize("kind", list(ProblemKind))
def test_every_problem_kind_has_terminal_words_without_buttons(kind: ProblemKind) -> None:
    assert kind in wording.WORDS, f"word {kind} for the terminal in booth/cli/wording.py"
    text = wording.describe(kind, detail="cause-text", details=FIGURES)
    assert text and "{" not in text and "?" not in text
    for button in ("press", "Retry", "Resubmit", "Resume", "Cancel"):
        assert button not in text, f"{kind}: {text!r} names a panel button"


def test_the_cause_and_figures_go_into_the_words() -> None:
    assert wording.describe(ProblemKind.SERVER, detail="502 Bad Gateway") == (
        "the service has trouble (502 Bad Gateway); booth tries again shortly"
    )
    assert wording.describe(ProblemKind.SERVER) == "the service has trouble; booth tries again shortly"
    assert wording.describe(ProblemKind.RATE_LIMITED, details={"limit": 2}).endswith("sending 2")
    assert wording.describe(ProblemKind.RATE_LIMITED).endswith("sending ?"), "a missing figure is not a crash"


def test_a_fallback_changes_what_the_operator_is_told() -> None:
    assert "photos wait" in wording.describe(ProblemKind.OFFLINE, details={"fallback": False})
    assert "local engine takes the jobs" in wording.describe(ProblemKind.OFFLINE, details={"fallback": True})
    assert "framed original" in wording.describe(ProblemKind.DEADLINE, details={"fallback": True})


def test_a_problem_line_names_its_ticket() -> None:
    problem = Problem.make(ProblemKind.ANSWER_LOST, Part.JOBS, remedy=Remedy.RESUBMIT, job_id="j1", ticket="A07",
                           detail="ReadTimeout")  # fmt: skip
    line = wording.problem_line(problem)
    assert line.startswith("ticket A07: the answer to its run was lost (ReadTimeout)")
    assert "the service may have it" in line
    assert wording.problem_line(Problem.make(ProblemKind.CREDITS, Part.JOBS)).startswith("the account is out")


def test_blocking_problems_have_their_own_exit_codes() -> None:
    assert dict(wording.BLOCKING_EXIT) == {ProblemKind.AUTH: 3, ProblemKind.CREDITS: 4}


def _job(**changes: object) -> Job:
    job = Job(id="f" * 32, seq=2, ticket="A02", state=JobState.RUNNING, params=JobParams(service="comic"),
              needs_operator=True)  # fmt: skip
    return job.replace(**changes)


def test_held_advice_types_the_commands_and_forces_only_a_run_the_service_has(tmp_path: Path) -> None:
    folder = tmp_path / "my event"
    unsent = wording.held_advice(_job(remote_id=None), folder)
    assert f"`booth jobs retry A02 --event '{folder}'`" in unsent
    assert f"`booth jobs cancel A02 --event '{folder}'`" in unsent
    sent = wording.held_advice(_job(remote_id="r-77"), folder)
    assert f"`booth jobs retry A02 --event '{folder}' --force`" in sent and "may cost a credit" in sent
