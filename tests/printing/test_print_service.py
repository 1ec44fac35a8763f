"""Printing through booth to a real CUPS PDF printer: the page that comes out, a paused or rejecting queue,
restarts, and the print limits. The PDF is what paper would be: its size and pixels are checked."""

from __future__ import annotations

import io
import secrets
import shutil
import struct
import subprocess
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from printing_helpers import (
    BLUE,
    GREEN,
    RED,
    YELLOW,
    blocks,
    close_to,
    cups_tool,
    page_count,
    page_size_pt,
    pdfs_for,
    render,
    wait_pdf,
)
from PySide6.QtCore import Qt

from booth.printing.cups import JOB_CANCELED, PrinterStatus, ResumeOutcome, booth_jobs
from booth.printing.ipp import IppClient
from booth.printing.service import MAX_SEND_ATTEMPTS, PrintLimitError, PrintService
from booth.printing.store import PrintJob, PrintState, PrintStore
from booth.problems import Part, Problem, ProblemKind, Remedy
from booth.settings import EventSettings, LayoutSettings, PrintingSettings, Settings
from booth.ui.operator.printer_tab import PrinterTab
from booth.ui.operator.printer_words import printer_reason, resume_words

POLL_S = 0.2


def settings(queue: str, **layout: object) -> PrintingSettings:
    return PrintingSettings(printer=queue, layouts={"postcard": LayoutSettings(dpi=150, **layout)})


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Callable[..., PrintService]]:
    """Makes PrintServices on one store folder (several = restarts) and stops them all at the end."""
    made: list[PrintService] = []

    def make(printing: PrintingSettings, *, start: bool = True, **kwargs: object) -> PrintService:
        service = PrintService(printing, EventSettings(), tmp_path / "event", poll_interval_s=POLL_S, **kwargs)
        made.append(service)
        if start:
            service.start()
        return service

    yield make
    for service in made:
        service.stop()


def cups_jobs_named(queue: str, title: str) -> list[dict]:
    return [job for job in booth_jobs(IppClient(), queue) if job.get("job-name") == title]


def wait_state(qtbot, service: PrintService, print_id: str, state: PrintState, timeout_ms: int = 30000) -> None:
    qtbot.waitUntil(lambda: service.get(print_id).state == state, timeout=timeout_ms)


@pytest.mark.cups
def test_print_comes_out_at_the_layout_size_with_the_picture_where_the_layout_puts_it(
    qtbot, pdf_queue, picture, services, artifacts_dir
):
    svc = services(settings(pdf_queue, paper="4x6"))
    job = svc.submit("A01", picture(600, 900), 1)
    wait_state(qtbot, svc, job.id, PrintState.DONE)
    done = svc.get(job.id)
    assert done.cups_job_id is not None and done.printer == pdf_queue
    pdf = wait_pdf(done.cups_job_id)
    shutil.copyfile(pdf, artifacts_dir / "print-4x6.pdf")  # for a person to look at
    assert page_size_pt(pdf) == pytest.approx((288, 432), abs=1)
    page = render(pdf, dpi=36)  # 144 x 216 px
    w, h = page.size
    assert close_to(page.getpixel((8, 8)), RED)
    assert close_to(page.getpixel((w - 8, 8)), GREEN)
    assert close_to(page.getpixel((8, h - 8)), BLUE)
    assert close_to(page.getpixel((w - 8, h - 8)), YELLOW)


