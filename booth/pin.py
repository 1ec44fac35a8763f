"""The operator PIN: what a good one is, how it is kept, and the lockout that slows a guest guessing it.

The PIN guards the control panel, which holds the Eventstation account and the only way to quit the
kiosk, so the settings file, the kiosk's pad, `booth pin set` and `booth doctor` must agree on it: they all
use this module. The PIN itself is never kept. Only a salted scrypt hash (RFC 7914) is, compared in
constant time, so no settings dump, log line or file gives the PIN away. (A short PIN can still be
guessed from its hash offline, given time: so the hash file is 0600 and the hash is masked in logs like
any secret.) Digits only and at most `MAX_DIGITS`, because the kiosk's pad has ten digit keys: a PIN it
cannot type locks the operator out.

Standard library only: booth.settings validates with it, and it sits below every other part.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path

log = logging.getLogger(__name__)

MIN_DIGITS = 4
MAX_DIGITS = 12
OLD_DEFAULT = "1234"  # what booth shipped with, and the first thing anyone tries
# Wrong tries allowed before the pad rests, and how long each rest in a row lasts (the last one repeats).
TRIES_PER_ROUND = 5
LOCKOUT_STEPS_S = (60.0, 300.0, 900.0, 3600.0)
HASH_SUFFIX = ".pin"
LOCKOUT_FILE = "operator-lockout.json"

_SCHEME = "scrypt"
# n=2**14, r=8 costs 16 MiB and tens of milliseconds per try: nothing for the operator, slow for a guesser
# with a copy of the hash. A stored hash names its own cost; these bounds stop a crafted file asking for
# gigabytes.
_COST = (2**14, 8, 1)
_MAX_COST = (2**20, 32, 4)
_SALT_BYTES = 16
_KEY_BYTES = 32


class PinRule(StrEnum):
    """The rule a proposed PIN breaks; the UI words each in the operator's language."""

    EMPTY = "empty"
    NOT_DIGITS = "not_digits"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    OLD_DEFAULT = "old_default"


# For the settings file and the terminal (the kiosk has its own words for each rule).
RULE_TEXT = {
    PinRule.EMPTY: f"is empty: choose {MIN_DIGITS} to {MAX_DIGITS} digits (booth pin set)",
    PinRule.NOT_DIGITS: "may hold the digits 0-9 only: the kiosk's PIN pad has no other keys",
    PinRule.TOO_SHORT: f"is shorter than {MIN_DIGITS} digits: choose {MIN_DIGITS} to {MAX_DIGITS}",
    PinRule.TOO_LONG: f"is longer than {MAX_DIGITS} digits: the kiosk's PIN pad takes at most {MAX_DIGITS}",
    PinRule.OLD_DEFAULT: f"is the old default {OLD_DEFAULT}, which every guest can guess: choose another",
}


class PinRuleError(ValueError):
    """A proposed PIN breaks a rule; `rule` says which, the message says it in English for files and CLIs."""

    def __init__(self, rule: PinRule) -> None:
        super().__init__(RULE_TEXT[rule])
        self.rule = rule


def broken_rule(pin: str) -> PinRule | None:
    """The first rule `pin` breaks, or None for a good PIN."""
    if not pin:
        return PinRule.EMPTY
    if not (pin.isascii() and pin.isdigit()):
        return PinRule.NOT_DIGITS
    if len(pin) < MIN_DIGITS:
        return PinRule.TOO_SHORT
    if len(pin) > MAX_DIGITS:
        return PinRule.TOO_LONG
    if pin == OLD_DEFAULT:
        return PinRule.OLD_DEFAULT
    return None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r * p + 2**20,
                          dklen=_KEY_BYTES)  # fmt: skip


def hash_pin(pin: str) -> str:
    """`scrypt$n$r$p$salt$key` for a PIN that keeps the rules; raises PinRuleError otherwise."""
    rule = broken_rule(pin)
    if rule is not None:
        raise PinRuleError(rule)
    return _hash_unchecked(pin)


def _hash_unchecked(pin: str) -> str:
    n, r, p = _COST
    salt = secrets.token_bytes(_SALT_BYTES)
    return f"{_SCHEME}${n}${r}${p}${_b64(salt)}${_b64(_derive(pin, salt, n, r, p))}"


def _parse(hashed: str) -> tuple[int, int, int, bytes, bytes] | None:
    parts = hashed.strip().split("$")
    if len(parts) != 6 or parts[0] != _SCHEME:
        return None
    try:
        n, r, p = (int(v) for v in parts[1:4])
        salt, key = base64.b64decode(parts[4], validate=True), base64.b64decode(parts[5], validate=True)
    except ValueError:
        return None
    in_bounds = all(1 <= v <= top for v, top in zip((n, r, p), _MAX_COST, strict=True))
    if not in_bounds or n & (n - 1) or n < 2 or len(salt) < 8 or len(key) < 16:
        return None
    return n, r, p, salt, key


def is_hash(text: str) -> bool:
    """Whether `text` is a PIN hash this module made (as opposed to a PIN typed into a file)."""
    return _parse(text) is not None


def verify(pin: str, hashed: str) -> bool:
    """Whether `pin` is the PIN behind `hashed`; False for a malformed hash. Constant time in the key."""
    parsed = _parse(hashed)
    if parsed is None or broken_rule(pin) in (PinRule.EMPTY, PinRule.NOT_DIGITS, PinRule.TOO_LONG):
        return False
    n, r, p, salt, key = parsed
    return hmac.compare_digest(_derive(pin, salt, n, r, p), key)


