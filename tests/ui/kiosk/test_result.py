"""The result screen's delivery: download QR from the share server, prints within the limit on a CUPS queue."""

from __future__ import annotations

import pytest
from kiosk_rig import QUEUE, Guest, cups_queue_ready, open_kiosk, tap, wait_until

from booth.ui.kiosk.flow import Step


@pytest.mark.cups
def test_print_copies_within_the_limit_and_qr(arun, kiosk_settings) -> None:
    if not cups_queue_ready():
        pytest.skip(f"no CUPS queue {QUEUE!r}; run: sudo bash packaging/cups-setup.sh")
    kiosk_settings.printing.enabled = True
    kiosk_settings.printing.printer = QUEUE
    kiosk_settings.kiosk.max_print_copies = 2

    async def scenario() -> None:
        kiosk = await open_kiosk(kiosk_settings)
        w, printer = kiosk.window, kiosk.ctx.printer
        try:
            job_id = await Guest(kiosk).visit("filter")
            await wait_until(lambda: kiosk.flow.step == Step.RESULT, 30, "the result")
            await wait_until(w.result.qr.isVisible, 10, "the download code")
            # The code is decoded off the GUI thread: shown first, its picture a moment later.
            await wait_until(lambda: not w.result.qr.pixmap().isNull(), 10, "the download code's picture")
            assert job_id in kiosk.window.delivery.urls
            await wait_until(printer.can_print, 20, "the printer")
            await wait_until(w.result.print_button.isVisible, 10, "the Print button")
            assert [b.text() for b in w.result.copy_buttons] == ["1", "2"]
            tap(w.result.copy_buttons[1])
            tap(w.result.print_button)
            prints = [p for p in printer.prints() if p.job_id == job_id]
            assert [p.copies for p in prints] == [2]
            assert not w.result.print_button.isVisible(), "the guest's copies are used up"
            assert w.result.status.text() == "Printing! Pick it up at the printer."
        finally:
            await kiosk.stop()

    arun(scenario(), timeout=90)
