"""QR codes for download links: guests point a phone at the result screen or the print and get their file.

PNG bytes serve anything (the share page, a print layout, a test); the QImage helper is for the result
screen, built with QtGui only so non-widget code may call it.
"""

from __future__ import annotations

import io

import segno
from PySide6.QtGui import QImage


def qr_png(url: str, scale: int = 8, border: int = 2) -> bytes:
    """The URL as a QR PNG: `scale` pixels per module, a quiet zone of `border` modules, error level M."""
    if not url:
        raise ValueError("a QR code needs a URL")
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=max(1, scale), border=border)
    return buffer.getvalue()


def qr_qimage(url: str, scale: int = 8) -> QImage:
    """The QR code as a QImage (black on white), ready for a QLabel's pixmap or a QPainter."""
    image = QImage.fromData(qr_png(url, scale))
    if image.isNull():
        raise ValueError("could not draw the QR code")
    return image
