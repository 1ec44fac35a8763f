"""Composing a print: the guest's picture fitted to the page at printer resolution, with frame and branding.

Composition happens with Pillow, off the GUI thread (the print worker calls it), and yields exactly the
pixels the printer gets: page geometry comes from `paper`, so what is composed, what Qt is told and what
tests measure in the PDF agree. An overlay frame is a PNG whose transparent window shows the picture;
the window is found from the alpha channel, so designers only draw the frame.
"""

from __future__ import annotations

import datetime as _dt
import io
import logging
from functools import lru_cache
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

from booth.printing import paper
from booth.printing.paper import Rect
from booth.settings import EventSettings, LayoutSettings
from booth.video import first_frame_rgb, is_video

log = logging.getLogger(__name__)

FONT_FILES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans.ttf")
PAPER_WHITE = (255, 255, 255)


class LayoutError(ValueError):
    """A picture, frame or layout that cannot be printed; the message names the file and what to do."""


def load_picture(source: str | Path | bytes) -> Image.Image:
    """The picture as RGB, upright per its EXIF; for an animation result, its first frame."""
    name = "picture" if isinstance(source, bytes) else str(source)
    # Pillow reads GIF itself (first frame, with its palette); the other video containers need OpenCV.
    if not isinstance(source, bytes) and is_video(source) and Path(source).suffix.lower() != ".gif":
        try:
            return Image.fromarray(first_frame_rgb(source))
        except ValueError as exc:
            raise LayoutError(f"{exc}; it cannot be printed") from None
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        image = Image.open(io.BytesIO(data))
        image.load()
    except FileNotFoundError:
        raise LayoutError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise LayoutError(f"{name}: is a folder, not a picture") from None
    except (UnidentifiedImageError, OSError):
        raise LayoutError(f"{name}: not a picture booth can read; use a JPEG or PNG") from None
    return ImageOps.exif_transpose(image).convert("RGB")


@lru_cache(maxsize=4)
def _overlay(path: str, mtime: float, size: tuple[int, int]) -> tuple[Image.Image, Rect | None]:
    try:
        frame: Image.Image = Image.open(path)
        frame.load()
    except (FileNotFoundError, UnidentifiedImageError, OSError) as exc:
        raise LayoutError(f"overlay {path}: cannot read it ({exc}); give a PNG with a transparent window") from None
    frame = frame.convert("RGBA").resize(size, Image.Resampling.LANCZOS)
    window = frame.getchannel("A").point(lambda alpha: 255 if alpha < 128 else 0).getbbox()
    if window is None:
        return frame, None
    left, top, right, bottom = window
    return frame, Rect(left, top, right - left, bottom - top)


def overlay_window(layout: LayoutSettings) -> Rect | None:
    """Where the overlay's transparent window lies on the page (None without overlay or window)."""
    if layout.overlay is None:
        return None
    return _load_overlay(layout)[1]


def _load_overlay(layout: LayoutSettings) -> tuple[Image.Image, Rect | None]:
    path = Path(layout.overlay).expanduser()  # type: ignore[arg-type]
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return _overlay(str(path), mtime, paper.page_px(layout))


def picture_box(layout: LayoutSettings, qr_url: str | None = None) -> Rect:
    """The page area the picture is fitted into."""
    if layout.overlay is not None:
        window = overlay_window(layout)
        if window is not None:
            return window
        log.warning("overlay %s has no transparent window; the picture fills the page under it", layout.overlay)
    content = paper.content_rect(layout)
    return paper.split_footer(content, paper.has_footer(layout, qr_url))[0]


def compose(
    image: str | Path | bytes | Image.Image,
    layout: LayoutSettings,
    event: EventSettings,
    qr_url: str | None = None,
    *,
    today: _dt.date | None = None,
) -> Image.Image:
    """The whole page as an RGB image of `paper.page_px(layout)` pixels, ready to print."""
    picture = image.convert("RGB") if isinstance(image, Image.Image) else load_picture(image)
    page = Image.new("RGB", paper.page_px(layout), PAPER_WHITE)
    box = picture_box(layout, qr_url)
    source, dest = paper.fit(picture.width, picture.height, box, layout.fit)
    fitted = picture.resize(
        (dest.w, dest.h),
        Image.Resampling.LANCZOS,
        box=(source.x, source.y, source.right, source.bottom),
    )
    page.paste(fitted, (dest.x, dest.y))
    if layout.overlay is not None:
        frame, _ = _load_overlay(layout)
        page.paste(frame, (0, 0), frame)
    content = paper.content_rect(layout)
    footer = paper.split_footer(content, paper.has_footer(layout, qr_url))[1]
    if footer is not None:
        _draw_footer(page, footer, layout, event, qr_url, today or _dt.date.today())
    return page


def _draw_footer(
    page: Image.Image, band: Rect, layout: LayoutSettings, event: EventSettings, qr_url: str | None, today: _dt.date
) -> None:
    pad = max(2, band.h // 10)
    side = band.h - 2 * pad
    left, right = band.x + pad, band.right - pad
    if layout.show_logo and event.logo is not None:
        logo = _logo(event.logo, side)
        if logo is not None:
            page.paste(logo, (left, band.y + (band.h - logo.height) // 2), logo)
            left += logo.width + pad
    if layout.qr and qr_url:
        code = qr_image(qr_url, side)
        right -= code.width
        page.paste(code, (right, band.y + pad))
        right -= pad
    text = layout.text.replace("{date}", today.strftime("%d %B %Y")).replace("{event}", event.name)
    if text and right > left:
        _draw_text(page, text, Rect(left, band.y, right - left, band.h), event.primary_color)


def _logo(path: Path, side: int) -> Image.Image | None:
    try:
        logo: Image.Image = Image.open(path)
        logo.load()
    except (OSError, UnidentifiedImageError):
        log.warning("logo %s cannot be read (PNG or JPEG needed); printing without it", path)
        return None
    logo = logo.convert("RGBA")
    logo.thumbnail((side * 3, side), Image.Resampling.LANCZOS)
    return logo


def qr_image(url: str, side: int) -> Image.Image:
    """A crisp QR code of about `side` pixels (whole pixels per module, so a phone can read the print)."""
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    width = code.symbol_size(scale=1, border=2)[0]
    code.save(buffer, kind="png", scale=max(1, side // width), border=2)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for candidate in FONT_FILES:
        try:
            return ImageFont.truetype(candidate, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _draw_text(page: Image.Image, text: str, box: Rect, color: str) -> None:
    draw = ImageDraw.Draw(page)
    size = max(6, int(box.h * 0.4))
    font = _font(size)
    while size > 6 and draw.textlength(text, font=font) > box.w:
        size = int(size * 0.9)
        font = _font(size)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x = box.x + (box.w - (right - left)) // 2 - left
    y = box.y + (box.h - (bottom - top)) // 2 - top
    draw.text((x, y), text, fill=color, font=font)
