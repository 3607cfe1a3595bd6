"""The package as installed: the content ships inside the wheel and is found from anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.helpers.install import build_wheel


def test_wheel_contains_the_content(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    assert "samarbejde/content/guide.da.yaml" in names
    for template in ("report.md.j2", "report.html.j2", "report.css"):
        assert f"samarbejde/content/templates/{template}" in names
    assert "samarbejde/cli/app.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "samarbejde = samarbejde:run" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_guide_runs_from_another_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "samarbejde", "guide"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SAMARBEJDE_HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert "Tjekliste til godt samarbejde" in result.stdout
