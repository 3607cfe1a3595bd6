"""Fixtures and pytest hooks only; what tests share besides fixtures is in tests/helpers/."""

from __future__ import annotations

import compileall
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from samarbejde.cli.app import main
from samarbejde.guide.content import Guide, load_guide
from samarbejde.sessions.store import Store
from tests.helpers.fuzz import FULL
from tests.helpers.program import FIXTURES, NOW, ROOT, TEST_GUIDE, Result, quiet_env

REAL_FSYNC = os.fsync


def _no_wait_fsync(fd: int) -> None:
    os.fstat(fd)  # EBADF like fsync for a descriptor that is not open


@pytest.fixture(autouse=True, scope="session")
def cheap_fsync() -> Iterator[None]:
    """In the test process a save does not wait for the disk. `os.fsync` guards against a
    power cut, which no test makes, and waiting for it was most of an in-process wizard run's
    time (measured on a loaded machine: 4.8 s a run with it, 2.8 s without; CPU 1.2 and
    1.1 s). The stub still refuses a descriptor that is not open. Child processes (the
    pseudo-terminal tests, `run_program`) sync for real, and so does a test marked
    `real_fsync`: `test_session.py` checks that a save syncs the file and then its folder,
    and the crash test's forked savers write exactly as the program does."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", _no_wait_fsync)
        yield


@pytest.fixture(autouse=True)
def real_fsync_when_marked(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("real_fsync") is not None:
        monkeypatch.setattr(os, "fsync", REAL_FSYNC)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow", action="store_true", help="run the tests marked slow too (CI always does)"
    )


def full_run(config: pytest.Config) -> bool:
    return bool(config.getoption("--slow")) or in_ci() or "slow" in (config.option.markexpr or "")


def pytest_configure(config: pytest.Config) -> None:
    """The property tests read it when their module is imported (`helpers.fuzz.examples`);
    and the program's bytecode, written once before any test starts it."""
    if full_run(config):
        os.environ[FULL] = "1"
    if os.environ.get("PYTEST_XDIST_WORKER") is None:  # once, before the workers start
        compile_the_program()


def compile_the_program() -> None:
    """The program's modules compiled to bytecode once, as an install (pip, pipx) compiles
    them. Where PYTHONDONTWRITEBYTECODE is set (this machine sets it) no child process writes
    them, and each one compiled the whole package again on start-up: measured, a child's
    `list` took 0.60 s of CPU without them and 0.45 s with them (the CLI tests, 50 s of CPU
    before, 40 s after). Python still checks each file's date and size against its source,
    so a changed module is compiled anew."""
    compileall.compile_dir(ROOT / "samarbejde", quiet=2)  # a folder it cannot write: no matter


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `slow` (the long form of a test whose short form always runs) are left
    out of a local run, unless `--slow`, `-m slow` or CI=true asks for them."""
    if full_run(config):
        return
    slow = [item for item in items if item.get_closest_marker("slow") is not None]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if item.get_closest_marker("slow") is None]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """No test may be skipped in CI (CI=true): there a skip is a failure that says why."""
    outcome = yield
    report = outcome.get_result()
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        why = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where every test must run: {why}"


@pytest.fixture
def guide() -> Guide:
    return load_guide()


@pytest.fixture
def small_guide() -> Guide:
    """The small test guide (`helpers.program.TEST_GUIDE`), for tests not about the wording."""
    return load_guide(TEST_GUIDE)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh SAMARBEJDE_HOME for the test, with a sessions folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("SAMARBEJDE_HOME", str(home))
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "40")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("SAMARBEJDE_ENKEL", raising=False)  # the questions as lines: asked for
    return home


@pytest.fixture
def store(home: Path) -> Store:
    return Store(home, lambda: NOW)


@pytest.fixture
def nordby(home: Path) -> Path:
    """The version-1 fixture session, copied into the sessions folder."""
    folder = home / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "faellesspisning-i-nordby.yaml"
    shutil.copy(FIXTURES / "session_v1.yaml", path)
    return path


@pytest.fixture
def cli(home: Path):
    """Run the program in-process, as `main(argv, env)`; returns exit code, stdout, stderr."""

    def run(*args: str) -> Result:
        env = quiet_env(home)
        code = main(list(args), env)
        return Result(code, env.stdout.getvalue(), env.err.file.getvalue())  # type: ignore[attr-defined]

    return run
