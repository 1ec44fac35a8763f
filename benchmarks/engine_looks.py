"""How long each local-engine look and service takes on a 1024x1024 photo, against a 1000 ms bound.

Offline guests wait on the local engine, so every look must finish within a second on the booth's
modest hardware. Prints one JSON line: `looks` and `services` (median milliseconds of a few runs, the
service figure including the result's encoding), `max_ms`, `bound_ms`, `all_under_bound`.

    .venv/bin/python benchmarks/engine_looks.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable

from booth.api.services import SERVICES
from booth.engine import looks
from booth.engine.inputs import RunFields
from booth.engine.render import render
from booth.engine.sample import sample_photo

BOUND_MS = 1000
SIZE = 1024


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up: first calls load cascades and allocate
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def _fields(service: str) -> RunFields:
    return RunFields(
        service=service,
        image_ref="",
        image_field=SERVICES[service].image_field,
        filter_id=1 if service in ("filter", "two_persons") else None,
        workflow_id=1 if service == "selfprompt" else None,
        style_id=3 if service in ("pose", "comic") else None,
        positive_prompt="a watercolor portrait" if "selfprompt" in service else "",
        ratio="square" if SERVICES[service].uses("ratio") else None,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per look (median is reported)")
    args = parser.parse_args()
    photo = sample_photo(SIZE, SIZE)
    look_ms = {look.key: _median_ms(lambda look=look: look(photo), args.runs) for look in looks.FILTERS.values()}
    service_ms = {
        name: _median_ms(lambda name=name: render(_fields(name), photo), args.runs) for name in SERVICES
    }
    # The answer variants that change the work: GIF animations and WebP/PNG pictures.
    service_ms["animate_image:gif"] = _median_ms(lambda: render(_fields("animate_image"), photo, animation="gif"),
                                                 args.runs)
    service_ms["background_remove:webp"] = _median_ms(
        lambda: render(_fields("background_remove"), photo, image_format="webp"), args.runs
    )
    worst = max([*look_ms.values(), *service_ms.values()])
    print(
        json.dumps(
            {
                "benchmark": "engine_looks",
                "photo": f"{SIZE}x{SIZE}",
                "runs": args.runs,
                "looks": look_ms,
                "services": service_ms,
                "max_ms": worst,
                "bound_ms": BOUND_MS,
                "all_under_bound": worst < BOUND_MS,
            }
        )
    )


if __name__ == "__main__":
    main()
