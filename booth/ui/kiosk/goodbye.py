"""The goodbye screen: once the operator closed the event (booth.lifecycle.close_event), the kiosk says
thank you and takes no new guest.

It covers the whole window above the screens and, while shown, swallows every touch and key meant for
the kiosk behind it (as the PIN setup does). Its filter is installed when it is made, before the kiosk's
InputGuard, so the guard is asked first: the operator's corner gesture still opens the PIN pad, an overlay
of its own that is raised over the goodbye and takes its keys.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from booth.lifecycle import is_closed
from booth.settings import EventSettings
from booth.ui.kiosk.operator_gate import Overlay
from booth.ui.kiosk.pin_setup import _BLOCKED as GUEST_INPUT
from booth.ui.kiosk.screens.base import label


class Goodbye(Overlay):
    def __init__(self, event: EventSettings, parent: QWidget) -> None:
        super().__init__("Goodbye", parent)
        self._event = event
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.name = label(self, "EventName")
        self.title = label(self, "Title")
        self.text = label(self, "Subtitle")
        for widget in (self.name, self.title, self.text):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.retranslate()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def retranslate(self) -> None:
        self.name.setText(self._event.name)
        self.title.setText(self.tr("Thank you!"))
        self.text.setText(self.tr("The photo booth has closed. Thank you for celebrating with us."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def follow(self, event_dir: Path | None) -> bool:
        """Cover the kiosk if the event in `event_dir` was closed (a marker file: a stat, no read)."""
        closed = event_dir is not None and is_closed(event_dir)
        if closed:
            self.retranslate()
            self.cover()
        else:
            self.hide()
        return closed

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in GUEST_INPUT and self.isVisible() and self._behind(obj):
            return True  # a guest's touch or key for the kiosk behind the goodbye
        return super().eventFilter(obj, event)

    def _behind(self, obj: QObject) -> bool:
        """A kiosk widget under the goodbye; the operator's PIN pad (another overlay, raised over it) is not."""
        if not isinstance(obj, QWidget) or obj.window() is not self.window():
            return False
        widget: QWidget | None = obj
        while widget is not None:
            if isinstance(widget, Overlay):
                return False  # this goodbye, or an overlay over it
            widget = widget.parentWidget()
        return True
