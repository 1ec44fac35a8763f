"""The engine's catalog of looks: filters by id, the 17 pose/comic styles, self-prompt workflows and words.

This is the engine's stand-in for the vendor's catalogs, so ids are stable (a booth caches them) and
every entry names a real OpenCV look from `looks_paint` / `looks_graphic`. Prompt words choose a look the
way a guest would expect ("noir", "watercolor"...), falling back to the workflow's own look.
"""

from __future__ import annotations

import re
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from booth.engine import looks_graphic as graphic
from booth.engine import looks_paint as paint
from booth.engine.imaging import Image, shift_hue


@dataclass(frozen=True, slots=True)
class Look:
    key: str
    name: str
    category: str
    fn: Callable[[Image], Image]

    def __call__(self, img: Image) -> Image:
        return self.fn(img)


_LOOKS = (
    Look("comic_ink", "Comic Ink", "comic", paint.comic_ink),
    Look("pencil_sketch", "Pencil Sketch", "drawing", paint.pencil_sketch),
    Look("watercolor", "Watercolour", "painting", paint.watercolor),
    Look("oil_painting", "Oil Painting", "painting", paint.oil_painting),
    Look("pop_art", "Pop-Art Halftone", "graphic", graphic.pop_art),
    Look("noir", "Film Noir", "photo", graphic.noir),
    Look("vintage", "Vintage Sepia", "photo", graphic.vintage),
    Look("neon_edges", "Neon Edges", "graphic", graphic.neon_edges),
    Look("pixel_art", "Pixel Art", "graphic", graphic.pixel_art),
    Look("duotone", "Duotone", "graphic", graphic.duotone),
    Look("cartoon", "Cartoon", "comic", paint.cartoon),
    Look("charcoal", "Charcoal", "drawing", paint.charcoal),
    Look("thermal", "Thermal Camera", "graphic", graphic.thermal),
    Look("glitch", "Retro Glitch", "graphic", graphic.glitch),
    Look("warhol", "Warhol Grid", "graphic", graphic.warhol),
)
LOOKS: dict[str, Look] = {look.key: look for look in _LOOKS}
# Filter ids are the catalog's stable numbers (1-based, like the vendor's).
FILTERS: dict[int, Look] = {i: look for i, look in enumerate(_LOOKS, start=1)}


@dataclass(frozen=True, slots=True)
class Style:
    """A pose/comic style: a base look plus a colour shift, so 17 styles stay visibly distinct."""

    name: str
    look: str
    hue_shift: int = 0  # degrees on OpenCV's 0..180 hue wheel


STYLES: dict[int, Style] = dict(
    enumerate(
        (
            Style("Classic Comic", "comic_ink"),
            Style("Manga Ink", "comic_ink", 90),
            Style("Saturday Cartoon", "cartoon"),
            Style("Cool Cartoon", "cartoon", 60),
            Style("Pop Art", "pop_art"),
            Style("Pop Art Sunset", "pop_art", 30),
            Style("Noir Detective", "noir"),
            Style("Sepia Western", "vintage"),
            Style("Watercolour Sketchbook", "watercolor"),
            Style("Gallery Oil", "oil_painting"),
            Style("Pencil Study", "pencil_sketch"),
            Style("Neon City", "neon_edges"),
            Style("Arcade Hero", "pixel_art"),
            Style("Duotone Poster", "duotone"),
            Style("Heat Vision", "thermal"),
            Style("VHS Glitch", "glitch"),
            Style("Charcoal Portrait", "charcoal"),
        )
    )
)


@dataclass(frozen=True, slots=True)
class Workflow:
    name: str
    look: str
    category: str


WORKFLOWS: dict[int, Workflow] = {
    1: Workflow("Film Noir Star", "noir", "cinema"),
    2: Workflow("Comic Book Hero", "comic_ink", "comic"),
    3: Workflow("Watercolour Portrait", "watercolor", "painting"),
    4: Workflow("Neon Nights", "neon_edges", "party"),
    5: Workflow("Old Master Oil", "oil_painting", "painting"),
    6: Workflow("Retro Arcade", "pixel_art", "games"),
    7: Workflow("Vintage Postcard", "vintage", "retro"),
    8: Workflow("Pop Art Poster", "pop_art", "graphic"),
}
DEFAULT_LOOK = "cartoon"

# Words a guest or operator might type, mapped to the look they most likely mean.
PROMPT_WORDS: dict[str, str] = {
    "noir": "noir", "detective": "noir", "black": "noir", "monochrome": "noir",
    "comic": "comic_ink", "superhero": "comic_ink", "hero": "comic_ink", "manga": "comic_ink", "ink": "comic_ink",
    "watercolor": "watercolor", "watercolour": "watercolor", "aquarelle": "watercolor",
    "neon": "neon_edges", "cyberpunk": "neon_edges", "synthwave": "neon_edges", "glow": "neon_edges",
    "oil": "oil_painting", "painting": "oil_painting", "renaissance": "oil_painting", "baroque": "oil_painting",
    "pencil": "pencil_sketch", "sketch": "pencil_sketch", "drawing": "pencil_sketch",
    "charcoal": "charcoal",
    "pixel": "pixel_art", "8-bit": "pixel_art", "8bit": "pixel_art", "arcade": "pixel_art", "retro": "pixel_art",
    "vintage": "vintage", "sepia": "vintage", "old": "vintage", "western": "vintage", "1920s": "vintage",
    "pop": "pop_art", "popart": "pop_art", "halftone": "pop_art",
    "warhol": "warhol",
    "cartoon": "cartoon", "animated": "cartoon", "disney": "cartoon", "pixar": "cartoon",
    "duotone": "duotone", "poster": "duotone",
    "thermal": "thermal", "heat": "thermal", "infrared": "thermal",
    "glitch": "glitch", "vhs": "glitch", "vaporwave": "glitch",
}


def for_filter(filter_id: int | str) -> Look:
    """The look behind a catalog id; a custom filter UUID maps to a stable look of its own."""
    if isinstance(filter_id, str) and not filter_id.isdigit():
        digest = zlib.crc32(uuid.UUID(filter_id).bytes)
        return _LOOKS[digest % len(_LOOKS)]
    return FILTERS[int(filter_id)]


def for_style(style_id: int | None) -> Style:
    return STYLES[style_id or 0]


def apply_style(img: Image, style_id: int | None) -> Image:
    """A pose/comic style: its base look, then its colour shift."""
    style = for_style(style_id)
    return shift_hue(LOOKS[style.look](img), style.hue_shift)


def for_prompt(positive: str, negative: str = "", fallback: str = DEFAULT_LOOK) -> Look:
    """The first look the positive prompt asks for that the negative prompt does not rule out."""
    banned = {PROMPT_WORDS[w] for w in _words(negative) if w in PROMPT_WORDS}
    for word in _words(positive):
        key = PROMPT_WORDS.get(word)
        if key and key not in banned:
            return LOOKS[key]
    return LOOKS[fallback]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9][a-z0-9-]*", text.lower())
