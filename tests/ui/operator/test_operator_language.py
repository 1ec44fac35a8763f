"""The operator panel speaks the language installed app-wide: built in German, and re-worded live on a switch.

German screenshots of every tab land in test-artifacts/screens/operator-de-<tab>.png (German words are longer:
the test also checks that no button cuts its text off, wide and tall).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from operator_rig import all_text, open_booth, settle, wait_until
from PySide6.QtWidgets import QPushButton

from booth.ui import i18n

GERMAN_TABS = ["Aufträge", "Drucker", "Kamera", "Zugangsdaten", "Katalog", "Statistik", "Einstellungen"]
ENGLISH_TABS = ["Jobs", "Printer", "Camera", "Credentials", "Catalog", "Stats", "Settings"]


def _words(panel: Any) -> dict[str, str]:
    jobs, stats, camera = panel.jobs_tab, panel.stats_tab, panel.camera_tab
    return {
        "back": panel.back_button.text(),
        "quit": panel.quit_button.text(),
        "retry": jobs.retry_button.text(),
        "filter": jobs.filter.itemText(0),
        "completed": jobs.filter.itemText(jobs.filter.findData("completed")),
        "header": str(jobs.proxy.headerData(1, jobs.table.horizontalHeader().orientation())),
        "scan": camera.scan_button.text(),
        "total": stats.jobs.label("total"),
        "online": stats.service.text("online"),
        "clear": panel.messages.clear_button.text(),
        "untested": panel.credentials_tab.result.text(),
    }


def _clipped_buttons(panel: Any) -> list[str]:
    return [f"{b.objectName()}: {b.text()!r} needs {b.sizeHint().width()} px, has {b.width()}"
            for b in panel.findChildren(QPushButton)
            if b.isVisible() and b.text() and b.width() < b.sizeHint().width()]  # fmt: skip


def test_panel_follows_the_installed_language(arun: Any, operator_settings: Any, artifacts_dir: Path) -> None:
    screens = artifacts_dir / "screens"
    screens.mkdir(parents=True, exist_ok=True)

    async def scenario() -> dict[str, Any]:
        assert i18n.switch("de")
        booth = await open_booth(operator_settings)
        panel = booth.panel
        seen: dict[str, Any] = {}
        try:
            seen["built_in_german"] = (panel.tab_titles(), _words(panel), panel.windowTitle())
            clipped: list[str] = []
            for size in ((1920, 1080), (1080, 1920)):
                panel.resize(*size)
                for name in panel.tab_names():
                    panel.show_tab(name)
                    settle()
                    clipped += [f"{name} {size}: {line}" for line in _clipped_buttons(panel)]
                    if size[0] > size[1]:
                        assert panel.grab().save(str(screens / f"operator-de-{name.removeprefix('tab_')}.png"))
            seen["clipped"] = clipped
            panel.resize(1920, 1080)
            panel.show_tab("tab_jobs")

            # Back at the kiosk (the panel is kept, hidden) a guest picks English: the panel follows.
            panel.back_to_kiosk()
            i18n.switch("en")
            await wait_until(lambda: panel.tab_titles() == ENGLISH_TABS, 5, "the hidden panel to speak English")
            panel.show()
            seen["english"] = _words(panel)
            seen["english_text"] = all_text(panel)

            i18n.switch("de")  # and live, while the panel is open
            await wait_until(lambda: panel.tab_titles() == GERMAN_TABS, 5, "the panel to speak German again")
            seen["german_again"] = _words(panel)
            return seen
        finally:
            i18n.switch("en")
            await booth.stop()

    try:
        seen = arun(scenario())
    finally:
        i18n.switch("en")
    titles, words, window_title = seen["built_in_german"]
    assert titles == GERMAN_TABS
    german = {
        "back": "Zurück zum Kiosk",
        "quit": "Fotobox beenden",
        "retry": "Wiederholen",
        "filter": "Alle Aufträge",
        "completed": "Fertig",
        "header": "Dienst",
        "scan": "Kameras suchen",
        "total": "Aufträge gesamt",
        "online": "online",
        "clear": "Leeren",
        "untested": "Noch nicht getestet.",
    }
    assert words == german
    assert window_title == "booth – Bedienfeld"
    assert seen["german_again"] == german
    assert seen["english"] == {
        "back": "Back to kiosk",
        "quit": "Quit booth",
        "retry": "Retry",
        "filter": "All jobs",
        "completed": "Completed",
        "header": "Service",
        "scan": "Look for cameras",
        "total": "Jobs in all",
        "online": "online",
        "clear": "Clear",
        "untested": "Not tested yet.",
    }
    assert "Aufträge" not in seen["english_text"] and "Zugangsdaten" not in seen["english_text"]
    assert seen["clipped"] == []
    assert i18n.current() == "en"
