"""The guest's way through the kiosk as a plain state machine: no widgets, testable without a window.

Screens show `step` and forward taps here; this class decides what comes next, captures through the
camera, and hands the capture to the job queue, which returns at once. Nothing in the guest's path ever
waits for the AI: the guest's time from pose to hand-off is posing time only.

Signals: `step_changed(str)`, `choice_changed()`, `countdown_requested(int)` (the pose screen runs the
countdown and calls `shoot()`), `capturing_changed(bool)`, `captured()` (review image in `capture`),
`guest_message(str)` (friendly words for a banner), `handed_off(str)` (job id), `result_opened(str)`.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from booth.jobs.job import Delivery, JobParams, JobState
from booth.problems import ProblemKind
from booth.settings import KioskSettings
from booth.ui.kiosk import looks, wording

if TYPE_CHECKING:
    from booth.camera.service import CameraService
    from booth.jobs.queue import JobQueue

log = logging.getLogger(__name__)


class Step(StrEnum):
    ATTRACT = "attract"
    CHOOSE = "choose"
    LOOK = "look"
    CONSENT = "consent"  # only when the event asks guests to agree before the first photo
    POSE = "pose"
    REVIEW = "review"
    HANDOFF = "handoff"
    RESULT = "result"


@dataclass
class GuestChoice:
    """What this guest picked so far."""

    service: str = ""
    look_id: int | str | None = None
    look_name: str = ""
    gender: str = "female"
    ratio: str = "portrait"
    extra: dict[str, Any] = field(default_factory=dict)

    def request_fields(self) -> dict[str, Any]:
        """The RunRequest fields (other than image) this service sends."""
        from booth.api.services import GENDERS, SERVICES

        svc = SERVICES[self.service]
        need = looks.needs(self.service)
        out: dict[str, Any] = {}
        if need.field and self.look_id is not None:
            out[need.field] = self.look_id
        if need.gender:
            out["gender"] = GENDERS[self.gender]
        if need.ratio:
            out["ratio"] = self.ratio
        if svc.uses("base_video"):
            out["base_video"] = 0
        out.update({k: v for k, v in self.extra.items() if svc.uses(k)})
        return out


class KioskFlow(QObject):
    step_changed = Signal(str)
    choice_changed = Signal()
    countdown_requested = Signal(int)
    capturing_changed = Signal(bool)
    captured = Signal()
    guest_message = Signal(str)
    handed_off = Signal(str)
    result_opened = Signal(str)

    def __init__(
        self,
        kiosk: KioskSettings,
        *,
        camera: CameraService,
        queue: JobQueue | None = None,
        services: list[str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.kiosk = kiosk
        self.camera = camera
        self.queue: JobQueue | None = None
        self.services: list[str] = list(services if services is not None else kiosk.services)
        self.step = Step.ATTRACT
        self.choice = self._fresh_choice()
        self.retakes_left = kiosk.retake_limit
        self.capture: bytes | None = None
        self.capturing = False
        self.job_id: str | None = None  # this guest's job, once handed off
        self.ticket: str = ""
        self.result_job: str | None = None
        self.consent_required = False  # the event's consent step (event.consent); set by the window
        self.consented = False  # this guest agreed (asked once per guest, before the first capture)
        self._task: asyncio.Task[None] | None = None
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(int(kiosk.inactivity_s * 1000))
        self._idle.timeout.connect(self._on_idle)
        if queue is not None:
            self.set_queue(queue)

    def set_queue(self, queue: JobQueue) -> None:
        """The job queue, once it has started (the kiosk shows before the services are up)."""
        if queue is self.queue:
            return
        self.queue = queue
        queue.job_changed.connect(self._on_job_changed)

    # ---- state ---------------------------------------------------------------------------------
    def _fresh_choice(self) -> GuestChoice:
        return GuestChoice(gender=self.kiosk.default_gender, ratio=self.kiosk.default_ratio)

    def _go(self, step: Step) -> None:
        self.touch()
        if step == self.step:
            return
        log.debug("kiosk step %s -> %s", self.step, step)
        self.step = step
        self.step_changed.emit(step.value)

    def touch(self) -> None:
        """Any guest activity: restart the inactivity clock (stopped on the attract screen)."""
        if self.step == Step.ATTRACT:
            self._idle.stop()
        else:
            self._idle.start()

    def set_inactivity(self, seconds: float) -> None:
        self._idle.setInterval(int(seconds * 1000))
        self.touch()

    def _on_idle(self) -> None:
        if self.capturing:
            self._idle.start()
            return
        log.info("no activity for %.0f s on %s: back to the attract screen", self._idle.interval() / 1000, self.step)
        self.reset()

    def reset(self) -> None:
        """Back to attract for the next guest; jobs already handed off carry on in the queue."""
        self.choice = self._fresh_choice()
        self.retakes_left = self.kiosk.retake_limit
        self.capture = None
        self.job_id = None
        self.ticket = ""
        self.result_job = None
        self.consented = False
        self.choice_changed.emit()
        self._go(Step.ATTRACT)

    # ---- the guest's taps ----------------------------------------------------------------------
    def start(self) -> None:
        """Tap on the attract screen (or "next guest" on the hand-off screen)."""
        self.choice = self._fresh_choice()
        self.retakes_left = self.kiosk.retake_limit
        self.capture = None
        self.job_id = None
        self.ticket = ""
        self.consented = False
        if len(self.services) == 1:
            self.choose_service(self.services[0])
        else:
            self._go(Step.CHOOSE)

    def choose_service(self, service: str) -> None:
        if service not in self.services:
            raise ValueError(f"service {service!r} is not enabled on this kiosk")
        self.choice.service = service
        self.choice.look_id = None
        self.choice.look_name = ""
        self.choice_changed.emit()
        self._go(Step.LOOK if looks.needs(service).any else self._pose_step())

    def jump_to_pose(self, service: str | None = None) -> None:
        """Straight to the live preview with default choices (operator test shot, startup benchmark)."""
        self.start()
        self.choice.service = service or self.services[0]
        self.choice_changed.emit()
        self._go(Step.POSE)

    def choose_look(self, look_id: int | str | None, name: str = "") -> None:
        self.choice.look_id = look_id
        self.choice.look_name = name
        self.choice_changed.emit()
        self.touch()

    def set_gender(self, gender: str) -> None:
        self.choice.gender = gender
        self.choice_changed.emit()
        self.touch()

    def set_ratio(self, ratio: str) -> None:
        self.choice.ratio = ratio
        self.choice_changed.emit()
        self.touch()

    @property
    def look_ready(self) -> bool:
        need = looks.needs(self.choice.service) if self.choice.service else None
        return need is not None and (need.field is None or self.choice.look_id is not None)

    def confirm_look(self) -> None:
        if not self.look_ready:
            self.guest_message.emit(QCoreApplication.translate("KioskFlow", "Pick a look first: tap the one you like."))
            return
        self._go(self._pose_step())

    def _pose_step(self) -> Step:
        """The pose screen, or first the consent step when the event asks and this guest has not agreed."""
        return Step.CONSENT if self.consent_required and not self.consented else Step.POSE

    def agree(self) -> None:
        """The guest agreed to the event's consent text: on to posing."""
        if self.step != Step.CONSENT:
            return
        self.consented = True
        self._go(Step.POSE)

    def decline(self) -> None:
        """The guest declined: no photo is taken; the kiosk is ready for the next guest."""
        if self.step == Step.CONSENT:
            log.info("a guest declined the consent: no photo taken")
            self.reset()

    def back(self) -> None:
        before_pose = Step.LOOK if self.choice.service and looks.needs(self.choice.service).any else Step.CHOOSE
        previous = {
            Step.CHOOSE: Step.ATTRACT,
            Step.LOOK: Step.CHOOSE,
            Step.CONSENT: before_pose,
            Step.POSE: before_pose,
        }.get(self.step)
        if previous is None or self.capturing:
            return
        if previous == Step.CHOOSE and len(self.services) == 1:
            previous = Step.ATTRACT
        if previous == Step.ATTRACT:
            self.reset()
        else:
            self._go(previous)

    def trigger(self) -> None:
        """The big button or the hardware trigger key: start the countdown (pose screen only)."""
        if self.step != Step.POSE or self.capturing:
            return
        self.capturing = True
        self.capturing_changed.emit(True)
        self.touch()
        if self.kiosk.countdown_s > 0:
            self.countdown_requested.emit(self.kiosk.countdown_s)
        else:
            self.shoot()

    @property
    def ratio(self) -> str:
        """The ratio of the capture: the guest's pick where the service takes one, else the default."""
        return self.choice.ratio if self.choice.service and looks.needs(self.choice.service).ratio else (
            self.kiosk.default_ratio)

    @property
    def two_person(self) -> bool:
        return looks.is_two_person(self.choice.service)

    def shoot(self) -> None:
        """Countdown over: capture a still in the background, then show the review."""
        if self.step != Step.POSE:
            return
        if not self.capturing:
            self.capturing = True
            self.capturing_changed.emit(True)
        self._task = asyncio.ensure_future(self._capture())

    async def _capture(self) -> None:
        try:
            data = await self.camera.capture_still(self.ratio, self.two_person)
        except Exception as exc:  # any camera trouble: the guest just tries again
            log.warning("capture failed: %s", exc, exc_info=True)
            self.guest_message.emit(
                QCoreApplication.translate("KioskFlow", "The camera blinked. Let's try that again!"))
            self._end_capturing()
            return
        self.capture = data
        self._end_capturing()
        if self.step == Step.POSE:
            self.captured.emit()
            self._go(Step.REVIEW)

    def _end_capturing(self) -> None:
        self.capturing = False
        self.capturing_changed.emit(False)
        self.touch()

    def retake(self) -> None:
        if self.step != Step.REVIEW or self.retakes_left <= 0:
            return
        self.retakes_left -= 1
        self.capture = None
        self._go(Step.POSE)

    def accept(self) -> None:
        """"Use it": the capture goes to the queue (which stores it first) and the guest is handed off."""
        if self.step != Step.REVIEW or self.capture is None:
            return
        if self.queue is None:  # the first seconds after start: the photo stays here until the queue is up
            self.guest_message.emit(QCoreApplication.translate("KioskFlow", "One moment, the studio is opening."))
            return
        params = JobParams(service=self.choice.service, **self.choice.request_fields())
        try:
            job = self.queue.enqueue(self.capture, params, Delivery())
        except Exception as exc:
            log.error("could not queue the capture: %s", exc, exc_info=True)
            self.guest_message.emit(QCoreApplication.translate(
                "KioskFlow", "Something went wrong on our side. Please ask our host for help."))
            return
        self.job_id = job.id
        self.ticket = job.ticket
        self.handed_off.emit(job.id)
        self._go(Step.HANDOFF)

    def open_result(self, job_id: str) -> None:
        """A ready picture tapped on the strip, or this guest's own job finishing on the hand-off screen."""
        self.result_job = job_id
        self.result_opened.emit(job_id)
        self._go(Step.RESULT)

    def done(self) -> None:
        self.reset()

    def _on_job_changed(self, job_id: str) -> None:
        if self.step != Step.HANDOFF or job_id != self.job_id or self.queue is None:
            return
        job = self.queue.job(job_id)
        if job.state is JobState.COMPLETED:
            self.open_result(job_id)
        elif job.state is JobState.FAILED or job.needs_operator:
            self.guest_message.emit(wording.problem_words(ProblemKind.FAILED))
