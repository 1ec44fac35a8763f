"""The event's figures across kiosks: each kiosk's synced figures.jsonl, read back from the remote and summed.

No coordinator and no database: every kiosk writes its own file under `REMOTE/<event>/<kiosk>/`, so the
sum is always the truth of the last syncs, and a kiosk that is offline still counts with what it sent.
Plain data out (`EventFigures`); the CLI and the operator panel word it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from booth.sync.rclone import Rclone
from booth.sync.syncer import FIGURES, event_slug

PRINTED = "done"
FAILED = "failed"
COMPLETED = "completed"


@dataclass
class KioskFigures:
    """One kiosk's figures (or the sum of several): guests are jobs, pictures are completed jobs."""

    guests: int = 0
    pictures: Counter[str] = field(default_factory=Counter)  # completed jobs per service
    prints: int = 0  # copies printed
    failures: int = 0  # jobs that failed for good
    wait_s_total: float = 0.0  # photo to picture, summed over the completed jobs
    newest: float = 0.0  # time of the newest job line (when this kiosk last had a guest)

    @property
    def average_wait_s(self) -> float | None:
        done = sum(self.pictures.values())
        return self.wait_s_total / done if done else None

    def add_line(self, line: dict[str, Any]) -> None:
        if line.get("kind") == "print":
            self.prints += int(line.get("copies") or 0) if line.get("state") == PRINTED else 0
            return
        self.guests += 1
        self.newest = max(self.newest, float(line.get("updated_at") or 0))
        if line.get("state") == FAILED:
            self.failures += 1
        elif line.get("state") == COMPLETED:
            self.pictures[str(line.get("service"))] += 1
            self.wait_s_total += max(0.0, float(line.get("updated_at") or 0) - float(line.get("created_at") or 0))

    def absorb(self, other: KioskFigures) -> None:
        self.guests += other.guests
        self.pictures.update(other.pictures)
        self.prints += other.prints
        self.failures += other.failures
        self.wait_s_total += other.wait_s_total
        self.newest = max(self.newest, other.newest)


@dataclass
class EventFigures:
    event: str
    kiosks: dict[str, KioskFigures] = field(default_factory=dict)

    @property
    def total(self) -> KioskFigures:
        whole = KioskFigures()
        for kiosk in self.kiosks.values():
            whole.absorb(kiosk)
        return whole


def parse_lines(text: str) -> Iterable[dict[str, Any]]:
    """The readable lines of a figures file (a line cut short by a sync in progress is skipped)."""
    for raw in text.splitlines():
        try:
            line = json.loads(raw)
        except ValueError:
            continue
        if isinstance(line, dict):
            yield line


def kiosk_names(rclone: Rclone, event: str) -> list[str]:
    """The kiosks that synced to this event (folders under REMOTE/<event>/)."""
    entries = rclone.lsjson(event_slug(event))
    return sorted(str(entry["Name"]) for entry in entries if entry.get("IsDir"))


def read_figures(rclone: Rclone, event: str) -> EventFigures:
    """Every kiosk's figures for `event` (its name or its folder name on the remote), from the remote."""
    slug = event_slug(event)
    figures = EventFigures(slug)
    for kiosk in kiosk_names(rclone, event):
        entries = rclone.lsjson(f"{slug}/{kiosk}")
        if not any(entry.get("Name") == FIGURES for entry in entries):
            continue
        one = figures.kiosks.setdefault(kiosk, KioskFigures())
        for line in parse_lines(rclone.cat(f"{slug}/{kiosk}/{FIGURES}")):
            one.add_line(line)
    return figures
