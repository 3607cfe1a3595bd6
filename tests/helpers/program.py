"""The program as the tests run it: the pinned clock, the test data, the program in-process
(`quiet_env`, as the `cli` fixture runs it) and in a child process (`run_program`)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from samarbejde.base.terminal import make_console
from samarbejde.runner.env import Env

TESTS = Path(__file__).resolve().parent.parent  # tests/
ROOT = TESTS.parent  # the checkout
FIXTURES = TESTS / "fixtures"
# A small guide for the tests that are not about the shipped guide's wording: the steps the
# program requires, a plain step, and few questions (`--content TEST_GUIDE`).
TEST_GUIDE = FIXTURES / "test_guide.yaml"

TZ = dt.timezone(dt.timedelta(hours=1))
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=TZ)  # every in-process test runs at this moment


class Result:
    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code, self.stdout, self.stderr = code, stdout, stderr


def quiet_env(home: Path, width: int = 80) -> Env:
    """The outside world of an in-process run: text consoles, no terminal, a pinned clock."""
    out, err = io.StringIO(), io.StringIO()
    return Env(
        console=make_console(file=out, width=width, color_system=None),
        err=make_console(file=err, width=width, color_system=None),
        stdout=out,
        home=home,
        now=lambda: NOW,
        stdin_isatty=lambda: False,
    )


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


@contextlib.contextmanager
def held_elsewhere(session: Path) -> Iterator[None]:
    """The session's lock held by another process (a wizard open in another window) while
    the block runs; let go after it."""
    code = (
        "import sys, time, datetime as dt; from pathlib import Path;"
        "from samarbejde.sessions.lock import SessionLock;"
        "lock = SessionLock(Path(sys.argv[1]), dt.datetime.now); lock.acquire();"
        "print('held', flush=True); time.sleep(30)"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(session)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.kill()
        holder.wait()
