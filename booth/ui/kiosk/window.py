"""The kiosk window: the screens in a stack, driven by the KioskFlow, locked against guests leaving.

It wires the flow's signals to the screens and the screens' taps to the flow, turns problems on the
message bridge into guest words on the banner, and installs the InputGuard (no way out for guests, the
trigger key, activity); closing is refused until the operator quits from the control panel. The
control panel is handed over by the wiring (`open_operator`): the kiosk UI never imports the operator UI.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from booth.jobs.estimate import wait_estimate_s
from booth.jobs.event import RESULTS
from booth.problems import Problem, ProblemKind
from booth.ui import i18n
from booth.ui.context import AppContext, Message
from booth.ui.kiosk import wording
from booth.ui.kiosk.delivery import ResultActions
from booth.ui.kiosk.flow import KioskFlow, Step
from booth.ui.kiosk.goodbye import Goodbye
from booth.ui.kiosk.input_guard import InputGuard, is_escape
from booth.ui.kiosk.operator_gate import CornerHold, PanelIdleLock, PinPad, operator_pin
from booth.ui.kiosk.pin_setup import PinSetup
from booth.ui.kiosk.screens.attract import AttractScreen
from booth.ui.kiosk.screens.base import Screen
from booth.ui.kiosk.screens.choose import ChooseScreen
from booth.ui.kiosk.screens.consent import ConsentScreen
from booth.ui.kiosk.screens.handoff import HandoffScreen
from booth.ui.kiosk.screens.look import LookScreen
from booth.ui.kiosk.screens.pose import PoseScreen
from booth.ui.kiosk.screens.result import ResultScreen
from booth.ui.kiosk.screens.review import ReviewScreen
from booth.ui.theme import stylesheet
from booth.ui.widgets.banner import Banner
from booth.ui.widgets.images import Source
from booth.ui.widgets.job_strip import JobStrip

log = logging.getLogger(__name__)

BANNER_REPEAT_S = 20.0
# Builds the operator panel (booth.ui.operator.panel.panel_opener); the kiosk passes the callback the panel
# calls when the operator goes back to the kiosk. Handed over by the wiring: the kiosk never imports it.
OpenOperator = Callable[[Callable[[], None]], QWidget]


class KioskWindow(QWidget):
    """The guest's window. `allow_close()` is the operator's key to it.

    Shown before the booth's services are up (the camera first): `services_ready()` connects the queue,
    printing and sharing once booth.app.start_services has them (at once, if they are up already).
    """

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 open_operator: OpenOperator | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KioskWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.context = context
        s = context.settings
        self._open_operator_panel = open_operator
        self._allow_close = False
        self._services_connected = False
        self._operator_waiting = False  # the PIN was right before the services were up: open when they are
        self._banner_seen: dict[ProblemKind, float] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self.operator_panel: QWidget | None = None
        self._cursor_hidden = False
        self.setWindowTitle(s.event.name)
        self.setStyleSheet(stylesheet(s.event))
        self.flow = KioskFlow(s.kiosk, camera=context.camera, parent=self)
        self.delivery = ResultActions(s.kiosk, messages=context.messages, qr_only=s.event.keep_nothing)
        self._make_screens()
        self.banner = Banner(self)
        self.pin_pad = PinPad(operator_pin(s, context.event_dir), self)
        self.pin_setup = PinSetup.when_needed(self.pin_pad.gate, self)  # no PIN yet: the operator sets one first
        self.panel_lock = PanelIdleLock(s.kiosk.operator_idle_lock_s, lambda: self.operator_panel, self)
        self.corner = CornerHold(self)
        self.goodbye = Goodbye(s.event, self)  # covers the kiosk once the operator closed the event
        self.goodbye.follow(context.event_dir or s.event.dir)
        self.guard = InputGuard(self, self.flow, self.corner, s.kiosk.trigger_key, lambda: self.operator_panel)
        self._connect()
        i18n.switch(s.kiosk.language)
        self.attract.set_language(i18n.current())
        self._show(Step.ATTRACT)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.guard)
        if context.services_ready:
            self.services_ready()

    def _make_screens(self) -> None:
        s, services = self.context.settings, self.flow.services
        self.stack = QStackedWidget(self)
        self.attract = AttractScreen(s.event, services)
        self.choose = ChooseScreen(s.event, services)
        self.look = LookScreen(s.event, self.context.catalog)
        self.pose = PoseScreen(self.context.camera, s.camera.mirror_preview, s.event.accent_color, s.event.text_color)
        self.review = ReviewScreen()
        self.consent = ConsentScreen(s.event.consent)
        self.flow.consent_required = bool(s.event.consent)
        self.handoff = HandoffScreen()
        self.result = ResultScreen()
        self.screens: dict[Step, Screen] = {
            Step.ATTRACT: self.attract, Step.CHOOSE: self.choose, Step.LOOK: self.look, Step.POSE: self.pose,
            Step.REVIEW: self.review, Step.CONSENT: self.consent, Step.HANDOFF: self.handoff, Step.RESULT: self.result,
        }
        for screen in self.screens.values():
            self.stack.addWidget(screen)
        self.strip = JobStrip(parent=self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.stack)

    def services_ready(self) -> None:
        """The engine, queue, printing and sharing are up (booth.app.start_services): connect them."""
        if self._services_connected:
            return
        self._services_connected = True
        ctx = self.context
        self.flow.set_queue(ctx.queue)
        self.strip.set_queue(ctx.queue)
        self.delivery.printer = ctx.printer
        self.delivery.share = ctx.share
        if ctx.printer is not None:
            ctx.printer.printer_changed.connect(self._refresh_print_option)
        blocked = ctx.queue.blocked
        self.attract.set_credits_out(blocked is not None and blocked.kind == ProblemKind.CREDITS)
        if self.flow.step == Step.ATTRACT:
            self._spawn(self._refresh_wall())
        if self._operator_waiting:
            self._operator_waiting = False
            self._open_operator()

    # ---- wiring ------------------------------------------------------------------------------
    def _connect(self) -> None:
        f = self.flow
        f.step_changed.connect(lambda step: self._show(Step(step)))
        f.countdown_requested.connect(self.pose.count_down)
        f.capturing_changed.connect(self.pose.set_busy)
        f.captured.connect(lambda: self.review.show_capture(f.capture or b"", f.retakes_left))
        f.guest_message.connect(lambda text: self.banner.say(text))
        f.result_opened.connect(self._open_result)
        f.choice_changed.connect(self._on_choice)
        self.attract.start.connect(f.start)
        self.attract.language_chosen.connect(self.set_language)
        self.choose.chosen.connect(f.choose_service)
        self.choose.back.connect(f.back)
        self.look.look_chosen.connect(f.choose_look)
        self.look.gender_chosen.connect(f.set_gender)
        self.look.ratio_chosen.connect(f.set_ratio)
        self.look.next.connect(f.confirm_look)
        self.look.back.connect(f.back)
        self.pose.shutter.connect(f.trigger)
        self.pose.countdown_over.connect(f.shoot)
        self.pose.back.connect(f.back)
        self.consent.agreed.connect(f.agree)
        self.consent.declined.connect(f.decline)
        self.review.retake.connect(f.retake)
        self.review.use.connect(f.accept)
        self.handoff.next_guest.connect(f.start)
        self.result.done.connect(f.done)
        self.result.print_requested.connect(self._print)
        self.strip.opened.connect(f.open_result)
        self.pin_pad.accepted.connect(self._open_operator)
        self.corner.held.connect(self.pin_pad.open)
        self.panel_lock.expired.connect(self._close_operator)
        self.context.messages.posted.connect(self._on_message)
        self.context.messages.resolved.connect(self._on_resolved)
        self.context.catalog.previews_changed.connect(self._on_previews)
        self.context.catalog.changed.connect(self._on_catalog)

    def _on_previews(self, _kind: str) -> None:
        if self.flow.step == Step.ATTRACT:
            self._spawn(self._refresh_wall())

    def _enter_look(self) -> None:
        f = self.flow
        self.look.show_for(f.choice.service, f.choice)
        default = self.look.first_look()
        if f.choice.look_id is None and default is not None:
            f.choose_look(*default)  # show_for runs again through choice_changed

    def _on_catalog(self, _kind: str) -> None:
        if self.flow.step == Step.LOOK:
            self._enter_look()

    def _on_choice(self) -> None:
        if self.flow.step == Step.LOOK and self.flow.choice.service:
            self.look.show_for(self.flow.choice.service, self.flow.choice)

    def _show(self, step: Step) -> None:
        current = self.stack.currentWidget()
        screen = self.screens[step]
        if isinstance(current, Screen) and current is not screen:
            current.left()
        f = self.flow
        if step == Step.LOOK:
            self._enter_look()
        elif step == Step.POSE:
            self.pose.prepare(f.ratio, f.two_person)
        elif step == Step.HANDOFF:
            self.handoff.show_ticket(f.ticket)
            self.handoff.show_wait(self._wait_s(f.job_id))
        elif step == Step.ATTRACT:
            self._spawn(self._refresh_wall())
        if screen.strip_slot is not None:
            screen.strip_slot.addWidget(self.strip)
            self.strip.show()
        else:
            self.strip.hide()
        self.stack.setCurrentWidget(screen)
        screen.entered()

    def _spawn(self, coro: Coroutine[object, object, None]) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop running (a bare widget test): nothing to fetch
            coro.close()
            return
        task = loop.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _refresh_wall(self) -> None:
        results = await asyncio.to_thread(self._recent_results)
        samples: list[tuple[str, Source]] = []
        catalog = self.context.catalog
        for kind in ("filters", "styles", "workflows"):
            for e in catalog.entries(kind):
                picture = catalog.preview(e)
                if picture:
                    samples.append((f"look:{kind}:{e.id}", picture))
        self.attract.set_pool(results, samples[:24])

    def _recent_results(self) -> list[Path]:
        folder = self.context.event_dir
        if folder is None or self.context.settings.event.keep_nothing:  # no guest's picture on the wall
            return []
        results = folder / RESULTS
        try:
            files = [p for p in results.iterdir() if p.is_file()]
        except OSError:
            return []
        files.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        return files[:24]

    # ---- results, print, share ----------------------------------------------------------------
    def _open_result(self, job_id: str) -> None:
        queue = self.context.queue
        job = queue.job(job_id)
        path = queue.result_path(job_id)
        self.strip.mark_seen(job_id)
        self.result.show_result(job_id, path, job.ticket)
        self._offer_print(job_id)
        if path is not None:
            self._spawn(self._load_qr(job_id, path, job.ticket))

    async def _load_qr(self, job_id: str, path: Path, ticket: str) -> None:
        png = await self.delivery.qr_png(job_id, path, ticket)
        if self.result.job_id == job_id:
            self.result.set_qr(png)

    def _refresh_print_option(self) -> None:
        """The printer came back (or went away) while a result is on screen."""
        if self.flow.step == Step.RESULT and self.result.job_id:
            self._offer_print(self.result.job_id)

    def _offer_print(self, job_id: str) -> None:
        """Print while the printer can; while it is paused the guest is pointed to the code instead."""
        self.result.set_print_limit(self._printable(job_id), self.delivery.printer_paused())

    def _wait_s(self, job_id: str | None) -> float | None:
        queue = self.context.queue
        if not job_id:
            return None
        return wait_estimate_s(queue.jobs(), job_id, self.context.settings.jobs.max_in_flight)

    def _printable(self, job_id: str) -> int:
        """Copies the guest may print now (an animation prints its first frame: booth.printing.layout)."""
        if self.context.queue.result_path(job_id) is None:
            return 0
        return self.delivery.copies_allowed(job_id)

    def _print(self, copies: int) -> None:
        job_id = self.result.job_id
        queue = self.context.queue
        path = queue.result_path(job_id)
        ok = path is not None and self.delivery.print(job_id, path, copies, queue.job(job_id).ticket)
        self.result.printed(ok)
        self._offer_print(job_id)

    # ---- problems -----------------------------------------------------------------------------
    def _on_message(self, message: Message) -> None:
        """A problem guests should know of, in guest words (never its details); the same kind at most every
        BANNER_REPEAT_S, so a flapping connection does not keep covering the screen."""
        if not isinstance(message, Problem) or not wording.for_guests(message.kind):
            return
        if message.kind == ProblemKind.CREDITS:
            self.attract.set_credits_out(True)
        now = time.monotonic()
        if now - self._banner_seen.get(message.kind, -1e9) < BANNER_REPEAT_S:
            return
        self._banner_seen[message.kind] = now
        self.banner.say(wording.problem_words(message.kind))

    def _on_resolved(self, kind: str) -> None:
        if kind == ProblemKind.CREDITS.value:
            self.attract.set_credits_out(False)

    # ---- language -----------------------------------------------------------------------------
    def set_language(self, code: str) -> None:
        i18n.switch(code)
        self.attract.set_language(i18n.current())
        self.flow.touch()

    # ---- operator -----------------------------------------------------------------------------
    def _open_operator(self) -> None:
        if self._open_operator_panel is None:
            log.warning("no operator panel was handed to the kiosk window")
            self.banner.say(self.tr("The control panel is not available in this build."))
            return
        if not self.context.services_ready:
            self._operator_waiting = True
            self.banner.say(self.tr("The control panel opens as soon as the booth has started."))
            return
        if self.operator_panel is None:
            self.operator_panel = self._open_operator_panel(self._close_operator)
        log.info("operator panel opened")
        self._show_cursor(True)
        if self.isFullScreen():
            self.operator_panel.showFullScreen()
        else:
            self.operator_panel.show()
        self.operator_panel.raise_()
        self.operator_panel.activateWindow()

    def _close_operator(self) -> None:
        if self.operator_panel is not None:
            self.operator_panel.hide()
        self._apply_operator_settings()
        self._show_cursor(False)
        self.activateWindow()

    def _apply_operator_settings(self) -> None:
        """The panel edits the live settings (experiences offered, selfie mirror); guests see them at once."""
        s = self.context.settings
        services: list[str] = list(s.kiosk.services)
        if services and services != self.flow.services:
            self.flow.services = services
            self.attract.services = services
            self.choose.set_services(services)
        self.pose.preview.set_mirror(s.camera.mirror_preview)
        self.setStyleSheet(stylesheet(s.event))  # colours saved in the panel's Event page
        self.goodbye.follow(self.context.event_dir or s.event.dir)  # the panel may have closed the event

    def hide_cursor(self) -> None:
        """Guests touch, they do not point: no cursor over the kiosk (not in --windowed mode)."""
        self._cursor_hidden = True
        QApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)

    def _show_cursor(self, show: bool) -> None:
        if not self._cursor_hidden:
            return
        if show and QApplication.overrideCursor() is not None:
            QApplication.restoreOverrideCursor()
        elif not show and QApplication.overrideCursor() is None:
            QApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)

    def recover(self) -> None:
        """After an uncaught error (booth.cli.survive): whatever step broke, the next guest starts clean."""
        if self.flow.capturing:
            self.flow.capturing = False
            self.flow.capturing_changed.emit(False)
        self.flow.reset()

    def allow_close(self) -> None:
        """The operator quits: the window may close now (and only now)."""
        self._allow_close = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._allow_close:
            log.info("close refused: the kiosk only closes from the operator panel")
            event.ignore()
            return
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.guard)
        self.pose.left()
        self.result.left()
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_escape(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.banner.isVisible():
            self.banner.place()
        if self.pin_pad.isVisible():
            self.pin_pad.setGeometry(self.rect())
