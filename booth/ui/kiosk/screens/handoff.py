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
        lay.addStretch(3)
        lay.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addSpacing(16)
        lay.addLayout(self.strip_slot)
        self.retranslate()


    def show_ticket(self, ticket: str) -> None:
        self.ticket.setText(ticket)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Your picture is on its way!"))
        self.caption.setText(self.tr("YOUR TICKET"))
        self.hint.setText(self.tr("It opens right here when it's ready, or tap your ticket below any time."))
        self.next_button.setText(self.tr("Next guest, your turn!"))
