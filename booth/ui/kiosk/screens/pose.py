"""Step 4: pose. The live preview at the photo's shape, the shutter, the countdown and the flash.

The preview shows exactly what will be captured (the guide's crop, cut in the capture thread) and fills
the screen as far as that shape allows: on a portrait totem above a landscape webcam the guest sees
themselves big, not in a letterboxed box. Heading, Back and the shutter sit over the picture. The
countdown and flash are drawn by the camera's PreviewWidget; this screen only forwards the tap (or the
hardware trigger, via the flow) and tells the flow when the countdown is over.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from booth.camera.guides import ratio_aspect
from booth.camera.service import CameraService
from booth.ui.kiosk.screens.base import Screen, button, label
from booth.ui.widgets.aspect_box import AspectBox
from booth.ui.widgets.preview import PreviewWidget
from booth.ui.widgets.shutter import ShutterButton


class PoseScreen(Screen):
    """Signals: `shutter()` (tap), `countdown_over()`, `back()`."""

    shutter = Signal()
    countdown_over = Signal()
    back = Signal()

    def __init__(self, camera: CameraService, mirror: bool, accent: str = "#ff5a8a", text: str = "#ffffff",
                 parent: QWidget | None = None) -> None:
        super().__init__("PoseScreen", parent)
        self.camera = camera
        self.preview = PreviewWidget(self)
        self.preview.setObjectName("preview")
        self.preview_box = AspectBox(self.preview, ratio_aspect("portrait"), self)
        self.preview.set_cropped(True)
        self.preview.set_camera(camera)
        self.preview.set_mirror(mirror)
        self.preview.countdown_finished.connect(self._on_countdown_finished)
        self.controls = QWidget(self)  # over the picture; its empty middle lets the picture show through
        self.controls.setObjectName("pose_controls")
        self.heading = label(self.controls, "Heading")
        self.hint = label(self.controls, "Hint")
        for lab in (self.heading, self.hint):
            lab.setProperty("over", "picture")
        self.shutter_button = ShutterButton(accent, text, self.controls)
        self.shutter_button.setObjectName("shutter_button")
        self.shutter_button.clicked.connect(self.shutter.emit)
        self.back_button = button(self.controls, "back_button", "ghost")
        self.back_button.setProperty("over", "picture")
        self.back_button.clicked.connect(self.back.emit)
        self._lay_out_controls()
        self.retranslate()

    def _lay_out_controls(self) -> None:
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button, 1, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        bottom.addWidget(self.shutter_button, 0, Qt.AlignmentFlag.AlignCenter)
        bottom.addWidget(self.hint, 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        lay = QVBoxLayout(self.controls)
        lay.setContentsMargins(48, 40, 48, 40)
        lay.setSpacing(24)
        lay.addWidget(self.heading, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addStretch(1)
        lay.addLayout(bottom)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)
        self.preview_box.setGeometry(self.rect())
        self.controls.setGeometry(self.rect())
        self.controls.raise_()

    def prepare(self, ratio: str, two_person: bool) -> None:
        self.preview.set_guide(ratio, two_person)
        self.preview_box.set_aspect(ratio_aspect(ratio))
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        """During countdown and capture the buttons rest, so a second tap cannot shoot twice."""
        self.shutter_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)

    def count_down(self, seconds: int) -> None:
        self.preview.start_countdown(seconds)

    def _on_countdown_finished(self) -> None:
        self.preview.flash()
        self.countdown_over.emit()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Strike a pose!"))
        self.hint.setText(self.tr("Tap the big button when you're ready"))
        self.shutter_button.setText(self.tr("GO"))
        self.back_button.setText(self.tr("Back"))
