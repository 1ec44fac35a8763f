"""Printing fixtures: colour-blocked test pictures and the real CUPS PDF queue packaging/cups-setup.sh makes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from printing_helpers import QUEUE, blocks, cups_tool

from booth.printing.ipp import IppClient, IppError


@pytest.fixture
def picture(tmp_path: Path) -> Callable[..., Path]:
    """Writes a colour-blocked PNG of the given size and returns its path."""

    def make(width: int = 600, height: int = 900) -> Path:
        path = tmp_path / f"blocks-{width}x{height}.png"
        blocks(width, height).save(path)
        return path

    return make


@pytest.fixture
def pdf_queue() -> Iterator[str]:
    """The cups-pdf queue, enabled and accepting before and after the test (tests pause it).

    Skips only when no CUPS server answers at all; a CUPS without the queue is a failed setup.
    """
    try:
        attrs = IppClient().printer(QUEUE, ["printer-state"])
    except IppError as exc:
        pytest.skip(f"no CUPS server answers ({exc}); run: sudo bash packaging/cups-setup.sh")
    if attrs is None:
        pytest.fail(f"CUPS runs but has no '{QUEUE}' queue; run: sudo bash packaging/cups-setup.sh")
    cups_tool("cupsenable", QUEUE)
    cups_tool("cupsaccept", QUEUE)
    try:
        yield QUEUE
    finally:
        cups_tool("cupsenable", QUEUE)
        cups_tool("cupsaccept", QUEUE)
