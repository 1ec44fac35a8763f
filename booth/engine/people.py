"""Finding people with only what OpenCV ships: Haar faces, a GrabCut person mask, a skin-colour mask.

No downloaded models are allowed, so segmentation is seeded the classic way: a detected face marks
sure-foreground, a body below it probable foreground, and the frame's top and sides probable background;
GrabCut then follows the real colour edges. With no face found, a centre-person prior (head high in the
middle, torso below) stands in, which fits how a photobooth frames its guests.
"""

from __future__ import annotations

import threading

import cv2
import cv2.data
import numpy as np

from booth.engine.imaging import Image, gray

Box = tuple[int, int, int, int]  # x, y, w, h

_local = threading.local()
FACE_SIDE = 400  # faces are found on a copy this long: plenty for booth-distance faces, and fast
MASK_SIDE = 200  # GrabCut's cost grows with pixels x iterations; this keeps it near 100 ms on a busy box


def _cascade() -> cv2.CascadeClassifier:
    """One classifier per thread: detectMultiScale is not documented as thread-safe."""
    cascade = getattr(_local, "cascade", None)
    if cascade is None:
        cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
        _local.cascade = cascade
    return cascade


def faces(img: Image) -> list[Box]:
    """Frontal faces, biggest first, in the picture's own coordinates."""
    h, w = img.shape[:2]
    scale = min(1.0, FACE_SIDE / max(h, w))
    small = cv2.resize(gray(img), (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    small = cv2.equalizeHist(small)
    min_side = max(20, round(min(small.shape) * 0.08))
    found = _cascade().detectMultiScale(small, scaleFactor=1.12, minNeighbors=6, minSize=(min_side, min_side))
    boxes: list[Box] = [(int(x / scale), int(y / scale), int(bw / scale), int(bh / scale)) for x, y, bw, bh in found]
    return sorted(boxes, key=lambda b: -b[2] * b[3])


def _seed(h: int, w: int, found: list[Box]) -> np.ndarray:
    """GrabCut's starting labels from faces (or the centre prior) at mask resolution."""
    mask = np.full((h, w), cv2.GC_PR_BGD, np.uint8)
    if found:
        for x, y, fw, fh in found[:2]:
            cx = x + fw // 2
            # Body: a trapezoid from the chin widening to the frame's bottom edge.
            body = np.array([(cx - fw, y + fh), (cx + fw, y + fh), (cx + int(fw * 1.9), h), (cx - int(fw * 1.9), h)],
                            np.int32)
            cv2.fillPoly(mask, [body], cv2.GC_PR_FGD)
            cv2.ellipse(mask, (cx, y + fh // 2), (int(fw * 0.75), int(fh * 0.9)), 0, 0, 360, cv2.GC_PR_FGD, -1)
            cv2.rectangle(mask, (x + fw // 5, y + fh // 5), (x + fw * 4 // 5, y + fh * 4 // 5), cv2.GC_FGD, -1)
            cv2.rectangle(mask, (cx - fw // 3, y + fh * 3 // 2), (cx + fw // 3, h - 1), cv2.GC_FGD, -1)
    elif w > 1.15 * h:
        # Landscape with no face found: often a couple, so the middle may be a gap between two guests.
        # Two probable heads and a wide probable torso band, and nothing forced to be foreground.
        for across in (0.3, 0.7):
            cv2.ellipse(mask, (int(w * across), int(h * 0.32)), (int(w * 0.1), int(h * 0.22)), 0, 0, 360,
                        cv2.GC_PR_FGD, -1)
        cv2.rectangle(mask, (int(w * 0.08), int(h * 0.5)), (int(w * 0.92), h - 1), cv2.GC_PR_FGD, -1)
    else:
        cv2.ellipse(mask, (w // 2, int(h * 0.34)), (int(w * 0.16), int(h * 0.16)), 0, 0, 360, cv2.GC_PR_FGD, -1)
        cv2.rectangle(mask, (int(w * 0.2), int(h * 0.5)), (int(w * 0.8), h - 1), cv2.GC_PR_FGD, -1)
        cv2.rectangle(mask, (int(w * 0.44), int(h * 0.3)), (int(w * 0.56), int(h * 0.9)), cv2.GC_FGD, -1)
    band = max(2, w // 40)
    mask[:band, :] = cv2.GC_BGD
    mask[:, :band] = cv2.GC_BGD
    mask[:, -band:] = cv2.GC_BGD
    return mask


def person_mask(img: Image, found: list[Box] | None = None) -> Image:
    """Soft alpha (uint8, 255 = person) the size of `img`, from GrabCut seeded by faces or the prior."""
    h, w = img.shape[:2]
    scale = min(1.0, MASK_SIDE / max(h, w))
    sw, sh = max(8, round(w * scale)), max(8, round(h * scale))
    small = cv2.resize(img, (sw, sh), interpolation=cv2.INTER_AREA)
    found = faces(img) if found is None else found
    scaled = [(round(x * scale), round(y * scale), round(bw * scale), round(bh * scale)) for x, y, bw, bh in found]
    seeds = _seed(sh, sw, scaled)
    mask: Image = seeds.copy()
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    try:
        # With GC_INIT_WITH_MASK the rectangle is not read; the stubs want one all the same.
        cv2.grabCut(small, mask, (0, 0, 0, 0), bgd, fgd, 2, cv2.GC_INIT_WITH_MASK)
    except cv2.error:  # a flat picture gives GrabCut no colours to model: keep the seeds
        mask = seeds
    fg: Image = np.where((mask == cv2.GC_FGD) | (mask == cv2.GC_PR_FGD), 255, 0).astype(np.uint8)
    fg = _keep_seeded(fg, seeds == cv2.GC_FGD)
    fg = cv2.morphologyEx(fg, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    alpha = cv2.resize(fg, (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.GaussianBlur(alpha, (0, 0), max(1.0, max(h, w) / 500))


def _keep_seeded(fg: Image, sure: np.ndarray) -> Image:
    """Drop foreground islands that touch no sure-foreground seed (stray background blobs)."""
    count, labels = cv2.connectedComponents(fg)
    if count <= 2:
        return fg
    keep = np.unique(labels[sure & (fg > 0)])
    keep = keep[keep > 0]
    if keep.size == 0:
        return fg
    return np.where(np.isin(labels, keep), 255, 0).astype(np.uint8)


def skin_mask(img: Image) -> Image:
    """Soft mask (float 0..1) of skin-coloured pixels, by the classic YCrCb skin range."""
    ycrcb = cv2.cvtColor(img, cv2.COLOR_BGR2YCrCb)
    mask = cv2.inRange(ycrcb, (40, 135, 80), (250, 175, 128))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    mask = cv2.GaussianBlur(mask, (0, 0), 2.0)
    return mask.astype(np.float32) / 255.0
