"""Catalog tab: the looks the service offers (with their previews) and which experiences guests get.

The entries come from the kiosk's Catalog (cache first, refreshed in the background) so the operator sees
exactly what guests see; Reload refreshes that same catalog. Preview pictures are decoded and
scaled on the thread pool. The service toggles edit `kiosk.services` in the live settings (memory only, never
the file); the kiosk applies them when the panel closes, so a switched-off experience is gone for the next guest.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from booth.api.models import CatalogEntry
from booth.api.services import SERVICES
from booth.settings import ServiceName
from booth.ui.common.wording import service_title
from booth.ui.context import AppContext
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
    """The looks guests pick from (the kiosk's own Catalog) and the experiences they are offered."""

    def __init__(self, context: AppContext, log: MessageLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tab_catalog")
        self._context = context
        self._catalog = context.catalog
        self._kiosk = context.settings.kiosk
        self._log = log
        self._status_words: Callable[[], str] = str  # the status line, re-worded on a language switch
        self._body = SideBySide()
        self.setLayout(self._body)
        self._body.addLayout(self._make_looks(), 3)
        side = QVBoxLayout()
        side.addWidget(self._make_service_toggles())
        side.addStretch(1)
        self._body.addLayout(side, 1)
        self._catalog.changed.connect(self._on_catalog_changed)
        self._catalog.previews_changed.connect(self._on_catalog_changed)
        self.retranslate()
        self.show_kind()

    def _make_looks(self) -> QVBoxLayout:
        """The kind chooser, the reload button, the looks with their previews and a status line."""
        self.title = heading("", self)
        self.kind = QComboBox(self)
        self.kind.setObjectName("catalog_kind")
        self.kind.setMinimumHeight(48)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for kind in KINDS:  # worded in retranslate
            self.kind.addItem(kind, kind)
        self.kind.currentIndexChanged.connect(lambda _i: self.show_kind())
        self.reload_button = button("", "catalog_reload", self)
        self.reload_button.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.kind)
        top.addWidget(self.reload_button)
        self.list = QListWidget(self)
        self.list.setObjectName("catalog_list")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setGridSize(QSize(THUMB + 48, THUMB + 56))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        self.status = note("", self)
        looks = QVBoxLayout()
        looks.addLayout(top)
        looks.addWidget(self.list, 1)
        looks.addWidget(self.status)
        return looks

    def _make_service_toggles(self) -> QFrame:
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
        return services

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
        self.orient(event.size())

    def orient(self, size: QSize) -> None:
        self._body.fit(size)

    # -- looks -------------------------------------------------------------------------------------------
    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def entries(self, kind: str) -> list[CatalogEntry]:
        return self._catalog.entries(kind)

    def show_kind(self) -> None:
        kind = self.current_kind()
        entries = self.entries(kind)
        self.list.clear()
        for entry in entries:
            item = QListWidgetItem(f"{entry.name}\n#{entry.id}")
            item.setToolTip(f"{entry.name} ({entry.category})" if entry.category else entry.name)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.list.addItem(item)
        count = len(entries)
        self._say(lambda: self.tr("{n} entries").format(n=count) if count else self.tr("No entries yet."))
        previews = [self._catalog.preview(entry) for entry in entries]
        if any(previews):
            run_in_thread(lambda: decode_previews(previews), owner=self,
                          on_done=lambda images: self._show_thumbs(kind, images))  # fmt: skip

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
        self.reload_button.setEnabled(False)
        self._say(lambda: self.tr("Asking the service…"))
        spawn(self._catalog.refresh(self._context.client), owner=self, on_done=lambda _r: self._reloaded(None),
              on_error=self._reloaded)  # fmt: skip

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
        current: list[ServiceName] = list(self._kiosk.services)
        if on and name not in current:
            # The toggles are made from SERVICES, whose names are exactly the ServiceName values.
            current.append(cast(ServiceName, name))  # the configured order stays; a returning one goes last
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
