"""The printer's condition and the Resume outcome in the operator's words (EN, or DE through tr).

booth.printing reports a `PrinterStatus` and a `ResumeOutcome` as data; this module is the one place that
words them, for the printer tab and for the `booth print`/`booth doctor` terminal lines alike (without a
translator installed the English source text comes back, which is what a terminal gets). QtCore only, so
the CLI can use it without building any widget.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from booth.printing.cups import NO_CUPS, NO_DEFAULT, NO_QUEUE, PrinterStatus, ResumeOutcome


def _state_words(state: str) -> str:
    """What is wrong and what to do, by state; the caller fills in {name}, {detail} (CUPS's message) and {job}."""
    translate = QCoreApplication.translate
    sentences = {
        "out-of-paper": translate("PrinterTab", "{name} is out of paper: load paper, then press Resume{detail}"),
        "jammed": translate("PrinterTab", "{name} has a paper jam: clear it, then press Resume{detail}"),
        "out-of-ink": translate(
            "PrinterTab", "{name} is out of ribbon, ink or toner: replace it, then press Resume{detail}"
        ),
        "door-open": translate("PrinterTab", "{name} has a door or cover open: close it{detail}"),
        "offline": translate(
            "PrinterTab", "{name} is offline or switched off: check its cable and power, then press Resume{detail}"
        ),
        "broken-driver": translate(
            "PrinterTab", "{name} cannot print with its driver: reinstall the printer in CUPS{detail}"
        ),
        "paused": translate("PrinterTab", "{name} is paused in CUPS{detail}: press Resume"),
        "rejecting": translate("PrinterTab", "{name} is not accepting jobs in CUPS{detail}: press Resume"),
        "held": translate("PrinterTab", "{name} holds print job {job} in CUPS: press Resume to release it"),
        "unknown": translate("PrinterTab", "checking the printer"),
    }
    return sentences.get(state, "{name}: {state}{detail}")


def printer_reason(status: PrinterStatus) -> str:
    """The sentence for a printer that cannot print ("" when it can), with CUPS's own message."""
    translate = QCoreApplication.translate
    if status.ok:
        return ""
    if status.reason == NO_CUPS:
        text = translate("PrinterTab", "No answer from CUPS{detail}")  # the cause names the server and the fix
    elif status.reason == NO_QUEUE:
        text = translate("PrinterTab", "printer '{name}' is not set up in CUPS: add it or fix printing.printer")
    elif status.reason == NO_DEFAULT:
        text = translate("PrinterTab", "no printer chosen and CUPS has no default: set printing.printer")
    else:
        text = _state_words(status.state)
    detail = f" ({status.message})" if status.message else ""
    return text.format(name=status.name, state=status.state, detail=detail, job=status.held_job or "?")


def resume_words(outcome: ResumeOutcome | None) -> str:
    """What the operator's Resume did (None: the print worker never answered)."""
    translate = QCoreApplication.translate
    if outcome is None:
        return translate("PrinterTab", "the printer did not answer")
    if outcome.done:
        return translate("PrinterTab", "{printer} resumed").format(printer=outcome.printer)
    causes = "; ".join(outcome.causes)
    if outcome.failure == NO_CUPS:
        return translate("PrinterTab", "Could not reach CUPS to resume the printer: {causes}").format(causes=causes)
    if outcome.failure == NO_DEFAULT:
        return translate("PrinterTab", "No printer to resume: set printing.printer")
    text = translate("PrinterTab", "Could not resume {printer}: {causes}")
    return text.format(printer=outcome.printer, causes=causes)
