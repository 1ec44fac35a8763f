"""Step 6: the result, large (an animation loops), with the download QR, Print and Done."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from booth.ui.kiosk.screens.base import Screen, button, label
from booth.ui.widgets.images import loader
from booth.ui.widgets.picture import PictureView
from booth.ui.widgets.video_player import VideoPlayer
from booth.video import VIDEO_SUFFIXES

QR_PX = 260


class ResultScreen(Screen):
    """Signals: `print_requested(int)` copies, `done()`."""

    print_requested = Signal(int)
    done = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("ResultScreen", parent)
        self.job_id = ""
        self._copies = 1
        self._paused = False
        self.media = QStackedWidget(self)
        self.picture = PictureView(self.media)
        self.picture.setObjectName("result_picture")
        self.player = VideoPlayer(self.media)
        self.player.setObjectName("result_player")
        self.media.addWidget(self.picture)
        self.media.addWidget(self.player)

        self.heading = label(self, "Heading")
        self.qr = QLabel(self)
        self.qr.setObjectName("result_qr")
        self.qr.setFixedSize(QR_PX, QR_PX)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setStyleSheet("background: white; border-radius: 24px;")
        self.qr_hint = label(self, "Hint")
        self.copies_label = label(self, "SectionLabel")
        self.copies_group = QButtonGroup(self)
        self.copies_row = QHBoxLayout()
        self.copies_row.setSpacing(14)
        self.copy_buttons: list[QPushButton] = []
        self.print_button = button(self, "print_button", "secondary")
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self._copies))
        self.done_button = button(self, "done_button", "hero")
        self.done_button.clicked.connect(self.done.emit)
        self.status = label(self, "Hint")

        # Two blocks, side by side on a tall screen (so the picture gets the height), stacked on a wide one.
        self.share_block = QWidget(self)
        share = QVBoxLayout(self.share_block)
        share.setContentsMargins(0, 0, 0, 0)
        share.setSpacing(16)
        share.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        share.addWidget(self.qr_hint)
        self.print_block = QWidget(self)
        printing = QVBoxLayout(self.print_block)
        printing.setContentsMargins(0, 0, 0, 0)
        printing.setSpacing(16)
        printing.addWidget(self.copies_label)
        printing.addLayout(self.copies_row)
        printing.addWidget(self.print_button)
        printing.addWidget(self.status)
        printing.addStretch(1)
        self.panel = QGridLayout()
        self.panel.setSpacing(24)
        self.panel_host = QWidget(self)
        self.panel_host.setLayout(self.panel)
        self.panel_host.setMinimumWidth(460)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(56, 48, 56, 48)
        self.box.setSpacing(48)
        self.box.addWidget(self.media, 3)
        self.box.addWidget(self.panel_host, 1)
        self.retranslate()

    def show_result(self, job_id: str, path: Path | None, ticket: str = "") -> None:
        self.job_id = job_id
        self.status.clear()
        self.qr.clear()
        self.qr.setVisible(False)
        self.qr_hint.setVisible(False)
        self._ticket = ticket
        if path is not None and path.suffix.lower() in VIDEO_SUFFIXES:
            self.media.setCurrentWidget(self.player)
            self.picture.clear()
            self.player.play(path)
        else:
            self.player.stop()
            self.media.setCurrentWidget(self.picture)
            if path is not None:
                self.picture.show_source(f"result:{path}", path)
            else:
                self.picture.clear()
        self.retranslate()

    def set_qr(self, png: bytes | None) -> None:
        if not png:
            return
        loader().load(f"qr:{self.job_id}", png, QSize(QR_PX - 32, QR_PX - 32),
                      lambda img: self.qr.setPixmap(QPixmap.fromImage(img)), mode="contain")
        self.qr.setVisible(True)
        self.qr_hint.setVisible(True)

    def set_print_limit(self, copies: int, paused: bool = False) -> None:
        """Show Print with 1..copies; hidden when 0 (no printer, limit reached). `paused`: the printer is
        paused, out of paper or offline, so the guest is pointed to the code instead of a Print that fails."""
        self._paused = paused and copies == 0
        self._say_paused()
        for btn in self.copy_buttons:
            self.copies_group.removeButton(btn)
            btn.deleteLater()
        self.copy_buttons = []
        for n in range(1, copies + 1):
            btn = button(self, f"copies_{n}", "chip")
            btn.setText(str(n))
            btn.setCheckable(True)
            btn.setChecked(n == 1)
            btn.clicked.connect(lambda _=False, k=n: self._set_copies(k))
            self.copies_group.addButton(btn)
            self.copies_row.addWidget(btn)
            self.copy_buttons.append(btn)
        self._copies = 1
        visible = copies > 0
        self.print_button.setVisible(visible)
        self.copies_label.setVisible(copies > 1)
        for btn in self.copy_buttons:
            btn.setVisible(copies > 1)

    def _say_paused(self) -> None:
        if self._paused:
            self.status.setText(self.tr("Printing is paused: scan the code to take it home."))

    def _set_copies(self, n: int) -> None:
        self._copies = n

    def printed(self, ok: bool) -> None:
        self.status.setText(self.tr("Printing! Pick it up at the printer.") if ok
                            else self.tr("The printer needs a moment. Scan the code to take it home."))

    def orient(self, portrait: bool) -> None:
        for w in (self.heading, self.share_block, self.print_block, self.done_button):
            self.panel.removeWidget(w)
        for r in range(6):
            self.panel.setRowStretch(r, 0)
        if portrait:
            self.panel.addWidget(self.heading, 0, 0, 1, 2)
            self.panel.addWidget(self.share_block, 1, 0)
            self.panel.addWidget(self.print_block, 1, 1)
            self.panel.addWidget(self.done_button, 2, 0, 1, 2)
        else:
            self.panel.addWidget(self.heading, 0, 0)
            self.panel.addWidget(self.share_block, 1, 0)
            self.panel.addWidget(self.print_block, 2, 0)
            self.panel.setRowStretch(3, 1)
            self.panel.addWidget(self.done_button, 4, 0)
        self.box.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
        self.box.setStretch(1, 0 if portrait else 1)

    def left(self) -> None:
        self.player.stop()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Here you are!"))
        self.qr_hint.setText(self.tr("Scan to take it home"))
        self.copies_label.setText(self.tr("COPIES"))
        self.print_button.setText(self.tr("Print"))
        self.done_button.setText(self.tr("Done"))
        self._say_paused()
