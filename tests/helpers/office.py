"""LibreOffice headless: a Word file to PDF, a CSV or spreadsheet opened in Calc."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(
    SOFFICE is None, reason="no LibreOffice here (.ci/run installs Debian's -nogui packages)"
)


def office(tmp_path: Path, source: Path, to: str, *options: str) -> Path:
    """`source` converted by LibreOffice headless; its own profile, so tests run side by side."""
    assert SOFFICE is not None
    out = tmp_path / "office"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            *options,
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    return out / (source.stem + "." + to.split(":")[0])
