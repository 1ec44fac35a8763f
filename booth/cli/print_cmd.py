"""`booth print IMAGE` and `booth printers`: the kiosk's printing path, from a terminal.

`booth print` composes and prints one file through the same PrintService the kiosk uses (layout, Qt,
CUPS watch), so a test print before the event proves the kiosk's prints will come out; it waits until
CUPS reports the job done. `booth printers` shows every CUPS queue and why it would not print.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from booth.cli.common import load_settings
from booth.cli.errors import CliError

EXIT_BAD_INPUT = 2
EXIT_PRINTER = 1


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    printer = sub.add_parser("print", help="print one picture with a layout, as the kiosk would")
    printer.add_argument("image", help="picture to print (JPEG, PNG, or a video's first frame)")
    printer.add_argument("--printer", metavar="NAME", help="CUPS queue (default: printing.printer, else CUPS default)")
    printer.add_argument("--layout", metavar="NAME", help="layout from [printing.layouts] (default: printing.layout)")
    printer.add_argument("--copies", type=int, default=1, metavar="N", help="copies (default 1)")
    printer.add_argument("--qr", metavar="URL", help="URL for the layout's QR code, if it has one")
    printer.add_argument("--timeout", type=float, default=120.0, metavar="S", help="seconds to wait for the print")
    printer.add_argument("--no-wait", action="store_true", help="return once CUPS has the job")
    printer.set_defaults(func=_print)
    listing = sub.add_parser("printers", help="list CUPS printers and their state")
    listing.set_defaults(func=_printers)


def _qt_app() -> object:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication([])


def _print(args: argparse.Namespace) -> int:
    from booth.printing import cups
    from booth.printing.ipp import IppClient
    from booth.printing.layout import LayoutError, load_picture, overlay_window
    from booth.printing.service import PrintService
    from booth.printing.store import PrintState
    from booth.ui.operator.printer_words import printer_reason

    settings = load_settings(args)
    printing = settings.printing
    layout = args.layout or printing.layout
    if layout not in printing.layouts:
        known = ", ".join(sorted(printing.layouts)) or "none"
        raise CliError(f"no layout '{layout}' in [printing.layouts] (known: {known})", EXIT_BAD_INPUT)
    if args.copies < 1:
        raise CliError(f"--copies must be 1 or more, not {args.copies}", EXIT_BAD_INPUT)
    image = Path(args.image).expanduser()
    try:
        load_picture(image)
        overlay_window(printing.layouts[layout])  # reads the frame, so a bad one is named now
    except LayoutError as exc:
        raise CliError(str(exc), EXIT_BAD_INPUT) from None
    chosen = printing.model_copy(update={"printer": args.printer or printing.printer, "layout": layout})
    client = IppClient()
    try:
        status = cups.printer_status(client, chosen.printer)
    finally:
        client.close()
    if not status.ok:
        raise CliError(f"cannot print: {printer_reason(status)}", EXIT_PRINTER)
    _qt_app()
    with tempfile.TemporaryDirectory(prefix="booth-print-") as store:
        chosen = chosen.model_copy(update={"printer": status.name, "event_limit": 0, "enabled": True})
        service = PrintService(chosen, settings.event, Path(store), poll_interval_s=0.5)
        service.start()
        try:
            job = service.submit("cli", image, args.copies, args.qr)
            deadline = time.monotonic() + args.timeout
            finished = {PrintState.DONE, PrintState.FAILED}
            if args.no_wait:
                finished.add(PrintState.PRINTING)
            while (job := service.get(job.id)).state not in finished and time.monotonic() < deadline:
                time.sleep(0.1)
        finally:
            service.stop()
    where = f"{status.name}" + (f" (CUPS job {job.cups_job_id})" if job.cups_job_id else "")
    if job.state == PrintState.FAILED:
        raise CliError(f"print failed on {where}: {job.error}", EXIT_PRINTER)
    if job.state == PrintState.DONE:
        print(f"printed {image} on {where}, {args.copies} cop{'y' if args.copies == 1 else 'ies'}")
        return 0
    if job.state == PrintState.PRINTING and args.no_wait:
        print(f"sent {image} to {where}")
        return 0
    why = printer_reason(service.status()) or job.state
    raise CliError(f"not printed within {args.timeout:g} s on {where}: {why}", 1)


def _printers(args: argparse.Namespace) -> int:
    from booth.printing import cups
    from booth.printing.ipp import IppClient, IppError
    from booth.ui.operator.printer_words import printer_reason

    client = IppClient()
    try:
        found = cups.list_printers(client)
    except IppError as exc:
        raise CliError(str(exc), EXIT_PRINTER) from None
    finally:
        client.close()
    if not found:
        print("no printers set up in CUPS (add one with lpadmin or the CUPS web page)")
        return 0
    width = max(len(status.name) for status in found)
    for status in found:
        mark = "*" if status.is_default else " "
        reason = f"  {printer_reason(status)}" if not status.ok else ""
        print(f"{mark} {status.name:<{width}}  {status.state}{reason}")
    print("(* = default printer)")
    return 0
