"""How long composing a print takes at printer resolution, against a 2000 ms bound per page.

A guest waits at the booth for their print; a dye-sub printer needs about 10 s per 4x6, so composing must
stay well under that on modest hardware (it runs on the print worker thread, never the GUI thread).
Composes a 4K photo onto every paper at 300 dpi with an overlay frame, event text and a QR code.
Prints one JSON line: `papers` (median ms per paper), `max_ms`, `bound_ms`, `all_under_bound`.

    .venv/bin/python benchmarks/print_compose.py [--runs N]
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import tempfile
import time
from pathlib import Path

from PIL import Image

from booth.printing.layout import compose
from booth.settings import EventSettings, LayoutSettings

BOUND_MS = 2000
PAPERS = ["4x6", "2x6", "A6", "A5", "A4"]


def _photo() -> bytes:
    image = Image.radial_gradient("L").resize((3840, 2160)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _frame(folder: Path) -> Path:
    frame = Image.new("RGBA", (1200, 1800), (40, 20, 80, 255))
    frame.paste((0, 0, 0, 0), (80, 80, 1120, 1500))
    path = folder / "frame.png"
    frame.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    photo = _photo()
    event = EventSettings(name="Benchmark")
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        frame = _frame(Path(scratch))
        for name in PAPERS:
            layout = LayoutSettings(paper=name, dpi=300, overlay=frame, text="Benchmark · {date}", qr=True)
            compose(photo, layout, event, "http://192.168.1.2:8765/s/x")  # warm-up: fonts, frame cache
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                compose(photo, layout, event, "http://192.168.1.2:8765/s/x")
                times.append((time.perf_counter() - start) * 1000)
            results[name] = round(statistics.median(times), 1)
    worst = max(results.values())
    print(
        json.dumps(
            {
                "benchmark": "print_compose",
                "papers": results,
                "max_ms": worst,
                "bound_ms": BOUND_MS,
                "all_under_bound": worst < BOUND_MS,
            }
        )
    )


if __name__ == "__main__":
    main()
