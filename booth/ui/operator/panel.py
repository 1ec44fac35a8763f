"""The operator's control panel, opened over the kiosk after the hidden gesture and the PIN.

It is built on the running booth (an AppContext) so every tab shows the very queue, camera and printer the
guests are using. The panel itself only arranges: one tab per concern (each in its own module), a message
pane along the bottom, and the two ways out: back to the kiosk, or quitting the booth (confirmed; it is the
only way the kiosk closes). Printing and sharing that are off or failed to start are None in the context,
and the tabs say so instead of failing. The kiosk window does not import this module: the wiring hands it
`panel_opener(ctx)`, which builds the panel the first time the operator gets in.

Signals: `back_requested()` when the operator returns to the kiosk; `quit_requested()` once quitting is
confirmed (the context's `quit()` is called as well).

Words follow the language installed app-wide (booth.ui.i18n.switch): the panel and each tab set them in
`retranslate()`, which runs again on Qt's LanguageChange, so a panel built in English speaks German once
the kiosk has switched (it is built once and kept while the booth runs).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from booth.ui.context import AppContext
from booth.ui.operator.camera_tab import CameraTab
from booth.ui.operator.catalog_tab import CatalogTab
from booth.ui.operator.common import Worded, ask, button, load_stylesheet
from booth.ui.operator.credentials_tab import CredentialsTab
from booth.ui.operator.jobs_tab import JobsTab
from booth.ui.operator.messages import MessageLog, MessagesPane
from booth.ui.operator.printer_tab import PrinterTab
from booth.ui.operator.redact import Redactor
from booth.ui.operator.settings_tab import SettingsTab
from booth.ui.operator.stats_tab import StatsTab


class OperatorPanel(QWidget):
    """The panel window: a header with the ways out, one tab per concern, the message pane."""

    back_requested = Signal()
    quit_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("operator_panel")
        self.context = context
        self._quitting = False
        settings = context.settings
        self.setStyleSheet(load_stylesheet(settings.event.accent_color))
        self.redactor = Redactor(settings)
        self.log = MessageLog(self.redactor, parent=self)
        self.log.attach_bridge(context.messages)

        self.title = title = QLabel(self)
        title.setObjectName("operator_title")
        title.setProperty("role", "title")
        self.back_button = button("", "operator_back", self, kind="primary")
        self.back_button.clicked.connect(self.back_to_kiosk)
        self.quit_button = button("", "operator_quit", self, kind="danger")
        self.quit_button.clicked.connect(self._confirm_quit)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.back_button)
        header.addWidget(self.quit_button)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("operator_tabs")
        self.tabs.setDocumentMode(True)
        self.jobs_tab = JobsTab(context, self.log, self)
        self.printer_tab = PrinterTab(context, self.log, self)
        self.camera_tab = CameraTab(context, self.log, self)
        self.credentials_tab = CredentialsTab(context, self.log, self.redactor, self)
        self.catalog_tab = CatalogTab(context, self.log, self)
        self.stats_tab = StatsTab(context, self.log, self)
        self.settings_tab = SettingsTab(context, self.log, self)
        for tab in (self.jobs_tab, self.printer_tab, self.camera_tab, self.credentials_tab, self.catalog_tab,
                    self.stats_tab, self.settings_tab):  # fmt: skip
            self.tabs.addTab(tab, "")
        self.messages = MessagesPane(self.log, self)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setObjectName("operator_split")
        split.addWidget(self.tabs)
        split.addWidget(self.messages)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([800, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(split, 1)
        self.resize(1280, 860)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the panel's own words (each tab and the message pane word themselves)."""
        self.setWindowTitle(self.tr("booth — operator panel"))
        self.title.setText(self.tr("Operator panel · {event}").format(event=self.context.settings.event.name))
        self.back_button.setText(self.tr("Back to kiosk"))
        self.quit_button.setText(self.tr("Quit booth"))
        titles = {
            "tab_jobs": self.tr("Jobs"),
            "tab_printer": self.tr("Printer"),
            "tab_camera": self.tr("Camera"),
            "tab_credentials": self.tr("Credentials"),
            "tab_catalog": self.tr("Catalog"),
            "tab_stats": self.tr("Stats"),
            "tab_settings": self.tr("Settings"),
        }
        for i in range(self.tabs.count()):
            self.tabs.setTabText(i, titles[self._tab(i).objectName()])

    def _tab(self, index: int) -> QWidget:
        tab = self.tabs.widget(index)
        assert tab is not None, f"no operator tab at {index}"
        return tab

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def tab_names(self) -> list[str]:
        return [self._tab(i).objectName() for i in range(self.tabs.count())]

    def show_tab(self, name: str) -> None:
        for i in range(self.tabs.count()):
            if self._tab(i).objectName() == name:
                self.tabs.setCurrentIndex(i)
                return
        raise KeyError(f"no operator tab named {name!r}; tabs: {', '.join(self.tab_names())}")

    # -- ways out ----------------------------------------------------------------------------------------
    def back_to_kiosk(self) -> None:
        self.hide()
        self.back_requested.emit()

    def _confirm_quit(self) -> None:
        ask(self, "confirm_quit", self.tr("Quit the booth?"),
            self.tr("The kiosk closes. Unfinished pictures are kept and continue at the next start."),
            self._quit, yes=self.tr("Quit booth"))  # fmt: skip

    def _quit(self) -> None:
        self._quitting = True
        self.quit_requested.emit()
        self.context.quit()
        self.close()  # accepted now: the panel must not linger over a booth that is shutting down

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for i in range(self.tabs.count()):
            tab = self._tab(i)
            if isinstance(tab, Worded):
                tab.orient(event.size())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.back_to_kiosk()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the window (title bar, Alt+F4) means "back to the kiosk", never quitting the booth.
        if self._quitting:
            event.accept()
            return
        event.ignore()
        self.back_to_kiosk()


def panel_opener(context: AppContext) -> Callable[[Callable[[], None]], QWidget]:
    """What the wiring hands the kiosk window: builds the panel on `context`; `back` runs when the operator
    returns to the kiosk (the kiosk then hides the cursor again and applies the panel's changes)."""

    def open_panel(back: Callable[[], None]) -> QWidget:
        panel = OperatorPanel(context)
        panel.back_requested.connect(back)
        return panel

    return open_panel
