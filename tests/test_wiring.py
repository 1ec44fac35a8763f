"""booth.app's wiring: each part's problems reach the one bridge once, and a part that cannot start says so
as a Problem (the kiosk carries on without it). The whole assembly runs in tests/ui/kiosk/test_app.py."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from booth import app
from booth import settings as settings_mod
from booth.problems import SERVICE_TROUBLE, Part, Problem, ProblemKind, Remedy
from booth.ui.context import AppContext


class ReportingPart(QObject):
    """A part as the contract has it: `problem(Problem)` and `problem_over(kind)`."""

    problem = Signal(object)
    problem_over = Signal(str)


class RecordingBridge(QObject):
    """Records what reaches the bridge (MessageBridge.report / resolve)."""

    def __init__(self) -> None:
        super().__init__()
        self.reported: list[Problem] = []
        self.resolved: list[str] = []

    def report(self, problem: Problem) -> None:
        self.reported.append(problem)

    def resolve(self, kind: str) -> None:
        self.resolved.append(kind)


def test_a_parts_problems_reach_the_bridge_once(qapp: object) -> None:
    part, bridge = ReportingPart(), RecordingBridge()
    app.wire_problems(part.problem, part.problem_over, bridge)
    lost = Problem.make(ProblemKind.CAMERA_LOST, Part.CAMERA, detail="no frame for 3 s")
    failed = Problem.make(ProblemKind.FAILED, Part.JOBS, remedy=Remedy.RETRY, ticket="A01")
    part.problem.emit(lost)
    part.problem.emit(failed)
    part.problem_over.emit(ProblemKind.CAMERA_LOST.value)
    assert bridge.reported == [lost, failed]
    assert bridge.resolved == ["camera_lost"]


def test_the_service_answering_again_ends_the_service_troubles() -> None:
    bridge = RecordingBridge()
    app._service_answers(bridge, False)
    assert bridge.resolved == []
    app._service_answers(bridge, True)
    assert set(bridge.resolved) == set(SERVICE_TROUBLE)


def _context(tmp_path: Path, **sections: dict[str, object]) -> tuple[AppContext, RecordingBridge]:
    bridge = RecordingBridge()
    loaded = settings_mod.from_mapping({"event": {"dir": str(tmp_path / "event")}, **sections})
    return AppContext(settings=loaded, messages=bridge), bridge


def test_printing_that_cannot_start_is_reported_as_a_problem(qapp: object, tmp_path: Path) -> None:
    ctx, bridge = _context(tmp_path, printing={"enabled": True})
    ctx.settings.printing.layout = "missing"  # what a hand-edited file might say
    app._start_printing(ctx, tmp_path / "event" / "prints")
    assert ctx.printer is None
    (problem,) = bridge.reported
    assert (problem.kind, problem.part) == (ProblemKind.PRINTING_OFF, Part.BOOTH)
    assert "printing.layout 'missing'" in problem.detail


def test_sharing_that_cannot_start_is_reported_as_a_problem(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        ctx, bridge = _context(tmp_path, sharing={"host": "127.0.0.1", "port": busy.getsockname()[1]})
        asyncio.run(app._start_sharing(ctx, tmp_path / "event" / "shares", tmp_path / "event" / "results"))
    assert ctx.share is None
    (problem,) = bridge.reported
    assert (problem.kind, problem.part) == (ProblemKind.SHARING_OFF, Part.BOOTH)
    assert problem.detail