@pytest.mark.cups
def test_landscape_contain_layout_on_the_pdf(qtbot, pdf_queue, picture, services):
    svc = services(settings(pdf_queue, paper="6x4", orientation="landscape", fit="contain"))
    job = svc.submit("A02", picture(400, 400), 2)
    wait_state(qtbot, svc, job.id, PrintState.DONE)
    pdf = wait_pdf(svc.get(job.id).cups_job_id)
    assert page_size_pt(pdf) == pytest.approx((432, 288), abs=1)
    assert page_count(pdf) == 2  # two copies
    page = render(pdf, dpi=36)  # 216 x 144: a square picture in the middle, paper on both sides
    w, h = page.size
    assert close_to(page.getpixel((10, h // 2)), (255, 255, 255), 10)
    assert close_to(page.getpixel((w - 10, h // 2)), (255, 255, 255), 10)
    assert close_to(page.getpixel((w // 2 - 30, 20)), RED)
    assert close_to(page.getpixel((w // 2 + 30, h - 20)), YELLOW)


@pytest.mark.cups
@pytest.mark.parametrize(
    ("stop_tool", "state", "words"), [("cupsdisable", "paused", "paused"), ("cupsreject", "rejecting", "not accepting")]
)
def test_a_stopped_queue_holds_prints_in_booth_and_resume_prints_each_once(
    qtbot, pdf_queue, picture, services, stop_tool, state, words
):
    cups_tool(stop_tool, pdf_queue)
    svc = services(settings(pdf_queue))
    qtbot.waitUntil(lambda: svc.status().state == state, timeout=10000)
    assert not svc.can_print()
    reason = printer_reason(svc.status())
    assert not svc.status().ok and words in reason and "Resume" in reason

    first = svc.submit("A03", picture(), 1)
    second = svc.submit("A04", picture(), 1)
    qtbot.wait(int(POLL_S * 5 * 1000))  # several watch rounds with the queue down
    assert svc.get(first.id).state == PrintState.QUEUED and svc.get(second.id).state == PrintState.QUEUED
    assert cups_jobs_named(pdf_queue, first.title) == []  # nothing was sent into the stopped queue

    with qtbot.waitSignal(svc.resume_finished, timeout=10000) as resumed:
        svc.resume()
    assert resumed.args[0].done is True, resumed.args[0]
    for job in (first, second):
        wait_state(qtbot, svc, job.id, PrintState.DONE)
    assert svc.can_print()
    for job in (first, second):
        assert len(cups_jobs_named(pdf_queue, job.title)) == 1
        wait_pdf(svc.get(job.id).cups_job_id)
        assert len(pdfs_for(job.title)) == 1


@pytest.mark.cups
def test_printer_changed_signal_reports_the_pause(qtbot, pdf_queue, services):
    svc = services(settings(pdf_queue))
    qtbot.waitUntil(svc.can_print, timeout=10000)
    with qtbot.waitSignal(svc.printer_changed, timeout=10000):
        cups_tool("cupsdisable", pdf_queue)
    qtbot.waitUntil(lambda: svc.status().state == "paused", timeout=10000)


@pytest.mark.cups
def test_restart_keeps_queued_prints_and_never_resends_what_cups_has(qtbot, pdf_queue, picture, services, tmp_path):
    cups_tool("cupsdisable", pdf_queue)
    first = services(settings(pdf_queue))
    qtbot.waitUntil(lambda: not first.can_print() and first.status().state == "paused", timeout=10000)
    job = first.submit("A05", picture(), 1)
    first.stop()  # the booth is switched off with the print still waiting

    cups_tool("cupsenable", pdf_queue)
    second = services(settings(pdf_queue), start=False)
    assert second.get(job.id).state == PrintState.QUEUED
    second.start()
    wait_state(qtbot, second, job.id, PrintState.DONE)
    cups_id = second.get(job.id).cups_job_id
    second.stop()
    wait_pdf(cups_id)

    # A crash between handing the page to CUPS and recording it: the store says "sending".
    store = PrintStore(tmp_path / "event")
    store.save(store.load()[0].evolve(state=PrintState.SENDING, cups_job_id=None))
    store.close()
    third = services(settings(pdf_queue))
    qtbot.waitUntil(lambda: third.get(job.id).state == PrintState.DONE, timeout=10000)
    qtbot.wait(int(POLL_S * 4 * 1000))
    assert third.get(job.id).cups_job_id == cups_id
    assert len(cups_jobs_named(pdf_queue, job.title)) == 1
    assert len(pdfs_for(job.title)) == 1


def test_guest_and_event_limits_count_copies_and_survive_a_restart(services):
    printing = PrintingSettings(printer="booth-pdf", event_limit=4)
    svc = services(printing, start=False, guest_limit=2)
    assert svc.prints_left("A") == 2
    svc.submit("A", Path("/nowhere/a.jpg"), 2)
    assert svc.prints_left("A") == 0
    with pytest.raises(PrintLimitError, match="only 0 left"):
        svc.submit("A", Path("/nowhere/a.jpg"), 1)
    svc.submit("B", Path("/nowhere/b.jpg"), 1)
    assert svc.prints_left("C") == 1  # event: 4 - 3
    with pytest.raises(PrintLimitError):
        svc.submit("C", Path("/nowhere/c.jpg"), 2)
    assert svc.printed_count() == 3
    assert svc.counts()["queued"] == 2 and svc.counts()["done"] == 0
    svc.stop()

    again = services(printing, start=False, guest_limit=2)
    assert [job.state for job in again.prints()] == [PrintState.QUEUED, PrintState.QUEUED]
    assert again.prints_left("A") == 0 and again.prints_left("B") == 1 and again.prints_left("C") == 1


@pytest.mark.cups
def test_an_unreadable_picture_fails_that_print_only(qtbot, pdf_queue, picture, services, tmp_path):
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"not a jpeg")
    svc = services(settings(pdf_queue))
    broken = svc.submit("A06", bad, 1)
    good = svc.submit("A07", picture(), 1)
    wait_state(qtbot, svc, broken.id, PrintState.FAILED)
    assert "not a picture" in svc.get(broken.id).error
    wait_state(qtbot, svc, good.id, PrintState.DONE)
    assert svc.prints_left("A06") == 999  # failed prints do not use up the guest's copies


@pytest.mark.cups
def test_a_held_booth_job_in_cups_is_reported_and_released_by_resume(qtbot, pdf_queue, picture, services, tmp_path):
    # The last run handed this print to CUPS and stopped before recording it; CUPS is holding the job.
    job = PrintJob(id=secrets.token_hex(6), job_id="A08", image_path=str(picture()), copies=1, state=PrintState.SENDING)
    store = PrintStore(tmp_path / "event")
    store.save(job)
    store.close()
    sent = subprocess.run(
        ["lp", "-d", pdf_queue, "-t", job.title, "-H", "indefinite", job.image_path],
        capture_output=True,
        text=True,
        check=True,
    )
    cups_id = int(sent.stdout.split()[3].rsplit("-", 1)[1])  # "request id is booth-pdf-N (1 file(s))"

    svc = services(settings(pdf_queue))
    qtbot.waitUntil(lambda: svc.status().state == "held", timeout=10000)
    assert not svc.can_print() and f"holds print job {cups_id}" in printer_reason(svc.status())
    assert svc.get(job.id).state == PrintState.PRINTING and svc.get(job.id).cups_job_id == cups_id

    with qtbot.waitSignal(svc.resume_finished, timeout=10000) as resumed:
        svc.resume()
    assert resumed.args[0].done is True, resumed.args[0]
    wait_state(qtbot, svc, job.id, PrintState.DONE)
    qtbot.waitUntil(svc.can_print, timeout=10000)
    wait_pdf(cups_id)
    assert len(cups_jobs_named(pdf_queue, job.title)) == 1
    assert len(pdfs_for(job.title)) == 1


def _corrupt_png(path: Path) -> Path:
    """A PNG whose header claims 40000 x 40000 pixels over a small picture's data: Pillow refuses to open it
    (a decompression bomb), which no print layout can catch as an ordinary unreadable file."""
    small = io.BytesIO()
    blocks(60, 90).save(small, "PNG")
    data = small.getvalue()
    header = b"IHDR" + struct.pack(">IIBBBBB", 40000, 40000, 8, 2, 0, 0, 0)
    path.write_bytes(data[:8] + struct.pack(">I", 13) + header + struct.pack(">I", zlib.crc32(header)) + data[33:])
    return path


@pytest.mark.cups
def test_a_picture_that_cannot_be_printed_is_held_failed_and_the_next_print_still_comes_out(
    qtbot, pdf_queue, picture, services, tmp_path
):
    svc = services(settings(pdf_queue))
    problems: list[Problem] = []
    svc.problem.connect(problems.append)
    broken = svc.submit("A10", _corrupt_png(tmp_path / "corrupt.png"), 1)
    good = svc.submit("A11", picture(), 1)
    wait_state(qtbot, svc, good.id, PrintState.DONE)
    wait_pdf(svc.get(good.id).cups_job_id)
    wait_state(qtbot, svc, broken.id, PrintState.FAILED, timeout_ms=5000)
    qtbot.wait(int(POLL_S * 5 * 1000))  # several watch rounds: it stays held, it is not tried again
    held = svc.get(broken.id)
    assert held.state == PrintState.FAILED and held.attempts == 1
    assert "DecompressionBombError" in held.error  # the reason, for the operator's details
    assert cups_jobs_named(pdf_queue, broken.title) == []
    failed = [p for p in problems if p.kind == ProblemKind.PRINT_FAILED]
    assert len(failed) == 1 and failed[0].part == Part.PRINTER and failed[0].remedy == Remedy.RETRY
    assert failed[0].job_id == "A10" and failed[0].details["print_id"] == broken.id and failed[0].detail == held.error


@pytest.mark.cups
def test_a_print_that_keeps_stopping_the_worker_is_held_failed_after_the_retry_cap(
    qtbot, pdf_queue, picture, services, tmp_path
):
    # The last runs were sending it when they stopped, MAX_SEND_ATTEMPTS times, and CUPS never got it.
    job = PrintJob(
        id=secrets.token_hex(6),
        job_id="A13",
        image_path=str(picture()),
        copies=1,
        state=PrintState.SENDING,
        attempts=MAX_SEND_ATTEMPTS,
    )
    store = PrintStore(tmp_path / "event")
    store.save(job)
    store.close()
    svc = services(settings(pdf_queue))
    wait_state(qtbot, svc, job.id, PrintState.FAILED, timeout_ms=10000)
    qtbot.wait(int(POLL_S * 5 * 1000))
    assert svc.get(job.id).state == PrintState.FAILED and cups_jobs_named(pdf_queue, job.title) == []
    svc.retry(job.id)  # the operator's Print again starts its count afresh
    wait_state(qtbot, svc, job.id, PrintState.DONE)


@pytest.mark.cups
def test_a_paused_printer_is_one_problem_until_it_prints_again(qtbot, pdf_queue, services):
    svc = services(settings(pdf_queue))
    qtbot.waitUntil(svc.can_print, timeout=10000)
    problems: list[Problem] = []
    svc.problem.connect(problems.append)
    with qtbot.waitSignal(svc.problem, timeout=10000):
        cups_tool("cupsdisable", pdf_queue)
    qtbot.wait(int(POLL_S * 10 * 1000))  # ten watch rounds of the same pause: no news
    assert len(problems) == 1
    paused = problems[0]
    assert (paused.kind, paused.part, paused.remedy) == (ProblemKind.PRINTER_NOT_READY, Part.PRINTER, Remedy.RESUME)
    assert dict(paused.details) == {"name": pdf_queue, "state": "paused", "reason": "paused"}
    with qtbot.waitSignal(svc.problem_over, timeout=10000) as ended:
        cups_tool("cupsenable", pdf_queue)
    assert ended.args == [ProblemKind.PRINTER_NOT_READY.value] and len(problems) == 1


class _Log:
    """The operator log as the printer tab uses it."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, level: str, source: str, text: str) -> None:
        self.lines.append(f"{level} {source} {text}")


def _tab(qtbot, svc: PrintService, printing: PrintingSettings) -> tuple[PrinterTab, _Log]:
    log = _Log()
    class NoJobs:  # prints made outside any booth job: the tab shows their raw ids
        def job(self, job_id: str) -> None:
            raise KeyError(job_id)

    tab = PrinterTab(SimpleNamespace(printer=svc, settings=Settings(printing=printing), queue=NoJobs()), log)  # type: ignore[arg-type]
    qtbot.addWidget(tab)
    return tab, log


@pytest.mark.cups
def test_the_panels_cancel_takes_a_waiting_print_off_the_queue_and_frees_its_copies(
    qtbot, pdf_queue, picture, services
):
    cups_tool("cupsdisable", pdf_queue)
    printing = settings(pdf_queue)
    svc = services(printing, guest_limit=1)
    qtbot.waitUntil(lambda: svc.status().state == "paused", timeout=10000)
    job = svc.submit("A12", picture(), 1)
    assert svc.prints_left("A12") == 0
    tab, log = _tab(qtbot, svc, printing)
    assert tab.cancel_button.objectName() == "printer_cancel" and not tab.cancel_button.isEnabled()
    tab.table.selectRow(0)
    assert tab.cancel_button.isEnabled()
    qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    wait_state(qtbot, svc, job.id, PrintState.CANCELLED, timeout_ms=5000)
    assert svc.prints_left("A12") == 1 and any(f"Print {job.id} cancelled" in line for line in log.lines)
    qtbot.waitUntil(lambda: tab.table.item(0, 4).text() == "cancelled", timeout=5000)
    tab.table.selectRow(0)
    assert not tab.cancel_button.isEnabled()
    cups_tool("cupsenable", pdf_queue)
    qtbot.waitUntil(svc.can_print, timeout=10000)
    qtbot.wait(int(POLL_S * 5 * 1000))
    assert svc.get(job.id).state == PrintState.CANCELLED and cups_jobs_named(pdf_queue, job.title) == []


@pytest.mark.cups
def test_cancelling_a_print_cups_holds_cancels_it_in_cups(qtbot, pdf_queue, picture, services, tmp_path):
    job = PrintJob(id=secrets.token_hex(6), job_id="A14", image_path=str(picture()), copies=1, state=PrintState.SENDING)
    store = PrintStore(tmp_path / "event")
    store.save(job)
    store.close()
    sent = subprocess.run(
        ["lp", "-d", pdf_queue, "-t", job.title, "-H", "indefinite", job.image_path],
        capture_output=True,
        text=True,
        check=True,
    )
    cups_id = int(sent.stdout.split()[3].rsplit("-", 1)[1])
    svc = services(settings(pdf_queue))
    qtbot.waitUntil(lambda: svc.get(job.id).state == PrintState.PRINTING, timeout=10000)
    svc.cancel(job.id)
    wait_state(qtbot, svc, job.id, PrintState.CANCELLED, timeout_ms=10000)
    in_cups = cups_jobs_named(pdf_queue, job.title)
    assert [j["job-id"] for j in in_cups] == [cups_id] and in_cups[0]["job-state"] == JOB_CANCELED
    qtbot.waitUntil(svc.can_print, timeout=10000)  # nothing held any more
    assert pdfs_for(job.title) == []


def test_resume_outcomes_and_printer_states_are_worded_for_the_operator():
    outcome = ResumeOutcome("photo", False, "tools", ("cupsenable: not installed",))
    assert resume_words(outcome) == "Could not resume photo: cupsenable: not installed"
    assert resume_words(ResumeOutcome("photo", True)) == "photo resumed"
    assert resume_words(None) == "the printer did not answer"
    status = PrinterStatus("photo", "out-of-paper", "media-empty", False, message="Tray 1 empty")
    assert status.remedy == Remedy.RESUME
    assert printer_reason(status) == "photo is out of paper: load paper, then press Resume (Tray 1 empty)"
    assert PrinterStatus("photo", "door-open", "door-open", False).remedy == Remedy.NONE