# ---- the hash file -------------------------------------------------------------------------------------
def hash_file_for(settings_file: Path) -> Path:
    """Where the PIN's hash is kept unless kiosk.operator_pin_file says otherwise: beside the settings file
    (config/booth.toml -> config/booth.pin), so each booth's settings have their own PIN."""
    return settings_file.expanduser().with_suffix(HASH_SUFFIX)


def read_hash(path: Path) -> str | None:
    """The hash in `path`; None when there is none. Raises ValueError for a file that holds something else."""
    try:
        text = path.expanduser().read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    if not is_hash(text):
        raise ValueError(f"{path} does not hold an operator PIN hash: run booth pin set to write a new one")
    return text


def write_private(path: Path, text: str) -> None:
    """Write `text` to `path` readable by its owner only (0600), atomically: a crash leaves old or new."""
    path = path.expanduser()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)  # O_CREAT's mode only applies to a new file
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# ---- the lockout ---------------------------------------------------------------------------------------
@dataclass(slots=True)
class _LockState:
    wrong: int = 0  # wrong tries in this round
    strikes: int = 0  # rests earned in a row without a right PIN
    until: float = 0.0  # wall-clock time the current rest ends (survives a restart, unlike a monotonic one)


class Lockout:
    """Wrong tries and the rest they earned, kept in the event folder so a restart does not clear them.

    After `TRIES_PER_ROUND` wrong tries the pad rests for the next of `LOCKOUT_STEPS_S` (1, 5, 15, 60 min,
    then 60 again); the right PIN starts over. A file that cannot be read or written does not lock the
    operator out: the count goes on in memory and the problem is logged.
    """

    def __init__(self, path: Path | None, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self._clock = clock
        self._state: _LockState | None = None
        self._lock = threading.Lock()

    def _load(self) -> _LockState:
        if self._state is None:
            self._state = _LockState()
            if self.path is not None:
                try:
                    data = json.loads(self.path.read_text(encoding="utf-8"))
                    self._state = _LockState(int(data["wrong"]), int(data["strikes"]), float(data["until"]))
                except FileNotFoundError:
                    pass
                except (OSError, ValueError, KeyError, TypeError):
                    log.warning("the PIN lockout record %s is unreadable; counting afresh", self.path)
        return self._state

    def _save(self, state: _LockState) -> None:
        if self.path is None:
            return
        try:
            write_private(self.path, json.dumps(asdict(state)))
        except OSError as exc:
            log.warning("could not keep the PIN lockout in %s (%s); it holds until the booth restarts",
                        self.path, exc.strerror)  # fmt: skip

    def wait_s(self) -> float:
        """Seconds until the pad takes a PIN again; 0 when it does now."""
        with self._lock:
            return self._wait(self._load())

    def _wait(self, state: _LockState) -> float:
        left = state.until - self._clock()
        if left <= 0:
            return 0.0
        # A clock set back must not turn a rest into days: no rest is longer than its step.
        return min(left, LOCKOUT_STEPS_S[min(max(state.strikes - 1, 0), len(LOCKOUT_STEPS_S) - 1)])

    def record(self, right: bool) -> float:
        """Count one try; the rest it starts (0 if none)."""
        with self._lock:
            state = self._load()
            if right:
                self._state = _LockState()
                self._save(self._state)
                return 0.0
            state.wrong += 1
            if state.wrong >= TRIES_PER_ROUND:
                step = LOCKOUT_STEPS_S[min(state.strikes, len(LOCKOUT_STEPS_S) - 1)]
                state.wrong, state.strikes, state.until = 0, state.strikes + 1, self._clock() + step
                log.warning("operator PIN: %d wrong tries in a row; the pad rests %.0f s", TRIES_PER_ROUND, step)
            self._save(state)
            return self._wait(state)


@dataclass(frozen=True, slots=True)
class Attempt:
    """The answer to one PIN typed on the pad: right or not, and how long the pad now rests."""

    right: bool
    wait_s: float = 0.0


class OperatorPin:
    """The PIN the kiosk asks for: its hash (from the settings or the hash file) and its lockout.

    `attempt` and `set` hash with scrypt and touch files: call them off the GUI thread.
    """

    def __init__(self, hashed: str | None, file: Path, lockout: Lockout) -> None:
        self._hashed = hashed
        self.file = file
        self.lockout = lockout

    @property
    def is_set(self) -> bool:
        return self._hashed is not None

    def attempt(self, pin: str) -> Attempt:
        """Check a typed PIN; during a rest nothing is checked (no answer, and no timing, to learn from)."""
        wait = self.lockout.wait_s()
        if wait > 0:
            return Attempt(False, wait)
        right = self._hashed is not None and verify(pin, self._hashed)
        return Attempt(right, self.lockout.record(right))

    def set(self, pin: str) -> None:
        """Make `pin` the PIN: hash it (PinRuleError if it breaks a rule) and keep it in the hash file.

        The new PIN holds for this run even when the file cannot be written (OSError is raised after), so a
        read-only settings folder does not leave the kiosk without a PIN.
        """
        self._hashed = hash_pin(pin)
        write_private(self.file, self._hashed + "\n")
