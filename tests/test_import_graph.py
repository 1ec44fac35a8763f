"""No file-level import circle anywhere in booth/, counting imports inside functions and under TYPE_CHECKING.

import-linter's layers see packages, not files, and skip what a function imports late; a circle between
two modules (app <-> cli, queue <-> sender) hides there and makes both hard to change or test alone. This
reads every `import` statement from the source with `ast`, wherever it stands, and fails on any cycle,
printing it. A second test proves the detector finds one in a small package written to tmp_path.
"""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterator
from pathlib import Path

import booth

ROOT = Path(booth.__file__).resolve().parent

Graph = dict[str, set[str]]


def module_files(package_dir: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file under `package_dir` (a package's __init__ is the package)."""
    base = package_dir.parent
    modules: dict[str, Path] = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(base).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _imported_names(node: ast.AST, module: str, is_package: bool) -> Iterator[tuple[str, list[str]]]:
    """(target module, names taken from it) for one import statement; relative imports resolved."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name, []
    elif isinstance(node, ast.ImportFrom):
        target = node.module or ""
        if node.level:
            anchor = module.split(".")
            anchor = anchor if is_package else anchor[:-1]
            anchor = anchor[: len(anchor) - (node.level - 1)]
            target = ".".join([*anchor, target]) if target else ".".join(anchor)
        yield target, [alias.name for alias in node.names]


def _known(name: str, modules: dict[str, Path]) -> str | None:
    """The most specific module of ours that `name` names (`a.b.C` -> `a.b` when C is a class)."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def import_graph(package_dir: Path) -> Graph:
    """Every import edge between the package's own modules, from every import statement in each file."""
    modules = module_files(package_dir)
    graph: Graph = {name: set() for name in modules}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            for target, names in _imported_names(node, module, is_package):
                # `from pkg import sub` imports the module pkg.sub; `from pkg import name` imports pkg.
                found = {_known(f"{target}.{name}", modules) for name in names} or {_known(target, modules)}
                graph[module] |= {edge for edge in found if edge is not None and edge != module}
    return graph


def _components(graph: Graph) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            step = next(edges, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(graph[step]))))
                elif step in on_stack:
                    low[node] = min(low[node], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _shortest_cycle(graph: Graph, start: str, within: set[str]) -> list[str]:
    """The shortest path from `start` back to itself inside one component, for a readable message."""
    came_from: dict[str, str] = {}
    todo = deque([start])
    while todo:
        node = todo.popleft()
        for nxt in sorted(graph[node] & within):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start]
            if nxt not in came_from:
                came_from[nxt] = node
                todo.append(nxt)
    return [start]


def find_cycles(graph: Graph) -> list[list[str]]:
    """One concrete cycle (a -> b -> ... -> a) per tangle of modules that import each other."""
    return [_shortest_cycle(graph, component[0], set(component)) for component in _components(graph)]


def describe(graph: Graph) -> str:
    """Each tangle: its modules, and one cycle through them to start untangling from."""
    return "\n".join(
        f"  {', '.join(component)}\n    e.g. {' -> '.join(_shortest_cycle(graph, component[0], set(component)))}"
        for component in _components(graph)
    )


def test_booth_has_no_import_cycle() -> None:
    tangles = describe(import_graph(ROOT))
    assert not tangles, "modules that import each other (in a circle):\n" + tangles


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


def test_the_detector_finds_a_cycle_hidden_in_a_function_and_under_type_checking(tmp_path: Path) -> None:
    package = _write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "from pkg.b import thing\n",
        "pkg/b.py": "def later():\n    from . import c\n",
        "pkg/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pkg.a\n",
        "pkg/d.py": "import os\nfrom pkg import a\n",  # imports into the circle, is not part of it
    })
    assert find_cycles(import_graph(package)) == [["pkg.a", "pkg.b", "pkg.c", "pkg.a"]]


def test_the_detector_passes_a_one_way_package(tmp_path: Path) -> None:
    package = _write(tmp_path, {
        "pkg/__init__.py": "from pkg.errors import Oops\n",
        "pkg/errors.py": "class Oops(Exception):\n    pass\n",
        "pkg/sub/__init__.py": "",
        "pkg/sub/x.py": "from ..errors import Oops\nfrom pkg.sub import y\n",
        "pkg/sub/y.py": "import pkg.errors\n",
    })
    graph = import_graph(package)
    assert graph["pkg.sub.x"] == {"pkg.errors", "pkg.sub.y"}
    assert find_cycles(graph) == []
