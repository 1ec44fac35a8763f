"""Handing a composed page to a CUPS queue through QtPrintSupport.

Qt talks to CUPS for us (page size, copies, the printer's own options); booth only tells it the exact page
of the layout, edge to edge, and paints the composed image over it at the printer's resolution. Qt allows
painting on a QPrinter outside the GUI thread, so the print worker calls this. A QGuiApplication must
exist (offscreen is enough). Qt does not return the CUPS job id: the unique document name (the job title)
is how the caller finds the job afterwards.
"""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from booth.printing import paper
from booth.settings import LayoutSettings


class PrintSendError(RuntimeError):
    """The page could not be handed to CUPS; the message says why in operator words."""


def to_qimage(page: Image.Image) -> QImage:
    """A QImage holding its own copy of an RGB Pillow image's pixels."""
    rgb = page.convert("RGB")
    data = rgb.tobytes()
    image = QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888)
    return image.copy()


def printer_exists(name: str) -> bool:
    return not QPrinterInfo.printerInfo(name).isNull()


def page_layout(layout: LayoutSettings) -> QPageLayout:
    """The layout's page for Qt: exact size in millimetres, no margins (the composed page has its own)."""
    width, height = paper.page_mm(layout)
    size = QPageSize(
        QSizeF(width, height), QPageSize.Unit.Millimeter, f"booth {layout.paper}", QPageSize.SizeMatchPolicy.ExactMatch
    )
    return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))


def send_page(page: Image.Image | QImage, printer_name: str, layout: LayoutSettings, copies: int, title: str) -> None:
    """Print one composed page `copies` times on the named queue as a job called `title`."""
    if QGuiApplication.instance() is None:
        raise PrintSendError("printing needs a running Qt application (QGuiApplication)")
    if not printer_exists(printer_name):
        raise PrintSendError(f"printer '{printer_name}' is not known to CUPS")
    image = page if isinstance(page, QImage) else to_qimage(page)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(printer_name)
    printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    printer.setDocName(title)
    printer.setCopyCount(max(1, copies))
    printer.setFullPage(True)
    if not printer.setPageLayout(page_layout(layout)):
        raise PrintSendError(f"printer '{printer_name}' does not take {layout.paper} paper")
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintSendError(f"printer '{printer_name}' would not start a job")
    try:
        target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
        painter.drawImage(target, image)
    finally:
        finished = painter.end()
    if not finished or printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintSendError(f"printer '{printer_name}' refused the job")
