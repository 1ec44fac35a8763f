"""Layouts without a printer: page sizes at printer resolution, cover vs contain, overlay windows, footer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from printing_helpers import BLUE, GREEN, RED, YELLOW, blocks, close_to

from booth.printing import paper
from booth.printing.layout import LayoutError, compose, overlay_window, picture_box
from booth.printing.paper import Rect
from booth.settings import EventSettings, LayoutSettings

EVENT = EventSettings(name="Anna & Ben", primary_color="#102030")


@pytest.mark.parametrize(
    ("name", "orientation", "dpi", "size"),
    [
        ("4x6", "portrait", 300, (1200, 1800)),
        ("4x6", "landscape", 300, (1800, 1200)),
        ("6x4", "landscape", 300, (1800, 1200)),
        ("2x6", "portrait", 300, (600, 1800)),
        ("A6", "portrait", 300, (1240, 1748)),
        ("A5", "landscape", 150, (1240, 874)),
        ("A4", "portrait", 300, (2480, 3508)),
        ("4x6", "portrait", 600, (2400, 3600)),
    ],
)
def test_compose_is_the_page_at_printer_resolution(name: str, orientation: str, dpi: int, size: tuple[int, int]):
    layout = LayoutSettings(paper=name, orientation=orientation, dpi=dpi)
    assert paper.page_px(layout) == size
    page = compose(blocks(640, 480), layout, EVENT)
    assert page.size == size
    assert page.mode == "RGB"


def test_page_points_match_what_a_pdf_says():
    assert paper.page_points(LayoutSettings(paper="4x6")) == pytest.approx((288, 432))
    assert paper.page_points(LayoutSettings(paper="A4")) == pytest.approx((595.3, 841.9), abs=0.1)


def test_cover_fills_the_box_and_crops_evenly():
    box = Rect(0, 0, 1200, 1800)
    source, dest = paper.fit(1920, 1080, box, "cover")
    assert dest == box
    assert source.h == 1080 and source.w == 720  # 2:3 slice of the height
    assert source.x == (1920 - 720) // 2


def test_contain_keeps_the_whole_picture_centred():
    box = Rect(100, 100, 1200, 1800)
    source, dest = paper.fit(1920, 1080, box, "contain")
    assert source == Rect(0, 0, 1920, 1080)
    assert dest.w == 1200 and dest.h == 675
    assert dest.x == 100 and dest.y == 100 + (1800 - 675) // 2


def test_cover_page_shows_the_picture_corner_to_corner():
    page = compose(blocks(900, 600), LayoutSettings(paper="4x6", dpi=100, fit="cover"), EVENT)
    w, h = page.size
    assert close_to(page.getpixel((5, 5)), RED) and close_to(page.getpixel((w - 5, 5)), GREEN)
    assert close_to(page.getpixel((5, h - 5)), BLUE) and close_to(page.getpixel((w - 5, h - 5)), YELLOW)


def test_contain_page_leaves_paper_bands_and_shows_every_quadrant():
    page = compose(blocks(900, 600), LayoutSettings(paper="4x6", dpi=100, fit="contain"), EVENT)
    w, h = page.size  # 400 x 600; the picture is 400 x 267 in the middle
    assert page.getpixel((w // 2, 10)) == (255, 255, 255)
    assert page.getpixel((w // 2, h - 10)) == (255, 255, 255)
    middle = h // 2
    assert close_to(page.getpixel((10, middle - 60)), RED) and close_to(page.getpixel((w - 10, middle - 60)), GREEN)
    assert close_to(page.getpixel((10, middle + 60)), BLUE) and close_to(page.getpixel((w - 10, middle + 60)), YELLOW)


def test_margins_keep_the_picture_off_the_edge():
    layout = LayoutSettings(paper="4x6", dpi=100, borderless=False, margin_mm=10)
    page = compose(blocks(400, 600), layout, EVENT)
    edge = paper.mm_to_px(10, 100)
    assert page.getpixel((edge // 2, edge // 2)) == (255, 255, 255)
    assert close_to(page.getpixel((edge + 3, edge + 3)), RED)


def _frame(path: Path, size: tuple[int, int], window: tuple[int, int, int, int]) -> Path:
    frame = Image.new("RGBA", size, (128, 0, 128, 255))
    frame.paste((0, 0, 0, 0), window)
    frame.save(path)
    return path


def test_overlay_window_is_found_from_the_alpha_channel_and_holds_the_picture(tmp_path: Path):
    # A frame drawn at half the print resolution: its window must scale with it.
    overlay = _frame(tmp_path / "frame.png", (200, 300), (20, 30, 180, 210))
    layout = LayoutSettings(paper="4x6", dpi=100, overlay=overlay)
    assert overlay_window(layout) == Rect(40, 60, 320, 360)
    page = compose(blocks(640, 720), layout, EVENT)
    assert close_to(page.getpixel((10, 10)), (128, 0, 128))  # frame
    assert close_to(page.getpixel((45, 65)), RED)  # window's top-left: the picture's top-left
    assert close_to(page.getpixel((355, 415)), YELLOW)
    assert close_to(page.getpixel((200, 500)), (128, 0, 128))  # frame below the window


def test_overlay_without_a_window_still_prints(tmp_path: Path):
    overlay = tmp_path / "solid.png"
    Image.new("RGBA", (40, 60), (0, 0, 0, 255)).save(overlay)
    layout = LayoutSettings(paper="4x6", dpi=72, overlay=overlay)
    assert overlay_window(layout) is None
    assert compose(blocks(40, 60), layout, EVENT).size == paper.page_px(layout)


def test_footer_holds_text_and_qr_and_the_picture_moves_up():
    layout = LayoutSettings(paper="4x6", dpi=150, text="{event} · {date}", qr=True)
    box = picture_box(layout, "http://10.0.0.5:8765/s/abc")
    assert box.bottom < paper.page_px(layout)[1]
    page = compose(blocks(600, 900), layout, EVENT, "http://10.0.0.5:8765/s/abc", today=dt.date(2026, 5, 1))
    w, h = page.size
    footer = np.asarray(page.crop((0, box.bottom, w, h))).astype(int)
    assert (footer.sum(axis=2) < 200).sum() > 500  # QR modules and text were drawn
    text_colour = (np.abs(footer - [0x10, 0x20, 0x30]).max(axis=2) <= 20).sum()
    assert text_colour > 50  # event text in the event's primary colour


def test_unreadable_files_are_named(tmp_path: Path):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    with pytest.raises(LayoutError, match=r"notes\.txt: not a picture"):
        compose(bad, LayoutSettings(), EVENT)
    with pytest.raises(LayoutError, match="no such file"):
        compose(tmp_path / "missing.jpg", LayoutSettings(), EVENT)
