"""English and German: every guest and operator string is translated, the compiled .qm is current, switching works
live (the operator panel's own switch test is tests/ui/operator/test_operator_language.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from kiosk_rig import tap

from booth.problems import ProblemKind
from booth.settings import Settings
from booth.ui import i18n
from booth.ui.kiosk import wording

UI = Path(i18n.__file__).resolve().parent.parent
TOOLS = Path(sys.executable).parent


def _tool(name: str) -> Path:
    path = TOOLS / name
    if not path.exists():
        pytest.skip(f"{name} is not installed in this environment")
    return path


def test_every_string_has_a_german_translation() -> None:
    root = ET.parse(i18n.HERE / "booth_de.ts").getroot()
    unfinished = [m.findtext("source") for m in root.iter("message")
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")]
    assert unfinished == []


def test_sources_cover_every_file_with_translated_strings() -> None:
    """A module under booth/ui that calls tr() (kiosk, operator panel, widgets) must be in SOURCES, or lupdate
    never sees its strings and they stay English."""
    covered = {p.resolve() for pattern in i18n.SOURCES for p in UI.glob(pattern)}
    calls = re.compile(r"\btr\(|QCoreApplication\.translate\(")
    missing = [str(path.relative_to(UI)) for path in sorted(UI.rglob("*.py"))
               if path.resolve() not in covered and calls.search(path.read_text(encoding="utf-8"))]  # fmt: skip
    assert missing == [], "add these to SOURCES in booth/ui/i18n/__init__.py"
    assert {"operator/panel.py", "operator/jobs_tab.py", "widgets/preview.py"} <= {
        str(p.relative_to(UI)) for p in covered if p.is_relative_to(UI)}


def test_sources_hold_no_strings_missing_from_the_ts(tmp_path: Path) -> None:
    ts = tmp_path / "booth_de.ts"
    shutil.copy(i18n.HERE / "booth_de.ts", ts)
    sources = sorted(str(p) for pattern in i18n.SOURCES for p in UI.glob(pattern))
    out = subprocess.run([str(_tool("pyside6-lupdate")), *sources, "-ts", str(ts)],
                         capture_output=True, text=True, check=True, cwd=UI).stdout
    assert "(0 new and" in out, f"new strings need translating (see booth/ui/i18n/__init__.py): {out}"


def test_compiled_qm_matches_the_ts(tmp_path: Path) -> None:
    qm = tmp_path / "booth_de.qm"
    subprocess.run([str(_tool("pyside6-lrelease")), str(i18n.HERE / "booth_de.ts"), "-qm", str(qm)],
                   capture_output=True, check=True)
    assert qm.read_bytes() == i18n.qm_path("de").read_bytes(), "run pyside6-lrelease (booth/ui/i18n/__init__.py)"


def test_language_switch_rewords_the_screens_live(qtbot, tmp_path: Path) -> None:
    from ui_context import idle_context

    from booth.ui.kiosk.window import KioskWindow

    settings = Settings()
    settings.event.dir = tmp_path / "event"
    settings.kiosk.operator_pin = "4711"  # type: ignore[assignment]  # a booth with its PIN set
    window = KioskWindow(idle_context(settings))
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    try:
        tap(window.attract.lang_buttons["de"])
        qtbot.waitUntil(lambda: window.attract.start_button.text() == "Tippen zum Start", timeout=2000)
        assert window.choose.cards["filter"].title() == "KI-Magie"
        assert wording.problem_words(ProblemKind.OFFLINE).startswith("Unser KI-Studio")
        tap(window.attract.lang_buttons["en"])
        qtbot.waitUntil(lambda: window.attract.start_button.text() == "Tap to start", timeout=2000)
        assert window.choose.cards["filter"].title() == "AI Magic"
    finally:
        i18n.switch("en")
        window.allow_close()
