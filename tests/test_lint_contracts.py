"""The "only booth.ui uses QtWidgets" contract fails on a module that imports it, however it is written.

A contract that cannot fail guards nothing: before, `from PySide6 import (QtCore,\\n QtWidgets)` passed,
because grimp records only the statement's first line. Each test writes a small package to tmp_path,
builds its import graph with grimp as lint-imports does, and runs the contract on it.
"""

from __future__ import annotations

from pathlib import Path

import grimp
import pytest

from booth._lint_contracts import ForbiddenSubmoduleContract

QTCORE_ONLY = "from PySide6.QtCore import QObject, Signal\nfrom PySide6 import QtCore\n"
BAD_IMPORTS = {
    "wrapped": "from PySide6 import (QtCore,\n QtWidgets)\n",
    "one_per_line": "from PySide6 import (\n    QtCore,\n    QtWidgets,\n)\n",
    "in_a_function": "def show():\n    from PySide6.QtWidgets import QLabel\n    return QLabel\n",
    "dotted": "import PySide6.QtWidgets as widgets\n",
}


def _check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, body: str) -> list[str]:
    package = f"lintcase_{name}"
    (tmp_path / package).mkdir()
    (tmp_path / package / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / package / "fine.py").write_text(QTCORE_ONLY, encoding="utf-8")
    (tmp_path / package / "module.py").write_text(body, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph(package, include_external_packages=True, cache_dir=None)
    contract = ForbiddenSubmoduleContract(
        name="Only the UI uses QtWidgets",
        session_options={"root_packages": [package]},
        contract_options={"source_modules": [package], "forbidden_submodules": ["PySide6.QtWidgets"]},
    )
    check = contract.check(graph, verbose=False)
    violations: list[str] = check.metadata["violations"]
    assert check.kept == (not violations)
    return violations


@pytest.mark.parametrize("name", sorted(BAD_IMPORTS))
def test_a_module_importing_qtwidgets_breaks_the_contract(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    violations = _check(tmp_path, monkeypatch, name, BAD_IMPORTS[name])
    assert len(violations) == 1 and violations[0].startswith(f"lintcase_{name}.module:"), violations


def test_qtcore_alone_keeps_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _check(tmp_path, monkeypatch, "clean", "from PySide6 import QtGui\n") == []
