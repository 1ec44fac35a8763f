"""The kiosk window's qualities: the hidden operator gate, names on every control, big touch targets."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from kiosk_rig import tap
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton

from booth import pin
from booth.settings import Settings
from booth.ui.kiosk.flow import Step


@pytest.fixture
def window(qtbot, tmp_path: Path):
    from ui_context import idle_context

    from booth.ui.kiosk.window import KioskWindow
    from booth.ui.operator.panel import panel_opener

    settings = Settings()
    settings.event.dir = tmp_path / "event"
    settings.kiosk.operator_pin = "4711"  # type: ignore[assignment]
    ctx = idle_context(settings)
    win = KioskWindow(ctx, open_operator=panel_opener(ctx))
    qtbot.addWidget(win)
    win.resize(1920, 1080)
    win.show()
    yield win
    win.allow_close()
    if win.operator_panel is not None:
        win.operator_panel.close()


def _enter(win, digits: str) -> None:
    """Type on the pad and wait for its answer (the hash is checked off the GUI thread)."""
    for d in digits:
        tap(win.findChild(QAbstractButton, f"pin_key_{d}"))
    tap(win.findChild(QAbstractButton, "pin_key_OK"))
    deadline = time.monotonic() + 10
    while win.pin_pad.busy and time.monotonic() < deadline:
        QTest.qWait(10)
    assert not win.pin_pad.busy, "the PIN check answered"


def test_corner_long_press_then_pin_opens_the_operator_panel(window, qtbot, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    window.corner._timer.setInterval(300)  # 3 s in the kiosk; the same path, shorter, here
    # The hold is a timer: read it rather than race it (a loaded machine may stretch any sleep).
    QTest.mousePress(window, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert window.corner._timer.isActive(), "a press in the corner starts the hold"
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert not window.corner._timer.isActive(), "letting go ends it"
    assert not window.pin_pad.isVisible(), "a short tap must not open the PIN pad"
    QTest.mousePress(window, Qt.MouseButton.LeftButton, pos=QPoint(900, 500))
    assert not window.corner._timer.isActive(), "a press elsewhere never starts the hold"
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, pos=QPoint(900, 500))
    assert not window.pin_pad.isVisible(), "only the corner opens it"
    QTest.mousePress(window, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    qtbot.waitUntil(window.pin_pad.isVisible, timeout=2000)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))

    _enter(window, "1234")
    assert window.pin_pad.isVisible() and window.operator_panel is None
    assert "1234" not in window.pin_pad.dots.text()
    _enter(window, "4711")
    assert not window.pin_pad.isVisible()
    assert window.operator_panel is not None and window.operator_panel.isVisible()
    assert "4711" not in caplog.text and "1234" not in caplog.text, "the PIN is never logged"


def test_pin_locks_after_repeated_wrong_tries(tmp_path: Path) -> None:
    now = [100.0]
    check = pin.OperatorPin(pin.hash_pin("2468"), tmp_path / "booth.pin", pin.Lockout(None, clock=lambda: now[0]))
    for _ in range(5):
        assert not check.attempt("0000").right
    assert check.lockout.wait_s() > 0 and not check.attempt("2468").right, "even the right PIN waits out the lockout"
    now[0] += 61
    assert check.attempt("2468").right


def test_every_control_is_named_and_big_enough_to_touch(window) -> None:
    flow = window.flow
    for step in (Step.ATTRACT, Step.CHOOSE, Step.LOOK, Step.POSE, Step.REVIEW, Step.HANDOFF, Step.RESULT):
        if step == Step.LOOK:
            flow.choice.service = "filter"
        flow._go(step)
        screen = window.stack.currentWidget()
        buttons = [b for b in screen.findChildren(QAbstractButton) if b.isVisibleTo(screen)]
        assert buttons, f"{step} has controls"
        for b in buttons:
            assert b.objectName(), f"a button on {step} has no objectName ({b.text()!r})"
            if b.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents):
                continue
            size = b.sizeHint().expandedTo(b.minimumSize())
            assert min(size.width(), size.height()) >= 80, f"{b.objectName()} on {step} is {size} (< 80 px)"


def test_look_screen_offers_the_first_look_and_forgets_the_last_guests(window) -> None:
    from booth.api.models import CatalogEntry

    window.context.catalog.set("filters", [CatalogEntry(id=i, name=f"Look {i}", category=None, preview=None)
                                           for i in (11, 12, 13)])
    flow = window.flow
    flow.start()
    flow.choose_service("filter")
    assert flow.choice.look_id == 11 and window.look.next_button.isEnabled()
    tap(window.look.cards[2])
    assert flow.choice.look_id == 13
    flow.reset()
    flow.start()
    flow.choose_service("filter")
    assert flow.choice.look_id == 11
    assert [c.isChecked() for c in window.look.cards] == [True, False, False]


def test_operator_changes_reach_guests_when_the_panel_closes(window, qtbot) -> None:
    settings = window.context.settings
    assert "comic" in window.choose.cards
    settings.kiosk.services = ["filter", "background_remove"]
    settings.camera.mirror_preview = False
    window._open_operator()
    qtbot.waitUntil(lambda: window.operator_panel is not None and window.operator_panel.isVisible(), timeout=5000)
    window.operator_panel.back_requested.emit()
    assert list(window.choose.cards) == ["filter", "background_remove"]
    assert window.flow.services == ["filter", "background_remove"]
    assert window.choose.findChild(QAbstractButton, "service_comic").isHidden()
    assert not window.choose.findChild(QAbstractButton, "service_filter").isHidden()
    assert window.pose.preview.mirror is False


def test_a_pin_before_the_services_are_up_opens_the_panel_once_they_are(qtbot, tmp_path: Path) -> None:
    """The kiosk shows with the camera alone (the services start a second later): the operator who is that
    quick gets the panel as soon as there is a queue to show, not an error."""
    from ui_context import idle_context

    from booth.ui.context import AppContext
    from booth.ui.kiosk.window import KioskWindow
    from booth.ui.operator.panel import panel_opener

    settings = Settings()
    settings.event.dir = tmp_path / "event"
    parts = idle_context(settings)
    ctx = AppContext(settings, parts.messages, camera=parts.camera, catalog=parts.catalog)
    win = KioskWindow(ctx, open_operator=panel_opener(ctx))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    try:
        assert not ctx.services_ready
        win.pin_pad.accepted.emit()
        assert win.operator_panel is None
        assert win.banner.text() == "The control panel opens as soon as the booth has started."
        ctx.client, ctx.queue = parts.client, parts.queue
        win.services_ready()
        assert win.operator_panel is not None and win.operator_panel.isVisible()
    finally:
        win.allow_close()
        if win.operator_panel is not None:
            win.operator_panel.close()
