"""The panel as a whole: tabs switch, the ways out behave, problems reach the message pane once each."""

from __future__ import annotations

from typing import Any

from operator_rig import answer, click, open_booth, photo, question, wait_until
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from booth.jobs.job import JobParams, JobState
from booth.problems import Part, Problem, ProblemKind

TABS = ["tab_jobs", "tab_printer", "tab_camera", "tab_credentials", "tab_catalog", "tab_stats", "tab_settings"]


def test_tabs_switch_by_touch(arun: Any, operator_settings: Any) -> None:
    async def scenario() -> list[str]:
        booth = await open_booth(operator_settings)
        panel = booth.panel
        shown: list[str] = []
        try:
            assert panel.tab_names() == TABS
            bar = panel.tabs.tabBar()
            for index in range(bar.count()):
                QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                                 bar.tabRect(index).center())  # fmt: skip
                await wait_until(lambda i=index: panel.tabs.currentIndex() == i, 2, "the tab")
                shown.append(panel.tabs.currentWidget().objectName())
                assert panel.tabs.currentWidget().isVisible()
            return shown
        finally:
            await booth.stop()

    assert arun(scenario()) == TABS


def test_every_interactive_widget_is_named(arun: Any, operator_settings: Any) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLineEdit

    async def scenario() -> list[str]:
        booth = await open_booth(operator_settings)
        try:
            kinds = (QAbstractButton, QComboBox, QLineEdit, QAbstractItemView)
            widgets = [w for w in booth.panel.findChildren(QWidget) if isinstance(w, kinds)]
            # Qt's own innards (a combo's popup list, its line edit, the tab bar's scroll arrows) are not ours.
            ours = [w for w in widgets if not w.objectName().startswith("qt_") and not isinstance(w.parent(), kinds)
                    and w.window() is booth.panel and type(w.parent()).__name__ != "QTabBar"]  # fmt: skip
            assert len(ours) > 20
            return [f"{type(w).__name__} in {type(w.parent()).__name__}" for w in ours if not w.objectName()]
        finally:
            await booth.stop()

    assert arun(scenario()) == []


def test_back_hides_and_quit_needs_confirmation(arun: Any, operator_settings: Any) -> None:
    async def scenario() -> dict[str, Any]:
        booth = await open_booth(operator_settings)
        panel, out = booth.panel, {"back": 0, "quit": 0, "ctx_quit": 0}
        booth.ctx.on_quit = lambda: out.__setitem__("ctx_quit", out["ctx_quit"] + 1)
        panel.back_requested.connect(lambda: out.__setitem__("back", out["back"] + 1))
        panel.quit_requested.connect(lambda: out.__setitem__("quit", out["quit"] + 1))
        try:
            click(panel.back_button)
            out["hidden_by_back"] = not panel.isVisible()
            panel.show()
            QTest.keyClick(panel, Qt.Key.Key_Escape)
            out["hidden_by_escape"] = not panel.isVisible()
            panel.show()
            panel.close()  # the window manager's close means "back", never "quit"
            out["hidden_by_close"] = not panel.isVisible() and out["ctx_quit"] == 0
            panel.show()
            click(panel.quit_button)
            await wait_until(lambda: question("confirm_quit") is not None, 5, "the question")
            answer("confirm_quit", yes=False)
            out["after_no"] = out["ctx_quit"]
            click(panel.quit_button)
            await wait_until(lambda: question("confirm_quit") is not None, 5, "the question")
            answer("confirm_quit", yes=True)
            out["closed_after_quit"] = not panel.isVisible()
            return out
        finally:
            await booth.stop()

    out = arun(scenario())
    assert out["hidden_by_back"] and out["hidden_by_escape"] and out["hidden_by_close"]
    assert out["back"] == 3
    assert out["after_no"] == 0
    assert out["quit"] == 1 and out["ctx_quit"] == 1 and out["closed_after_quit"]


def test_problems_reach_the_message_pane_once(arun: Any, operator_settings: Any, engine: Any) -> None:
    async def scenario() -> list[str]:
        booth = await open_booth(operator_settings)
        queue = booth.ctx.queue
        try:
            engine.configure(faults={"run.fail": 1.0})
            job = queue.enqueue(photo(7), JobParams(service="filter", filter_id=1, ratio="portrait"))
            await wait_until(lambda: queue.job(job.id).state is JobState.FAILED, 20, "the failure")
            await wait_until(lambda: any("injected" in line for line in booth.panel.messages.texts()), 5,
                             "the failure in the pane")  # fmt: skip
            booth.ctx.messages.report(Problem.make(ProblemKind.SHARING_OFF, Part.SHARE, detail="port 8000 is taken"))
            await wait_until(lambda: any("download server" in line for line in booth.panel.messages.texts()), 5,
                             "the bridge message")  # fmt: skip
            return booth.panel.messages.texts()
        finally:
            await booth.stop()

    lines = arun(scenario())
    failed = [line for line in lines if "A01" in line and "injected" in line]
    assert len(failed) == 1, lines
    assert any("[share]" in line for line in lines)


def test_panel_on_a_booth_with_nothing_running(qtbot: Any, tmp_path: Any) -> None:
    """Printing and sharing that are off are None in the context, the camera is stopped: every tab says so,
    nothing breaks. (The queue, client and camera always exist in a started booth.)"""
    from ui_context import idle_context

    from booth.settings import Settings
    from booth.ui.operator.panel import OperatorPanel

    settings = Settings()
    settings.event.dir = tmp_path / "event"
    settings.printing.enabled = False
    settings.sharing.enabled = False
    panel = OperatorPanel(idle_context(settings))
    qtbot.addWidget(panel)
    panel.resize(1920, 1080)
    panel.show()
    for name in panel.tab_names():
        panel.show_tab(name)
        assert panel.tabs.currentWidget().objectName() == name
    assert panel.printer_tab.off_note.text().startswith("Printing is off in settings")
    assert panel.camera_tab.status.text("state").startswith("stopped")
    assert panel.stats_tab.service.text("prints") == "printing is off"
    panel._quitting = True
