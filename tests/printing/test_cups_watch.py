"""Reading CUPS: the IPP encoding, how queue attributes become operator words, and a live CUPS answer."""

from __future__ import annotations

import pytest
from printing_helpers import QUEUE

from booth.printing import cups, ipp
from booth.printing.cups import classify
from booth.printing.ipp import IppClient, IppError
from booth.ui.operator.printer_words import printer_reason


def test_ipp_request_round_trips_through_the_decoder():
    body = ipp.encode(
        ipp.GET_JOBS,
        7,
        [(0x45, "printer-uri", ["ipp://localhost/printers/p"]), (0x44, "requested-attributes", ["a", "b"])],
    )
    assert body[:8] == bytes([2, 0, 0, 0x0A, 0, 0, 0, 7])
    decoded = ipp.decode(body)
    attrs = decoded.of(0x01)[0]
    assert attrs["printer-uri"] == "ipp://localhost/printers/p"
    assert attrs["requested-attributes"] == ["a", "b"]
    assert attrs["attributes-charset"] == "utf-8"


READY = {"printer-state": 3, "printer-state-reasons": "none", "printer-is-accepting-jobs": True}


@pytest.mark.parametrize(
    ("attrs", "jobs", "state", "ok", "words"),
    [
        (READY, [], "ready", True, ""),
        ({**READY, "printer-state": 4}, [], "printing", True, ""),
        ({**READY, "printer-state": 5, "printer-state-reasons": "paused"}, [], "paused", False, "paused"),
        ({**READY, "printer-is-accepting-jobs": False}, [], "rejecting", False, "not accepting"),
        ({**READY, "printer-state-reasons": ["media-empty-error", "paused"]}, [], "out-of-paper", False, "paper"),
        ({**READY, "printer-state-reasons": "media-needed-warning"}, [], "out-of-paper", False, "paper"),
        ({**READY, "printer-state-reasons": "offline-report"}, [], "offline", False, "offline"),
        ({**READY, "printer-state-reasons": "media-jam-error"}, [], "jammed", False, "jam"),
        (READY, [{"job-id": 9, "job-state": 4}], "held", False, "holds print job 9"),
        (None, [], "missing", False, "not set up"),
    ],
)
def test_queue_attributes_become_a_status_with_a_reason(attrs, jobs, state, ok, words):
    status = classify("photo", attrs, jobs)
    assert (status.state, status.ok) == (state, ok)
    assert words in printer_reason(status)
    if not ok and state != "missing":
        assert printer_reason(status).startswith("photo ")


def test_cups_not_running_is_a_status_not_an_exception():
    status = cups.printer_status(IppClient(server="127.0.0.1:1"), "photo")
    assert status.state == "no-cups" and not status.ok and "CUPS is not answering" in printer_reason(status)
    with pytest.raises(IppError, match="not answering"):
        IppClient(server="127.0.0.1:1").printers(["printer-name"])


@pytest.mark.cups
def test_live_cups_lists_the_pdf_queue(pdf_queue):
    client = IppClient()
    printers = {status.name: status for status in cups.list_printers(client)}
    assert QUEUE in printers and printers[QUEUE].ok
    assert cups.printer_status(client, QUEUE).state in ("ready", "printing")
    assert cups.printer_status(client, "no-such-booth-printer").state == "missing"
