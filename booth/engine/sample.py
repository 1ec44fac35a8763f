"""A guest the engine draws itself: the picture catalog previews are made from, and a test subject.

The engine must work with no downloads, so previews cannot start from a stock photo. A drawn portrait
(plain-ish backdrop, skin-toned face with features, hair, a shirt) exercises what the looks react to:
edges, flat areas, skin tones and a figure that stands out from its background.
"""

from __future__ import annotations

import cv2
import numpy as np

from booth.engine.imaging import Image

SKIN = (140, 172, 222)  # BGR; inside the YCrCb skin range the skin refiner uses
HAIR = (40, 52, 78)
SHIRTS = ((170, 90, 40), (60, 60, 190))


def _backdrop(w: int, h: int) -> Image:
    """A soft studio gradient with a few shapes, so filters have texture away from the person."""
    ys = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    top, bottom = np.array([230, 214, 196], np.float32), np.array([170, 150, 130], np.float32)
    img = np.broadcast_to(top * (1 - ys) + bottom * ys, (h, w, 3)).astype(np.uint8).copy()
    cv2.rectangle(img, (int(w * 0.04), int(h * 0.08)), (int(w * 0.2), int(h * 0.3)), (200, 190, 120), -1)
    cv2.circle(img, (int(w * 0.9), int(h * 0.18)), int(min(w, h) * 0.06), (90, 180, 240), -1)
    leaves = (int(w * 0.9), int(h * 0.8))
    cv2.ellipse(img, leaves, (int(w * 0.07), int(h * 0.12)), 0, 0, 360, (60, 140, 70), -1)
    return img


def _person(img: Image, cx: int, scale: float, shirt: tuple[int, int, int]) -> None:
    """Draw one head-and-shoulders figure centred on column `cx`; `scale` is the head height in px."""
    h = img.shape[0]
    head_w, head_h = int(scale * 0.38), int(scale * 0.5)
    cy = int(h * 0.36)
    # Shoulders and torso run off the bottom edge, like a real booth framing.
    body = np.array(
        [
            (cx - int(scale * 1.0), h),
            (cx - int(scale * 0.85), cy + int(scale * 0.95)),
            (cx - int(scale * 0.3), cy + int(scale * 0.7)),
            (cx + int(scale * 0.3), cy + int(scale * 0.7)),
            (cx + int(scale * 0.85), cy + int(scale * 0.95)),
            (cx + int(scale * 1.0), h),
        ],
        np.int32,
    )
    cv2.fillPoly(img, [body], shirt)
    neck = ((cx - int(scale * 0.14), cy + int(scale * 0.35)), (cx + int(scale * 0.14), cy + int(scale * 0.75)))
    cv2.rectangle(img, *neck, SKIN, -1)
    cv2.ellipse(img, (cx, cy - int(scale * 0.08)), (head_w + 6, head_h), 0, 180, 360, HAIR, -1)
    cv2.ellipse(img, (cx, cy), (head_w, head_h), 0, 0, 360, SKIN, -1)
    cv2.ellipse(img, (cx, cy - int(scale * 0.3)), (head_w, int(scale * 0.2)), 0, 180, 360, HAIR, -1)
    eye_y, eye_dx = cy - int(scale * 0.05), int(scale * 0.15)
    for side in (-1, 1):
        ex = cx + side * eye_dx
        cv2.line(img, (ex - int(scale * 0.08), eye_y - int(scale * 0.08)), (ex + int(scale * 0.08),
                 eye_y - int(scale * 0.09)), HAIR, max(2, int(scale * 0.025)))
        cv2.ellipse(img, (ex, eye_y), (int(scale * 0.07), int(scale * 0.035)), 0, 0, 360, (245, 245, 245), -1)
        cv2.circle(img, (ex, eye_y), int(scale * 0.03), (50, 40, 30), -1)
    cv2.line(img, (cx, eye_y + int(scale * 0.03)), (cx - int(scale * 0.03), cy + int(scale * 0.14)),
             (110, 135, 185), max(2, int(scale * 0.02)))
    cv2.ellipse(img, (cx, cy + int(scale * 0.25)), (int(scale * 0.12), int(scale * 0.05)), 0, 0, 180,
                (70, 60, 170), max(2, int(scale * 0.025)))


def sample_photo(width: int = 768, height: int = 1152, people: int = 1) -> Image:
    """The built-in guest picture (BGR) at any size; `people=2` draws a couple side by side."""
    img = _backdrop(width, height)
    head = min(width / (2.2 * people), height * 0.42)
    if people == 1:
        _person(img, width // 2, head, SHIRTS[0])
    else:
        for i in range(people):
            _person(img, int(width * (i + 0.5) / people), head, SHIRTS[i % len(SHIRTS)])
    return _photographic(img)


def _photographic(img: Image) -> Image:
    """Soft key light from the upper left, a touch of lens softness and sensor noise: a drawing that
    behaves more like a photo under the looks (gradients to posterize, noise to smooth)."""
    h, w = img.shape[:2]
    ys = np.linspace(0, 1, h, dtype=np.float32)[:, None]
    xs = np.linspace(0, 1, w, dtype=np.float32)[None, :]
    light = 1.12 - 0.3 * np.sqrt((xs - 0.25) ** 2 + (ys - 0.15) ** 2)
    out = cv2.GaussianBlur(img, (0, 0), max(0.8, min(h, w) / 700)).astype(np.float32) * light[:, :, None]
    noise = np.random.default_rng(3).normal(0, 4, img.shape).astype(np.float32)
    return np.clip(out + noise, 0, 255).astype(np.uint8)
