"""The Settings tab drives the real settings file: change a value, save, read the TOML back (comments kept),
see the running kiosk use it; a bad value shows its error beside the field and writes nothing; a typed
password goes to a real file keyring, signs in after a restart, and shows up in no file, log or widget."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import numpy as np
import pytest
from keyrings.alt.file import PlaintextKeyring
from operator_rig import click, settle, wait_until
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from booth.settings_file import SettingsFile

PASSWORD = "Typed-on-the-touchscreen-42"
TOML = """# Anna & Ben's booth: edited by hand before the event
[event]
name = "Anna & Ben"          # on the start screen
dir = "{event}"

[api]
url = "{url}"
auth = "{auth}"
username = "op"
catalog_cache = "{cache}"

[jobs]
poll_interval_s = 0.2

[camera]
source = "demo"
width = 640
height = 480

# guests
[kiosk]
countdown_s = 3              # seconds before the picture
services = ["filter", "comic", "pose"]
operator_pin = "2468"        # so the kiosk shows its start screen, not the PIN setup

[printing]
enabled = false

[sharing]
host = "127.0.0.1"
port = 0
"""


@pytest.fixture
def config(tmp_path: Path, engine: Any) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    path = folder / "booth.toml"
    path.write_text(TOML.format(event=tmp_path / "event", url=engine.url, auth="bearer", cache=tmp_path / "cache"))
    return path


@pytest.fixture(autouse=True)
def file_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """keyrings.alt's file backend as the system keyring, in a temp HOME; no BOOTH_API_* from outside."""
    for name in ("BOOTH_API_PASSWORD", "BOOTH_API_TOKEN", "BOOTH_API_URL", "BOOTH_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "share"))
    before = keyring.get_keyring()
    keyring.set_keyring(PlaintextKeyring())
    try:
        yield
    finally:
        keyring.set_keyring(before)


class Running:
    """The booth started from the settings file: its parts, the kiosk window and the panel over it."""

    def __init__(self, ctx: Any, window: Any, panel: Any) -> None:
        self.ctx, self.window, self.panel = ctx, window, panel
        self.tab = panel.settings_tab

    async def stop(self) -> None:
        from booth.app import stop_parts
        from booth.ui.operator.background import pending_tasks

        self.panel._quitting = True
        self.panel.close()
        self.window.allow_close()
        self.window.close()
        await stop_parts(self.ctx)
        await wait_until(lambda: pending_tasks() == 0, 10, "the panel's background work")


async def start(config: Path, size: tuple[int, int] = (1920, 1080)) -> Running:
    from booth.app import start_parts
    from booth.ui.kiosk.window import KioskWindow
    from booth.ui.operator.panel import panel_opener

    ctx = await start_parts(SettingsFile(config).load())
    ctx.settings_file = config
    window = KioskWindow(ctx, open_operator=panel_opener(ctx))
    window.resize(1080, 1920)
    window.show()
    panel = panel_opener(ctx)(window._close_operator)  # as the kiosk opens it after the PIN
    window.operator_panel = panel
    panel.resize(*size)
    panel.show()
    panel.show_tab("tab_settings")
    running = Running(ctx, window, panel)
    for page in (running.tab.connection, running.tab.kiosk, running.tab.event_page):
        await wait_until(page.save_button.isEnabled, 10, f"{page.objectName()} to read the file")
    return running


async def save(page: Any) -> str:
    page.save_button.click()
    await wait_until(lambda: page.save_button.isEnabled() and page.status.text() not in ("", "Saving…"), 10, "save")
    return str(page.status.text())


def test_kiosk_page_saves_keeps_comments_and_the_running_kiosk_uses_it(arun: Any, config: Path) -> None:
    async def scenario() -> None:
        booth = await start(config)
        try:
            page = booth.tab.kiosk
            booth.tab.pages.setCurrentIndex(1)
            page.rows["kiosk.countdown_s"].editor.setText("7")
            services = page.rows["kiosk.services"].editor
            services.list.setCurrentRow(1)  # comic goes first
            click(services.up)
            services.list.item(2).setCheckState(Qt.CheckState.Unchecked)  # pose no more
            assert "Saved." in await save(page)
            text = config.read_text()
            assert "# Anna & Ben's booth" in text and "# seconds before the picture" in text and "# guests" in text
            assert "countdown_s = 7" in text and 'services = ["comic", "filter"]' in text
            booth.panel.back_to_kiosk()
            assert booth.window.flow.services == ["comic", "filter"]  # the next guest's choice
            assert booth.window.flow.kiosk.countdown_s == 7
        finally:
            await booth.stop()

    arun(scenario())


def test_a_bad_value_shows_its_error_beside_the_field_and_writes_nothing(arun: Any, config: Path) -> None:
    before = config.read_bytes()

    async def scenario() -> None:
        booth = await start(config)
        try:
            page = booth.tab.kiosk
            page.rows["kiosk.countdown_s"].editor.setText("99")
            page.rows["kiosk.inactivity_s"].editor.setText("soon")
            assert "Not saved" in await save(page)
            assert page.rows["kiosk.countdown_s"].error.isVisibleTo(page)
            assert page.rows["kiosk.countdown_s"].error.text() == "must be at most 10"
            assert page.rows["kiosk.inactivity_s"].error.text() == "must be a number"
            assert not page.rows["kiosk.retake_limit"].error.isVisibleTo(page)
            assert booth.ctx.settings.kiosk.countdown_s == 3
        finally:
            await booth.stop()

    arun(scenario())
    assert config.read_bytes() == before


def _has_colour(image: Any, colour: QColor | str) -> int:
    """How many pixels of `image` are exactly `colour`."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), np.uint32, image.sizeInBytes() // 4)
    return int(np.count_nonzero((pixels & 0xFFFFFF) == (QColor(colour).rgb() & 0xFFFFFF)))


def test_event_colours_preview_live_and_recolour_the_kiosk(arun: Any, config: Path) -> None:
    async def scenario() -> None:
        booth = await start(config)
        try:
            page = booth.tab.event_page
            booth.tab.pages.setCurrentIndex(2)
            page.rows["event.accent_color"].editor.setText("#00c853")
            settle()
            assert _has_colour(page.sample.grab().toImage(), "#00c853") > 20  # before saving
            name_colour = QColor("#00c853").lighter(125)  # the event's name on the start screen (theme.palette)
            assert _has_colour(booth.window.grab().toImage(), name_colour) == 0
            assert "Saved." in await save(page)
            assert 'accent_color = "#00c853"' in config.read_text()
            booth.panel.back_to_kiosk()
            settle()
            assert _has_colour(booth.window.grab().toImage(), name_colour) > 100
        finally:
            await booth.stop()

    arun(scenario())


def _texts(root: QWidget) -> list[str]:
    found = [w.text() for kind in (QLineEdit, QLabel, QAbstractButton) for w in root.findChildren(kind)]
    return [*found, *(w.placeholderText() for w in root.findChildren(QLineEdit))]


def test_a_password_typed_in_the_panel_signs_in_after_a_restart_and_is_nowhere_to_be_read(
    arun: Any, config: Path, engine: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine.configure(auth="oauth2", users={"op": PASSWORD})
    config.write_text(config.read_text().replace('auth = "bearer"', 'auth = "oauth2"'))
    caplog.set_level(logging.DEBUG)

    async def first_run() -> None:
        booth = await start(config)
        try:
            page = booth.tab.connection
            field = page.rows["api.password"].editor
            field.setFocus()
            QTest.keyClicks(field, PASSWORD[:-1] + "x")
            keys = booth.tab.keyboard
            assert keys.isVisible()  # the on-screen keyboard came up for the field
            click(keys.erase_key)  # and types into it: the slip erased, the last "2" by its key
            click(keys.findChild(QAbstractButton, "osk_key_0_1"))
            assert field.text() == PASSWORD
            assert "Saved." in await save(page)
            assert field.text() == "" and PASSWORD not in " ".join(_texts(booth.panel))
            assert page.rows["api.password"].origin.text() == "set, stored in the system keyring; type to change"
        finally:
            await booth.stop()

    async def second_run() -> None:
        booth = await start(config)
        try:
            assert booth.ctx.settings.api.password.get_secret_value() == PASSWORD
            names = [entry.name for entry in await booth.ctx.client.catalog("filters")]
            assert names and engine.stats()["token_calls"] >= 1
            assert PASSWORD not in " ".join(_texts(booth.panel))
        finally:
            await booth.stop()

    arun(first_run())
    assert "password =" not in config.read_text()
    arun(second_run())
    for folder in (config.parent, tmp_path / "event"):
        for path in folder.rglob("*"):
            assert not path.is_file() or PASSWORD.encode() not in path.read_bytes(), path
    assert PASSWORD not in caplog.text


def test_screenshots_of_every_settings_page_in_both_orientations_and_languages(
    arun: Any, config: Path, artifacts_dir: Path
) -> None:
    from booth.ui import i18n

    screens = artifacts_dir / "screens"
    screens.mkdir(parents=True, exist_ok=True)

    async def scenario() -> list[Path]:
        booth = await start(config)
        saved: list[Path] = []
        try:
            tab = booth.tab
            tab.kiosk.rows["kiosk.countdown_s"].editor.setText("42")
            assert "Not saved" in await save(tab.kiosk)  # one page shows a refusal beside its field
            for lang, first_tab in (("en", "Jobs"), ("de", "Aufträge")):
                i18n.switch(lang)
                await wait_until(lambda want=first_tab: booth.panel.tab_titles()[0] == want, 5, f"the panel in {lang}")
                for size, shape in (((1920, 1080), "landscape"), ((1080, 1920), "portrait")):
                    booth.panel.resize(*size)
                    for index in range(tab.pages.count()):
                        tab.pages.setCurrentIndex(index)
                        page = tab.pages.currentWidget().widget()
                        tab.keyboard.hide()
                        if index == 0:
                            page.rows["api.url"].editor.setFocus()
                            page.rows["api.username"].editor.setFocus()  # the keyboard comes up
                            assert tab.keyboard.isVisible()
                        settle()
                        shot = booth.panel.grab()
                        # Width must fit; in German at 1920x1080 the panel grows ~100 px taller with the keyboard
                        # up (a known issue, see the stop-16 note), so the height is not asserted here.
                        assert shot.width() == size[0], f"{page.objectName()} does not fit {size}"
                        path = screens / f"settings-{page.objectName().removeprefix('page_')}-{shape}-{lang}.png"
                        assert shot.save(str(path))
                        saved.append(path)
            assert tab.pages.tabText(1) == "Kiosk" and tab.kiosk.save_button.text() == "Speichern"
            assert tab.kiosk.rows["kiosk.countdown_s"].error.text() == "darf höchstens 10 sein"
            return saved
        finally:
            i18n.switch("en")
            await booth.stop()

    saved = arun(scenario(), timeout=120)
    assert len(saved) == 28  # seven pages, two shapes, two languages
    for path in saved:
        assert path.stat().st_size > 5_000, f"{path.name} looks empty"


def test_export_with_progress_and_close_from_the_panel(
    arun: Any, config: Path, tmp_path: Path, artifacts_dir: Path
) -> None:
    import zipfile

    import httpx
    from operator_rig import question

    from booth.jobs.job import JobParams
    from booth.lifecycle import is_closed

    async def scenario() -> None:
        booth = await start(config)
        try:
            queue, camera, page = booth.ctx.queue, booth.ctx.camera, booth.tab.lifecycle
            await wait_until(lambda: camera.state == "live", 10, "the camera")
            for look in (1, 4, 8):
                queue.enqueue(await camera.capture_still("square"), JobParams(service="filter", filter_id=look))
            await wait_until(lambda: all(job.final for job in queue.jobs()), 30, "the jobs")
            link = booth.ctx.share.publish(queue.jobs()[0].result_path)
            assert httpx.get(link).status_code == 200
            booth.tab.pages.setCurrentIndex(6)
            out = tmp_path / "stick" / "party.zip"
            page.export_to.setText(str(out))
            click(page.export_button)
            await wait_until(lambda: "Exported" in page.status.text(), 20, "the export")
            assert page.bar.value() == page.bar.maximum() == 3
            with zipfile.ZipFile(out) as archive:
                assert len([n for n in archive.namelist() if n.startswith("results/")]) == 3
                assert archive.read("jobs.csv").decode().count("\n") == 4
            click(page.close_button)
            await wait_until(lambda: question("confirm_close_event") is not None, 5, "the question")
            box = question("confirm_close_event")
            click(box.findChild(QAbstractButton, "confirm_close_event_yes"))
            await wait_until(lambda: "Event closed" in page.status.text(), 10, "the close")
            assert page.status.text() == "Event closed: 1 download links ended."
            assert httpx.get(link).status_code == 404
            assert is_closed(tmp_path / "event")
            assert not booth.window.goodbye.isVisible()
            booth.panel.back_to_kiosk()  # the kiosk says goodbye and takes no new guest
            assert booth.window.goodbye.isVisible() and booth.window.goodbye.title.text() == "Thank you!"
            QTest.mouseClick(booth.window.goodbye, Qt.MouseButton.LeftButton)
            QTest.mouseClick(booth.window.attract, Qt.MouseButton.LeftButton)
            assert booth.window.flow.step.name == "ATTRACT"
            settle()
            assert booth.window.grab().save(str(artifacts_dir / "screens" / "kiosk-goodbye.png"))
            corner = QPoint(10, 10)  # the operator's hidden corner still opens the PIN pad over the goodbye
            QTest.mousePress(booth.window.goodbye, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner)
            await wait_until(booth.window.pin_pad.isVisible, 6, "the PIN pad")
            QTest.mouseRelease(booth.window.goodbye, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner)
            for digit in "2468":
                click(booth.window.pin_pad.findChild(QAbstractButton, f"pin_key_{digit}"))
            assert booth.window.pin_pad.keypad.dots.text() == "●●●●"  # the operator can type the PIN
        finally:
            await booth.stop()

    arun(scenario(), timeout=90)


def test_camera_printer_and_sharing_pages_save_and_say_what_needs_a_restart(arun: Any, config: Path) -> None:
    async def scenario() -> None:
        booth = await start(config)
        try:
            tab = booth.tab
            for page in (tab.camera, tab.printer, tab.sharing):
                await wait_until(page.save_button.isEnabled, 10, f"{page.objectName()} to read the file")
            assert booth.window.pose.preview.mirror
            tab.camera.rows["camera.mirror_preview"].editor.setChecked(False)
            tab.camera.rows["camera.width"].editor.setText("99999")
            assert "Not saved" in await save(tab.camera)
            assert tab.camera.rows["camera.width"].error.text() == "must be at most 7680"
            assert "mirror_preview" not in config.read_text()
            tab.camera.rows["camera.width"].editor.setText("1280")
            status = await save(tab.camera)
            assert "Saved." in status and "camera.width" in status and "camera.mirror_preview" not in status
            booth.panel.back_to_kiosk()
            assert not booth.window.pose.preview.mirror  # the running kiosk's preview

            tab.printer.rows["printing.event_limit"].editor.setText("-1")
            assert "Not saved" in await save(tab.printer)
            assert tab.printer.rows["printing.event_limit"].error.text() == "must be at least 0"
            tab.printer.rows["printing.event_limit"].editor.setText("200")
            tab.printer.rows["printing.printer"].editor.setText("PDF")
            assert "printing.printer" in await save(tab.printer)  # a restart is needed, and it says so

            tab.sharing.rows["sharing.link_days"].editor.setText("2.5")
            assert "Saved." in await save(tab.sharing)
            text = config.read_text()
            assert "width = 1280" in text and "mirror_preview = false" in text and 'printer = "PDF"' in text
            assert "event_limit = 200" in text and "link_days = 2.5" in text and "# guests" in text
            loaded = SettingsFile(config).load()
            assert (loaded.camera.width, loaded.printing.event_limit, loaded.sharing.link_days) == (1280, 200, 2.5)
        finally:
            await booth.stop()

    arun(scenario())
