"""An install IT approves: a version to ask for, a licence, true lower bounds, an offline
install from a wheelhouse. The installs themselves are slow (a fresh venv each, from the
registry): CI runs them (marked slow)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from samarbejde.base.version import VERSION
from tests.helpers.install import (
    build_wheel,
    installed_versions,
    lower_bounds,
    make_venv,
    pip,
    smoke,
)
from tests.helpers.program import ROOT, run_program


def test_version_is_printed_and_single_sourced() -> None:
    done = run_program("--version")
    assert done.returncode == 0 and done.stdout == f"samarbejde {VERSION}\n"
    with (ROOT / "pyproject.toml").open("rb") as fh:
        project = tomllib.load(fh)["project"]
    assert "version" in project["dynamic"] and "version" not in project


def test_licence_and_metadata_are_in_the_wheel(tmp_path: Path) -> None:
    wheel = zipfile.ZipFile(build_wheel(tmp_path))
    names = wheel.namelist()
    assert any(n.endswith("licenses/LICENSE") for n in names)
    metadata = wheel.read(next(n for n in names if n.endswith("METADATA"))).decode()
    for field in ("Version: " + VERSION, "License-Expression: MIT", "Author: ", "Classifier: "):
        assert field in metadata
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")


@pytest.mark.slow
def test_every_dependency_at_its_lower_bound_runs(tmp_path: Path) -> None:
    bounds = lower_bounds()
    constraints = tmp_path / "lowest.txt"
    constraints.write_text("".join(f"{name}=={low}\n" for name, low in bounds.items()))
    scripts = make_venv(tmp_path / "venv")
    done = pip(scripts, "install", "-q", "-c", str(constraints), str(ROOT))
    assert done.returncode == 0, done.stderr[-3000:]
    versions = installed_versions(scripts)
    for name, low in bounds.items():  # really the lowest, not something newer
        assert versions[name.lower().replace("_", "-")].startswith(low), (name, versions)
    smoke(scripts, tmp_path / "home")


@pytest.mark.slow
@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("unshare") is None,
    reason="an install without a network needs `unshare -n`, which needs root (CI is root)",
)
def test_offline_install_from_a_wheelhouse(tmp_path: Path) -> None:
    house = tmp_path / "wheelhouse"
    built = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "wheelhouse.py"), str(house)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    scripts = make_venv(tmp_path / "venv")
    # no network at all (a new network namespace), no index: only the folder
    done = pip(
        scripts,
        "install",
        "-q",
        "--no-index",
        "--find-links",
        str(house),
        "samarbejde",
        offline=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    smoke(scripts, tmp_path / "home")
