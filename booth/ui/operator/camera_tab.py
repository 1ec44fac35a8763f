"""Camera tab: what the booth is filming from, which cameras exist, and switching between them.

Probing devices opens each one (slow, may hang on a bad driver) and restarting the capture joins its
thread, so both run on the thread pool. Source and mirror changes are written to the settings in memory
(the camera re-reads them when it starts again; the preview reads the mirror flag), not to the file.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QListWidget, QVBoxLayout, QWidget

from booth.camera.devices import list_cameras
from booth.ui.context import AppContext
from booth.ui.operator.background import run_in_thread
from booth.ui.operator.common import SideBySide, ValueGrid, Worded, button, card, heading
from booth.ui.operator.messages import MessageLog
from booth.ui.operator.redact import Redactor
from booth.ui.widgets.preview import PreviewWidget

_STATE_FLAGS = {"live": "ok", "starting": "", "reconnecting": "warn", "stopped": "bad"}


def probe_cameras() -> list[tuple[str, str, list[str]]]:
    """(spec, name, resolutions) of each camera found; runs on a worker thread."""
    return [(str(info.spec), str(info.name), [f"{w}x{h}" for w, h in info.resolutions]) for info in list_cameras()]


class CameraTab(Worded):
    """The running camera: its state, the source to use (applied by restarting it), the mirror, a preview."""

    def __init__(self, context: AppContext, log: MessageLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tab_camera")
        self._camera = context.camera
        self._settings = context.settings.camera
        self._log = log
        self.title = heading("", self)
        self.status_card = card(self)
        self.status = ValueGrid(self.status_card)
        for key in ("state", "source", "configured", "format"):
            self.status.add(key)
        self._make_source_choice()
        self._make_device_list()
        self.preview = PreviewWidget(self)
        self.preview.setObjectName("camera_preview")
        self.preview.setMinimumSize(320, 240)
        self.preview.set_mirror(self._settings.mirror_preview)
        self.preview.set_camera(self._camera)
        self._arrange()
        self._camera.state_changed.connect(lambda *_: self.refresh())
        self._scanned = False
        self._devices_note = ""  # "looking" or "none" while the device list shows a message instead of cameras
        self.retranslate()

    def _make_source_choice(self) -> None:
        self.source = QComboBox(self)
        self.source.setObjectName("camera_source")
        self.source.setEditable(True)
        self.source.setMinimumHeight(48)
        self.source.setMinimumWidth(360)
        for spec in ("auto", "demo"):  # worded in retranslate
            self.source.addItem(spec, spec)
        configured = self.source.findData(self._settings.source)
        if configured >= 0:
            self.source.setCurrentIndex(configured)
        else:
            self.source.setEditText(self._settings.source)
        self.apply_button = button("", "camera_apply", self, kind="primary")
        self.apply_button.clicked.connect(self._apply_source)
        self.mirror = QCheckBox(self)
        self.mirror.setObjectName("camera_mirror")
        self.mirror.setChecked(self._settings.mirror_preview)
        self.mirror.toggled.connect(self._set_mirror)

    def _make_device_list(self) -> None:
        self.scan_button = button("", "camera_scan", self)
        self.scan_button.clicked.connect(self.scan)
        self.found_title = heading("", self)
        self.devices = QListWidget(self)
        self.devices.setObjectName("camera_devices")
        self.devices.itemClicked.connect(lambda item: self.source.setEditText(item.data(Qt.ItemDataRole.UserRole)))

    def _arrange(self) -> None:
        controls = QVBoxLayout()
        controls.setSpacing(14)
        controls.addWidget(self.status_card)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.source, 1)
        row.addWidget(self.apply_button)
        controls.addLayout(row)
        controls.addWidget(self.mirror)
        found = QHBoxLayout()
        found.addWidget(self.found_title)
        found.addStretch(1)
        found.addWidget(self.scan_button)
        controls.addLayout(found)
        controls.addWidget(self.devices, 1)
        self._body = SideBySide()
        self._body.addLayout(controls, 3)
        self._body.addWidget(self.preview, 2)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(self.title)
        layout.addLayout(self._body, 1)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Camera"))
        for key, label in (("state", self.tr("State")), ("source", self.tr("Source")),
                           ("configured", self.tr("camera.source")), ("format", self.tr("Asked for"))):  # fmt: skip
            self.status.set_label(key, label)
        chosen = self.chosen_source()
        self.source.setItemText(self.source.findData("auto"), self.tr("auto (first camera, else demo)"))
        self.source.setItemText(self.source.findData("demo"), self.tr("demo scene"))
        if self.source.currentData() != chosen:  # a typed or configured spec, not a listed one: keep it shown
            self.source.setEditText(chosen)
        self.apply_button.setText(self.tr("Use this source"))
        self.scan_button.setText(self.tr("Look for cameras"))
        self.mirror.setText(self.tr("Mirror the preview (selfie view; photos are never mirrored)"))
        self.found_title.setText(self.tr("Cameras found"))
        if self._devices_note and self.devices.count() == 1:
            self.devices.item(0).setText(self._device_words(self._devices_note))
        self.refresh()

    def _device_words(self, note: str) -> str:
        if note == "looking":
            return self.tr("Looking for cameras…")
        return self.tr("No webcam found: the demo camera will be used.")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.orient(event.size())

    def orient(self, size: QSize) -> None:
        self._body.fit(size)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._scanned:
            self.scan()

    def refresh(self) -> None:
        s = self._settings
        state, detail = self._camera.state, self._camera.detail
        self.status.set("state", f"{state}: {detail}" if detail else state, _STATE_FLAGS.get(state, ""))
        self.status.set("source", self._camera.source_description)
        self.status.set("configured", Redactor()(s.source))  # an RTSP URL may carry the camera's password
        self.status.set("format", f"{s.width}x{s.height} @ {s.fps} fps")

    def scan(self) -> None:
        self._scanned = True
        self.scan_button.setEnabled(False)
        self.devices.clear()
        self._devices_note = "looking"
        self.devices.addItem(self._device_words("looking"))
        run_in_thread(probe_cameras, owner=self, on_done=self._show_devices, on_error=self._scan_failed)

    def _show_devices(self, found: list[tuple[str, str, list[str]]]) -> None:
        self.scan_button.setEnabled(True)
        self.devices.clear()
        self._devices_note = "" if found else "none"
        if not found:
            self.devices.addItem(self._device_words("none"))
            return
        for spec, name, sizes in found:
            text = f"{name}  ({spec})" + (f"  —  {', '.join(sizes)}" if sizes else "")
            self.devices.addItem(text)
            self.devices.item(self.devices.count() - 1).setData(Qt.ItemDataRole.UserRole, spec)
            if self.source.findData(spec) < 0:
                self.source.addItem(f"{name} ({spec})", spec)

    def _scan_failed(self, exc: BaseException) -> None:
        self.scan_button.setEnabled(True)
        self.devices.clear()
        self._devices_note = ""
        self.devices.addItem(self.tr("Could not list cameras: {e}").format(e=exc))

    def chosen_source(self) -> str:
        index = self.source.currentIndex()
        text = self.source.currentText().strip()
        if index >= 0 and text == self.source.itemText(index):
            return str(self.source.itemData(index))
        return text

    def _apply_source(self) -> None:
        spec = self.chosen_source()
        if not spec:
            return
        self._settings.source = spec
        self._log.add("info", "operator", self.tr("Camera source set to {s}").format(s=spec))
        self.refresh()
        camera = self._camera
        self.apply_button.setEnabled(False)

        def restart() -> None:
            camera.stop()
            camera.start()

        run_in_thread(restart, owner=self, on_done=lambda _r: self.apply_button.setEnabled(True),
                      on_error=self._restart_failed)  # fmt: skip

    def _restart_failed(self, exc: BaseException) -> None:
        self.apply_button.setEnabled(True)
        self._log.add("error", "camera", self.tr("The camera could not restart: {e}").format(e=exc))

    def _set_mirror(self, on: bool) -> None:
        self._settings.mirror_preview = on
        self.preview.set_mirror(on)
        self._log.add("info", "operator", self.tr("Preview mirror on") if on else self.tr("Preview mirror off"))
