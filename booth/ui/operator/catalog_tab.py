"""Catalog tab: the looks the service offers (with their previews) and which experiences guests get.

The entries come from the kiosk's Catalog (cache first, refreshed in the background) so the operator sees
exactly what guests see; without one, the tab asks the client itself. Preview pictures are decoded and
scaled on the thread pool. The service toggles edit `kiosk.services` in the live settings (memory only, never
the file); the kiosk applies them when the panel closes, so a switched-off experience is gone for the next guest.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from booth.api.services import SERVICES
from booth.ui.kiosk.wording import service_title
from booth.ui.operator.background import run_in_thread, spawn
from booth.ui.operator.common import SideBySide, Worded, button, card, heading, note
from booth.ui.operator.messages import MessageLog

KINDS = ("filters", "workflows", "styles")
THUMB = 132


def decode_previews(previews: list[bytes | str | None], size: int = THUMB) -> list[QImage | None]:
    """Each preview (bytes, or base64 text with or without a data: prefix) as a small image; worker thread."""
    out: list[QImage | None] = []
    for preview in previews:
        data: bytes | None = None
        if isinstance(preview, bytes):
            data = preview
        elif isinstance(preview, str) and not preview.startswith(("http://", "https://")):
            text = preview.split(",", 1)[1] if preview.startswith("data:") else preview
            try:
                data = base64.b64decode(text, validate=False)
            except (binascii.Error, ValueError):
                data = None
        image = QImage.fromData(data) if data else QImage()
        out.append(None if image.isNull() else image.scaled(
            size, size, Qt.AspectRatioMode.KeepAspectRatioByExpanding, Qt.TransformationMode.SmoothTransformation))
    return out


class CatalogTab(Worded):
    def __init__(self, context: Any, log: MessageLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tab_catalog")
        self._context = context
        self._catalog = getattr(context, "catalog", None)
        self._kiosk = context.settings.kiosk
        self._log = log
        self._fetched: dict[str, list[Any]] = {}
        self._status_words: Callable[[], str] = str  # the status line, re-worded on a language switch
        layout = self._body = SideBySide()
        self.setLayout(layout)

        looks = QVBoxLayout()
        top = QHBoxLayout()
        self.title = heading("", self)
        top.addWidget(self.title)
        top.addStretch(1)
        self.kind = QComboBox(self)
        self.kind.setObjectName("catalog_kind")
        self.kind.setMinimumHeight(48)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for kind in KINDS:  # worded in retranslate
            self.kind.addItem(kind, kind)
        self.kind.currentIndexChanged.connect(lambda _i: self.show_kind())
        self.reload_button = button("", "catalog_reload", self)
        self.reload_button.clicked.connect(self.reload)
        top.addWidget(self.kind)
        top.addWidget(self.reload_button)
        looks.addLayout(top)
        self.list = QListWidget(self)
        self.list.setObjectName("catalog_list")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setGridSize(QSize(THUMB + 48, THUMB + 56))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        looks.addWidget(self.list, 1)
        self.status = note("", self)
        looks.addWidget(self.status)
        layout.addLayout(looks, 3)

        services = card(self)
        grid = QGridLayout(services)
        self.services_title = heading("", services)
        grid.addWidget(self.services_title, 0, 0)
        self.toggles: dict[str, QCheckBox] = {}
        for row, name in enumerate(SERVICES, start=1):
            box = QCheckBox(services)
            box.setObjectName(f"service_{name}")
            box.setChecked(name in self._kiosk.services)
            box.toggled.connect(lambda on, n=name: self._toggle(n, on))
            grid.addWidget(box, row, 0)
            self.toggles[name] = box
        self.services_note = note("", services)
        grid.addWidget(self.services_note, len(SERVICES) + 1, 0)
        side = QVBoxLayout()
        side.addWidget(services)
        side.addStretch(1)
        layout.addLayout(side, 1)

        if self._catalog is not None:
            self._catalog.changed.connect(self._on_catalog_changed)
            if hasattr(self._catalog, "previews_changed"):
                self._catalog.previews_changed.connect(self._on_catalog_changed)
        self.retranslate()
        self.show_kind()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Looks"))
        for kind, label in (("filters", self.tr("Filters")), ("workflows", self.tr("Workflows")),
                            ("styles", self.tr("Pose styles"))):  # fmt: skip
            self.kind.setItemText(self.kind.findData(kind), label)
        self.reload_button.setText(self.tr("Reload from service"))
        self.services_title.setText(self.tr("Experiences for guests"))
        for name, box in self.toggles.items():
            box.setText(f"{service_title(name)}  ·  {name}")  # what guests see, what the API calls it
        self.services_note.setText(self.tr("Changes apply to the next guest, for this session."))
        self.status.setText(self._status_words())

    def _say(self, words: Callable[[], str]) -> None:
        """Show a status line, kept as a callable so a language switch can word it again."""
        self._status_words = words
        self.status.setText(words())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._body.fit(event.size())

    # -- looks -------------------------------------------------------------------------------------------
    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def entries(self, kind: str) -> list[Any]:
        if self._catalog is not None:
            return self._catalog.entries(kind)
        return self._fetched.get(kind, [])

    def _preview(self, entry: Any) -> bytes | str | None:
        if self._catalog is not None:
            return self._catalog.preview(entry)
        return getattr(entry, "preview", None)

    def show_kind(self) -> None:
        kind = self.current_kind()
        entries = self.entries(kind)
        if not entries and self._catalog is None and kind not in self._fetched:
            self.reload()
        self.list.clear()
        for entry in entries:
            item = QListWidgetItem(f"{entry.name}\n#{entry.id}")
            item.setToolTip(f"{entry.name} ({entry.category})" if entry.category else entry.name)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.list.addItem(item)
        count = len(entries)
        self._say(lambda: self.tr("{n} entries").format(n=count) if count else self.tr("No entries yet."))
        previews = [self._preview(entry) for entry in entries]
        if any(previews):
            run_in_thread(lambda: decode_previews(previews), owner=self,
                          on_done=lambda images, k=kind: self._show_thumbs(k, images))  # fmt: skip

    def _show_thumbs(self, kind: str, images: list[QImage | None]) -> None:
        if kind != self.current_kind() or len(images) != self.list.count():
            return
        for row, image in enumerate(images):
            if image is not None:
                self.list.item(row).setIcon(QIcon(QPixmap.fromImage(image)))

    def _on_catalog_changed(self, kind: str) -> None:
        if kind == self.current_kind():
            self.show_kind()

    def reload(self) -> None:
        client = getattr(self._context, "client", None)
        if client is None:
            return
        self.reload_button.setEnabled(False)
        self._say(lambda: self.tr("Asking the service…"))
        if self._catalog is not None and hasattr(self._catalog, "refresh"):
            spawn(self._catalog.refresh(client), owner=self, on_done=lambda _r: self._reloaded(None),
                  on_error=self._reloaded)  # fmt: skip
            return
        kind = self.current_kind()

        def got(entries: list[Any]) -> None:
            self._fetched[kind] = list(entries)
            self._reloaded(None)
            self.show_kind()

        spawn(client.catalog(kind), owner=self, on_done=got, on_error=self._reloaded)

    def _reloaded(self, exc: BaseException | None) -> None:
        self.reload_button.setEnabled(True)
        if exc is not None:
            self._say(lambda: self.tr("Could not reload: {e}").format(e=exc))
            self._log.add("warning", "catalog", str(exc))
        else:
            count = self.list.count()
            self._say(lambda: self.tr("{n} entries").format(n=count))

    # -- services ----------------------------------------------------------------------------------------
    def _toggle(self, name: str, on: bool) -> None:
        current = list(self._kiosk.services)
        if on and name not in current:
            current.append(name)  # the configured order stays; a returning experience goes last
        elif not on and name in current:
            if len(current) == 1:
                self.toggles[name].blockSignals(True)
                self.toggles[name].setChecked(True)
                self.toggles[name].blockSignals(False)
                self._log.add("warning", "operator", self.tr("At least one experience must stay on for guests."))
                return
            current.remove(name)
        self._kiosk.services = current
        self._log.add("info", "operator", self.tr("Guests are offered: {list}").format(list=", ".join(current)))
