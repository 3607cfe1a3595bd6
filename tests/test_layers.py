"""The house as the README draws it: one way down, no circles, and every question asked by
the one runner."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
from importlinter.cli import lint_imports

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "samarbejde"


def test_the_layers_contract_is_kept(monkeypatch) -> None:
    """pyproject's import-linter contract: each module imports only from layers below it,
    counting imports inside functions and under TYPE_CHECKING."""
    monkeypatch.chdir(ROOT)
    assert lint_imports(no_cache=True, no_logo=True) == 0


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The import circles among the package's modules (Tarjan's strongly connected parts)."""
    modules = sorted(graph.modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m) & set(modules)) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in edges[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            part = []
            while True:
                top = stack.pop()
                part.append(top)
                if top == module:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for module in modules:
        if module not in index:
            visit(module)
    return found


def test_no_import_circle() -> None:
    graph = grimp.build_graph("samarbejde", exclude_type_checking_imports=False)
    assert _cycles(graph) == []
    # and the check can see one: a circle added by hand is found
    graph.add_import(importer="samarbejde.ids", imported="samarbejde.cli")
    assert _cycles(graph)


def test_only_the_prompts_module_imports_the_prompt_library() -> None:
    """Questions reach the terminal through `prompts.py` alone (which `list`, `summary` and
    `--help` never import)."""
    callers = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", "") or ""]
                if any(n.startswith(("questionary", "prompt_toolkit")) for n in names):
                    callers.append(path.relative_to(PACKAGE).as_posix())
    assert sorted(set(callers)) == ["prompts.py"]


def test_the_readme_names_every_module() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in sorted(PACKAGE.glob("*.py")):
        if path.name in ("__init__.py", "__main__.py"):
            continue
        assert f"`samarbejde/{path.name}`" in readme, path.name
