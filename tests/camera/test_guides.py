"""The ratio guide: the rectangle the preview frames and the still is cut to."""

from __future__ import annotations

import pytest

from booth.camera.guides import guide_rect, person_halves


@pytest.mark.parametrize(
    ("frame", "ratio", "expected"),
    [
        ((1920, 1080), "portrait", (600, 0, 720, 1080)),
        ((1920, 1080), "landscape", (150, 0, 1620, 1080)),
        ((1920, 1080), "square", (420, 0, 1080, 1080)),
        ((1080, 1920), "landscape", (0, 600, 1080, 720)),
        ((1080, 1920), "portrait", (0, 150, 1080, 1620)),
        ((1080, 1920), "square", (0, 420, 1080, 1080)),
        ((3840, 2160), "portrait", (1200, 0, 1440, 2160)),
    ],
)
def test_guide_is_largest_centred_rect_of_the_ratio(frame: tuple[int, int], ratio: str, expected: tuple) -> None:
    assert guide_rect(*frame, ratio) == expected


def test_two_person_guide_keeps_the_crop_and_splits_it_in_halves() -> None:
    rect = guide_rect(1920, 1080, "landscape", two_person=True)
    assert rect == guide_rect(1920, 1080, "landscape")
    left, right = person_halves(rect)
    assert left == (150, 0, 810, 1080)
    assert right == (960, 0, 810, 1080)


def test_unknown_ratio_names_the_choices() -> None:
    with pytest.raises(ValueError, match="portrait"):
        guide_rect(1920, 1080, "panorama")
