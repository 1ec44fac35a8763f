"""Where the photo will be cut: the ratio guide the preview draws is the rectangle the still is cropped to.

The AI services return pictures in three aspect ratios (booth.api.services.RATIOS); framing the guest in
the same aspect on screen means what they see is what comes back. The guide is the largest rectangle of
that aspect centred in the camera frame. Two-person services keep the ratio's aspect (the result has it)
and add two halves, one per guest, so the pair stands apart and centred.
"""

from __future__ import annotations

from booth.api.services import RATIOS

Rect = tuple[int, int, int, int]  # x, y, w, h


def ratio_aspect(ratio: str) -> float:
    """Width over height of a named ratio; unknown names are a programming error with a clear message."""
    try:
        w, h = RATIOS[ratio]
    except KeyError:
        known = ", ".join(sorted(RATIOS))
        raise ValueError(f"unknown ratio {ratio!r}: use one of {known}") from None
    return w / h


def guide_rect(frame_w: int, frame_h: int, ratio: str, two_person: bool = False) -> Rect:
    """The largest rectangle of the ratio's aspect centred in a frame_w x frame_h frame, in pixels.

    `two_person` does not change the crop (the service answers in the ratio's aspect either way); it is
    accepted so callers can pass the guide choice through unchanged. Even sizes keep JPEG chroma clean.
    """
    if frame_w <= 0 or frame_h <= 0:
        raise ValueError(f"frame size must be positive, got {frame_w}x{frame_h}")
    aspect = ratio_aspect(ratio)
    if frame_w / frame_h > aspect:
        h = frame_h
        w = min(frame_w, round(h * aspect))
    else:
        w = frame_w
        h = min(frame_h, round(w / aspect))
    w -= w % 2 if w > 2 else 0
    h -= h % 2 if h > 2 else 0
    return ((frame_w - w) // 2, (frame_h - h) // 2, w, h)


def person_halves(rect: Rect) -> tuple[Rect, Rect]:
    """The left and right halves of a two-person guide, one per guest."""
    x, y, w, h = rect
    left = w // 2
    return (x, y, left, h), (x + left, y, w - left, h)


def scale_rect(rect: Rect, scale: float, dx: float = 0.0, dy: float = 0.0) -> tuple[float, float, float, float]:
    """A frame-pixel rectangle mapped onto a display that shows the frame scaled and offset."""
    x, y, w, h = rect
    return (dx + x * scale, dy + y * scale, w * scale, h * scale)
