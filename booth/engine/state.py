"""Everything a running engine knows, changeable at run time from tests, the CLI and `/_engine/config`.

Settings are re-validated through `EngineSettings` on every change, so a bad value from an admin call
is refused with the same message a bad `booth.toml` would get, and the parts derived from them (answer
variant, fault table, sign-in gate, credit count) are rebuilt together under one lock.
"""

from __future__ import annotations

import threading
from typing import Any

from pydantic import ValidationError

from booth.engine import faults as faults_mod
from booth.engine import variants
from booth.engine.auth import Gate
from booth.engine.jobs import JobBook
from booth.settings import EngineSettings


class EngineState:
    def __init__(self, settings: EngineSettings) -> None:
        self.lock = threading.RLock()
        self.book = JobBook()
        self.gate = Gate()
        self.faults = faults_mod.Faults()
        self.settings = settings
        self.credits_left = settings.credits
        self._apply(settings)

    def _apply(self, settings: EngineSettings) -> None:
        variant = variants.Variant(settings.variant)
        self.faults.set(settings.faults)
        self.variant = variant
        self.gate.configure(settings.auth, settings.users, settings.tokens, settings.token_ttl_s)
        self.settings = settings

    def configure(self, **changes: Any) -> None:
        """Change settings at run time; `credits` refills the counter, `revoke_tokens=True` signs all out."""
        revoke = bool(changes.pop("revoke_tokens", False))
        with self.lock:
            merged = self.settings.model_dump() | changes
            try:
                settings = EngineSettings.model_validate(merged)
                self._apply(settings)
            except ValidationError as exc:
                problems = "; ".join(
                    f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
                )
                raise ValueError(f"bad engine setting: {problems}") from None
            if "credits" in changes:
                self.credits_left = settings.credits
            if revoke:
                self.gate.revoke_all()

    def stats(self) -> dict[str, Any]:
        figures: dict[str, Any] = dict(self.book.stats())
        figures["credits_left"] = self.credits_left
        figures["faults_left"] = self.faults.remaining()
        return figures

    def reset(self) -> None:
        """Forget jobs, tokens and figures; refill credits and fault counters from the settings."""
        with self.lock:
            self.book.clear()
            self.gate.revoke_all()
            self.credits_left = self.settings.credits
            self.faults.set(self.settings.faults)

    def take_slot(self) -> str | None:
        """Reserve a credit and a concurrency slot for a run, or say which limit refused it."""
        with self.lock:
            if self.credits_left == 0:
                return "credits"
            limit = self.settings.concurrency_limit
            if limit and self.book.in_flight() >= limit:
                return "concurrency"
            if self.credits_left > 0:
                self.credits_left -= 1
            return None
