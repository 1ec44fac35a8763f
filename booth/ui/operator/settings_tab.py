"""Settings tab: the pages an operator changes at a venue (Connection, Kiosk, Event), an on-screen keyboard
under them, and the event's life (new, export, close) on a page of its own.

Each page is a booth.ui.operator.settings_form.SettingsPage bound to the settings file the booth was started
with (AppContext.settings_file); the booth's settings module holds the rules, so a page only lists its keys
and words them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import get_args

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from booth.settings import GenderName, RatioName, ServiceName
from booth.settings_file import SettingsFile
from booth.ui.context import AppContext
from booth.ui.operator.common import Worded
from booth.ui.operator.event_page import EventLifecyclePage
from booth.ui.operator.keyboard import OnScreenKeyboard
from booth.ui.operator.messages import MessageLog
from booth.ui.operator.settings_form import FieldSpec, SettingsPage


class ConnectionPage(SettingsPage):
    SPECS = (
        FieldSpec("api.url", "text"),
        FieldSpec("api.auth", "choice", ("oauth2", "basic", "bearer")),
        FieldSpec("api.username", "text"),
        FieldSpec("api.password", "secret"),
        FieldSpec("api.token", "secret"),
        FieldSpec("jobs.offline_fallback", "choice", ("wait", "local")),
        FieldSpec("jobs.max_in_flight", "int"),
    )

    def page_title(self) -> str:
        return self.tr("Connection")

    def labels(self) -> Mapping[str, str]:
        return {
            "api.url": self.tr("API URL (empty: the local engine)"),
            "api.auth": self.tr("Sign-in"),
            "api.username": self.tr("Username"),
            "api.password": self.tr("Password"),
            "api.token": self.tr("API token"),
            "jobs.offline_fallback": self.tr("When the service is away (wait / run locally)"),
            "jobs.max_in_flight": self.tr("Pictures at the service at once"),
        }


class KioskPage(SettingsPage):
    SPECS = (
        FieldSpec("kiosk.language", "choice", ("en", "de")),
        FieldSpec("kiosk.services", "services", get_args(ServiceName)),
        FieldSpec("kiosk.countdown_s", "int"),
        FieldSpec("kiosk.retake_limit", "int"),
        FieldSpec("kiosk.inactivity_s", "float"),
        FieldSpec("kiosk.default_gender", "choice", get_args(GenderName)),
        FieldSpec("kiosk.default_ratio", "choice", get_args(RatioName)),
        FieldSpec("kiosk.max_print_copies", "int"),
    )

    def page_title(self) -> str:
        return self.tr("Kiosk")

    def labels(self) -> Mapping[str, str]:
        return {
            "kiosk.language": self.tr("Language (en / de)"),
            "kiosk.services": self.tr("Looks offered, in order"),
            "kiosk.countdown_s": self.tr("Countdown (seconds)"),
            "kiosk.retake_limit": self.tr("Retakes per guest"),
            "kiosk.inactivity_s": self.tr("Idle time before the start screen (seconds)"),
            "kiosk.default_gender": self.tr("Default gender"),
            "kiosk.default_ratio": self.tr("Default picture shape"),
            "kiosk.max_print_copies": self.tr("Copies one guest may print"),
        }


class EventPage(SettingsPage):
    """The event's name and colours, with a live preview of the kiosk's theme as they are typed."""

    SPECS = (
        FieldSpec("event.name", "text"),
        FieldSpec("event.primary_color", "text"),
        FieldSpec("event.accent_color", "text"),
        FieldSpec("event.text_color", "text"),
    )

    def __init__(self, name: str, context: AppContext, file: SettingsFile | None, log: MessageLog,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(name, context, file, log, parent)
        self.sample = QFrame(self)
        self.sample.setObjectName("theme_preview")
        self.sample.setMinimumHeight(140)
        inner = QHBoxLayout(self.sample)
        self.sample_text = QLabel(self.sample)
        self.sample_text.setObjectName("theme_preview_text")
        self.sample_button = QPushButton(self.sample)
        self.sample_button.setObjectName("theme_preview_button")
        self.sample_button.setMinimumHeight(56)
        inner.addWidget(self.sample_text, 1)
        inner.addWidget(self.sample_button)
        self.extra.addWidget(self.sample)
        for key in ("event.name", "event.primary_color", "event.accent_color", "event.text_color"):
            self.rows[key].editor.textChanged.connect(self.preview)  # type: ignore[union-attr]
        self.retranslate()

    def page_title(self) -> str:
        return self.tr("Event")

    def labels(self) -> Mapping[str, str]:
        return {
            "event.name": self.tr("Event name"),
            "event.primary_color": self.tr("Background colour"),
            "event.accent_color": self.tr("Button colour"),
            "event.text_color": self.tr("Text colour"),
        }

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "sample_button"):
            self.sample_button.setText(self.tr("Take my picture"))
            self.preview()

    def preview(self) -> None:
        """Paint the sample in the typed colours (a colour not yet whole keeps the last good one)."""
        if not hasattr(self, "sample"):
            return
        colours = {key: self.rows[f"event.{key}"].editor.text().strip()  # type: ignore[union-attr]
                   for key in ("primary_color", "accent_color", "text_color")}  # fmt: skip
        good = all(len(c) == 7 and c.startswith("#") for c in colours.values())
        if good:
            self.sample.setStyleSheet(
                f"QFrame#theme_preview {{ background: {colours['primary_color']}; border-radius: 12px; }}"
                f"QLabel {{ color: {colours['text_color']}; font-size: 26px; }}"
                f"QPushButton {{ background: {colours['accent_color']}; color: {colours['text_color']};"
                " border-radius: 10px; padding: 8px 24px; font-size: 20px; }"
            )
        self.sample_text.setText(self.rows["event.name"].editor.text())  # type: ignore[union-attr]


class CameraPage(SettingsPage):
    SPECS = (
        FieldSpec("camera.source", "text"),
        FieldSpec("camera.width", "int"),
        FieldSpec("camera.height", "int"),
        FieldSpec("camera.fps", "int"),
        FieldSpec("camera.mirror_preview", "bool"),
    )

    def page_title(self) -> str:
        return self.tr("Camera")

    def labels(self) -> Mapping[str, str]:
        return {
            "camera.source": self.tr("Source (auto, demo, device number, /dev/videoN, file or URL)"),
            "camera.width": self.tr("Width (pixels)"),
            "camera.height": self.tr("Height (pixels)"),
            "camera.fps": self.tr("Frames per second"),
            "camera.mirror_preview": self.tr("Mirror the preview"),
        }


class PrinterPage(SettingsPage):
    SPECS = (
        FieldSpec("printing.enabled", "bool"),
        FieldSpec("printing.printer", "text"),
        FieldSpec("printing.event_limit", "int"),
    )

    def page_title(self) -> str:
        return self.tr("Printer")

    def labels(self) -> Mapping[str, str]:
        return {
            "printing.enabled": self.tr("Printing on"),
            "printing.printer": self.tr("CUPS printer (empty: the system default)"),
            "printing.event_limit": self.tr("Prints for the whole event (0: no limit)"),
        }


class SharingPage(SettingsPage):
    SPECS = (
        FieldSpec("sharing.enabled", "bool"),
        FieldSpec("sharing.link_days", "float"),
        FieldSpec("sharing.public_base_url", "text"),
    )

    def page_title(self) -> str:
        return self.tr("Sharing")

    def labels(self) -> Mapping[str, str]:
        return {
            "sharing.enabled": self.tr("Download links and QR codes on"),
            "sharing.link_days": self.tr("Days a link works (0: until revoked)"),
            "sharing.public_base_url": self.tr("Public address of the share pages (empty: the LAN)"),
        }


class SettingsTab(Worded):
    """The settings pages side by side as inner tabs, the keyboard under them."""

    def __init__(self, context: AppContext, log: MessageLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tab_settings")
        path = context.settings_file
        file = SettingsFile(path) if path is not None else None
        self.pages = QTabWidget(self)
        self.pages.setObjectName("settings_pages")
        self.pages.tabBar().setStyleSheet("QTabBar::tab { padding: 12px 14px; min-width: 0; }")  # 7 fit portrait
        self.connection = ConnectionPage("page_connection", context, file, log, self)
        self.kiosk = KioskPage("page_kiosk", context, file, log, self)
        self.event_page = EventPage("page_event", context, file, log, self)
        self.camera = CameraPage("page_camera", context, file, log, self)
        self.printer = PrinterPage("page_printer", context, file, log, self)
        self.sharing = SharingPage("page_sharing", context, file, log, self)
        self.lifecycle = EventLifecyclePage(context, file, log, self)
        pages = (self.connection, self.kiosk, self.event_page, self.camera, self.printer, self.sharing, self.lifecycle)
        for page in pages:
            scroll = QScrollArea(self.pages)  # a long page scrolls by touch rather than growing the panel
            scroll.setObjectName(f"{page.objectName()}_scroll")
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
            QScroller.grabGesture(scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture)
            scroll.setWidget(page)
            self.pages.addTab(scroll, "")
        self.keyboard = OnScreenKeyboard(self, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.keyboard)
        self.retranslate()

    def retranslate(self) -> None:
        titles = (self.tr("Connection"), self.tr("Kiosk"), self.tr("Event"), self.tr("Camera"), self.tr("Printer"),
                  self.tr("Sharing"), self.tr("New · export · close"))  # fmt: skip
        for index, title in enumerate(titles):
            self.pages.setTabText(index, title)
