"""Tickets guests can read and never see twice in one event; job data that survives a round trip."""

from __future__ import annotations

import re

import pytest

from booth.jobs.job import Delivery, JobParams, JobState, content_key, ticket_for


def test_tickets_are_short_unique_and_readable() -> None:
    tickets = [ticket_for(n) for n in range(1, 5001)]
    assert tickets[:3] == ["A01", "A02", "A03"]
    assert ticket_for(99) == "A99" and ticket_for(100) == "B01"
    assert len(set(tickets)) == len(tickets)
    assert all(re.fullmatch(r"[A-HJ-NP-Z]+\d\d", t) for t in tickets)
    assert not any("I" in t or "O" in t for t in tickets)
    assert max(len(t) for t in tickets) <= 4


def test_ticket_rejects_zero() -> None:
    with pytest.raises(ValueError, match="start at 1"):
        ticket_for(0)


def test_content_key_depends_on_image_and_options() -> None:
    params = JobParams("filter", filter_id=3, ratio="portrait")
    assert content_key(b"abc", params) == content_key(b"abc", JobParams("filter", ratio="portrait", filter_id=3))
    assert content_key(b"abc", params) != content_key(b"abd", params)
    assert content_key(b"abc", params) != content_key(b"abc", JobParams("filter", filter_id=4, ratio="portrait"))


def test_params_and_delivery_round_trip() -> None:
    params = JobParams("selfprompt", workflow_id=2, positive_prompt="astronaut", gender=1)
    assert JobParams.from_dict(params.to_dict()) == params
    assert "filter_id" not in params.to_dict()
    assert Delivery.from_dict(Delivery(print_copies=2).to_dict()) == Delivery(print_copies=2)
    request = params.to_request(b"jpeg")
    assert request.service == "selfprompt" and request.positive_prompt == "astronaut" and request.image == b"jpeg"


def test_final_states() -> None:
    assert {s for s in JobState if s.final} == {JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED}
    assert JobState.QUEUED.remote and JobState.RUNNING.remote and not JobState.SUBMITTING.remote


def test_state_groups_are_one_partition() -> None:
    from booth.jobs.job import ACTIVE_STATES, FINAL_STATES, UNFINISHED_STATES

    assert set(JobState) == FINAL_STATES | UNFINISHED_STATES and not FINAL_STATES & UNFINISHED_STATES
    assert ACTIVE_STATES == {JobState.SUBMITTING, JobState.QUEUED, JobState.RUNNING} <= UNFINISHED_STATES
    assert [s.value for s in JobState][:2] == ["captured", "submitting"]  # the order every door lists


def test_a_retry_that_would_do_harm_is_refused_with_a_reason_not_a_sentence() -> None:
    from booth.jobs.job import Job, RetryRefusal

    job = Job(id="x" * 32, seq=1, ticket="A01", state=JobState.RUNNING, params=JobParams("comic", style_id=2))
    assert job.retry_refusal() is RetryRefusal.AT_SERVICE and job.retry_refusal(force=True) is None
    assert job.replace(needs_operator=True).retry_refusal() is None  # held: exactly what retry is for
    done = job.replace(state=JobState.COMPLETED)
    assert done.retry_refusal() is RetryRefusal.COMPLETED
    assert done.replace(fallback=True).retry_refusal() is None  # the guest got only the original
    assert job.replace(state=JobState.FAILED).retry_refusal() is None
