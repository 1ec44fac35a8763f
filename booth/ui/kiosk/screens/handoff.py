"""Step 5: hand-off. The guest gets a ticket and walks on; the next guest can start at once.

The AI runs in the queue, not here. If this guest's picture finishes while the screen still shows their
ticket, the flow opens it; otherwise they find it on the strip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from booth.ui.kiosk.screens.base import Screen, button, label


class HandoffScreen(Screen):
    """Signal `next_guest()`."""

    next_guest = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("HandoffScreen", parent)
        self.heading = label(self, "Title")
        self.caption = label(self, "TicketCaption")
        self.ticket = label(self, "Ticket")
        self.hint = label(self, "Subtitle")
        self.wait = label(self, "Subtitle")
        self.wait.setObjectName("handoff_wait")
        self._wait_s: float | None = None
        self.next_button = button(self, "next_guest_button", "hero")
        self.next_button.clicked.connect(self.next_guest.emit)
        self.strip_slot = QVBoxLayout()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(80, 80, 80, 64)
        lay.setSpacing(28)
        lay.addStretch(2)
        lay.addWidget(self.heading)
        lay.addSpacing(24)
        lay.addWidget(self.caption)
        lay.addWidget(self.ticket)
        lay.addWidget(self.hint)
        lay.addWidget(self.wait)
        lay.addStretch(3)
        lay.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addSpacing(16)
        lay.addLayout(self.strip_slot)
        self.retranslate()

    def show_ticket(self, ticket: str) -> None:
        self.ticket.setText(ticket)

    def show_wait(self, seconds: float | None) -> None:
        """About how long the picture takes while others wait ahead (booth.jobs.estimate); None: say nothing."""
        self._wait_s = seconds
        self._word_wait()

    def _word_wait(self) -> None:
        seconds = self._wait_s
        self.wait.setVisible(seconds is not None)
        if seconds is None:
            self.wait.clear()
        elif seconds < 60:
            self.wait.setText(self.tr("A few guests are ahead of you: your picture takes less than a minute."))
        else:
            minutes = str(round(seconds / 60))
            self.wait.setText(self.tr("A few guests are ahead of you: your picture takes about %1 minutes.")
                              .replace("%1", minutes))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Your picture is on its way!"))
        self.caption.setText(self.tr("YOUR TICKET"))
        self.hint.setText(self.tr("It opens right here when it's ready, or tap your ticket below any time."))
        self.next_button.setText(self.tr("Next guest, your turn!"))
        self._word_wait()
