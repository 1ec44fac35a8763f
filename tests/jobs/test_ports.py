"""The queue's parts talk through narrow doors: sender and poller see only booth.jobs.ports, never the queue or
each other, and booth.jobs builds no local engine itself (the wiring hands it a factory). Read from the source,
counting imports inside functions and under TYPE_CHECKING, so a new circle fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import booth.jobs

JOBS = Path(booth.jobs.__file__).resolve().parent


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, wherever the import statement stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_sender_and_poller_import_only_the_ports_of_the_queue() -> None:
    parts = {"booth.jobs.queue", "booth.jobs.sender", "booth.jobs.poller"}
    for name in ("sender", "poller", "ports", "fallback", "trouble", "deadlines"):
        others = parts - {f"booth.jobs.{name}"}
        assert not others & _imports(JOBS / f"{name}.py"), f"booth/jobs/{name}.py imports the queue or a sibling"
    assert "booth.jobs.ports" in _imports(JOBS / "sender.py") and "booth.jobs.ports" in _imports(JOBS / "poller.py")


def test_booth_jobs_imports_nothing_from_the_engine() -> None:
    for path in JOBS.glob("*.py"):
        assert not any(m == "booth.engine" or m.startswith("booth.engine.") for m in _imports(path)), path.name


def test_a_bad_import_would_be_caught(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from booth.jobs.queue import JobQueue\n"
                   "def f():\n    import booth.engine.server\n")  # fmt: skip
    assert {"booth.jobs.queue", "booth.engine.server"} <= _imports(bad)
