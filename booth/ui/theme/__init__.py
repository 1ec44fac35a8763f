"""The kiosk's look: one QSS file whose colours come from the event's branding.

Operators set three colours in [event]; everything else (pressed shades, soft text, translucent surfaces)
is derived here so a theme always hangs together whatever colours a couple picked.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from string import Template

from PySide6.QtGui import QColor

from booth.settings import EventSettings

QSS_PATH = Path(__file__).with_name("kiosk.qss")


def _rgba(color: QColor, alpha: float) -> str:
    return f"rgba({color.red()}, {color.green()}, {color.blue()}, {int(alpha * 255)})"


def _on(color: QColor) -> str:
    """Black or white, whichever reads better on `color`."""
    lum = 0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF()
    return "#1a1a1a" if lum > 0.6 else "#ffffff"


def _mix(a: QColor, b: QColor, t: float) -> str:
    """Opaque blend (t of `a` over `b`): borders drawn with alpha show dark dots where segments meet."""
    return QColor(
        round(a.red() * t + b.red() * (1 - t)),
        round(a.green() * t + b.green() * (1 - t)),
        round(a.blue() * t + b.blue() * (1 - t)),
    ).name()


def palette(event: EventSettings) -> dict[str, str]:
    bg = QColor(event.primary_color)
    accent = QColor(event.accent_color)
    text = QColor(event.text_color)
    return {
        "bg_top": bg.lighter(135).name(),
        "bg_bottom": bg.darker(125).name(),
        "accent": accent.name(),
        "accent_dark": accent.darker(130).name(),
        "accent_light": accent.lighter(125).name(),
        "on_accent": _on(accent),
        "text": text.name(),
        "text_soft": _rgba(text, 0.78),
        "text_faint": _rgba(text, 0.35),
        "surface": _rgba(text, 0.10),
        "surface_strong": _rgba(text, 0.18),
        "scrim": _rgba(QColor("#000000"), 0.72),
        "line": _mix(text, bg, 0.38),
        "surface_solid": _mix(text, bg, 0.12),
        # Opaque: the banner floats over headings, and text showing through it reads as a smudge.
        "banner": _mix(accent, bg.darker(125), 0.22),
    }


@lru_cache(maxsize=1)
def _template() -> Template:
    return Template(QSS_PATH.read_text(encoding="utf-8"))


def stylesheet(event: EventSettings) -> str:
    return _template().safe_substitute(palette(event))
