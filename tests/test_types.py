"""mypy over the package, with pyproject's settings (strict on the model, the store, the runner
and the specs): 0 errors."""

from __future__ import annotations

import os
from pathlib import Path

from mypy import api

ROOT = Path(__file__).parent.parent


def test_mypy_finds_no_error(tmp_path: Path) -> None:
    cwd = os.getcwd()
    os.chdir(ROOT)  # pyproject's [tool.mypy]
    try:
        out, err, status = api.run(["--cache-dir", str(tmp_path / "cache")])
    finally:
        os.chdir(cwd)
    assert status == 0, out + err
    assert "Success: no issues found" in out
