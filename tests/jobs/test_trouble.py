"""Trouble as data: a standing problem is reported once and ends once; job problems carry the operator's remedy;
a deadline comes when the rules say. Plain objects, no queue."""

from __future__ import annotations

import time

from booth.jobs.deadlines import DeadlineRetries, deadline_due
from booth.jobs.job import Job, JobParams, JobState
from booth.jobs.trouble import Trouble, job_problem
from booth.problems import Part, Problem, ProblemKind, Remedy


def _trouble() -> tuple[Trouble, list[Problem], list[str], list[bool]]:
    problems: list[Problem] = []
    over: list[str] = []
    online: list[bool] = []
    return Trouble(problems.append, over.append, online.append, lambda: None, fallback=True), problems, over, online


def _job(state: JobState = JobState.CAPTURED, **fields: object) -> Job:
    job = Job(id="a" * 32, seq=1, ticket="A01", state=state, params=JobParams("filter", filter_id=1), created_at=100.0)
    return job.replace(**fields)


def test_going_offline_is_one_problem_however_often_the_service_is_missed() -> None:
    trouble, problems, over, online = _trouble()
    for _ in range(5):
        trouble.set_online(False, "connection refused")
    assert [p.kind for p in problems] == [ProblemKind.OFFLINE] and problems[0].details == {"fallback": True}
    assert trouble.condition.failures == 5 and trouble.condition.retry_at > time.monotonic()
    trouble.set_online(True)
    assert online == [False, True] and over == ["offline"] and trouble.condition.retry_at == 0.0


def test_an_account_block_waits_for_the_operator_then_is_over() -> None:
    trouble, problems, over, _ = _trouble()
    trouble.block(ProblemKind.CREDITS, "402 out of credits")
    trouble.block(ProblemKind.CREDITS, "402 out of credits")  # the poller meets it too
    assert len(problems) == 1 and problems[0].remedy is Remedy.RESUME and problems[0].detail == "402 out of credits"
    assert trouble.condition.blocked is problems[0]
    trouble.resume_sending()
    assert trouble.condition.blocked is None and over == ["credits"]


def test_a_standing_problem_is_reported_again_only_when_its_figures_change() -> None:
    trouble, problems, over, _ = _trouble()
    for limit in (2, 2, 1):
        trouble.report(Problem.make(ProblemKind.RATE_LIMITED, Part.JOBS, limit=limit), standing=True)
    assert [p.details["limit"] for p in problems] == [2, 1]
    trouble.run_accepted()
    assert over == ["rate_limited"]


def test_one_jobs_problem_ends_the_kind_only_when_no_other_job_has_it() -> None:
    trouble, problems, over, _ = _trouble()
    first, second = _job(), _job(id="b" * 32, ticket="A02")
    for job in (first, second):
        trouble.report(job_problem(ProblemKind.PHOTO_UNSAVED, job, "ENOSPC"), standing=True)
    trouble.over(ProblemKind.PHOTO_UNSAVED, first.id)
    assert over == []
    trouble.over(ProblemKind.PHOTO_UNSAVED, second.id)
    assert over == ["photo_unsaved"] and [p.ticket for p in problems] == ["A01", "A02"]


def test_job_problems_name_what_the_operator_can_do() -> None:
    job = _job()
    assert job_problem(ProblemKind.FAILED, job, "boom").remedy is Remedy.RETRY
    assert job_problem(ProblemKind.ANSWER_LOST, job).remedy is Remedy.RESUBMIT
    assert job_problem(ProblemKind.SEND_INTERRUPTED, job).remedy is Remedy.RESUBMIT
    assert job_problem(ProblemKind.DEADLINE, job, fallback=False).remedy is Remedy.RETRY
    assert job_problem(ProblemKind.DEADLINE, job, fallback=True).remedy is Remedy.NONE  # the guest has a picture
    assert job_problem(ProblemKind.RESULT_UNSAVED, job).remedy is Remedy.NONE
    assert job_problem(ProblemKind.FAILED, job).job_id == job.id


def test_deadlines_count_from_the_photo_or_from_the_send() -> None:
    waiting = _job()
    assert deadline_due(waiting, 160.0, 60.0, original_on_deadline=True)
    assert not deadline_due(waiting, 159.0, 60.0, original_on_deadline=True)
    assert not deadline_due(waiting, 1000.0, 60.0, original_on_deadline=False)  # not sent yet: no clock running
    sent = _job(JobState.QUEUED, submitted_at=500.0)
    assert deadline_due(sent, 560.0, 60.0, original_on_deadline=False)
    assert not deadline_due(sent, 559.0, 60.0, original_on_deadline=False)
    for never in (_job(JobState.SUBMITTING), _job(JobState.COMPLETED), _job(needs_operator=True)):
        assert not deadline_due(never, 10_000.0, 60.0, original_on_deadline=True)


def test_a_deadline_that_could_not_be_kept_waits_longer_each_time() -> None:
    retries = DeadlineRetries()
    assert retries.ready("a", time.time())
    pauses = []
    for n in range(1, 6):
        assert retries.failed("a") == n
        pauses.append(retries._waiting["a"][1] - time.time())
    assert not retries.ready("a", time.time()) and pauses[-1] > pauses[0] and max(pauses) <= 10.0 * 1.2 + 0.1
    retries.kept("a")
    assert retries.ready("a", time.time())
