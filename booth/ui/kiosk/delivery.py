"""Getting a finished picture to the guest: the download QR and the print, within the limits.

Plain logic (no widgets) over the ShareServer and PrintService, either of which may be absent when it
failed to start: the guest then simply does not see that option. Publishing and QR rendering touch disk
and pixels, so they run in a worker thread.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from booth.settings import KioskSettings
from booth.workers import run_cpu

log = logging.getLogger(__name__)


class ResultActions:
    """What the result screen can offer for one job."""

    def __init__(self, kiosk: KioskSettings, *, printer: Any = None, share: Any = None, messages: Any = None):
        self.kiosk = kiosk
        self.printer = printer
        self.share = share
        self.messages = messages
        self.urls: dict[str, str] = {}

    def copies_allowed(self, job_id: str) -> int:
        """Copies this guest may still print now: 0 hides the Print button."""
        if self.printer is None or self.kiosk.max_print_copies <= 0:
            return 0
        try:
            if not self.printer.can_print():
                return 0
            left = self.printer.prints_left(job_id)
        except Exception as exc:
            log.warning("printer not asked: %s", exc)
            return 0
        return max(0, min(self.kiosk.max_print_copies, int(left)))

    async def qr_png(self, job_id: str, path: Path) -> bytes | None:
        """A QR code PNG leading to the download page of `path`; None when sharing is off or failing."""
        if self.share is None:
            return None
        try:
            url = self.urls.get(job_id)
            if url is None:
                url = await asyncio.to_thread(self.share.publish, path)
                self.urls[job_id] = url
            from booth.sharing.qr import qr_png

            return await run_cpu(qr_png, url, 10)
        except Exception as exc:
            log.warning("no download code for job %s: %s", job_id, exc)
            if self.messages is not None:
                self.messages.warning("share", f"Could not publish the picture for download: {exc}")
            return None

    def print(self, job_id: str, path: Path, copies: int) -> bool:
        """Send to the printer; False (and an operator message) if it cannot be done."""
        allowed = self.copies_allowed(job_id)
        copies = min(copies, allowed)
        if copies <= 0:
            return False
        try:
            self.printer.submit(job_id, path, copies, self.urls.get(job_id))
        except Exception as exc:
            log.error("print of job %s failed: %s", job_id, exc)
            if self.messages is not None:
                self.messages.error("printer", f"Print of job {job_id} failed: {exc}")
            return False
        return True
