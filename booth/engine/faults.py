"""Injected faults, so tests and benchmarks can walk through every row of contract.md's error table.

Faults are keyed `<scope>.<kind>` where scope is the route kind (`run`, `status`, `catalog`, `token`, or
`any`), and set through `EngineSettings.faults`, `EngineServer.configure(faults={...})`,
`POST /_engine/config {"faults": {...}}` or `booth engine --fault KEY=VALUE`:

- `error` (probability 0..1): answer 5xx (code from the `error_code` key, default 503) before any work.
- `reset` (probability): drop the connection (TCP reset) before any work: nothing was created.
- `lost` (probability): do the work (a run creates its job and spends a credit), then drop the
  connection with no answer: the client's OutcomeUnknownError path.
- `bad_json` (probability): do the work, then answer 200 with a body that is not JSON.
- `slow` (seconds): do the work, then wait this long before answering (past a client's read timeout this
  is a lost answer too).
- `fail` (probability, run only): accept the job, but it ends FAILED with an "injected failure" message.

`<scope>.<kind>.next = N` fires that fault on exactly the next N matching calls, then stops: the form
retry tests want ("fail twice, then succeed"). Probabilities 1.0 and 0.0 are deterministic. Example:
`{"run.error.next": 2, "status.slow": 3.0, "catalog.bad_json": 1.0, "error_code": 502}`.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass

SCOPES = ("run", "status", "catalog", "token", "any")
KINDS = ("error", "reset", "lost", "bad_json", "slow", "fail")


@dataclass(slots=True)
class Draw:
    """What to do to one call; the app applies the parts in a fixed order (reset, error, work, ...)."""

    error_code: int | None = None
    reset: bool = False
    lost: bool = False
    bad_json: bool = False
    slow_s: float = 0.0
    fail: bool = False

    @property
    def fired(self) -> bool:
        return bool(self.error_code or self.reset or self.lost or self.bad_json or self.slow_s or self.fail)


def _split(key: str) -> tuple[str, str, bool]:
    parts = key.split(".")
    counted = parts[-1] == "next"
    if counted:
        parts = parts[:-1]
    if len(parts) == 1:
        parts = ["any", parts[0]]
    if len(parts) != 2 or parts[0] not in SCOPES or parts[1] not in KINDS:
        raise ValueError(
            f"unknown fault {key!r}: use <scope>.<kind>[.next] with scope in {', '.join(SCOPES)} "
            f"and kind in {', '.join(KINDS)} (or error_code)"
        )
    return parts[0], parts[1], counted


def validate(faults: Mapping[str, float]) -> dict[str, float]:
    """Check every key and value; the message says which one is wrong and what is expected."""
    clean: dict[str, float] = {}
    for key, raw in faults.items():
        try:
            value = float(raw)
        except (TypeError, ValueError):
            raise ValueError(f"fault {key}={raw!r}: the value must be a number") from None
        if key == "error_code":
            if not 500 <= value <= 599:
                raise ValueError(f"fault error_code={raw!r}: use a 5xx code such as 500, 502 or 503")
        else:
            scope, kind, counted = _split(key)
            key = f"{scope}.{kind}.next" if counted else f"{scope}.{kind}"  # bare "error" means "any.error"
            if counted and (value < 0 or value != int(value)):
                raise ValueError(f"fault {key}={raw!r}: .next takes a whole number of calls")
            if not counted and kind != "slow" and not 0 <= value <= 1:
                raise ValueError(f"fault {key}={raw!r}: a probability must be between 0 and 1")
            if kind == "slow" and value < 0:
                raise ValueError(f"fault {key}={raw!r}: seconds must not be negative")
        clean[key] = value
    return clean


class Faults:
    """Draws faults per call; `.next` counters are consumed here, so the settings dict stays as given."""

    def __init__(self, faults: Mapping[str, float] | None = None, *, seed: int | None = None) -> None:
        self._lock = threading.Lock()
        self._rng = random.Random(seed)
        self.set(faults or {})

    def set(self, faults: Mapping[str, float]) -> None:
        clean = validate(faults)
        with self._lock:
            self._values = clean
            self._left = {key: int(value) for key, value in clean.items() if key.endswith(".next")}

    def remaining(self) -> dict[str, int]:
        with self._lock:
            return dict(self._left)

    def _fires(self, scope: str, kind: str) -> float:
        """The value for this scope/kind if it fires now (seconds for slow), else 0."""
        for where in (scope, "any"):
            counted = f"{where}.{kind}.next"
            if self._left.get(counted, 0) > 0:
                self._left[counted] -= 1
                return 1.0 if kind != "slow" else self._values.get(f"{where}.slow", 1.0)
            value = self._values.get(f"{where}.{kind}", 0.0)
            if kind == "slow":
                if value > 0:
                    return value
            elif value > 0 and (value >= 1 or self._rng.random() < value):
                return 1.0
        return 0.0

    def draw(self, scope: str) -> Draw:
        """Reset and error end a call before any work, so they are drawn first and alone."""
        with self._lock:
            if self._fires(scope, "reset"):
                return Draw(reset=True)
            if self._fires(scope, "error"):
                return Draw(error_code=int(self._values.get("error_code", 503)))
            return Draw(
                lost=bool(self._fires(scope, "lost")),
                bad_json=bool(self._fires(scope, "bad_json")),
                slow_s=self._fires(scope, "slow"),
                fail=scope == "run" and bool(self._fires(scope, "fail")),
            )
