"""booth.video: one first-frame decoder for the printer, the kiosk and the operator panel."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from booth.video import first_frame_rgb, first_frame_rgb_of, is_video


def _clip(path: Path, bgr: tuple[int, int, int]) -> Path:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"mp4v"), 10.0, (64, 48))
    for _ in range(3):
        writer.write(np.full((48, 64, 3), bgr, np.uint8))
    writer.release()
    return path


def test_first_frame_is_rgb_at_the_video_size(tmp_path: Path) -> None:
    frame = first_frame_rgb(_clip(tmp_path / "red.mp4", (0, 0, 255)))  # BGR red
    assert frame.shape == (48, 64, 3) and frame.dtype == np.uint8 and frame.flags["C_CONTIGUOUS"]
    red, green, blue = (int(v) for v in frame[24, 32])
    assert red > 200 and green < 60 and blue < 60


def test_a_video_in_memory_decodes_the_same(tmp_path: Path) -> None:
    data = _clip(tmp_path / "blue.mp4", (255, 0, 0)).read_bytes()
    assert int(first_frame_rgb_of(data)[24, 32][2]) > 200


@pytest.mark.parametrize("content", [None, b"", b"not a video at all" * 100])
def test_an_unreadable_file_is_a_value_error_naming_it(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "broken.mp4"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ValueError, match=r"broken\.mp4: could not be read"):
        first_frame_rgb(path)
    with pytest.raises(ValueError, match="could not be read"):
        first_frame_rgb_of(content or b"")


def test_video_suffixes() -> None:
    assert is_video("a/b/result.MP4") and is_video("loop.gif") and not is_video("photo.jpg")
