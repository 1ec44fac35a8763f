"""Graphic looks: pop-art halftone, Warhol grid, noir, vintage, neon edges, pixel art, duotone, thermal, glitch.

These are cheap per-pixel recipes (lookup tables, colour maps, one edge pass), so most run at full size;
the few with neighbourhood work go through `at_most`. Random touches (grain, scratches, glitch slices)
use fixed seeds so the same photo always gives the same picture.
"""

from __future__ import annotations

import cv2
import numpy as np

from booth.engine.imaging import Image, at_most, grain, gray, quantize, resize, tint, vignette

_CLAHE = cv2.createCLAHE(clipLimit=2.5, tileGridSize=(8, 8))


def _contrast(g: Image) -> Image:
    return _CLAHE.apply(g)


def pop_art(img: Image) -> Image:
    """Three bold inks and a halftone dot screen whose dots grow with the shadows."""
    h, w = img.shape[:2]
    cell = max(6, min(h, w) // 110)
    g = cv2.GaussianBlur(gray(img), (0, 0), 1.5)
    levels = np.digitize(g, [85, 170])
    palette = np.array([(150, 40, 220), (40, 200, 250), (235, 200, 80)], np.uint8)  # magenta, yellow, cyan
    out = palette[levels]
    # Dot radius per cell from the cell's mean darkness, drawn without a Python loop.
    small = cv2.resize(g, (w // cell + 1, h // cell + 1), interpolation=cv2.INTER_AREA).astype(np.float32)
    radius = (1 - small / 255.0) * cell * 0.62
    radius = np.repeat(np.repeat(radius, cell, 0), cell, 1)[:h, :w]
    yy, xx = np.mgrid[0:h, 0:w]
    dist = np.hypot(yy % cell - cell / 2 + 0.5, xx % cell - cell / 2 + 0.5)
    out[dist < radius] = (30, 20, 20)
    dotted: Image = out
    return dotted


def warhol(img: Image) -> Image:
    """The same face four times in clashing poster colours, screen-print style."""
    h, w = img.shape[:2]
    half = cv2.resize(img, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
    g = cv2.GaussianBlur(gray(half), (0, 0), 1.2)
    levels = np.digitize(g, [70, 140, 200])
    palettes = (
        [(60, 20, 120), (40, 90, 240), (80, 220, 250), (250, 240, 220)],
        [(90, 30, 20), (200, 60, 160), (120, 230, 130), (230, 250, 255)],
        [(30, 40, 40), (240, 120, 40), (50, 200, 250), (240, 210, 250)],
        [(20, 60, 20), (60, 60, 220), (200, 200, 60), (220, 255, 240)],
    )
    tiles = [np.array(p, np.uint8)[levels] for p in palettes]
    grid = np.vstack([np.hstack(tiles[:2]), np.hstack(tiles[2:])])
    return resize(grid, (w, h))


def noir(img: Image) -> Image:
    """Hard black-and-white with crushed shadows, window-blind light, vignette and film grain."""
    g = _contrast(gray(img))
    lut = np.clip((np.arange(256) / 255.0 - 0.5) * 1.6 + 0.5, 0, 1) ** 1.15 * 255
    g = lut.astype(np.uint8)[g]
    h, w = g.shape
    ys = np.arange(h, dtype=np.float32)[:, None] * 0.9
    xs = np.arange(w, dtype=np.float32)[None, :] * 0.35
    blinds = np.where(np.sin((ys + xs) * (60 / max(h, w))) > -0.2, 1.0, 0.82).astype(np.float32)
    out = (g * blinds).astype(np.uint8)
    return grain(vignette(cv2.cvtColor(out, cv2.COLOR_GRAY2BGR), 0.7), 9, seed=4)


def vintage(img: Image) -> Image:
    """A faded sepia print: warm tones, lifted blacks, dark corners, grain and a few scratches."""
    sepia = np.array([[0.272, 0.534, 0.131], [0.349, 0.686, 0.168], [0.393, 0.769, 0.189]], np.float32)
    out = cv2.transform(img.astype(np.float32), sepia)
    out = out * 0.82 + 28  # faded: blacks lifted, whites dimmed
    out = np.clip(out, 0, 255).astype(np.uint8)
    out = grain(vignette(out, 0.55), 7, seed=8)
    rng = np.random.default_rng(12)
    h, w = out.shape[:2]
    for _ in range(6):
        x = int(rng.integers(0, w))
        cv2.line(out, (x, 0), (x + int(rng.integers(-20, 20)), h), (210, 225, 235), 1, cv2.LINE_AA)
    return out


def neon_edges(img: Image) -> Image:
    """Glowing rainbow outlines on a night-dark copy of the photo."""

    def work(small: Image) -> Image:
        h, w = small.shape[:2]
        edges = cv2.Canny(cv2.GaussianBlur(gray(small), (0, 0), 1.6), 40, 110)
        edges = cv2.dilate(edges, np.ones((2, 2), np.uint8))
        yy, xx = np.mgrid[0:h, 0:w]
        hue = ((xx + yy) * 180 // (w + h) + 120) % 180
        colour = cv2.cvtColor(cv2.merge([hue.astype(np.uint8), np.full((h, w), 255, np.uint8),
                                         np.full((h, w), 255, np.uint8)]), cv2.COLOR_HSV2BGR)
        lines = cv2.bitwise_and(colour, colour, mask=edges)
        glow = cv2.GaussianBlur(lines, (0, 0), 6)
        dark = (small * 0.18).astype(np.uint8)
        return cv2.add(cv2.add(dark, lines), cv2.addWeighted(glow, 2.2, glow, 0, 0))

    return at_most(img, 768, work)


def pixel_art(img: Image) -> Image:
    """An 8-bit game sprite: 72 big pixels across, a 64-colour palette, hard square edges."""
    h, w = img.shape[:2]
    cols = 72
    rows = max(1, round(cols * h / w))
    tiny = cv2.resize(cv2.bilateralFilter(cv2.resize(img, (cols * 4, rows * 4), interpolation=cv2.INTER_AREA),
                                          5, 40, 5), (cols, rows), interpolation=cv2.INTER_AREA)
    tiny = quantize(cv2.convertScaleAbs(tiny, alpha=1.15, beta=-10), 4)
    return cv2.resize(tiny, (w, h), interpolation=cv2.INTER_NEAREST)


def duotone(img: Image) -> Image:
    """Shadows in deep indigo, highlights in hot coral: the two-ink poster look."""
    return tint(_contrast(gray(img)), (90, 20, 40), (120, 150, 255))


def thermal(img: Image) -> Image:
    """A heat-camera picture: brightness read as temperature through the inferno colour map."""
    g = cv2.GaussianBlur(_contrast(gray(img)), (0, 0), 2.5)
    return cv2.applyColorMap(g, cv2.COLORMAP_INFERNO)


def glitch(img: Image) -> Image:
    """A worn VHS tape: split colour channels, shifted slices and scanlines."""
    h, w = img.shape[:2]
    shift = max(4, w // 90)
    b, g, r = cv2.split(img)
    out = cv2.merge([np.roll(b, -shift, axis=1), g, np.roll(r, shift, axis=1)])
    rng = np.random.default_rng(21)
    for _ in range(7):
        y = int(rng.integers(0, h - 10))
        band = int(rng.integers(4, max(5, h // 25)))
        out[y : y + band] = np.roll(out[y : y + band], int(rng.integers(-w // 12, w // 12)), axis=1)
    out[::3] = (out[::3] * 0.72).astype(np.uint8)
    return cv2.convertScaleAbs(out, alpha=1.1, beta=6)
