"""An import-linter contract type for forbidding one submodule of an external package.

import-linter only sees an external package as one node (`PySide6`), so its own `forbidden` contract
cannot tell QtCore (allowed everywhere: signals, threads) from QtWidgets (only the UI may use it). This
contract goes back to each import statement on the edges to that node instead. grimp records only the
first line of a statement, which for `from PySide6 import (QtCore,\\n QtWidgets)` does not name QtWidgets,
so the statement is read again from the source with `ast`. Only lint-imports loads it.
"""

from __future__ import annotations

import ast
import importlib.util
from functools import cache
from pathlib import Path

from grimp import ImportGraph
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


class ForbiddenSubmoduleContract(Contract):
    """Source packages must not import `forbidden_submodules` (dotted names inside an external package)."""

    type_name = "forbidden_submodule"

    source_modules = fields.ListField(subfield=fields.StringField())
    forbidden_submodules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        violations: list[str] = []
        forbidden = [str(name) for name in self.forbidden_submodules]  # type: ignore[attr-defined]
        roots = {name.split(".")[0] for name in forbidden}
        for source in self.source_modules:  # type: ignore[attr-defined]
            modules = {str(source)} | graph.find_descendants(str(source))
            for module in sorted(modules):
                for imported in graph.find_modules_directly_imported_by(module):
                    if imported.split(".")[0] not in roots:
                        continue
                    for detail in graph.get_import_details(importer=module, imported=imported):
                        line_number = int(detail["line_number"])
                        names = _imported_at(_source_file(module), line_number)
                        if any(_names(name, dotted) for name in names for dotted in forbidden):
                            violations.append(f"{module}:{line_number}: {detail['line_contents']}")
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for line in check.metadata["violations"]:
            output.print_error(line)


def _source_file(module: str) -> Path:
    """The file of `module`, found from its top package without importing anything below it."""
    root, *rest = module.split(".")
    spec = importlib.util.find_spec(root)
    if spec is None or spec.origin is None:
        raise ValueError(f"cannot find the package {root!r} on sys.path")
    base = Path(spec.origin).parent.joinpath(*rest)
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


@cache
def _statements(path: Path) -> dict[int, list[str]]:
    """Line number -> the dotted names each import statement starting there brings in (`pkg.sub` for
    `from pkg import sub`, `pkg.sub.Name` for `from pkg.sub import Name`)."""
    by_line: dict[int, list[str]] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            by_line.setdefault(node.lineno, []).extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            by_line.setdefault(node.lineno, []).extend(f"{node.module}.{alias.name}" for alias in node.names)
    return by_line


def _imported_at(path: Path, line_number: int) -> list[str]:
    return _statements(path).get(line_number, [])


def _names(name: str, dotted: str) -> bool:
    """Whether the imported `name` is `dotted` or lies inside it."""
    return name == dotted or name.startswith(f"{dotted}.")
