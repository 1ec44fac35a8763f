"""Stats tab, many kiosks: this booth's copy to the shared storage and the figures of every kiosk of the event.

Shown only when `[sync]` is on. The sync state is read from the SyncLoop once a second (it only changes
after a pass); the event's figures come from the storage (every kiosk's figures.jsonl, summed by
booth.sync.figures) on a worker thread every half minute, so a slow or absent storage never freezes the
panel: the card then keeps the last figures and says when they were read.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QWidget

from booth.sync.figures import EventFigures, read_figures
from booth.sync.loop import SyncLoop, SyncState
from booth.ui.operator.background import run_in_thread
from booth.ui.operator.common import ValueGrid, Worded, card

STATE_EVERY_MS = 1000
FIGURES_EVERY_MS = 30_000
SYNC_KEYS = ("sync_state", "sync_last", "sync_waiting")
EVENT_KEYS = ("all_kiosks", "all_guests", "all_pictures", "all_prints", "all_failures", "all_wait")


class SyncCard(Worded):
    def __init__(self, sync: SyncLoop, event_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_card")
        self._sync = sync
        self._event_name = event_name
        self.figures: EventFigures | None = None
        self._figures_at: float | None = None
        self._reading = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(20)
        mine, event = card(self), card(self)
        self.sync_grid, self.kiosks_grid = ValueGrid(mine), ValueGrid(event)
        for key in SYNC_KEYS:
            self.sync_grid.add(key)
        for key in EVENT_KEYS:
            self.kiosks_grid.add(key)
        layout.addWidget(mine)
        layout.addWidget(event)
        self._state_timer = QTimer(self)
        self._state_timer.setInterval(STATE_EVERY_MS)
        self._state_timer.timeout.connect(self.refresh)
        self._state_timer.start()
        self._figures_timer = QTimer(self)
        self._figures_timer.setInterval(FIGURES_EVERY_MS)
        self._figures_timer.timeout.connect(self.read_figures)
        self._figures_timer.start()
        self.retranslate()
        self.read_figures()

    def retranslate(self) -> None:
        labels = {
            "sync_state": self.tr("Shared storage"),
            "sync_last": self.tr("Last sync"),
            "sync_waiting": self.tr("Files waiting to be copied"),
            "all_kiosks": self.tr("Kiosks of the event"),
            "all_guests": self.tr("Guests, all kiosks"),
            "all_pictures": self.tr("Pictures, all kiosks"),
            "all_prints": self.tr("Prints, all kiosks"),
            "all_failures": self.tr("Failed jobs, all kiosks"),
            "all_wait": self.tr("Average wait, all kiosks"),
        }
        for key, label in labels.items():
            (self.sync_grid if key in SYNC_KEYS else self.kiosks_grid).set_label(key, label)
        self.refresh()
        self.show_figures()

    def error_words(self, state: SyncState) -> str:
        """The storage's trouble in the operator's words (the cause stays in the log)."""
        words = {
            "missing": self.tr("rclone is not installed: install it (apt install rclone)"),
            "timeout": self.tr("the storage did not answer in time; trying again"),
            "not_found": self.tr("the remote folder was not found: check sync.remote"),
        }
        return words.get(state.error or "", self.tr("cannot be reached; pictures wait here and go when it returns"))

    def refresh(self) -> None:
        state = self._sync.state
        if state.error:
            self.sync_grid.set("sync_state", self.error_words(state), "bad")
        elif state.busy:
            self.sync_grid.set("sync_state", self.tr("copying…"), "ok")
        else:
            words = self.tr("up to date") if state.last_sync else self.tr("not yet synced")
            self.sync_grid.set("sync_state", words, "ok")
        last = time.strftime("%H:%M:%S", time.localtime(state.last_sync)) if state.last_sync else "—"
        self.sync_grid.set("sync_last", last)
        self.sync_grid.set("sync_waiting", str(state.waiting), "warn" if state.waiting else "")

    def read_figures(self) -> None:
        """Every kiosk's figures from the storage, on a worker thread (one read at a time)."""
        if self._reading:
            return
        self._reading = True
        rclone, name = self._sync.syncer.rclone, self._event_name
        run_in_thread(lambda: read_figures(rclone, name), owner=self, on_done=self._figures_read,
                      on_error=self._figures_failed)  # fmt: skip

    def _figures_read(self, figures: EventFigures) -> None:
        self._reading = False
        self.figures, self._figures_at = figures, time.time()
        self.show_figures()

    def _figures_failed(self, _exc: BaseException) -> None:
        self._reading = False
        self.show_figures()

    def show_figures(self) -> None:
        if self.figures is None:
            for key in EVENT_KEYS:
                self.kiosks_grid.set(key, "—")
            return
        total = self.figures.total
        at = time.strftime("%H:%M", time.localtime(self._figures_at or time.time()))
        self.kiosks_grid.set("all_kiosks", self.tr("{n} (read at {t})").format(n=len(self.figures.kiosks), t=at))
        self.kiosks_grid.set("all_guests", str(total.guests))
        per_service = ", ".join(f"{service} {count}" for service, count in total.pictures.most_common())
        pictures = f"{sum(total.pictures.values())}" + (f" ({per_service})" if per_service else "")
        self.kiosks_grid.set("all_pictures", pictures)
        self.kiosks_grid.set("all_prints", str(total.prints))
        self.kiosks_grid.set("all_failures", str(total.failures), "bad" if total.failures else "")
        wait = total.average_wait_s
        self.kiosks_grid.set("all_wait", self.tr("{s:.1f} s").format(s=wait) if wait is not None else "—")
