"""An import-linter contract type for forbidding one submodule of an external package.

import-linter only sees an external package as one node (`PySide6`), so its own `forbidden` contract
cannot tell QtCore (allowed everywhere: signals, threads) from QtWidgets (only the UI may use it). This
contract reads the import lines recorded on the edges to that node instead. Only lint-imports loads it.
"""

from __future__ import annotations

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
        for source in self.source_modules:  # type: ignore[attr-defined]
            modules = {str(source)} | graph.find_descendants(str(source))
            for module in sorted(modules):
                for imported in graph.find_modules_directly_imported_by(module):
                    root = imported.split(".")[0]
                    if not any(name.split(".")[0] == root for name in forbidden):
                        continue
                    for detail in graph.get_import_details(importer=module, imported=imported):
                        line = detail["line_contents"]
                        if any(_names(line, name) for name in forbidden):
                            violations.append(f"{module}:{detail['line_number']}: {line}")
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for line in check.metadata["violations"]:
            output.print_error(line)


def _names(line: str, dotted: str) -> bool:
    package, _, sub = dotted.rpartition(".")
    compact = " ".join(line.replace(",", " , ").split())
    return dotted in compact or (f"from {package} import" in compact and f" {sub}" in compact)
