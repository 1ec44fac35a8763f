"""How fast the queue talks to the service: how many runs at once, and when to ask about each one.

Two small policies, kept apart from the queue so they can be tested as plain arithmetic:

- `InFlightLimit`: at most `max_in_flight` runs at the service (the plan's limit). A 429 means the service
  allows fewer right now: hold new runs for Retry-After and lower the limit to what the service accepted,
  then try one more after a quiet spell, so a wrong plan setting costs a little speed, never a guest's job.
  Kiosks sharing one account share its limit without a coordinator: each learns its share from the 429s,
  and when its runs are accepted again (the other kiosk has fewer at the service) it tries one more at once
  after `probe_s`, which doubles after each try the service refused (up to `probe_max_s`) and falls back
  to its first value once a try is taken (the next try then goes at once): a kiosk whose neighbour went
  quiet takes the freed slots within a run or two, at the price of about one 429 per `probe_s` while both
  are busy. A refused try is not held for Retry-After: the kiosk's own runs free its share's slots.
- `PollPlan`: a status call costs the service and the booth's network, so the queue asks about a run once
  when it is expected to be done (learned per service from earlier runs), then a few quick follow-ups with
  growing gaps. A finished run is noticed within a few tens of ms with 1-3 status calls per job.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from booth.api.retry import capped_retry_after

RATE_LIMIT_DEFAULT_WAIT_S = 1.0  # when a 429 names no Retry-After
RECOVER_AFTER_S = 30.0  # quiet time before trying one more run at once again
PROBE_FIRST_S = 1.0  # after a 429, runs accepted again this long: try one more at once
PROBE_MAX_S = 4.0  # the longest gap between such tries while they keep being refused
OFFLINE_FIRST_RETRY_S = 0.5
OFFLINE_MAX_RETRY_S = 15.0
ERROR_MAX_RETRY_S = 30.0


@dataclass
class InFlightLimit:
    max_in_flight: int
    recover_after_s: float = RECOVER_AFTER_S
    limit: int = 0
    hold_until: float = 0.0
    last_cut: float = 0.0
    probe_first_s: float = PROBE_FIRST_S
    probe_max_s: float = PROBE_MAX_S
    probe_s: float = 0.0
    raised_at: float | None = None

    def __post_init__(self) -> None:
        self.limit = self.limit or self.max_in_flight
        self.probe_s = self.probe_s or self.probe_first_s

    def rate_limited(self, accepted_in_flight: int, retry_after: float | None, now: float) -> None:
        """A 429 with `accepted_in_flight` of our runs held by the service: wait, and send fewer at once."""
        self.limit = max(1, min(self.limit - 1, accepted_in_flight))
        if self.raised_at is not None:  # the try of one more was refused: our share is what we had; try
            self.probe_s = min(self.probe_max_s, self.probe_s * 2)  # less often, and refill our own slots
            self.raised_at = None  # as they end (no hold: they are ours when they free)
            self.last_cut = now
            return
        wait = RATE_LIMIT_DEFAULT_WAIT_S if retry_after is None else capped_retry_after(retry_after)
        self.hold_until = max(self.hold_until, now + wait)
        self.last_cut = now

    def accepted(self, in_flight: int, now: float) -> None:
        """The service took a run and we now have `in_flight` there. Using our whole share, we try one more
        at once `probe_s` after the last 429 (the account's other kiosks may have left slots free); when that
        try is taken too, the next goes at once, so freed slots fill within a run or two."""
        if in_flight < self.limit:
            return
        tried = self.raised_at is not None  # the one more we tried was taken: our share is at least this
        if tried:
            self.probe_s = self.probe_first_s
            self.raised_at = None
        if self.limit < self.max_in_flight and (tried or now - self.last_cut >= self.probe_s):
            self.limit += 1
            self.last_cut = self.raised_at = now

    def current(self, now: float) -> int:
        """The limit now, raised by one after each quiet spell since the last 429."""
        if self.limit < self.max_in_flight and now - self.last_cut >= self.recover_after_s:
            self.limit += 1
            self.last_cut = now
        return self.limit

    def wait_s(self, in_flight: int, now: float) -> float | None:
        """0 if a run may go now; seconds until the hold ends; None if it must wait for a run to finish."""
        if now < self.hold_until:
            return self.hold_until - now
        return 0.0 if in_flight < self.current(now) else None


@dataclass
class PollPlan:
    """When to ask the service about a run, learned per service from how long earlier runs took.

    `estimates[service]` is the moment (seconds after the run was accepted) to ask first: just after
    earlier runs ended. Asked too early, it steps up by small, growing gaps; found already done at the
    first question, the next run is asked a little earlier. It settles around the run's length, so a
    finished run is noticed within a few tens of milliseconds plus the answer's travel, with 1-3 calls.
    """

    interval_s: float = 1.0
    first_s: float = 0.5
    step_s: float = 0.05
    creep_s: float = 0.03
    estimates: dict[str, float] = field(default_factory=dict)

    def first_delay(self, service: str) -> float:
        est = self.estimates.get(service)
        if est is None:
            return min(self.first_s, self.interval_s)
        return max(0.05, min(est, 30.0))

    def next_delay(self, service: str, elapsed: float, pending_polls: int) -> float:
        """After `pending_polls` answers saying "not yet", `elapsed` seconds after the run was accepted."""
        est = self.estimates.get(service)
        if est is None:
            return min(self.interval_s, self.first_s * 1.5**pending_polls)
        if elapsed < est - self.step_s:  # a resumed run, asked at once: wait until it should be done
            return min(est - elapsed, self.interval_s * 10)
        return min(self.interval_s, self.step_s * 1.6 ** max(0, pending_polls - 1))

    def observe(self, service: str, last_pending: float | None, done: float) -> None:
        """A run was last seen pending at `last_pending` s (None: done when first asked), done at `done` s."""
        old = self.estimates.get(service)
        if old is None:
            self.estimates[service] = (last_pending + done) / 2 if last_pending is not None else done * 0.8
        elif last_pending is None:
            self.estimates[service] = max(0.05, old - self.creep_s)
        else:
            target = (last_pending + done) / 2 + self.step_s / 2
            self.estimates[service] = 0.5 * old + 0.5 * target
