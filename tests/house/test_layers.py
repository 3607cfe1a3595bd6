"""The house as the README draws it: one way down, no circles, and every question asked by
the one runner."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest
from importlinter.cli import lint_imports

from tests.helpers.program import ROOT

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
    graph.add_import(importer="samarbejde.base.ids", imported="samarbejde.cli.app")
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
    assert sorted(set(callers)) == ["runner/prompts.py"]


def test_the_package_is_only_layer_packages() -> None:
    """The tree is the architecture: at the top only start-up, every module in a layer."""
    assert sorted(p.name for p in PACKAGE.glob("*.py")) == ["__init__.py", "__main__.py"]
    layers = _layers()
    folders = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert sorted(layers) == folders
    assert len(layers) <= 10


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    assert contract["containers"] == ["samarbejde"] and contract["exhaustive"] is True
    return list(contract["layers"])


def test_the_architecture_names_every_module() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "__main__.py" or path.parent == PACKAGE:
            continue
        name = path.relative_to(PACKAGE).as_posix()
        if path.name == "__init__.py":  # a layer's docstring; the diagram names the layer
            assert f"\n{path.parent.name} " in text or f"`{name}`" in text, name
            continue
        assert f"`{name}`" in text, name


def _lint_copy(tmp_path: Path, module: str, source: str) -> subprocess.CompletedProcess[str]:
    """lint-imports over a copy of the package with one module added where `module` says."""
    shutil.copytree(PACKAGE, tmp_path / "samarbejde", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "samarbejde" / module
    target.write_text(source, encoding="utf-8")
    code = (
        "from importlinter.cli import lint_imports; raise SystemExit(lint_imports(no_cache=True))"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    ("module", "source"),
    [
        # a new module in the lowest layer that imports the highest: upward, refused
        ("base/newly_added.py", "from samarbejde.cli import app\n"),
        # the same import made inside a function, to dodge the order, is still upward
        ("sessions/newly_added.py", "def later():\n    from samarbejde.flows import wizard\n"),
        # a module left at the top of the package is in no layer: refused
        ("newly_added.py", "X = 1\n"),
    ],
)
def test_a_new_module_is_checked_by_where_it_is_saved(
    tmp_path: Path, module: str, source: str
) -> None:
    result = _lint_copy(tmp_path, module, source)
    assert result.returncode != 0, result.stdout
    assert "BROKEN" in result.stdout.upper() or "not listed" in result.stdout


def test_a_new_module_importing_downward_passes(tmp_path: Path) -> None:
    """The check above fails for the right reason: the same copy with a downward import is
    kept."""
    result = _lint_copy(tmp_path, "flows/newly_added.py", "from samarbejde.base import ids\n")
    assert result.returncode == 0, result.stdout
