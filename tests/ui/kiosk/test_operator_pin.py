"""The operator PIN on the kiosk, attacked as a guest would: no default to guess, no use of a booth whose PIN
nobody set, a lockout that grows and outlives a restart, and a panel that does not stay open when left."""

from __future__ import annotations

import json
import stat
import time
from pathlib import Path
from typing import Any

import pytest
from kiosk_rig import tap
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton
from ui_context import idle_context

from booth import pin
from booth.settings import Settings
from booth.ui.kiosk.flow import Step


def _window(qtbot: Any, tmp_path: Path, **kiosk: Any) -> Any:
    from booth.ui.kiosk.window import KioskWindow

    settings = Settings()
    settings.event.dir = tmp_path / "event"
    settings.kiosk.operator_pin_file = tmp_path / "booth.pin"
    for key, value in kiosk.items():
        setattr(settings.kiosk, key, value)
    from booth.ui.operator.panel import panel_opener

    ctx = idle_context(settings)
    win = KioskWindow(ctx, open_operator=panel_opener(ctx))
    qtbot.addWidget(win)
    win.resize(1920, 1080)
    win.show()
    return win


@pytest.fixture
def windows(qtbot: Any) -> Any:
    made: list[Any] = []
    yield made
    for win in made:
        win.allow_close()
        if win.operator_panel is not None:
            win.operator_panel.close()
        win.close()


