"""Page geometry: paper sizes, printer-resolution pixels, and where a picture of any ratio goes.

The one place that knows how big each paper is and how a picture is fitted, so composing the page, telling
Qt the page size and checking the printed PDF in tests all agree to the point. Pure arithmetic, no pixels.

Orientation says which way up the sheet is (portrait = taller than wide); the paper name gives the sheet,
so "4x6" and "6x4" are the same 4 x 6 inch card, named both ways because printer drivers use both.
"""

from __future__ import annotations

from dataclasses import dataclass

from booth.settings import LayoutSettings

MM_PER_INCH = 25.4

# Sheet sizes in millimetres (short side, long side).
PAPERS_MM: dict[str, tuple[float, float]] = {
    "4x6": (101.6, 152.4),
    "6x4": (101.6, 152.4),
    "2x6": (50.8, 152.4),
    "A6": (105.0, 148.0),
    "A5": (148.0, 210.0),
    "A4": (210.0, 297.0),
}

# Share of the content height given to the footer (text, logo, QR) when the layout has any of them.
FOOTER_SHARE = 0.14


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h


def page_mm(layout: LayoutSettings) -> tuple[float, float]:
    """(width, height) of the page in millimetres, turned as the layout's orientation says."""
    short, long = PAPERS_MM[layout.paper]
    return (long, short) if layout.orientation == "landscape" else (short, long)


def page_points(layout: LayoutSettings) -> tuple[float, float]:
    """(width, height) in PDF points (1/72 in): what the printed PDF's MediaBox should say."""
    w, h = page_mm(layout)
    return (w / MM_PER_INCH * 72, h / MM_PER_INCH * 72)


def mm_to_px(mm: float, dpi: int) -> int:
    return round(mm / MM_PER_INCH * dpi)


def page_px(layout: LayoutSettings) -> tuple[int, int]:
    """(width, height) of the composed page in pixels at the layout's printer resolution."""
    w, h = page_mm(layout)
    return (mm_to_px(w, layout.dpi), mm_to_px(h, layout.dpi))


def has_footer(layout: LayoutSettings, qr_url: str | None = None) -> bool:
    return bool(layout.text) or layout.show_logo or (layout.qr and bool(qr_url))


def content_rect(layout: LayoutSettings) -> Rect:
    """The page less its margins; borderless layouts print to the edge."""
    w, h = page_px(layout)
    margin = 0 if layout.borderless else mm_to_px(layout.margin_mm, layout.dpi)
    margin = min(margin, (min(w, h) - 2) // 2)
    return Rect(margin, margin, w - 2 * margin, h - 2 * margin)


def split_footer(content: Rect, footer: bool) -> tuple[Rect, Rect | None]:
    """(picture area, footer area) of the content; the footer is a band along the bottom."""
    if not footer:
        return content, None
    band = max(1, round(content.h * FOOTER_SHARE))
    return Rect(content.x, content.y, content.w, content.h - band), Rect(
        content.x, content.bottom - band, content.w, band
    )


def fit(image_w: int, image_h: int, box: Rect, mode: str) -> tuple[Rect, Rect]:
    """(source crop in image pixels, destination in page pixels) for drawing an image into `box`.

    cover fills the box and crops the picture's overflow evenly from both sides; contain shows the whole
    picture, centred, leaving bands. Either way the picture keeps its proportions.
    """
    if image_w <= 0 or image_h <= 0 or box.w <= 0 or box.h <= 0:
        raise ValueError("cannot fit an empty picture or into an empty box")
    if mode == "cover":
        scale = max(box.w / image_w, box.h / image_h)
        crop_w = min(image_w, round(box.w / scale))
        crop_h = min(image_h, round(box.h / scale))
        source = Rect((image_w - crop_w) // 2, (image_h - crop_h) // 2, crop_w, crop_h)
        return source, box
    if mode == "contain":
        scale = min(box.w / image_w, box.h / image_h)
        dest_w = max(1, min(box.w, round(image_w * scale)))
        dest_h = max(1, min(box.h, round(image_h * scale)))
        dest = Rect(box.x + (box.w - dest_w) // 2, box.y + (box.h - dest_h) // 2, dest_w, dest_h)
        return Rect(0, 0, image_w, image_h), dest
    raise ValueError(f"fit must be 'cover' or 'contain', not {mode!r}")
