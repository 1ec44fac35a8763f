"""animate_image: a short MP4 made from the photo with a slow Ken-Burns push-in towards the face.

OpenCV's bundled FFmpeg writes MPEG-4 Part 2 (`mp4v`) into an MP4 container, which every phone and
browser plays; it only writes to files, so the clip goes through a temporary file and comes back as
bytes. Frames are made by one affine warp each, so the whole clip stays well under a second. A GIF
version (Pillow) exists for the `animation=gif` answer variant, so clients are tested on both.
"""

from __future__ import annotations

import io
import math
import os
import tempfile

import cv2
import numpy as np
from PIL import Image as PILImage

from booth.engine.imaging import Image
from booth.engine.people import faces

GIF_SIDE = 480  # GIFs are palette-quantized frame by frame: kept small so the clip stays under a second
FPS = 8  # enough for a slow push-in; every frame costs a warp and an encode on a busy CPU
SECONDS = 3.0
ZOOM = 1.18  # final zoom factor: enough to feel like motion, little enough to keep the whole face


class VideoError(RuntimeError):
    """OpenCV could not write the clip (no MP4 encoder in this OpenCV build)."""


def _ease(t: float) -> float:
    return 0.5 - 0.5 * math.cos(math.pi * t)


def frames(img: Image, count: int) -> list[Image]:
    """The clip's frames: zooming from the whole picture towards the biggest face (or upper centre)."""
    h, w = img.shape[:2]
    found = faces(img)
    if found:
        x, y, fw, fh = found[0]
        tx, ty = x + fw / 2, y + fh / 2
    else:
        tx, ty = w / 2, h * 0.4
    out = []
    for i in range(count):
        t = _ease(i / max(1, count - 1))
        zoom = 1 + (ZOOM - 1) * t
        # Centre drifts from the picture's middle to the target; clamp so no border ever shows.
        cx = w / 2 + (tx - w / 2) * t
        cy = h / 2 + (ty - h / 2) * t
        half_w, half_h = w / (2 * zoom), h / (2 * zoom)
        cx = min(max(cx, half_w), w - half_w)
        cy = min(max(cy, half_h), h - half_h)
        matrix = np.array([[zoom, 0, w / 2 - zoom * cx], [0, zoom, h / 2 - zoom * cy]], np.float32)
        out.append(cv2.warpAffine(img, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT))
    return out


def ken_burns_mp4(img: Image) -> bytes:
    """Encode the clip as MP4 bytes (dimensions made even, as the encoder requires)."""
    h, w = img.shape[:2]
    img = img[: h - h % 2, : w - w % 2]
    h, w = img.shape[:2]
    fd, path = tempfile.mkstemp(prefix="booth-engine-", suffix=".mp4")
    os.close(fd)
    try:
        writer = cv2.VideoWriter(path, cv2.VideoWriter.fourcc(*"mp4v"), FPS, (w, h))
        if not writer.isOpened():
            raise VideoError("this OpenCV build cannot write MP4 (mp4v) video")
        try:
            for frame in frames(img, int(FPS * SECONDS)):
                writer.write(frame)
        finally:
            writer.release()
        with open(path, "rb") as fh:
            data = fh.read()
    finally:
        os.unlink(path)
    if data[4:8] != b"ftyp":
        raise VideoError("the encoder did not produce an MP4 file")
    return data


def ken_burns_gif(img: Image) -> bytes:
    """The same clip as an animated GIF (for the `animation=gif` variant), at most GIF_SIDE px long."""
    h, w = img.shape[:2]
    scale = min(1.0, GIF_SIDE / max(h, w))
    small = cv2.resize(img, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    pictures = [
        PILImage.fromarray(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)).quantize(128, PILImage.Quantize.FASTOCTREE)
        for frame in frames(small, int(FPS * SECONDS))
    ]
    out = io.BytesIO()
    pictures[0].save(out, format="GIF", save_all=True, append_images=pictures[1:], duration=1000 // FPS, loop=0)
    return out.getvalue()