def _wait(condition: Any, what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        QTest.qWait(10)
    assert condition(), what


def _type(win: Any, prefix: str, digits: str) -> None:
    for d in digits:
        tap(win.findChild(QAbstractButton, f"{prefix}_{d}"))
    tap(win.findChild(QAbstractButton, f"{prefix}_OK"))


def _enter(win: Any, digits: str) -> None:
    _type(win, "pin_key", digits)
    _wait(lambda: not win.pin_pad.busy, "the PIN check answered")


def test_first_start_without_a_pin_asks_the_operator_before_any_guest(qtbot, tmp_path: Path, windows) -> None:
    win = _window(qtbot, tmp_path)
    windows.append(win)
    setup = win.pin_setup
    assert setup is not None and setup.isVisible(), "no PIN set: the kiosk asks for one"
    start = win.attract.start_button
    assert setup.isAncestorOf(win.childAt(start.mapTo(win, start.rect().center()))), "the whole kiosk is covered"
    tap(start)
    QTest.keyClick(win, Qt.Key.Key_F9)
    assert win.flow.step == Step.ATTRACT, "a guest cannot start a session on a booth nobody can stop"
    # The hidden corner leads nowhere either: there is no PIN to check yet (and no default to guess).
    win.pin_pad.open()
    assert not win.pin_pad.isVisible()

    for b in setup.findChildren(QAbstractButton):
        size = b.sizeHint().expandedTo(b.minimumSize())
        assert b.objectName() and min(size.width(), size.height()) >= 80, (b.objectName(), size)
    hint = setup.hint
    for typed, words in (("1234", "every guest tries"), ("12", "At least 4"), ("5790", "same PIN again"),
                         ("5791", "different")):  # fmt: skip
        _type(win, "pin_setup_key", typed)
        assert words in hint.text(), (typed, hint.text())
    assert not (tmp_path / "booth.pin").exists()
    _type(win, "pin_setup_key", "579024")
    _type(win, "pin_setup_key", "579024")
    _wait(lambda: not setup.isVisible(), "the PIN is saved and the kiosk opens to guests")
    stored = tmp_path / "booth.pin"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert "579024" not in stored.read_text(encoding="utf-8")
    assert pin.verify("579024", stored.read_text(encoding="utf-8").strip())
    tap(start)
    assert win.flow.step == Step.CHOOSE, "guests may use it now"
    win.flow.reset()

    win.pin_pad.open()
    _enter(win, "579024")
    assert win.operator_panel is not None and win.operator_panel.isVisible()


def test_a_pin_set_before_needs_no_setup(qtbot, tmp_path: Path, windows) -> None:
    pin.write_private(tmp_path / "booth.pin", pin.hash_pin("86420"))
    win = _window(qtbot, tmp_path)
    windows.append(win)
    assert win.pin_setup is None
    win.pin_pad.open()
    _type(win, "pin_key", "")  # OK with no digits: not a try, and certainly not a way in
    assert win.pin_pad.isVisible() and not win.pin_pad.busy and win.operator_panel is None
    _enter(win, "86420")
    assert win.operator_panel is not None and win.operator_panel.isVisible()


def test_lockout_grows_and_a_restart_does_not_reset_it(qtbot, tmp_path: Path, windows) -> None:
    win = _window(qtbot, tmp_path, operator_pin="86420")
    windows.append(win)
    win.pin_pad.open()
    for _ in range(pin.TRIES_PER_ROUND):
        _enter(win, "0000")
    assert "try again in 1 min" in win.pin_pad.title.text(), win.pin_pad.title.text()
    _enter(win, "86420")
    assert win.operator_panel is None, "even the right PIN waits out the lockout"

    # The guest pulls the plug: the next start still rests.
    win.allow_close()
    win.close()
    again = _window(qtbot, tmp_path, operator_pin="86420")
    windows.append(again)
    again.pin_pad.open()
    _wait(lambda: "try again in 1 min" in again.pin_pad.title.text(), "the pad says it rests as soon as it opens")
    _enter(again, "86420")
    assert again.operator_panel is None and "try again" in again.pin_pad.title.text()
    record = tmp_path / "event" / pin.LOCKOUT_FILE
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    state = json.loads(record.read_text(encoding="utf-8"))
    record.write_text(json.dumps({**state, "until": time.time() - 1}), encoding="utf-8")  # the minute is over
    newer = _window(qtbot, tmp_path, operator_pin="86420")
    windows.append(newer)
    newer.pin_pad.open()
    for _ in range(pin.TRIES_PER_ROUND):
        _enter(newer, "0000")
    assert "try again in 5 min" in newer.pin_pad.title.text(), "the second rest is longer"


def test_lockout_steps_grow_and_the_right_pin_starts_over(tmp_path: Path) -> None:
    now = [1000.0]
    lockout = pin.Lockout(tmp_path / pin.LOCKOUT_FILE, clock=lambda: now[0])
    rests = []
    for _ in range(5):
        for _ in range(pin.TRIES_PER_ROUND):
            wait = lockout.record(False)
        rests.append(wait)
        now[0] += wait
    assert rests == [60.0, 300.0, 900.0, 3600.0, 3600.0]
    assert lockout.record(True) == 0
    assert [lockout.record(False) for _ in range(pin.TRIES_PER_ROUND)][-1] == 60.0
    now[0] -= 10 * 86400  # the clock set back by days: the rest stays as long as its step
    assert pin.Lockout(tmp_path / pin.LOCKOUT_FILE, clock=lambda: now[0]).wait_s() <= 60.0


def test_the_panel_locks_itself_when_left_alone(qtbot, tmp_path: Path, windows) -> None:
    win = _window(qtbot, tmp_path, operator_pin="86420", operator_idle_lock_s=30)
    windows.append(win)
    win.panel_lock._timer.setInterval(600)  # minutes at the booth; the same path, shorter, here
    win.pin_pad.open()
    _enter(win, "86420")
    panel = win.operator_panel
    assert panel is not None and panel.isVisible()
    for _ in range(6):  # an operator at work keeps it open
        QTest.qWait(200)
        QTest.mouseMove(panel, QPoint(400 + _, 300))
        QTest.mouseClick(panel, Qt.MouseButton.LeftButton, pos=QPoint(5, panel.height() - 5))
    assert panel.isVisible(), "touches on the panel keep it open"
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=3000)
    win.pin_pad.open()
    assert win.pin_pad.isVisible(), "the PIN is asked again"
