from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samarbejde.cli import app
from samarbejde.content import Guide, load_guide
from samarbejde.session import Store

FIXTURES = Path(__file__).parent / "fixtures"
TZ = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture
def guide() -> Guide:
    return load_guide()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh SAMARBEJDE_HOME for the test, with a sessions folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("SAMARBEJDE_HOME", str(home))
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "40")
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def store(home: Path) -> Store:
    return Store(home, lambda: dt.datetime(2026, 11, 27, 10, 0, tzinfo=TZ))


@pytest.fixture
def nordby(home: Path) -> Path:
    """The version-1 fixture session, copied into the sessions folder."""
    folder = home / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "faellesspisning-i-nordby.yaml"
    shutil.copy(FIXTURES / "session_v1.yaml", path)
    return path


class Result:
    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code, self.stdout, self.stderr = code, stdout, stderr


@pytest.fixture
def cli(home: Path):
    """Run the Typer app in-process; returns exit code, stdout and stderr."""

    def run(*args: str, input: str | None = None) -> Result:
        result = CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return run


def run_program(*args: str, env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess:
    """Run the real program in a child process, as a user's shell would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "samarbejde", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
        **kw,
    )
