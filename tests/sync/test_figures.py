"""Summing kiosks' figures lines: guests, pictures per service, prints, failures, average wait."""

from __future__ import annotations

import json

import pytest

from booth.cli.stats_cmd import table
from booth.sync.figures import EventFigures, KioskFigures, parse_lines


def _lines(*lines: dict[str, object]) -> str:
    return "".join(json.dumps(line) + "\n" for line in lines) + '{"kind": "job", "cut sh'  # a half-written tail


def test_kiosks_figures_add_up() -> None:
    north = KioskFigures()
    for line in parse_lines(_lines(
        {"kind": "job", "service": "filter", "state": "completed", "created_at": 100.0, "updated_at": 104.0},
        {"kind": "job", "service": "comic", "state": "completed", "created_at": 100.0, "updated_at": 110.0},
        {"kind": "job", "service": "comic", "state": "failed", "created_at": 100.0, "updated_at": 130.0},
        {"kind": "print", "copies": 2, "state": "done"},
        {"kind": "print", "copies": 1, "state": "failed"},
    )):  # fmt: skip
        north.add_line(line)
    south = KioskFigures()
    south.add_line({"kind": "job", "service": "filter", "state": "running", "created_at": 1.0, "updated_at": 2.0})
    figures = EventFigures("gala-2026", {"north": north, "south": south})
    total = figures.total
    assert (total.guests, total.prints, total.failures) == (4, 2, 1)
    assert dict(total.pictures) == {"filter": 1, "comic": 1}
    assert total.average_wait_s == 7.0  # (4 + 10) / 2: only completed jobs have a wait
    text = table(figures)
    assert "all kiosks" in text and "comic 1" in text and "7.0 s" in text
    assert south.average_wait_s is None and table(EventFigures("x")).endswith("no kiosk has synced figures yet")


def test_the_kiosk_name_defaults_to_a_usable_host_name(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from booth.settings import SyncSettings

    monkeypatch.setattr(socket, "gethostname", lambda: "_Photo Booth #2.venue.lan")
    assert SyncSettings().kiosk == "Photo-Booth-2"
    monkeypatch.setattr(socket, "gethostname", lambda: "...")
    assert SyncSettings().kiosk == "kiosk"
