"""Hand-made looks: ink, pencil, charcoal, watercolour, oil and cartoon, from classic OpenCV recipes.

Each takes and returns a BGR picture of the same size. The costly steps (bilateral and median filters,
morphology) run on a downscaled copy through `at_most`, which is what keeps every look under the
engine's one-second budget on a 1024x1024 photo with two shared cores.
"""

from __future__ import annotations

import cv2
import numpy as np

from booth.engine.imaging import Image, at_most, gray, ink_edges, quantize, resize, to_bgr


def _smooth(img: Image, passes: int = 2, d: int = 7) -> Image:
    """Edge-preserving flattening: the base of every painted look."""
    for _ in range(passes):
        img = cv2.bilateralFilter(img, d, 50, 7)
    return img


def _saturate(img: Image, factor: float, value: float = 1.0) -> Image:
    hsv = cv2.cvtColor(img, cv2.COLOR_BGR2HSV).astype(np.float32)
    hsv[:, :, 1] = np.clip(hsv[:, :, 1] * factor, 0, 255)
    hsv[:, :, 2] = np.clip(hsv[:, :, 2] * value, 0, 255)
    return cv2.cvtColor(hsv.astype(np.uint8), cv2.COLOR_HSV2BGR)


def _paper(shape: tuple[int, ...], strength: float, seed: int = 11) -> Image:
    """A soft paper-fibre texture (float, around 1.0) to multiply a drawing with."""
    h, w = shape[:2]
    noise: Image = np.random.default_rng(seed).normal(0, 1, (h // 2 + 1, w // 2 + 1)).astype(np.float32)
    noise = cv2.GaussianBlur(noise, (0, 0), 1.2)
    noise = cv2.resize(noise, (w, h), interpolation=cv2.INTER_LINEAR)
    paper: Image = 1.0 + strength * noise / (np.abs(noise).max() + 1e-6)
    return paper


def comic_ink(img: Image) -> Image:
    """Flat poster colours, bold black outlines and halftone shadows: a printed comic page."""

    def work(small: Image) -> Image:
        flat = quantize(_saturate(_smooth(small), 1.5, 1.05), 4)
        edges = cv2.erode(ink_edges(small, 9, 4, 7), np.ones((2, 2), np.uint8))
        g = gray(small)
        # Ben-Day dots in the shadows: a dot grid visible only where the picture is dark.
        h, w = g.shape
        yy, xx = np.mgrid[0:h, 0:w]
        dots = ((yy % 6 - 3) ** 2 + (xx % 6 - 3) ** 2) < 4
        shade = (g < 90) & dots
        out = flat.copy()
        out[shade] = (out[shade] * 0.45).astype(np.uint8)
        out[edges == 0] = 0
        return out

    return at_most(img, 640, work)


def cartoon(img: Image) -> Image:
    """Smooth colour fields with thin outlines, softer and more colourful than comic ink."""

    def work(small: Image) -> Image:
        colour = _saturate(_smooth(cv2.pyrDown(small), 3, 9), 1.35, 1.08)
        colour = resize(colour, (small.shape[1], small.shape[0]))
        colour = quantize(colour, 8)
        edges = ink_edges(small, 7, 5, 5)
        return cv2.bitwise_and(colour, colour, mask=edges)

    return at_most(img, 768, work)


def pencil_sketch(img: Image) -> Image:
    """Colour-dodge of the grey picture with its blurred negative, on paper: a graphite sketch."""
    g = gray(img)
    blur = cv2.GaussianBlur(255 - g, (0, 0), 8)
    sketch = cv2.divide(g, 255 - blur, scale=256)
    # The dodge alone leaves only outlines; soft graphite shading brings back the picture's tones.
    shading = cv2.normalize(cv2.GaussianBlur(g, (0, 0), 3), np.empty_like(g), 120, 255, cv2.NORM_MINMAX)
    sketch = cv2.multiply(sketch, shading, scale=1 / 255)
    sketch = (255 * (sketch / 255.0) ** 1.6).astype(np.uint8)
    sketch = (sketch.astype(np.float32) * _paper(g.shape, 0.06)).clip(0, 255).astype(np.uint8)
    sketch = cv2.addWeighted(sketch, 0.85, np.full_like(sketch, 235), 0.15, 0)
    # A faint warm cast: graphite on cream paper rather than a grey screenshot.
    warm: Image = cv2.merge(
        [cv2.subtract(sketch, np.full_like(sketch, 10)), cv2.subtract(sketch, np.full_like(sketch, 4)), sketch]
    )
    return warm


def charcoal(img: Image) -> Image:
    """Dark smudged strokes from the picture's gradients, with heavy shading: a charcoal portrait."""

    def work(small: Image) -> Image:
        g = cv2.GaussianBlur(gray(small), (0, 0), 1.5)
        edges = cv2.morphologyEx(g, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
        tone = cv2.normalize(g, np.empty_like(g), 60, 255, cv2.NORM_MINMAX)
        drawing = cv2.subtract(tone, cv2.multiply(edges, np.full_like(edges, 3)))
        drawing = cv2.GaussianBlur(drawing, (0, 0), 0.8)
        drawing = (drawing.astype(np.float32) * _paper(drawing.shape, 0.12, 5)).clip(0, 255).astype(np.uint8)
        return to_bgr(drawing)

    return at_most(img, 768, work)


def watercolor(img: Image) -> Image:
    """Bleeding washes of soft colour, darker pigment pooled at the edges, paper showing through."""

    def work(small: Image) -> Image:
        wash = cv2.medianBlur(_smooth(small, 3, 9), 9)
        wash = cv2.GaussianBlur(_saturate(wash, 1.3, 1.1), (0, 0), 1.5)  # colours bleed like wet paint
        rim = cv2.morphologyEx(gray(wash), cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
        out = wash.astype(np.float32) - rim[:, :, None].astype(np.float32) * 1.2
        out = out * _paper(small.shape, 0.09, 9)[:, :, None]
        out = out * 0.85 + 255 * 0.15  # unpainted paper lifts every tone
        painted: Image = out.clip(0, 255).astype(np.uint8)
        return painted

    return at_most(img, 512, work)


def oil_painting(img: Image) -> Image:
    """Dabs of thick paint (morphological brush blobs) lit from the side to show the brush relief."""

    def work(small: Image) -> Image:
        base = cv2.medianBlur(_saturate(small, 1.3, 1.05), 5)
        brush = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7))
        paint = cv2.morphologyEx(cv2.morphologyEx(base, cv2.MORPH_OPEN, brush), cv2.MORPH_CLOSE, brush)
        # Brush relief: broad diagonal strokes plus the paint's own edges, shaded like an emboss.
        h, w = paint.shape[:2]
        streaks: Image = np.random.default_rng(2).normal(0, 1, (h // 3 + 1, w // 3 + 1)).astype(np.float32)
        streaks = cv2.filter2D(streaks, -1, np.eye(7, dtype=np.float32) / 7)
        streaks = cv2.resize(streaks, (w, h), interpolation=cv2.INTER_CUBIC)
        height = cv2.GaussianBlur(gray(paint).astype(np.float32), (0, 0), 1.2) + streaks * 14
        relief = cv2.Sobel(height, cv2.CV_32F, 1, 0, ksize=3) + cv2.Sobel(height, cv2.CV_32F, 0, 1, ksize=3)
        light = 1.0 + np.clip(relief / 90.0, -0.3, 0.3)
        lit: Image = (paint.astype(np.float32) * light[:, :, None]).clip(0, 255).astype(np.uint8)
        return lit

    return at_most(img, 640, work)
