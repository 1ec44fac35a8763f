"""Getting a finished picture to the guest: the download QR and the print, within the limits.

Plain logic (no widgets) over the ShareServer and PrintService, either of which may be absent when it
failed to start: the guest then simply does not see that option. A failure to publish or to print is
reported to the message bridge as a Problem (SHARE_FAILED, PRINT_FAILED): the operator panel words it,
the guest just does not get that option. Publishing and QR rendering touch disk and pixels, so they run
in a worker thread.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from booth.problems import Part, Problem, ProblemKind
from booth.settings import KioskSettings
from booth.ui.context import MessageBridge
from booth.workers import run_cpu

if TYPE_CHECKING:
    from booth.printing.service import PrintService
    from booth.sharing.server import ShareServer

log = logging.getLogger(__name__)


class ResultActions:
    """What the result screen can offer for one job."""

    def __init__(self, kiosk: KioskSettings, *, messages: MessageBridge, printer: PrintService | None = None,
                 share: ShareServer | None = None, qr_only: bool = False) -> None:
        self.kiosk = kiosk
        self.qr_only = qr_only  # a "keep nothing" event: nothing goes on paper
        self.printer = printer
        self.share = share
        self.messages = messages
        self.urls: dict[str, str] = {}

    def copies_allowed(self, job_id: str) -> int:
        """Copies this guest may still print now: 0 hides the Print button."""
        if self.printer is None or self.kiosk.max_print_copies <= 0 or self.qr_only:
            return 0
        try:
            if not self.printer.can_print():
                return 0
            left = self.printer.prints_left(job_id)
        except Exception as exc:
            log.warning("printer not asked: %s", exc)
            return 0
        return max(0, min(self.kiosk.max_print_copies, int(left)))

    def printer_paused(self) -> bool:
        """A printer is set up for guests but cannot print now (paused, out of paper, offline)."""
        if self.printer is None or self.kiosk.max_print_copies <= 0 or self.qr_only:
            return False
        try:
            return not self.printer.can_print()
        except Exception as exc:
            log.warning("printer not asked: %s", exc)
            return True

    async def qr_png(self, job_id: str, path: Path, ticket: str | None = None) -> bytes | None:
        """A QR code PNG leading to the download page of `path`; None when sharing is off or failing."""
        share = self.share
        if share is None:
            return None
        try:
            url = self.urls.get(job_id)
            if url is None:
                url = await asyncio.to_thread(share.publish, path)
                self.urls[job_id] = url
            from booth.sharing.qr import qr_png

            png: bytes = await run_cpu(qr_png, url, 10)
            return png
        except Exception as exc:
            self.messages.report(Problem.make(ProblemKind.SHARE_FAILED, Part.SHARE, job_id=job_id, ticket=ticket,
                                              detail=exc))  # fmt: skip
            return None

    def print(self, job_id: str, path: Path, copies: int, ticket: str | None = None) -> bool:
        """Send to the printer; False (and a problem for the operator) if it cannot be done."""
        copies = min(copies, self.copies_allowed(job_id))
        if self.printer is None or copies <= 0:
            return False
        try:
            self.printer.submit(job_id, path, copies, self.urls.get(job_id))
        except Exception as exc:
            self.messages.report(Problem.make(ProblemKind.PRINT_FAILED, Part.PRINTER, job_id=job_id, ticket=ticket,
                                              detail=exc))  # fmt: skip
            return False
        return True
