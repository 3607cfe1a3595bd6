"""The tests as a maintainer finds them: what tests share is in `tests/helpers/`, never in
another test module or in a conftest.py (fixtures and hooks only), and every folder of tests
is a package, so two test files of one name in two folders never clash."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers.program import TESTS


def python_files() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if "node_modules" not in p.parts)


def module_name(path: Path) -> str:
    return ".".join(("tests", *path.relative_to(TESTS).with_suffix("").parts))


def imported(source: str, module: str) -> list[tuple[int, str]]:
    """Every module that `source` (the module named `module`) imports, as an absolute name,
    with its line; imports inside functions too."""
    package = module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            # `from . import test_x`: the names may be modules too
            found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
    return found


def is_test_module(name: str) -> bool:
    last = name.rsplit(".", 1)[-1]
    return name.startswith("tests.") and (last.startswith("test_") or last == "conftest")


def test_no_test_module_imports_another_test_module_or_a_conftest() -> None:
    wrong = [
        f"{path.relative_to(TESTS.parent)}:{line}: {name}"
        for path in python_files()
        for line, name in imported(path.read_text(encoding="utf-8"), module_name(path))
        if is_test_module(name)
    ]
    assert wrong == [], "import it from tests/helpers/ instead:\n" + "\n".join(wrong)


def test_the_check_finds_such_an_import() -> None:
    source = """
from .test_export import chromium
from ..conftest import NOW
from tests.helpers.program import FIXTURES


def later():
    from tests.wizard import test_wizard
"""
    names = [name for _line, name in imported(source, "tests.reports.test_print")]
    assert [n for n in names if is_test_module(n)] == [
        "tests.reports.test_export",
        "tests.conftest",
        "tests.wizard.test_wizard",
    ]
    assert "tests.helpers.program" in names


def test_every_folder_of_tests_is_a_package() -> None:
    folders = {p.parent for p in python_files()}
    assert sorted(str(f) for f in folders if not (f / "__init__.py").exists()) == []
