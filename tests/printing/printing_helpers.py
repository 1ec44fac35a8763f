"""Helpers for printing tests: colour-blocked pictures and reading the PDFs cups-pdf writes."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

from PIL import Image

QUEUE = os.environ.get("BOOTH_PDF_QUEUE", "booth-pdf")
PDF_DIR = Path(os.environ.get("BOOTH_PDF_DIR", "/var/spool/cups-pdf/booth"))

RED, GREEN, BLUE, YELLOW = (230, 20, 20), (20, 200, 40), (20, 40, 230), (240, 220, 20)


def blocks(width: int, height: int) -> Image.Image:
    """Four quadrants: red top-left, green top-right, blue bottom-left, yellow bottom-right."""
    image = Image.new("RGB", (width, height), RED)
    image.paste(GREEN, (width // 2, 0, width, height // 2))
    image.paste(BLUE, (0, height // 2, width // 2, height))
    image.paste(YELLOW, (width // 2, height // 2, width, height))
    return image


def close_to(pixel: tuple[int, ...], colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    return all(abs(int(a) - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


def cups_tool(*command: str) -> None:
    subprocess.run(list(command), check=True, capture_output=True, timeout=10)


def pdfs_for(title: str) -> list[Path]:
    """PDFs cups-pdf wrote for jobs called `title` (it names files '<title>...-job_<id>.pdf')."""
    return sorted(PDF_DIR.glob(f"{title}*.pdf"))


def wait_pdf(cups_job_id: int, timeout_s: float = 30.0) -> Path:
    """The finished PDF of one CUPS job (cups-pdf writes it with ghostscript, so wait until it parses)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = list(PDF_DIR.glob(f"*-job_{cups_job_id}.pdf"))
        if found:
            probe = subprocess.run(["pdfinfo", str(found[0])], capture_output=True, text=True, check=False)
            if probe.returncode == 0:
                return found[0]
        time.sleep(0.2)
    raise AssertionError(f"no PDF for CUPS job {cups_job_id} in {PDF_DIR} after {timeout_s} s")


def page_size_pt(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    line = next(row for row in info.splitlines() if row.startswith("Page size:"))
    width, _, height = line.split(":", 1)[1].split()[:3]
    return float(width), float(height)


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(row for row in info.splitlines() if row.startswith("Pages:")).split()[1])


def render(pdf: Path, dpi: int = 36) -> Image.Image:
    """The PDF's first page as pixels, the way a person would see the print."""
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "page"
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", "1", "-l", "1", str(pdf), str(target)],
            check=True,
            capture_output=True,
        )
        image = Image.open(target.with_suffix(".png")).convert("RGB")
        image.load()
    return image
