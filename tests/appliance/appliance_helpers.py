"""Helpers for the appliance tests: a bare environment for the bundle, a screenshot of an X screen."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
shot = app.primaryScreen().grabWindow(0)
image = shot.toImage()
assert shot.save(sys.argv[1]), "could not save"
colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
print(len(colours))
"""

def bare_env(home: Path, **extra: str) -> dict[str, str]:
    """No venv, no PYTHONPATH, no source tree: what a machine without Python gives the program."""
    home.mkdir(parents=True, exist_ok=True)
    config = home / "booth.toml"
    config.write_text(f'[event]\nname = "Bundle"\ndir = "{home / "event"}"\n', encoding="utf-8")
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "BOOTH_CONFIG": str(config),
           "BOOTH_PIN": "2580", "BOOTH_LOG_DIR": str(home / "logs")}
    return {**env, **extra}


def assert_attract(shot: Path, *, full: bool = False) -> None:
    """The attract screen: the theme's dark background in the corner, a picture's worth of colours, and
    (`full`) the booth's background reaching the screen's far corner: no desktop, no black border."""
    from PIL import Image

    image = Image.open(shot).convert("RGB")
    small = image.resize((320, 180))
    colours = {small.getpixel((x, y)) for x in range(320) for y in range(180)}
    assert len(colours) > 200, f"{shot}: {len(colours)} colours, the screen is nearly empty"
    corners = [image.getpixel((10, 10))] + ([image.getpixel((image.width - 10, image.height - 10))] if full else [])
    for red, green, blue in corners:
        assert blue > red and max(red, green, blue) < 110, f"{shot}: corner {red, green, blue} is not the theme"
