"""The pacing rules as arithmetic: the in-flight limit under 429s, and when status calls are made."""

from __future__ import annotations

from booth.api.retry import backoff_s
from booth.jobs.pacing import InFlightLimit, PollPlan


def test_a_429_holds_and_lowers_the_limit_then_it_recovers() -> None:
    limit = InFlightLimit(3, recover_after_s=30)
    assert limit.wait_s(in_flight=2, now=0) == 0.0
    assert limit.wait_s(in_flight=3, now=0) is None
    limit.rate_limited(accepted_in_flight=2, retry_after=2.0, now=10)
    assert limit.limit == 2
    assert limit.wait_s(in_flight=0, now=11) == 1.0  # held for Retry-After
    assert limit.wait_s(in_flight=1, now=12.5) == 0.0
    assert limit.wait_s(in_flight=2, now=12.5) is None
    assert limit.current(now=41) == 3  # a quiet spell later, one more at once
    limit.rate_limited(accepted_in_flight=0, retry_after=None, now=50)
    assert limit.limit == 1 and limit.hold_until == 51.0  # never below one, default wait when none given


def test_backoff_grows_to_its_cap() -> None:
    delays = [backoff_s(n, 0.5, 15.0) for n in range(1, 12)]
    assert delays[0] <= 0.6 and max(delays) <= 15.0 * 1.2 and delays[-1] >= 15.0 * 0.8


def test_polls_learn_the_run_length_and_stay_few() -> None:
    plan = PollPlan(interval_s=1.0)

    def calls_for(length: float) -> tuple[int, float]:
        t, n, last_pending = plan.first_delay("filter"), 1, None
        while t < length:
            last_pending = t
            t += plan.next_delay("filter", t, n)
            n += 1
        plan.observe("filter", last_pending, t)
        return n, t - length

    results = [calls_for(2.0) for _ in range(30)]
    assert all(calls <= 5 for calls, _ in results)
    assert sum(calls for calls, _ in results[5:]) / 25 <= 2.5
    assert all(late <= 0.1 for _, late in results[5:])  # noticed within 0.1 s once learned
    assert results[0][1] <= 1.0
    slower = [calls_for(3.0) for _ in range(10)]  # the service slows down: a few more calls, then settled
    assert all(calls <= 8 for calls, _ in slower) and all(late <= 0.1 for _, late in slower[5:])


def test_a_resumed_run_waits_until_it_should_be_done() -> None:
    plan = PollPlan(estimates={"filter": 4.0})
    assert plan.next_delay("filter", elapsed=1.0, pending_polls=1) == 3.0
    assert plan.next_delay("filter", elapsed=4.0, pending_polls=1) == 0.05


def test_kiosks_sharing_an_account_learn_their_share_and_take_freed_slots_soon() -> None:
    """Two kiosks, one account of 3: a 429 teaches this kiosk its share; when its runs are taken again it
    tries one more (refused: no hold, less often; taken: it keeps it), so a neighbour's freed slots are
    taken within seconds, not after the 30 s quiet spell a wrong plan setting waits."""
    limit = InFlightLimit(3, recover_after_s=30, probe_first_s=1.0, probe_max_s=4.0)
    limit.rate_limited(accepted_in_flight=1, retry_after=2.0, now=0)  # the neighbour holds two
    assert limit.limit == 1 and limit.hold_until == 2.0
    limit.accepted(in_flight=1, now=0.5)  # too soon after the 429
    assert limit.limit == 1
    limit.accepted(in_flight=1, now=2.1)  # taken again, whole share in use: try one more at once
    assert limit.limit == 2 and limit.wait_s(in_flight=1, now=2.1) == 0.0
    limit.rate_limited(accepted_in_flight=1, retry_after=2.0, now=2.2)  # refused: the neighbour is still busy
    assert limit.limit == 1 and limit.probe_s == 2.0
    assert limit.wait_s(in_flight=0, now=2.2) == 0.0  # no hold: our own slot is ours to refill
    limit.accepted(in_flight=1, now=3.5)  # not yet: tries come less often while they are refused
    assert limit.limit == 1
    limit.accepted(in_flight=1, now=4.3)  # the neighbour went quiet: this try holds ...
    limit.accepted(in_flight=2, now=4.4)  # ... and taken, so the next goes at once
    assert limit.limit == 3 and limit.probe_s == 1.0
    limit.accepted(in_flight=3, now=9.0)
    assert limit.limit == 3  # never above the plan
