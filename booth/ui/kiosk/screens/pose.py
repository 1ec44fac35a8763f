"""Step 4: pose. The live preview with the ratio guide, the shutter, the countdown and the flash.

The countdown and flash are drawn by the camera's PreviewWidget; this screen only forwards the tap (or
the hardware trigger, via the flow) and tells the flow when the countdown is over.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

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
        self.preview_box = AspectBox(self.preview, camera.settings.width / camera.settings.height, self)
        self.preview.set_camera(camera)
        camera.frame_ready.connect(self._fit_to_camera)
        self.preview.set_mirror(mirror)
        self.preview.countdown_finished.connect(self._on_countdown_finished)
        self.heading = label(self, "Heading")
        self.hint = label(self, "Hint")
        self.shutter_button = ShutterButton(accent, text, self)
        self.shutter_button.setObjectName("shutter_button")
        self.shutter_button.clicked.connect(self.shutter.emit)
        self.back_button = button(self, "back_button", "ghost")
        self.back_button.clicked.connect(self.back.emit)

        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button, 1, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        bottom.addWidget(self.shutter_button, 0, Qt.AlignmentFlag.AlignCenter)
        bottom.addWidget(self.hint, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(48, 40, 48, 40)
        lay.setSpacing(24)
        lay.addWidget(self.heading)
        lay.addWidget(self.preview_box, 1)
        lay.addLayout(bottom)
        self.retranslate()

    def _fit_to_camera(self) -> None:
        """The real frame shape wins over the configured one (a camera may not honour the request)."""
        frame = self.camera.latest()
        if frame is not None:
            h, w = frame.image.shape[:2]
            self.preview_box.set_aspect(w / h)

    def prepare(self, ratio: str, two_person: bool) -> None:
        self.preview.set_guide(ratio, two_person)
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
